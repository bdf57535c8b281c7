import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { InstantColumn, JsonColumn } from '../core/database/columns';
import type { WhatIfChange } from './what-if.dto';

/**
 * A what-if kept under a name ("option A", "option B") to show a board again. It holds the
 * changes, not their answer: shown again, it is worked out afresh against the programme as it
 * is then, and marked stale when the programme has changed since it was saved.
 */
@Entity('what_if_scenario')
@Index(['programmeId', 'createdAt'])
export class WhatIfScenarioEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'programme_id', type: 'varchar', length: 36 })
  programmeId: string;

  @Column({ type: 'varchar', length: 120 })
  name: string;

  @JsonColumn()
  changes: WhatIfChange[];

  /** The programme's revision when the scenario was saved: a later revision makes it stale. */
  @Column({ name: 'programme_revision', type: 'integer' })
  programmeRevision: number;

  @Column({ name: 'created_by', type: 'varchar', length: 320 })
  createdBy: string;

  @InstantColumn({ name: 'created_at' })
  createdAt: Date;
}

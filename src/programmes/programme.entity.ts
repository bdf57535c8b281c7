import { Column, Entity, PrimaryColumn } from 'typeorm';
import { InstantColumn, JsonColumn } from '../core/database/columns';

@Entity('programme')
export class ProgrammeEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ name: 'workflow_id', type: 'varchar', length: 64 })
  workflowId: string;

  @Column({ name: 'workflow_version', type: 'integer' })
  workflowVersion: number;

  @Column({ name: 'xstate_version', type: 'varchar', length: 20 })
  xstateVersion: string;

  /** The persisted XState snapshot: the workflow's state is this and nothing else. */
  @JsonColumn()
  snapshot: unknown;

  @Column({ name: 'sro_name', type: 'varchar', length: 200 })
  sroName: string;

  @Column({ name: 'sro_email', type: 'varchar', length: 254 })
  sroEmail: string;

  /** Per-programme overrides of the reminder policy. */
  @JsonColumn({ name: 'reminder_policy', nullable: true })
  reminderPolicy: Record<string, unknown> | null;

  /** Ids of the councils the programme touches (`elections.councils`): which local polls matter to it. */
  @JsonColumn({ nullable: true })
  councils: string[] | null;

  /** A substantial variation of services (triggers the reg. 23 health scrutiny consultation); null: not said. */
  @Column({ name: 'substantial_variation', type: 'boolean', nullable: true })
  substantialVariation: boolean | null;

  /** The health scrutiny consultation (reg. 23): the committee and the dates given to it. */
  @JsonColumn({ nullable: true })
  scrutiny: { committee: string; proposedDecisionDate: string | null; commentsDueDate: string | null } | null;

  /** Bumped by every change; the audit and the concurrency tests read it. */
  @Column({ type: 'integer', default: 1 })
  revision: number;

  @InstantColumn({ name: 'created_at' })
  createdAt: Date;

  @InstantColumn({ name: 'updated_at' })
  updatedAt: Date;
}

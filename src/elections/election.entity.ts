import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { BusinessDateColumn, InstantColumn, JsonColumn } from '../core/database/columns';

/** A pre-election period entered by an admin: a general election, a by-election, anything the rule does not know. */
@Entity('election')
@Index('ix_election_period', ['periodStart', 'periodEnd'])
export class ElectionEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @BusinessDateColumn({ name: 'poll_date', nullable: false })
  pollDate: string;

  @BusinessDateColumn({ name: 'period_start', nullable: false })
  periodStart: string;

  @BusinessDateColumn({ name: 'period_end', nullable: false })
  periodEnd: string;

  @Column({ type: 'varchar', length: 16 })
  scope: 'national' | 'local';

  /** Council ids, for a local election limited to some councils. */
  @JsonColumn({ nullable: true })
  areas: string[] | null;

  @Column({ name: 'created_by', type: 'varchar', length: 254 })
  createdBy: string;

  @InstantColumn({ name: 'created_at' })
  createdAt: Date;
}

/** A council recorded by an admin as having no polls in a year: its May poll does not apply to programmes. */
@Entity('council_no_polls')
export class CouncilNoPollsEntity {
  @PrimaryColumn({ name: 'council_id', type: 'varchar', length: 64 })
  councilId: string;

  @PrimaryColumn({ type: 'integer' })
  year: number;

  @Column({ name: 'recorded_by', type: 'varchar', length: 254 })
  recordedBy: string;

  @InstantColumn({ name: 'recorded_at' })
  recordedAt: Date;
}

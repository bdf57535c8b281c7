import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { ProgrammeEntity } from '../programmes/programme.entity';
import { BusinessDateColumn, InstantColumn, JsonColumn } from '../core/database/columns';

/**
 * A risk or an issue on a programme's log, as it stands now. Its past (every change of score,
 * owner or status, with the reason and who made it) is in `risk_change`.
 */
@Entity('risk')
@Index('ix_risk_programme', ['programmeId', 'status'])
@Index('ix_risk_review', ['status', 'reviewOn'])
export class RiskEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @ForeignKey(() => ProgrammeEntity, { onDelete: 'CASCADE' })
  @Column({ name: 'programme_id', type: 'varchar', length: 36 })
  programmeId: string;

  /** `risk` or `issue`. */
  @Column({ type: 'varchar', length: 8 })
  kind: string;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ name: 'owner_name', type: 'varchar', length: 200 })
  ownerName: string;

  @Column({ name: 'owner_email', type: 'varchar', length: 254 })
  ownerEmail: string;

  @Column({ type: 'integer' })
  likelihood: number;

  @Column({ type: 'integer' })
  impact: number;

  @Column({ name: 'target_score', type: 'integer', nullable: true })
  targetScore: number | null;

  @Column({ type: 'text', nullable: true })
  mitigation: string | null;

  @BusinessDateColumn({ name: 'review_on' })
  reviewOn: string | null;

  /** Gate ids of the programme's workflow this risk bears on. */
  @JsonColumn({ name: 'gate_ids' })
  gateIds: string[];

  /** `open` or `closed`. */
  @Column({ type: 'varchar', length: 8 })
  status: string;

  @BusinessDateColumn({ name: 'closed_on' })
  closedOn: string | null;

  @Column({ type: 'integer', default: 1 })
  revision: number;

  @Column({ name: 'raised_by', type: 'varchar', length: 300 })
  raisedBy: string;

  @InstantColumn({ name: 'created_at' })
  createdAt: Date;

  @InstantColumn({ name: 'updated_at' })
  updatedAt: Date;
}

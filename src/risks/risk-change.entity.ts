import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { ProgrammeEntity } from '../programmes/programme.entity';
import { InstantColumn, JsonColumn } from '../core/database/columns';

/**
 * One change to a risk, never updated: the risk's score, owner and status as they were after
 * the change, what changed, why and who. "What was this risk at last month's board" is the
 * latest row at or before that day.
 */
@Entity('risk_change')
@Index('ix_risk_change_risk', ['riskId', 'id'])
@Index('ix_risk_change_programme', ['programmeId', 'id'])
export class RiskChangeEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @ForeignKey(() => ProgrammeEntity, { onDelete: 'CASCADE' })
  @Column({ name: 'programme_id', type: 'varchar', length: 36 })
  programmeId: string;

  @Column({ name: 'risk_id', type: 'varchar', length: 36 })
  riskId: string;

  @Column({ type: 'integer' })
  likelihood: number;

  @Column({ type: 'integer' })
  impact: number;

  @Column({ type: 'integer' })
  score: number;

  @Column({ name: 'owner_name', type: 'varchar', length: 200 })
  ownerName: string;

  @Column({ name: 'owner_email', type: 'varchar', length: 254 })
  ownerEmail: string;

  @Column({ type: 'varchar', length: 8 })
  status: string;

  /** The fields this change altered: `{ field: { from, to } }`. */
  @JsonColumn()
  changes: object;

  @Column({ type: 'text' })
  reason: string;

  @Column({ type: 'varchar', length: 300 })
  actor: string;

  @InstantColumn()
  at: Date;
}

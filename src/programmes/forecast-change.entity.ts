import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { ProgrammeEntity } from './programme.entity';
import { BusinessDateColumn, InstantColumn } from '../core/database/columns';

/**
 * The history of a gate's forecast: every change, direct or carried along a dependency,
 * with its reason. "Forecast at last report" is the latest row before the report date.
 */
@Entity('forecast_change')
@Index('ix_forecast_change_gate', ['programmeId', 'gateId', 'id'])
export class ForecastChangeEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @ForeignKey(() => ProgrammeEntity, { onDelete: 'CASCADE' })
  @Column({ name: 'programme_id', type: 'varchar', length: 36 })
  programmeId: string;

  @Column({ name: 'gate_id', type: 'varchar', length: 64 })
  gateId: string;

  @BusinessDateColumn({ name: 'from_date' })
  fromDate: string | null;

  @BusinessDateColumn({ name: 'to_date' })
  toDate: string | null;

  @Column({ type: 'text' })
  reason: string;

  /** Set when the change was carried from a slip of this gate. */
  @Column({ name: 'caused_by_gate_id', type: 'varchar', length: 64, nullable: true })
  causedByGateId: string | null;

  @Column({ type: 'varchar', length: 254 })
  actor: string;

  @InstantColumn()
  at: Date;
}

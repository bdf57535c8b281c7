import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { ProgrammeEntity } from './programme.entity';
import { BusinessDateColumn } from '../core/database/columns';

/** A gate of one programme: its people and its dates. Its status mirrors the snapshot. */
@Entity('gate')
@Index('ix_gate_status_forecast', ['status', 'forecastDate'])
@Index('ix_gate_owner_email', ['ownerEmail'])
export class GateEntity {
  @ForeignKey(() => ProgrammeEntity, { onDelete: 'CASCADE' })
  @PrimaryColumn({ name: 'programme_id', type: 'varchar', length: 36 })
  programmeId: string;

  @PrimaryColumn({ name: 'gate_id', type: 'varchar', length: 64 })
  gateId: string;

  @Column({ type: 'integer' })
  position: number;

  @Column({ type: 'varchar', length: 16 })
  status: string;

  @Column({ name: 'owner_name', type: 'varchar', length: 200, nullable: true })
  ownerName: string | null;

  @Column({ name: 'owner_email', type: 'varchar', length: 254, nullable: true })
  ownerEmail: string | null;

  /** Set when the programme is created (or first planned); never overwritten. */
  @BusinessDateColumn({ name: 'baseline_date' })
  baselineDate: string | null;

  @BusinessDateColumn({ name: 'forecast_date' })
  forecastDate: string | null;

  @BusinessDateColumn({ name: 'actual_date' })
  actualDate: string | null;

  /** Consultation gates: the planned or actual close. */
  @BusinessDateColumn({ name: 'closes_on' })
  closesOn: string | null;

  @Column({ type: 'text', nullable: true })
  note: string | null;
}

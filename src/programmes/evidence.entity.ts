import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { ProgrammeEntity } from './programme.entity';
import { BusinessDateColumn, InstantColumn } from '../core/database/columns';

/**
 * One item of a gate's evidence checklist, as recorded: the date, and where to find it (a
 * reference or a link). Never updated: recording an item again adds a row, the latest counts.
 */
@Entity('evidence')
@Index('ix_evidence_gate', ['programmeId', 'gateId', 'itemId'])
export class EvidenceEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @ForeignKey(() => ProgrammeEntity, { onDelete: 'CASCADE' })
  @Column({ name: 'programme_id', type: 'varchar', length: 36 })
  programmeId: string;

  @Column({ name: 'gate_id', type: 'varchar', length: 64 })
  gateId: string;

  @Column({ name: 'item_id', type: 'varchar', length: 64 })
  itemId: string;

  @BusinessDateColumn({ name: 'recorded_on', nullable: false })
  recordedOn: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  reference: string | null;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  link: string | null;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ name: 'recorded_by', type: 'varchar', length: 254 })
  recordedBy: string;

  @InstantColumn({ name: 'recorded_at' })
  recordedAt: Date;
}

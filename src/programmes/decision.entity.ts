import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { ProgrammeEntity } from './programme.entity';
import { BusinessDateColumn, InstantColumn } from '../core/database/columns';

/** A party's decision. Never updated: a later decision by the same party supersedes it. */
@Entity('decision')
@Index('ix_decision_gate', ['programmeId', 'gateId', 'partyId'])
export class DecisionEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @ForeignKey(() => ProgrammeEntity, { onDelete: 'CASCADE' })
  @Column({ name: 'programme_id', type: 'varchar', length: 36 })
  programmeId: string;

  @Column({ name: 'gate_id', type: 'varchar', length: 64 })
  gateId: string;

  @Column({ name: 'party_id', type: 'varchar', length: 64 })
  partyId: string;

  @Column({ type: 'varchar', length: 32 })
  decision: string;

  @BusinessDateColumn({ name: 'decided_on', nullable: false })
  decidedOn: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  reference: string | null;

  @Column({ type: 'text', nullable: true })
  conditions: string | null;

  @Column({ name: 'recorded_by', type: 'varchar', length: 254 })
  recordedBy: string;

  @InstantColumn({ name: 'recorded_at' })
  recordedAt: Date;
}

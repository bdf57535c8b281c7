import { Column, Entity, ForeignKey, PrimaryColumn } from 'typeorm';
import { ProgrammeEntity } from './programme.entity';
import { BusinessDateColumn } from '../core/database/columns';

/**
 * A party (partner board, assurer) whose decision an approval gate needs. A party that
 * withdraws keeps its row, with when, why and who: its decision is no longer needed, but the
 * approvals matrix and the audit still show that it was asked.
 */
@Entity('party')
export class PartyEntity {
  @ForeignKey(() => ProgrammeEntity, { onDelete: 'CASCADE' })
  @PrimaryColumn({ name: 'programme_id', type: 'varchar', length: 36 })
  programmeId: string;

  @PrimaryColumn({ name: 'gate_id', type: 'varchar', length: 64 })
  gateId: string;

  @PrimaryColumn({ name: 'party_id', type: 'varchar', length: 64 })
  partyId: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'integer' })
  position: number;

  @BusinessDateColumn({ name: 'withdrawn_on' })
  withdrawnOn?: string | null;

  @Column({ name: 'withdrawn_reason', type: 'text', nullable: true })
  withdrawnReason?: string | null;

  @Column({ name: 'withdrawn_by', type: 'varchar', length: 254, nullable: true })
  withdrawnBy?: string | null;
}

import { Column, Entity, ForeignKey, PrimaryColumn } from 'typeorm';
import { ProgrammeEntity } from './programme.entity';

/** A party (partner board, assurer) whose decision an approval gate needs. */
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
}

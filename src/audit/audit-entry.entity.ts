import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { ProgrammeEntity } from '../programmes/programme.entity';
import { InstantColumn, JsonColumn } from '../core/database/columns';

/** Append-only: rows are inserted, never updated or deleted; each is a link in a hash chain. */
@Entity('audit_entry')
@Index('ix_audit_programme', ['programmeId', 'id'])
export class AuditEntryEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @ForeignKey(() => ProgrammeEntity)
  @Column({ name: 'programme_id', type: 'varchar', length: 36, nullable: true })
  programmeId: string | null;

  @InstantColumn()
  at: Date;

  /** The person behind the change ("name <email>"), or "system". */
  @Column({ type: 'varchar', length: 300 })
  actor: string;

  @Column({ type: 'varchar', length: 64 })
  action: string;

  @Column({ name: 'gate_id', type: 'varchar', length: 64, nullable: true })
  gateId: string | null;

  @JsonColumn()
  detail: object;

  /** Place in its programme's hash chain, from 1 (see audit-chain.ts). */
  @Column({ type: 'integer', nullable: true })
  seq: number | null;

  /** SHA-256 (hex) of the entry before it in the chain; '' for the first. */
  @Column({ name: 'prev_hash', type: 'varchar', length: 64, nullable: true })
  prevHash: string | null;

  /** SHA-256 (hex) over this entry's content and prevHash. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  hash: string | null;
}

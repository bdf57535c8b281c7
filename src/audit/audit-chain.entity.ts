import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The head of each audit hash chain: how many entries it holds and the hash of the last. It is
 * what shows that entries were cut off the end, and on PostgreSQL its row lock is what makes
 * concurrent appends to one chain take turns.
 */
@Entity('audit_chain')
export class AuditChainEntity {
  /** The programme id, or '' for entries that belong to no programme. */
  @PrimaryColumn({ type: 'varchar', length: 36 })
  chain: string;

  @Column({ type: 'integer' })
  seq: number;

  @Column({ type: 'varchar', length: 64 })
  hash: string;
}

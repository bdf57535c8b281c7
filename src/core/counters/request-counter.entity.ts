import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A counter shared by every instance on PostgreSQL: requests per client address, failed bearer
 * tokens, failed sign-ins (see CounterStore). Bookkeeping, not records: rows expire and are removed.
 * The table exists on SQLite too, for one schema, but there the counters live in the process.
 */
@Entity('request_counter')
export class RequestCounterEntity {
  /** What is counted and for whom, e.g. `rate:api:192.0.2.7` (secrets only ever as hashes). */
  @PrimaryColumn({ type: 'varchar', length: 200 })
  key: string;

  @Column({ type: 'integer' })
  count: number;

  /** When the window ends, in milliseconds since 1970 (the service's counting time, Clock.ticking). */
  @Index('ix_request_counter_expires')
  @Column({ name: 'expires_at', type: 'bigint' })
  expiresAt: string;
}

import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** A counter's value in its current window, and when that window ends (Clock.ticking milliseconds). */
export interface Count {
  count: number;
  resetAt: number;
}

/** How often, at most, expired counters are removed. */
export const SWEEP_EVERY_MS = 60_000;

/**
 * The one home of the counters behind the request rate limit, the back-off on failed bearer tokens
 * and the sign-in lock-outs. A counter lives in a fixed window that begins with its first hit:
 * a hit after the window has ended starts a new one at 1.
 *
 * On PostgreSQL every instance shares the counters (one table, atomic upserts); on SQLite they live in
 * the one process ([decision 031](../../../docs/decisions/031-shared-counters-and-api-rate-limits.md)).
 */
export abstract class CounterStore {
  constructor(readonly now: () => number) {}

  /** Adds one to the counter under `key`, opening a window of `windowMs` if none is open. */
  abstract hit(key: string, windowMs: number): Promise<Count>;

  /** The counters under `keys` whose window is still open (absent ones are left out). */
  abstract read(keys: string[]): Promise<Map<string, Count>>;

  /** Forgets the counters under `keys`. */
  abstract clear(keys: string[]): Promise<void>;
}

/** In the process: SQLite (one process serves one database file) and unit tests. */
export class MemoryCounterStore extends CounterStore {
  private readonly counters = new Map<string, Count>();
  private lastSweep = 0;

  constructor(
    now: () => number,
    /** A flood of distinct keys must not exhaust memory: the least recently hit go first. */
    private readonly maxKeys = 100_000,
  ) {
    super(now);
  }

  hit(key: string, windowMs: number): Promise<Count> {
    const now = this.now();
    const open = this.open(key, now);
    const next: Count = open ? { count: open.count + 1, resetAt: open.resetAt } : { count: 1, resetAt: now + windowMs };
    this.counters.delete(key); // re-inserted last: Map order is least recently hit first
    this.counters.set(key, next);
    if (this.counters.size > this.maxKeys) this.counters.delete(this.counters.keys().next().value as string);
    this.sweep(now);
    return Promise.resolve({ ...next });
  }

  read(keys: string[]): Promise<Map<string, Count>> {
    const now = this.now();
    const found = new Map<string, Count>();
    for (const key of keys) {
      const open = this.open(key, now);
      if (open) found.set(key, { ...open });
    }
    return Promise.resolve(found);
  }

  clear(keys: string[]): Promise<void> {
    for (const key of keys) this.counters.delete(key);
    return Promise.resolve();
  }

  private open(key: string, now: number): Count | undefined {
    const count = this.counters.get(key);
    return count && count.resetAt > now ? count : undefined;
  }

  private sweep(now: number): void {
    if (now - this.lastSweep < SWEEP_EVERY_MS) return;
    this.lastSweep = now;
    for (const [key, count] of this.counters) if (count.resetAt <= now) this.counters.delete(key);
  }
}

/**
 * In the `request_counter` table: every instance on the same database counts together. Each hit is
 * one statement (INSERT … ON CONFLICT … DO UPDATE … RETURNING), atomic without a transaction, so
 * concurrent hits from any number of instances are each counted once. Expired rows are deleted
 * about once a minute per instance, after a hit and without the request waiting for it.
 */
export class PostgresCounterStore extends CounterStore {
  private readonly logger = new Logger('CounterStore');
  private lastSweep = 0;

  constructor(
    private readonly dataSource: DataSource,
    now: () => number,
  ) {
    super(now);
  }

  async hit(key: string, windowMs: number): Promise<Count> {
    const now = this.now();
    const rows: Array<{ count: number | string; expires_at: number | string }> = await this.dataSource.query(
      `INSERT INTO request_counter (key, count, expires_at) VALUES ($1, 1, $2)
       ON CONFLICT (key) DO UPDATE SET
         count = CASE WHEN request_counter.expires_at <= $3 THEN 1 ELSE request_counter.count + 1 END,
         expires_at = CASE WHEN request_counter.expires_at <= $3 THEN EXCLUDED.expires_at ELSE request_counter.expires_at END
       RETURNING count, expires_at`,
      [key, now + windowMs, now],
    );
    this.sweep(now);
    return { count: Number(rows[0].count), resetAt: Number(rows[0].expires_at) };
  }

  async read(keys: string[]): Promise<Map<string, Count>> {
    const found = new Map<string, Count>();
    if (keys.length === 0) return found;
    const rows: Array<{ key: string; count: number | string; expires_at: number | string }> =
      await this.dataSource.query(
        'SELECT key, count, expires_at FROM request_counter WHERE key = ANY($1) AND expires_at > $2',
        [keys, this.now()],
      );
    for (const row of rows) found.set(row.key, { count: Number(row.count), resetAt: Number(row.expires_at) });
    return found;
  }

  async clear(keys: string[]): Promise<void> {
    if (keys.length) await this.dataSource.query('DELETE FROM request_counter WHERE key = ANY($1)', [keys]);
  }

  /** Deletes the rows whose window has ended; answers how many. */
  async removeExpired(): Promise<number> {
    const result: [unknown[], number] = await this.dataSource.query(
      'DELETE FROM request_counter WHERE expires_at <= $1',
      [this.now()],
    );
    return result[1];
  }

  private sweep(now: number): void {
    if (now - this.lastSweep < SWEEP_EVERY_MS) return;
    this.lastSweep = now;
    this.removeExpired().catch((error: unknown) =>
      this.logger.warn(`could not remove expired counters: ${String(error)}`),
    );
  }
}

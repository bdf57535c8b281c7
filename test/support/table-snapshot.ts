import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';

/** One digest per table: what the database holds, to compare before and after a request. */
export type TableSnapshot = Map<string, string>;

/**
 * Every table the entities map, each read whole and reduced to a digest of its rows in a fixed order, so
 * that two snapshots are equal exactly when no row was added, removed or changed. New entities join by
 * themselves. `ignore` names tables a refusal may legitimately touch. Bookkeeping that any request may
 * write, whatever it asks for, is left out of the digest: a token's `last_used_at` (written at most about
 * once a minute, after the request, by the token check), and on PostgreSQL the `request_counter` table,
 * where the rate limit counts every request and the back-off every failed token, refused or not.
 */
const BOOKKEEPING: Record<string, readonly string[]> = { api_token: ['last_used_at'] };
const BOOKKEEPING_TABLES: ReadonlySet<string> = new Set(['request_counter']);

export async function snapshotTables(dataSource: DataSource, ignore: ReadonlySet<string> = new Set()) {
  const snapshot: TableSnapshot = new Map();
  const tables = [...new Set(dataSource.entityMetadatas.map((m) => m.tableName))].sort();
  for (const table of tables) {
    if (ignore.has(table) || BOOKKEEPING_TABLES.has(table)) continue;
    const rows: unknown[] = await dataSource.query(`SELECT * FROM ${dataSource.driver.escape(table)}`);
    const skip = Object.hasOwn(BOOKKEEPING, table) ? BOOKKEEPING[table] : [];
    const lines = rows
      .map((row) => JSON.stringify(row, (key, value) => (skip.includes(key) ? undefined : value)))
      .sort();
    snapshot.set(table, `${lines.length}:${createHash('sha1').update(lines.join('\n')).digest('hex')}`);
  }
  return snapshot;
}

/** The tables whose digest differs between two snapshots. */
export function changedTables(before: TableSnapshot, after: TableSnapshot): string[] {
  const names = new Set([...before.keys(), ...after.keys()]);
  return [...names].filter((name) => before.get(name) !== after.get(name)).sort();
}

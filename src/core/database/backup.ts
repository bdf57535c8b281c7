import Database from 'better-sqlite3';
import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

// Backup and restore of the embedded SQLite database (`npm run cli -- backup|restore`).
// PostgreSQL has its own tools (pg_dump, pg_restore): see docs/operations.md.

export class BackupRefused extends Error {}

/** The file behind a sqlite: DATABASE_URL; refuses a PostgreSQL one, naming the tool to use. */
export function sqliteFileOf(databaseUrl: string): string {
  if (!/^sqlite:/.test(databaseUrl)) {
    throw new BackupRefused(
      'DATABASE_URL is PostgreSQL: back it up with pg_dump and restore with pg_restore (docs/operations.md).',
    );
  }
  return resolve(databaseUrl.replace(/^sqlite:/, ''));
}

/**
 * A consistent copy of a live database, through SQLite's online backup API on a connection of
 * its own: the service keeps writing meanwhile (WAL). After a first small step the rest is
 * copied in one step, inside one read snapshot, so writes that commit meanwhile cannot make
 * the copy start over again and again. The copy is written beside the target and renamed into
 * place only when complete: a half-written backup never carries the target's name.
 */
export async function backupSqlite(databaseFile: string, target: string): Promise<{ pages: number; bytes: number }> {
  const destination = resolve(target);
  if (!existsSync(databaseFile)) throw new BackupRefused(`there is no database at ${databaseFile}`);
  if (existsSync(destination)) throw new BackupRefused(`${destination} exists already; name a new file`);
  const partial = `${destination}.partial`;
  rmSync(partial, { force: true });
  // A connection of its own, like a second instance; it only reads. (Read-only connections to a
  // WAL database fail when no -shm file exists yet, i.e. while the service is stopped.)
  const source = new Database(databaseFile, { fileMustExist: true });
  try {
    source.pragma('busy_timeout = 5000');
    const result = await source.backup(partial, { progress: ({ totalPages }) => Math.max(totalPages, 100) });
    const copy = new Database(partial, { fileMustExist: true });
    try {
      const check = copy.pragma('quick_check', { simple: true });
      if (check !== 'ok') throw new BackupRefused(`the copy failed its integrity check: ${String(check)}`);
      // A backup is one self-contained file: no write-ahead log beside it.
      copy.pragma('journal_mode = DELETE');
    } finally {
      copy.close();
    }
    renameSync(partial, destination);
    return { pages: result.totalPages, bytes: statSync(destination).size };
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  } finally {
    source.close();
  }
}

/**
 * Restores a backup as the database at `databaseFile`, which must not exist yet: a restore
 * never overwrites a database (move the old one aside first). The backup is checked before
 * anything is written: a SQLite file that passes its integrity check and holds this service's
 * migrations table.
 */
export async function restoreSqlite(backupFile: string, databaseFile: string): Promise<{ migrations: number }> {
  const source = resolve(backupFile);
  if (!existsSync(source)) throw new BackupRefused(`there is no backup at ${source}`);
  for (const file of [databaseFile, `${databaseFile}-wal`, `${databaseFile}-shm`]) {
    if (existsSync(file)) {
      throw new BackupRefused(`${file} exists: restore only into an empty place (move the old database aside first)`);
    }
  }
  let backup: Database.Database;
  try {
    backup = new Database(source, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new BackupRefused(`${source} is not a SQLite database (${(error as Error).message})`);
  }
  const partial = `${databaseFile}.partial`;
  try {
    let migrations: number;
    try {
      const check = backup.pragma('integrity_check', { simple: true });
      if (check !== 'ok') throw new BackupRefused(`${source} fails its integrity check: ${String(check)}`);
      migrations = (backup.prepare('SELECT count(*) AS n FROM schema_migrations').get() as { n: number }).n;
    } catch (error) {
      if (error instanceof BackupRefused) throw error;
      throw new BackupRefused(`${source} is not a backup of this service (${(error as Error).message})`);
    }
    rmSync(partial, { force: true });
    mkdirSync(dirname(databaseFile), { recursive: true });
    await backup.backup(partial);
    renameSync(partial, databaseFile);
    return { migrations };
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  } finally {
    backup.close();
  }
}

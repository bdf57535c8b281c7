import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { DataSource, DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';
import { POSTGRES_MIGRATIONS, SQLITE_MIGRATIONS } from './migrations';

export function dataSourceOptions(databaseUrl: string): DataSourceOptions {
  if (/^postgres(ql)?:/.test(databaseUrl)) {
    return {
      type: 'postgres',
      url: databaseUrl,
      entities: ENTITIES,
      migrations: POSTGRES_MIGRATIONS,
      migrationsTableName: 'schema_migrations',
      synchronize: false,
      extra: { max: 10, application_name: 'consultation-gates' },
    };
  }
  const file = resolve(databaseUrl.replace(/^sqlite:/, ''));
  if (file !== resolve(':memory:')) mkdirSync(dirname(file), { recursive: true });
  return {
    type: 'better-sqlite3',
    database: file,
    entities: ENTITIES,
    migrations: SQLITE_MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    synchronize: false,
    enableWAL: true,
    // better-sqlite3 waits this long for a lock held by another connection before failing.
    timeout: 5000,
    prepareDatabase: (db: { pragma(sql: string): unknown }) => {
      db.pragma('busy_timeout = 5000');
      // WAL with synchronous=FULL: a commit that returned survives a power cut.
      db.pragma('synchronous = FULL');
    },
  };
}

export function createDataSource(databaseUrl: string): DataSource {
  return new DataSource(dataSourceOptions(databaseUrl));
}

/**
 * Where reads go. On SQLite a second, read-only connection to the same file: WAL lets it
 * read the last committed state while the writer connection is inside a transaction, so a
 * read never sees another request's uncommitted rows. On PostgreSQL the pool already
 * gives each transaction its own connection; the writer serves reads too.
 */
export async function createReader(writer: DataSource): Promise<DataSource> {
  if (writer.options.type !== 'better-sqlite3') return writer;
  const { migrations: _m, enableWAL: _w, ...options } = writer.options;
  const reader = new DataSource({ ...options, readonly: true, fileMustExist: true });
  await reader.initialize();
  return reader;
}

const MIGRATION_LOCK = 727_150_001; // any constant; shared by every instance of this service

/**
 * Runs pending migrations. On PostgreSQL two replicas starting together take turns on an
 * advisory lock, so the second finds nothing left to do rather than racing the first.
 */
export async function migrate(dataSource: DataSource): Promise<string[]> {
  if (dataSource.options.type !== 'postgres') {
    return (await dataSource.runMigrations({ transaction: 'each' })).map((m) => m.name);
  }
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    return (await dataSource.runMigrations({ transaction: 'each' })).map((m) => m.name);
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await runner.release();
  }
}

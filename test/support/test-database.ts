import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Client } from 'pg';
import { databaseDialect } from '../../src/core/config/app-config';

// Tests run on SQLite unless asked for PostgreSQL (npm run test:pg). Each test database is
// new and empty, so test files can run in parallel and nothing leaks between them.

export interface TestDatabase {
  url: string;
  dialect: 'sqlite' | 'postgres';
  /** Deletes the database (the SQLite file's directory, or DROP DATABASE on PostgreSQL). */
  drop(): Promise<void>;
}

export const PG_ADMIN_URL = process.env.PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** The dialect this test run uses. */
export function testDialect(): 'sqlite' | 'postgres' {
  const wanted = process.env.TEST_DATABASE === 'postgres' ? 'postgres' : databaseDialect();
  // Entity column types are chosen from DATABASE_URL when the entity classes load, so the
  // jest process itself must run with a postgres DATABASE_URL, not just TEST_DATABASE.
  if (wanted === 'postgres' && databaseDialect() !== 'postgres') {
    throw new Error(
      'TEST_DATABASE=postgres needs DATABASE_URL=postgres://... in the environment too (npm run test:pg)',
    );
  }
  return wanted;
}

export async function createTestDatabase(dialect = testDialect()): Promise<TestDatabase> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'cg-test-'));
    return {
      url: `sqlite:${join(dir, 'test.sqlite')}`,
      dialect,
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const name = `cg_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    dialect,
    drop: () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

/**
 * Runs one statement on the database directly, outside the service, with the database's own tools
 * (the SQLite file through better-sqlite3, PostgreSQL through pg): what someone editing rows behind
 * the service's back, or another instance, does. Placeholders are written $1, $2, ...
 */
export async function sqlOutsideTheService(database: TestDatabase, sql: string, params: unknown[]): Promise<void> {
  if (database.dialect === 'sqlite') {
    const db = new Database(database.url.replace(/^sqlite:/, ''));
    try {
      db.pragma('busy_timeout = 5000');
      db.prepare(sql.replace(/\$\d+/g, '?')).run(...params);
    } finally {
      db.close();
    }
    return;
  }
  const client = new Client({ connectionString: database.url });
  await client.connect();
  try {
    await client.query(sql, params);
  } finally {
    await client.end();
  }
}

async function adminQuery(sql: string): Promise<void> {
  const client = new Client({ connectionString: PG_ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

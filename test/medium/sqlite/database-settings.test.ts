import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createDataSource, migrate } from '../../../src/core/database/data-source';
import { UnitOfWork } from '../../../src/core/database/unit-of-work';
import { TestDatabase, createTestDatabase } from '../../support/test-database';

// SQLite only (npm test): its settings, checked on a real file.
describe('SQLite database settings', () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
    dataSource = createDataSource(database.url);
    await dataSource.initialize();
    await migrate(dataSource);
  });

  afterAll(async () => {
    if (dataSource?.isInitialized) await dataSource.destroy();
    await database?.drop();
  });

  const pragma = async (name: string) => Object.values((await dataSource.query(`PRAGMA ${name}`))[0])[0];

  it('has WAL, foreign keys, durable commits and a busy timeout in force', async () => {
    expect(await pragma('journal_mode')).toBe('wal');
    expect(await pragma('foreign_keys')).toBe(1);
    expect(await pragma('synchronous')).toBe(2); // FULL (a group of the unit of work commits under NORMAL, then syncs: decision 035)
    expect(await pragma('busy_timeout')).toBe(5000);
  });

  it('enforces foreign keys', async () => {
    await expect(
      dataSource.query(
        `INSERT INTO api_token (id, person_id, token_hash, role, created_at) VALUES (?, ?, ?, 'admin', datetime())`,
        [randomUUID(), randomUUID(), 'f'.repeat(64)],
      ),
    ).rejects.toThrow(/FOREIGN KEY constraint failed/);
  });

  it('waits for a write lock held by another process instead of failing', async () => {
    // A second process (the CLI, a backup) holds the write lock for a moment.
    const file = database.url.replace(/^sqlite:/, '');
    const holder = spawn(
      process.execPath,
      [
        '-e',
        `const db = new (require('better-sqlite3'))(process.argv[1]);
         db.exec('BEGIN IMMEDIATE'); console.log('locked');
         process.stdin.once('data', () => {
           Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 300);
           db.exec('COMMIT'); db.close(); process.exit(0);
         });`,
        file,
      ],
      { stdio: ['pipe', 'pipe', 'inherit'] },
    );
    // Listened for from the start: the holder may well have exited before the write below is answered.
    const exited = once(holder, 'exit');
    await once(holder.stdout, 'data');
    // The holder lets go a moment after this write; better-sqlite3 blocks this process while it waits for
    // the lock, so the insert below is under way before the holder can commit. Without the busy timeout it
    // would fail at once with SQLITE_BUSY.
    await new Promise((written) => holder.stdin.write('release\n', written));
    await new UnitOfWork(dataSource).run((em) =>
      em.query(`INSERT INTO person (id, name, email, created_at) VALUES (?, 'Kate Shields', ?, datetime())`, [
        randomUUID(),
        'kate.shields@example.nhs.uk',
      ]),
    );
    const rows: unknown[] = await dataSource.query(
      `SELECT email FROM person WHERE email = 'kate.shields@example.nhs.uk'`,
    );
    expect(rows).toHaveLength(1);
    await exited;
  });
});

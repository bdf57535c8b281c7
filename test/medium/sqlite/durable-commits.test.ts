import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { PersonEntity } from '../../../src/auth/person.entity';
import { createDataSource, createReader, migrate } from '../../../src/core/database/data-source';
import { SyncFile, UnitOfWork, syncFileOffTheLoop } from '../../../src/core/database/unit-of-work';
import { TestDatabase, createTestDatabase } from '../../support/test-database';

// SQLite only (npm test). A group of writes commits without waiting for the disk on the event
// loop; its write-ahead log is then synced on the thread pool, and nobody is answered, and no
// read sees the commit, until that sync has returned (decision 035). Here the sync is one the
// test releases, so what happens before it is seen.

/** Waits for a condition turn by turn of the event loop, up to 10,000 turns. */
async function turnsUntil(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 10_000 && !condition(); i++) await new Promise((resolve) => setImmediate(resolve));
  expect(condition()).toBe(true);
}

describe('durable commits off the event loop (SQLite)', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let reader: DataSource;
  let file: string;
  let sync: SyncFile;
  let uow: UnitOfWork;

  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
    file = database.url.replace(/^sqlite:/, '');
    dataSource = createDataSource(database.url);
    await dataSource.initialize();
    await migrate(dataSource);
    reader = await createReader(dataSource);
    uow = new UnitOfWork(dataSource, reader, (path) => sync(path));
  });

  afterAll(async () => {
    if (reader?.isInitialized) await reader.destroy();
    if (dataSource?.isInitialized) await dataSource.destroy();
    await database?.drop();
  });

  const person = () => ({
    id: randomUUID(),
    name: 'Helen Seth',
    email: `${randomUUID()}@example.nhs.uk`,
    createdAt: new Date(),
  });
  const synchronous = async () => Object.values((await dataSource.query('PRAGMA synchronous'))[0])[0];

  it('answers a group, and lets a read see it, only once its log is synced', async () => {
    const synced: string[] = [];
    let release!: () => void;
    sync = (path) => {
      synced.push(path);
      return new Promise<void>((resolve) => (release = resolve));
    };
    const row = person();
    let answered = false;
    const write = uow.run((em) => em.insert(PersonEntity, row)).then(() => (answered = true));
    await turnsUntil(() => synced.length === 1);
    expect(synced).toEqual([`${file}-wal`]);
    // Committed, not yet durable: the writer is back on synchronous = FULL for anything else,
    // the caller waits, and so does a read on the read-only connection.
    expect(await synchronous()).toBe(2);
    let seen: number | undefined;
    const read = uow.read.countBy(PersonEntity, { id: row.id }).then((n) => (seen = n));
    for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(answered).toBe(false);
    expect(seen).toBeUndefined();

    release();
    await write;
    await read;
    expect(answered).toBe(true);
    expect(seen).toBe(1);
  });

  it('fails the callers of a group whose sync failed, and serves the next group', async () => {
    sync = async () => {
      throw Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO' });
    };
    await expect(uow.run((em) => em.insert(PersonEntity, person()))).rejects.toThrow(/EIO/);
    expect(await synchronous()).toBe(2);
    sync = async () => undefined;
    const row = person();
    await uow.run((em) => em.insert(PersonEntity, row));
    expect(await uow.read.countBy(PersonEntity, { id: row.id })).toBe(1);
  });

  it('syncs with fdatasync on the thread pool by default', async () => {
    sync = syncFileOffTheLoop;
    await uow.run((em) => em.insert(PersonEntity, person()));
    expect(existsSync(`${file}-wal`)).toBe(true);
    const dir = mkdtempSync(join(tmpdir(), 'cg-sync-'));
    try {
      writeFileSync(join(dir, 'log'), 'frames');
      await expect(syncFileOffTheLoop(join(dir, 'log'))).resolves.toBeUndefined();
      await expect(syncFileOffTheLoop(join(dir, 'missing'))).rejects.toThrow(/ENOENT/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

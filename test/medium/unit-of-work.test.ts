import { randomUUID } from 'node:crypto';
import { DataSource, QueryFailedError } from 'typeorm';
import { PersonEntity } from '../../src/auth/person.entity';
import { createDataSource, migrate } from '../../src/core/database/data-source';
import { UnitOfWork } from '../../src/core/database/unit-of-work';
import { TestDatabase, createTestDatabase } from '../support/test-database';

// On the run's dialect (SQLite in npm test, PostgreSQL in npm run test:pg).
describe('UnitOfWork', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let uow: UnitOfWork;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = createDataSource(database.url);
    await dataSource.initialize();
    await migrate(dataSource);
    uow = new UnitOfWork(dataSource);
  });

  afterAll(async () => {
    if (dataSource?.isInitialized) await dataSource.destroy();
    await database?.drop();
  });

  const person = (email: string) => ({ id: randomUUID(), name: 'Helen Seth', email, createdAt: new Date() });

  it('prepares the shared SQLite query runner once, not once per transaction', async () => {
    // The SQLite driver shares one query runner; preparing it for BEGIN IMMEDIATE must not
    // wrap it again on every transaction (each query would pass through one wrapper per
    // transaction ever run).
    await uow.run(async (em) => em.count(PersonEntity));
    const query = dataSource.createQueryRunner().query;
    for (let i = 0; i < 20; i++) await uow.run(async (em) => em.count(PersonEntity));
    expect(dataSource.createQueryRunner().query).toBe(query);
  });

  it('runs 50 overlapping write transactions without an error', async () => {
    const seen = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        uow.run(async (em) => {
          // Read, yield to the event loop, then write: the shape that breaks unserialised SQLite.
          const before = await em.count(PersonEntity);
          await new Promise((r) => setImmediate(r));
          await em.insert(PersonEntity, person(`concurrent-${i}@example.nhs.uk`));
          return before;
        }),
      ),
    );
    expect(await dataSource.getRepository(PersonEntity).count()).toBe(50);
    if (uow.dialect === 'sqlite') {
      // Serialised: each transaction saw all the earlier ones and none of the later ones.
      expect([...seen].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    }
  });

  it('rolls a failing transaction back completely and keeps serving the next one', async () => {
    const before = await dataSource.getRepository(PersonEntity).count();
    await expect(
      uow.run(async (em) => {
        await em.insert(PersonEntity, person('first-of-two@example.nhs.uk'));
        await em.insert(PersonEntity, person('second-of-two@example.nhs.uk'));
        throw new Error('refused after two writes');
      }),
    ).rejects.toThrow('refused after two writes');
    expect(await dataSource.getRepository(PersonEntity).count()).toBe(before);

    await uow.run((em) => em.insert(PersonEntity, person('after-failure@example.nhs.uk')));
    expect(await dataSource.getRepository(PersonEntity).count()).toBe(before + 1);
  });

  it('rolls back when the database refuses a write (unique email)', async () => {
    const before = await dataSource.getRepository(PersonEntity).count();
    await expect(
      uow.run(async (em) => {
        await em.insert(PersonEntity, person('unique-a@example.nhs.uk'));
        await em.insert(PersonEntity, person('after-failure@example.nhs.uk'));
      }),
    ).rejects.toThrow(/unique|UNIQUE/);
    expect(await dataSource.getRepository(PersonEntity).count()).toBe(before);
  });

  it('a failure among concurrent transactions does not disturb the others', async () => {
    const before = await dataSource.getRepository(PersonEntity).count();
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) =>
        uow.run(async (em) => {
          await em.insert(PersonEntity, person(`mixed-${i}@example.nhs.uk`));
          if (i % 3 === 0) throw new Error(`refused ${i}`);
        }),
      ),
    );
    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(4);
    expect(await dataSource.getRepository(PersonEntity).count()).toBe(before + 6);
  });

  it('on SQLite, answers every query as the ORM driver does, failures included', async () => {
    // The writer's statements run on better-sqlite3 directly, not through the ORM's asynchronous query
    // path; what every caller gets back must be what the ORM's own driver method gives for the same SQL.
    if (uow.dialect !== 'sqlite') return;
    const runner = dataSource.createQueryRunner();
    type Query = (sql: string, values?: unknown[], structured?: boolean) => Promise<unknown>;
    const driverQuery = (Object.getPrototypeOf(runner) as { query: Query }).query;
    const viaDriver: Query = (sql, values = [], structured = false) =>
      driverQuery.call(runner, sql, values, structured);
    await uow.run((em) => em.query('CREATE TABLE uow_probe (id INTEGER PRIMARY KEY, flag INTEGER, label TEXT UNIQUE)'));
    const seen = await uow.run(async (em) => {
      expect(em.queryRunner!.query).not.toBe(driverQuery);
      const direct = em.queryRunner!.query.bind(em.queryRunner) as Query;
      const pair = async (sql: string, values: unknown[], structured = false) => [
        await direct(sql, values, structured),
        await viaDriver(sql, values, structured),
      ];
      return {
        inserts: await Promise.all([
          em.query('INSERT INTO uow_probe (flag, label) VALUES (?, ?)', [true, 'direct']),
          viaDriver('INSERT INTO uow_probe (flag, label) VALUES (?, ?)', [false, 'driver']),
        ]),
        selects: await pair('SELECT id, flag, label FROM uow_probe WHERE flag IN (?, ?) ORDER BY id', [true, false]),
        updates: await pair('UPDATE uow_probe SET flag = ? WHERE id > ?', [true, 0], true),
        failures: await Promise.all(
          [em.query.bind(em), viaDriver].map((query) =>
            query('INSERT INTO uow_probe (label) VALUES (?)', ['direct']).catch((error: unknown) => error),
          ),
        ),
      };
    });
    expect(seen.inserts).toEqual([1, 2]);
    expect(seen.selects[0]).toEqual([
      { id: 1, flag: 1, label: 'direct' },
      { id: 2, flag: 0, label: 'driver' },
    ]);
    expect(seen.selects[0]).toEqual(seen.selects[1]);
    expect(seen.updates[0]).toMatchObject({ affected: 2 });
    expect(seen.updates[0]).toEqual(seen.updates[1]);
    for (const failure of seen.failures) {
      expect(failure).toBeInstanceOf(QueryFailedError);
      expect((failure as { driverError: { code: string } }).driverError.code).toBe('SQLITE_CONSTRAINT_UNIQUE');
    }
    expect(String(seen.failures[0])).toBe(String(seen.failures[1]));
  });
});

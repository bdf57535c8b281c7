import { DataSource } from 'typeorm';
import { PostgresCounterStore } from '../../../src/core/counters/counter-store';
import { createDataSource, migrate } from '../../../src/core/database/data-source';
import { TestDatabase, createTestDatabase } from '../../support/test-database';

// PostgreSQL only (npm run test:pg): the counters every instance shares, in the request_counter table.
describe('the shared counter store on PostgreSQL', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let now = Date.UTC(2015, 9, 27, 9);
  let store: PostgresCounterStore;

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    dataSource = createDataSource(database.url);
    await dataSource.initialize();
    await migrate(dataSource);
    store = new PostgresCounterStore(dataSource, () => now);
  });
  afterAll(async () => {
    if (dataSource?.isInitialized) await dataSource.destroy();
    await database?.drop();
  });

  const rows = async () =>
    ((await dataSource.query('SELECT key FROM request_counter ORDER BY key')) as Array<{ key: string }>).map(
      (r) => r.key,
    );

  it('counts within a window that opens with the first hit, and starts again at 1 after it ends', async () => {
    expect(await store.hit('rate:api:192.0.2.1', 60_000)).toEqual({ count: 1, resetAt: now + 60_000 });
    now += 30_000;
    expect(await store.hit('rate:api:192.0.2.1', 60_000)).toEqual({ count: 2, resetAt: now + 30_000 });
    now += 30_000;
    expect((await store.read(['rate:api:192.0.2.1'])).size).toBe(0);
    expect(await store.hit('rate:api:192.0.2.1', 60_000)).toEqual({ count: 1, resetAt: now + 60_000 });
  });

  it('forgets what it is told to, and removes rows whose window has ended', async () => {
    await store.hit('bearer-failures:192.0.2.2', 1_000);
    await store.hit('bearer-refused:192.0.2.2', 1_000);
    await store.clear(['bearer-refused:192.0.2.2']);
    expect(await rows()).toEqual(['bearer-failures:192.0.2.2', 'rate:api:192.0.2.1']);
    now += 1_000;
    expect(await store.removeExpired()).toBe(1);
    expect(await rows()).toEqual(['rate:api:192.0.2.1']);
  });
});

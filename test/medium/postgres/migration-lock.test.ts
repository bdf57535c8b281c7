import { DataSource } from 'typeorm';
import { createDataSource, migrate } from '../../../src/core/database/data-source';
import { POSTGRES_MIGRATIONS } from '../../../src/core/database/migrations';
import { TestDatabase, createTestDatabase } from '../../support/test-database';

// PostgreSQL only (npm run test:pg): replicas share one database, SQLite never does.
describe('migrations at start-up on PostgreSQL', () => {
  let database: TestDatabase;
  const dataSources: DataSource[] = [];

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
  });

  afterAll(async () => {
    await Promise.all(dataSources.filter((ds) => ds.isInitialized).map((ds) => ds.destroy()));
    await database?.drop();
  });

  it('lets replicas starting at the same moment on a fresh database both succeed', async () => {
    for (let i = 0; i < 3; i++) dataSources.push(createDataSource(database.url));
    await Promise.all(dataSources.map((ds) => ds.initialize()));

    const applied = await Promise.all(dataSources.map((ds) => migrate(ds)));

    // One replica applied everything; the others waited on the lock and found nothing to do.
    expect(applied.flat().sort()).toEqual(POSTGRES_MIGRATIONS.map((m) => new m().name ?? m.name).sort());
    expect(applied.filter((names) => names.length > 0)).toHaveLength(1);
    const rows: Array<{ name: string }> = await dataSources[0].query('SELECT name FROM schema_migrations');
    expect(rows).toHaveLength(POSTGRES_MIGRATIONS.length);
  });

  it('releases the lock: nobody holds it afterwards, and a later start migrates nothing', async () => {
    const held = await dataSources[0].query(`SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory'`);
    expect(held).toEqual([{ n: 0 }]);
    expect(await migrate(dataSources[1])).toEqual([]);
  });
});

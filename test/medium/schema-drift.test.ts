import { DataSource } from 'typeorm';
import { createDataSource, migrate } from '../../src/core/database/data-source';
import { TestDatabase, createTestDatabase } from '../support/test-database';

// The schema comes only from migrations. When an entity changes without a migration (or a
// migration without its entity), this fails and names the SQL that would close the gap.
describe('schema drift', () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = createDataSource(database.url);
    await dataSource.initialize();
  });

  afterAll(async () => {
    if (dataSource?.isInitialized) await dataSource.destroy();
    await database?.drop();
  });

  it('migrations build exactly the schema the entities describe', async () => {
    const applied = await migrate(dataSource);
    expect(applied.length).toBeGreaterThan(0);

    const pending = (await dataSource.driver.createSchemaBuilder().log()).upQueries.map((q) => q.query);
    if (pending.length) {
      throw new Error(
        `Entities and ${database.dialect} migrations differ. Run \`npm run migration:generate -- <Name>\`; ` +
          `it would write:\n${pending.join(';\n')}`,
      );
    }
  });

  it('a second run finds nothing left to apply', async () => {
    expect(await migrate(dataSource)).toEqual([]);
  });
});

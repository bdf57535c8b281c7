// Writes a migration for each dialect from the difference between the entities and the
// schema the existing migrations build. Usage: npm run migration:generate -- <Name>
// Needs PostgreSQL (PG_ADMIN_URL, default postgres://postgres@127.0.0.1:5432/postgres).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';

const name = process.argv[2];
const dialect = process.argv[3] as 'sqlite' | 'postgres' | undefined;
if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name)) {
  console.error('usage: generate-migration <PascalCaseName>');
  process.exit(2);
}
const adminUrl = process.env.PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function main() {
  if (!dialect) {
    const stamp = Date.now();
    for (const d of ['sqlite', 'postgres']) {
      const url =
        d === 'sqlite' ? `sqlite:${join(mkdtempSync(join(tmpdir(), 'cg-')), 'gen.sqlite')}` : await scratchDb();
      try {
        execFileSync(process.execPath, ['-r', 'ts-node/register/transpile-only', __filename, name, d], {
          stdio: 'inherit',
          env: { ...process.env, DATABASE_URL: url, MIGRATION_STAMP: String(stamp) },
        });
      } finally {
        if (d === 'postgres') await adminQuery(`DROP DATABASE IF EXISTS ${new URL(url).pathname.slice(1)}`);
      }
    }
    return;
  }
  // Loaded here, after DATABASE_URL has picked the dialect the entities are declared for.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const dataSourceModule = require('../src/core/database/data-source');
  const { createDataSource, migrate } = dataSourceModule as typeof import('../src/core/database/data-source');
  const ds = createDataSource(process.env.DATABASE_URL!);
  await ds.initialize();
  await migrate(ds);
  const sql = await ds.driver.createSchemaBuilder().log();
  await ds.destroy();
  if (sql.upQueries.length === 0) {
    console.log(`${dialect}: entities and migrations agree; nothing to write`);
    return;
  }
  const stamp = process.env.MIGRATION_STAMP ?? String(Date.now());
  // TypeORM orders migrations by the last 13 characters of the name, read as a timestamp:
  // the stamp must come last.
  const className = `${name}${dialect === 'sqlite' ? 'Sqlite' : 'Postgres'}${stamp}`;
  const q = (s: { query: string; parameters?: unknown[] }) =>
    `    await queryRunner.query(${JSON.stringify(s.query)}${s.parameters?.length ? `, ${JSON.stringify(s.parameters)}` : ''});`;
  const file = `src/core/database/migrations/${dialect}/${stamp}-${name}.ts`;
  writeFileSync(
    file,
    `import { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  name = '${className}';

  async up(queryRunner: QueryRunner): Promise<void> {
${sql.upQueries.map(q).join('\n')}
  }

  async down(queryRunner: QueryRunner): Promise<void> {
${[...sql.downQueries].reverse().map(q).join('\n')}
  }
}
`,
  );
  const index = 'src/core/database/migrations/index.ts';
  const list = dialect === 'sqlite' ? 'SQLITE_MIGRATIONS' : 'POSTGRES_MIGRATIONS';
  let text = readFileSync(index, 'utf8');
  text = `import { ${className} } from './${dialect}/${stamp}-${name}';\n` + text;
  text = text.replace(
    new RegExp(`(${list}: MigrationClass\\[\\] = \\[)([^\\]]*)\\]`),
    (_m, a: string, b: string) => `${a}${b.trim() ? `${b.trim().replace(/,$/, '')}, ` : ''}${className}]`,
  );
  writeFileSync(index, text);
  console.log(`${dialect}: wrote ${file}`);
}

async function scratchDb(): Promise<string> {
  const db = `cg_generate_${process.pid}`;
  await adminQuery(`DROP DATABASE IF EXISTS ${db}`);
  await adminQuery(`CREATE DATABASE ${db}`);
  const url = new URL(adminUrl);
  url.pathname = `/${db}`;
  return url.toString();
}

async function adminQuery(sql: string): Promise<void> {
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

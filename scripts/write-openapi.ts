// Rewrites openapi.json from the controllers. Usage: npm run openapi
// Builds the application on a throwaway SQLite file without listening, so it needs no
// database server and takes a couple of seconds.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'cg-openapi-'));
  // Entity column types follow DATABASE_URL when the entities load: pin SQLite first.
  process.env.DATABASE_URL = `sqlite:${join(dir, 'openapi.sqlite')}`;
  /* eslint-disable @typescript-eslint/no-require-imports -- loaded after DATABASE_URL is pinned */
  const { createApp } = require('../src/bootstrap') as typeof import('../src/bootstrap');
  const { loadConfig } = require('../src/core/config/app-config') as typeof import('../src/core/config/app-config');
  const { OPENAPI_FILE, openApiJson } = require('./openapi-document') as typeof import('./openapi-document');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const config = loadConfig(
    {
      DATABASE_URL: process.env.DATABASE_URL,
      LOG_LEVEL: 'error',
      SEED_DEMO: 'false',
      REMINDERS_CRON_ENABLED: 'false',
      MAIL_DIR: join(dir, 'mail'),
    },
    resolve(__dirname, '..'),
  );
  const app = await createApp(config);
  try {
    const next = openApiJson(app);
    const before = readFileOrNull(OPENAPI_FILE);
    if (before === next) {
      console.log('openapi.json is up to date');
    } else {
      writeFileSync(OPENAPI_FILE, next);
      console.log(`wrote openapi.json (${Object.keys(JSON.parse(next).paths).length} paths)`);
    }
  } finally {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function readFileOrNull(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

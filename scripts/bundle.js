// The second half of `npm run build`: after `nest build` has compiled src/ and workflows/ into
// dist/ with tsc (which keeps the decorator metadata Nest and TypeORM read), esbuild puts each
// entry point and everything it imports into one file: dist/bundle/service.js (src/main.ts) and
// dist/bundle/cli.js (src/cli.ts). Loading one file instead of resolving and reading some 2,000
// saves most of the start-up (docs/decisions/034-bundled-build.md, docs/benchmarks.md).
// Then the service is started once from the bundle, on a throwaway SQLite file, and V8's code
// cache of everything start-up compiled is kept beside it (service.js.cache); dist/bundle/main.js,
// the launcher, starts the bundle with it.
'use strict';

const esbuild = require('esbuild');
const { spawn } = require('node:child_process');
const { copyFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } = require('node:fs');
const { createServer } = require('node:net');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const lazyPackages = require('./lazy-packages');

const ROOT = join(__dirname, '..');
const OUT_DIR = join(ROOT, 'dist/bundle');

// Packages left out of the bundle, required from node_modules at run time. Each for a reason:
const EXTERNAL = [
  // Native code and database drivers: TypeORM requires its driver by name when it connects.
  'better-sqlite3',
  'pg',
  'pg-native',
  'pg-query-stream',
  // Loaded on first use, never at start-up: inside the bundle they would cost parsing at every
  // start. @nestjs/swagger only for /api/docs (src/core/openapi/api-docs.ts), the rest listed in
  // scripts/lazy-packages.js, which the lint rule reads too.
  '@nestjs/swagger',
  ...lazyPackages,
  // Found through require.resolve(), for its templates and assets (src/web/web-paths.ts).
  'nhsuk-frontend',
  // Optional packages Nest tries to import only when an application uses them; not installed.
  '@nestjs/microservices',
  '@nestjs/platform-express',
  '@nestjs/websockets',
];

/** Builds both bundles. */
async function bundle() {
  const result = await esbuild.build({
    entryPoints: { service: join(ROOT, 'dist/src/main.js'), cli: join(ROOT, 'dist/src/cli.js') },
    outdir: OUT_DIR,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // Nest and TypeORM read class names: entity and table names, migration names, DI messages.
    keepNames: true,
    external: EXTERNAL,
    // The ES modules inside (NestJS 12 is ESM only) become CommonJS, where import.meta is empty;
    // Nest's package loader calls createRequire(import.meta.url). The bundle's own URL resolves
    // the same node_modules.
    define: { 'import.meta.url': '__bundleUrl' },
    banner: { js: "const __bundleUrl = require('node:url').pathToFileURL(__filename).href;" },
    // Maps back through tsc's maps to src/*.ts: run with `node --enable-source-maps` to see them.
    sourcemap: 'linked',
    metafile: true,
    logLevel: 'warning',
  });
  // What went in and how big: open in esbuild's bundle analyser, or read.
  writeFileSync(join(OUT_DIR, 'meta.json'), JSON.stringify(result.metafile));
  return result.metafile;
}

/**
 * Starts the bundled service through the launcher on a fresh SQLite file, waits for its first
 * healthy answer and has it write the code cache of what start-up compiled. Fails when the
 * bundle does not start: the build then fails too, rather than ship a bundle that cannot.
 */
async function recordCodeCache() {
  const launcher = join(OUT_DIR, 'main.js');
  copyFileSync(join(__dirname, 'bundle-launcher.js'), launcher);
  const cache = join(OUT_DIR, 'service.js.cache');
  const data = mkdtempSync(join(tmpdir(), 'cg-code-cache-'));
  const port = await freePort();
  const child = spawn(process.execPath, [launcher], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      // V8 refuses a cache made under other flags (--max-old-space-size, say): build with the same.
      ...(process.env.NODE_OPTIONS ? { NODE_OPTIONS: process.env.NODE_OPTIONS } : {}),
      TZ: 'UTC',
      PORT: String(port),
      DATABASE_URL: `sqlite:${join(data, 'start.sqlite')}`,
      MAIL_DIR: join(data, 'mail'),
      SEED_DEMO: 'false',
      REMINDERS_CRON_ENABLED: 'false',
      BOOTSTRAP_ADMIN_TOKEN: 'code-cache-run-0123456789abcdef',
      LOG_LEVEL: 'error',
      CODE_CACHE_OUT: cache,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  try {
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (child.exitCode !== null)
        throw new Error(`the bundled service exited with ${child.exitCode} before it was healthy`);
      const healthy = await fetch(`http://127.0.0.1:${port}/api/health`).then(
        (r) => r.status === 200,
        () => false,
      );
      if (healthy) break;
      if (Date.now() > deadline) throw new Error('the bundled service was not healthy after 60 s');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    child.kill('SIGUSR2');
    const { code } = await exited;
    if (code !== 0 || !existsSync(cache)) throw new Error(`the code cache was not written (exit ${code})`);
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    rmSync(data, { recursive: true, force: true });
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

if (require.main === module) {
  bundle()
    .catch(() => process.exit(1)) // esbuild has printed the errors
    .then(recordCodeCache)
    .catch((error) => {
      console.error(`bundle: ${error.message}`);
      process.exit(1);
    });
}

module.exports = { bundle, recordCodeCache, freePort, EXTERNAL, OUT_DIR };

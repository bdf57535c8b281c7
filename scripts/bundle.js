// The second half of `npm run build`: after `nest build` has compiled src/ and workflows/ into
// dist/ with tsc (which keeps the decorator metadata Nest and TypeORM read), esbuild puts each
// entry point and everything it imports into one file: dist/bundle/service.js (src/main.ts) and
// dist/bundle/cli.js (src/cli.ts). Loading one file instead of resolving and reading some 2,000
// saves most of the start-up (docs/decisions/034-bundled-build.md, docs/benchmarks.md).
'use strict';

const esbuild = require('esbuild');
const { writeFileSync } = require('node:fs');
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

if (require.main === module) {
  bundle().catch(() => process.exit(1)); // esbuild has printed the errors
}

module.exports = { bundle, EXTERNAL, OUT_DIR };

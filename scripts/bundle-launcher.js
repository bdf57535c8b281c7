// dist/bundle/main.js (copied there by scripts/bundle.js): starts the service bundle beside it,
// service.js, with V8's code cache that `npm run build` recorded for it (service.js.cache), so
// that the functions start-up runs are not parsed and compiled again at every start.
// The cache is only a shortcut: when it is missing, made for another bundle (its first 32 bytes
// are the SHA-256 of the bundle it was made from) or refused by V8 (another Node version or
// other V8 flags), the bundle is compiled as usual and starts all the same, only slower.
// Under --enable-source-maps the bundle is required the ordinary way, so that stack traces are
// mapped to src/*.ts (Node maps only what its own module loader compiled).
'use strict';

const { createHash } = require('node:crypto');
const { readFileSync, writeFileSync } = require('node:fs');
const Module = require('node:module');
const { join } = require('node:path');
const vm = require('node:vm');

const BUNDLE = join(__dirname, 'service.js');
const CACHE = `${BUNDLE}.cache`;
const HASH_BYTES = 32;

function start() {
  if (process.sourceMapsEnabled) return void require(BUNDLE);
  const { script, hash } = compile();
  // Written by scripts/bundle.js's start-up run: once the service is healthy, it sends SIGUSR2.
  const out = process.env.CODE_CACHE_OUT;
  if (out) {
    process.once('SIGUSR2', () => {
      writeFileSync(out, Buffer.concat([hash, script.createCachedData()]));
      process.exit(0);
    });
  }
  const wrapper = script.runInThisContext();
  wrapper.call(module.exports, module.exports, Module.createRequire(BUNDLE), module, BUNDLE, __dirname);
}

/**
 * Compiles the bundle, in a function of its own so that the file's bytes and the cache can be
 * collected before start-up allocates (about 4 MiB less at the peak).
 */
function compile() {
  const bytes = readFileSync(BUNDLE);
  const hash = createHash('sha256').update(bytes).digest();
  const script = new vm.Script(Module.wrap(bytes.toString('utf8')), {
    filename: BUNDLE,
    cachedData: cacheFor(hash),
    // The bundle import()s only optional packages that are not installed; Nest then carries on.
    importModuleDynamically: (specifier) => import(specifier),
  });
  return { script, hash };
}

/** The cached data recorded for exactly this bundle, or undefined. */
function cacheFor(hash) {
  let cache;
  try {
    cache = readFileSync(CACHE);
  } catch {
    return undefined;
  }
  return cache.length > HASH_BYTES && hash.equals(cache.subarray(0, HASH_BYTES))
    ? cache.subarray(HASH_BYTES)
    : undefined;
}

start();

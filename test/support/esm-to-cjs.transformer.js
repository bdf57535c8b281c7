// Jest (on Node 20) cannot require() an ES module, and NestJS 12 ships only ES modules.
// The application itself runs on Node's native require(esm); only under Jest do we turn
// those packages into CommonJS, with `import.meta.url` mapped to the file's own URL.
const ts = require('typescript');
const crypto = require('node:crypto');

const VERSION = '4';
const ESM_SYNTAX = /^\s*(import\s*[\w{*'"]|export\s)/m;
// `const require = createRequire(import.meta.url)` would redeclare CommonJS's own `require`,
// which already resolves relative to the file, so the declaration is dropped.
const OWN_REQUIRE = /^(\s*)(?:const|let|var)\s+require\s*=\s*createRequire\(\s*import\.meta\.url\s*\)\s*;?/gm;
const CJS_DYNAMIC_IMPORT = /\bawait import\(\s*('[^']+'|"[^"]+")\s*\)/g;
module.exports = {
  getCacheKey(source, path) {
    return crypto.createHash('sha1').update(VERSION).update(path).update(source).digest('hex');
  },
  process(source, path) {
    if (!ESM_SYNTAX.test(source)) {
      // A CommonJS package that loads an ES module with `await import('x')` (@fastify/cookie):
      // without --experimental-vm-modules Jest cannot, so it gets the transformed module instead.
      return { code: source.replace(CJS_DYNAMIC_IMPORT, 'await Promise.resolve(require($1))') };
    }
    const replaced = source
      .replace(OWN_REQUIRE, '$1')
      .replace(/\bimport\.meta\.url\b/g, "require('node:url').pathToFileURL(__filename).href");
    const out = ts.transpileModule(replaced, {
      fileName: path,
      compilerOptions: {
        module: ts.ModuleKind.CommonJS,
        target: ts.ScriptTarget.ES2022,
        allowJs: true,
        sourceMap: false,
      },
    });
    return { code: out.outputText };
  },
};

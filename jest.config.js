// Three depths (see docs/testing.md): unit specs beside the code, medium tests on a real
// database, end-to-end tests through HTTP. TZ is UTC so that nothing passes by accident
// because the machine happens to be in London.
process.env.TZ = 'UTC';
// Programmes kept in memory between changes (ProgrammeStore) are frozen under test, and every one
// a change starts from is compared with the database: a change path that alters the database
// without a new revision, or a kept programme in place, fails the test that takes it.
process.env.CHECK_KEPT_PROGRAMMES = '1';
const base = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.jest.json' }],
    '/node_modules/.+\\.js$': '<rootDir>/test/support/esm-to-cjs.transformer.js',
  },
  // The transformer leaves CommonJS files as they are and rewrites only ES modules.
  transformIgnorePatterns: [],
  moduleFileExtensions: ['ts', 'js', 'json'],
};
// Medium tests that only make sense on one database live in test/medium/{sqlite,postgres}/;
// npm run test:pg sets TEST_DATABASE=postgres (and a postgres DATABASE_URL).
const otherDialect = process.env.TEST_DATABASE === 'postgres' ? 'sqlite' : 'postgres';
module.exports = {
  // Starting the whole application (migrations on a fresh database) in a hook can take more
  // than Jest's default 5 s on a busy 2-core machine; a hang still fails, after 30 s. Jest reads
  // this option only here, at the top level: inside a project it is silently ignored.
  testTimeout: 30_000,
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/workflows/**/*.spec.ts'] },
    {
      ...base,
      displayName: 'medium',
      testMatch: ['<rootDir>/test/medium/**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', `<rootDir>/test/medium/${otherDialect}/`],
    },
    { ...base, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.test.ts'] },
    { ...base, displayName: 'browser', testMatch: ['<rootDir>/test/browser/**/*.test.ts'] },
    // The fuzz run: only through npm run fuzz / fuzz:pg (FUZZ_RUNS, FUZZ_SEED, FUZZ_SECONDS).
    { ...base, displayName: 'fuzz', testMatch: ['<rootDir>/test/fuzz/**/*.fuzz.ts'] },
  ],
};

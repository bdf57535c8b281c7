// Lint what costs us when it slips: promises nobody awaits, switches that miss a case,
// focused or skipped tests. Formatting is Prettier's job (npm run lint runs both).
import js from '@eslint/js';
import jest from 'eslint-plugin-jest';
import tseslint from 'typescript-eslint';
import lazyPackages from './scripts/lazy-packages.js';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'data/', 'test-output/', 'bench/results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true, requireDefaultForNonUnion: false },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Nest modules and DTO classes are empty classes by design.
      '@typescript-eslint/no-extraneous-class': 'off',
    },
  },
  {
    // Start-up time: heavy libraries are loaded when first needed, not when the service starts
    // (docs/benchmarks.md). A value import here would load them at boot; `import type` is free,
    // and the code that needs one calls require() inside the function that uses it.
    files: ['src/**/*.ts', 'workflows/**/*.ts'],
    ignores: ['**/*.spec.ts', 'src/core/openapi/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@nestjs/swagger',
              message:
                'Use the decorators of src/core/openapi/api-docs.ts: they load @nestjs/swagger only for /api/docs.',
              allowTypeImports: true,
            },
            ...lazyPackages.map((name) => ({
              name,
              message: `Heavy library, needed after start-up if at all: require('${name}') inside the function that uses it (docs/benchmarks.md).`,
              allowTypeImports: true,
            })),
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.spec.ts', 'test/**/*.ts'],
    plugins: { jest },
    languageOptions: { globals: jest.environments.globals.globals },
    rules: {
      'jest/no-focused-tests': 'error',
      'jest/no-disabled-tests': 'error',
      'jest/no-identical-title': 'error',
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: {
        require: 'readonly',
        module: 'writable',
        process: 'readonly',
        __dirname: 'readonly',
        __filename: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        fetch: 'readonly',
        setTimeout: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);

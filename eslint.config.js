// ESLint (flat config): typescript-eslint's recommended rules with type information on every
// TypeScript file (the server and web projects, each through its own tsconfig.json), ESLint's own
// recommended rules on the few JavaScript files. Run by `npm run lint` and by `npm test`'s first
// step (scripts/lint.mjs). Decision 0031 lists the rules turned off below and why.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Code that drives the API and reads its answers as JSON: tests, the test harness, e2e, the benchmark, the demo script. */
const API_DRIVERS = ['**/*.test.ts', 'server/test/**', 'e2e/**', 'bench/**', 'server/scripts/demo-month.ts'];
const UNSAFE_ANY = ['no-unsafe-assignment', 'no-unsafe-member-access', 'no-unsafe-argument', 'no-unsafe-call', 'no-unsafe-return'];
const off = (rules) => Object.fromEntries(rules.map((r) => [`@typescript-eslint/${r}`, 'off']));

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'coverage/', 'test-results/', 'data/', 'bench/results/', '**/*.d.ts'] },
  js.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // Fastify plugins and route handlers are async by contract (the promise is what Fastify awaits), awaited or not.
      '@typescript-eslint/require-await': 'off',
      // `_`-named bindings and rest siblings are how this code drops fields on purpose (`const { id: _id, ...set } = row`).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  {
    // `app.inject().json()`, fetch's `json()` and Playwright's evaluate are typed `any`, and a test may look into an
    // untyped answer (`as any`): the test's assertions are the check.
    files: API_DRIVERS,
    rules: off(['no-explicit-any', ...UNSAFE_ANY]),
  },
  {
    // Migrations use Kysely<any> on purpose: a migration must not depend on today's schema types (and is never edited once landed).
    files: ['server/db/migrations/**'],
    rules: off(['no-explicit-any', ...UNSAFE_ANY]),
  },
  {
    // React takes async event handlers (onClick, onSubmit) and ignores what they return; their errors surface through the mutation's state.
    files: ['web/**/*.tsx'],
    rules: { '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }] },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', module: 'writable', require: 'readonly', URL: 'readonly' },
    },
  },
);

import { defineConfig } from 'vitest/config';

/**
 * unit: pure functions. api-sqlite / api-postgres: the same API suites (`*.api.test.ts`) on each
 * database; scripts/test.mjs decides which projects run.
 */
export default defineConfig({
  test: {
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      { extends: true, test: { name: 'unit', include: ['server/**/*.test.ts', 'contracts/**/*.test.ts'], exclude: ['**/*.api.test.ts', '**/node_modules/**'] } },
      { extends: true, test: { name: 'api-sqlite', include: ['server/**/*.api.test.ts'], env: { TEST_DB: 'sqlite' } } },
      { extends: true, test: { name: 'api-postgres', include: ['server/**/*.api.test.ts'], env: { TEST_DB: 'postgres' } } },
    ],
  },
});

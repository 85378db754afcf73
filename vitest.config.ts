import { defineConfig } from 'vitest/config';

/**
 * unit: pure functions (server and web). api-sqlite / api-postgres: the same API suites
 * (`*.api.test.ts`) on each database. e2e: the built web app in headless Chromium against the
 * real server; one file at a time, after the other projects (groupOrder), so the browser does not
 * fight the API suites for the CPU. scripts/test.mjs decides which projects run.
 */
export default defineConfig({
  test: {
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['server/**/*.test.ts', 'contracts/**/*.test.ts', 'web/**/*.test.ts', 'scripts/**/*.test.ts'],
          exclude: ['**/*.api.test.ts', '**/node_modules/**'],
        },
      },
      { extends: true, test: { name: 'api-sqlite', include: ['server/**/*.api.test.ts', 'sdk/**/*.api.test.ts'], env: { TEST_DB: 'sqlite' } } },
      { extends: true, test: { name: 'api-postgres', include: ['server/**/*.api.test.ts', 'sdk/**/*.api.test.ts'], env: { TEST_DB: 'postgres' } } },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['e2e/**/*.e2e.test.ts'],
          globalSetup: ['e2e/global-setup.ts'],
          env: { TEST_DB: 'sqlite' },
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});

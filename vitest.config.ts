import os from 'node:os';
import { configDefaults, defineConfig } from 'vitest/config';

/**
 * unit: pure functions (server and web). api-sqlite / api-postgres: the same API suites
 * (`*.api.test.ts`) on each database. e2e: the built web app in headless Chromium against the
 * real server; after the other projects (groupOrder), so the browsers do not fight the API suites
 * for the CPU, two spec files at a time (each its own server, database and Chromium).
 * scripts/test.mjs decides which projects run.
 *
 * The API files run without isolation (`isolate: false`): a worker imports the app once
 * and runs file after file with it, instead of importing and transforming the whole server again
 * for each file (about 3 s of CPU a file). Each file still gets its own app and its own copy of
 * the seeded database (server/test/db.ts); what they share is module state, which in server code
 * is only caches of computed values (decision 0029). A test must not mock modules or change
 * globals; none does.
 */
const api = { include: ['server/**/*.api.test.ts', 'sdk/**/*.api.test.ts'], isolate: false };

export default defineConfig({
  test: {
    environment: 'node',
    // Vitest's default leaves a core free (one worker on two cores); a test file waits on the
    // database or a child server often enough that two workers on two cores finish sooner
    // (measured: 484 API tests 86 s -> 70 s, decision 0029).
    maxWorkers: Math.max(2, os.availableParallelism() - 1),
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['server/**/*.test.ts', 'contracts/**/*.test.ts', 'web/**/*.test.ts', 'scripts/**/*.test.ts', 'bench/**/*.test.ts'],
          exclude: ['**/*.api.test.ts', '**/*.postgres.test.ts', '**/node_modules/**'],
        },
      },
      // `*.pg.api.test.ts` and `*.postgres.test.ts`: PostgreSQL only (several app servers on one database, decision 0038; a streaming replica, decision 0041).
      { extends: true, test: { name: 'api-sqlite', ...api, exclude: [...configDefaults.exclude, '**/*.pg.api.test.ts'], env: { TEST_DB: 'sqlite' } } },
      { extends: true, test: { name: 'api-postgres', ...api, include: [...api.include, 'server/**/*.postgres.test.ts'], env: { TEST_DB: 'postgres' } } },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['e2e/**/*.e2e.test.ts'],
          globalSetup: ['e2e/global-setup.ts'],
          env: { TEST_DB: 'sqlite' },
          // Two specs at once: one spec waits on its browser about half the time (measured: 99
          // tests 320 s -> 227 s on two cores); more would only queue for the CPU.
          maxWorkers: 2,
          // One import of the server and the fixtures for all specs, as in the API projects (decision 0029).
          isolate: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});

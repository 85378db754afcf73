#!/usr/bin/env node
/**
 * `npm test`: first the lint step (scripts/lint.mjs: module boundaries and ESLint; it stops the
 * run on a finding), then every suite: unit, the API suites on SQLite and on PostgreSQL, and the
 * browser tests (e2e). PostgreSQL is required on CI (CI=true or REQUIRE_POSTGRES=1); on a laptop without
 * it the PostgreSQL project is left out with a loud notice, never silently.
 */
import { spawnSync } from 'node:child_process';
import pg from 'pg';

// Fail fast: a broken boundary or a lint finding is cheaper to see before the suites run.
const lint = spawnSync('node', ['scripts/lint.mjs'], { stdio: 'inherit' });
if (lint.status !== 0) process.exit(lint.status ?? 1);

const url = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const required = process.env.CI === 'true' || process.env.REQUIRE_POSTGRES === '1';

async function postgresReachable() {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch (err) {
    console.error(`PostgreSQL at ${url} is not reachable: ${err.message}`);
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

const projects = ['unit', 'api-sqlite'];
if (await postgresReachable()) {
  projects.push('api-postgres');
} else if (required) {
  console.error('The PostgreSQL suite is required here (CI). Failing.');
  process.exit(1);
} else {
  console.warn('\n*** NOTICE: PostgreSQL suite NOT run (no server). Set TEST_DATABASE_URL to run it. ***\n');
}

// Last: headless Chromium against the built web app (its global setup builds dist/web if stale).
projects.push('e2e');

const args = ['vitest', 'run', ...projects.flatMap((p) => ['--project', p]), ...process.argv.slice(2)];
const result = spawnSync('npx', args, { stdio: 'inherit', env: { ...process.env, TEST_DATABASE_URL: url } });
process.exit(result.status ?? 1);

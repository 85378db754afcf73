#!/usr/bin/env node
/**
 * `npm test`: first the static checks, side by side (the lint step, scripts/lint.mjs: module
 * boundaries and ESLint; and the type check of the server and of the web); a finding in any stops
 * the run. Then every suite: unit, the API suites on SQLite and on PostgreSQL, and the
 * browser tests (e2e). PostgreSQL is required on CI (CI=true or REQUIRE_POSTGRES=1); on a laptop without
 * it the PostgreSQL project is left out with a loud notice, never silently.
 */
import { spawn, spawnSync } from 'node:child_process';
import pg from 'pg';

/** Run a command with its output held back, then print it whole (so parallel checks never interleave). */
function check(name, command, args) {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (out += c));
    child.on('close', (code) => {
      process.stdout.write(out);
      console.log(`${name}: ${code === 0 ? 'passed' : `FAILED (exit ${code})`} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      resolve(code === 0);
    });
  });
}

// Fail fast: a broken boundary, a lint finding or a type error is cheaper to see before the
// suites run. Each check is one thread, so on two cores running them together takes about half
// as long as one after another.
const passed = await Promise.all([
  check('lint (boundaries, ESLint)', 'node', ['scripts/lint.mjs']),
  check('types (server)', 'npx', ['tsc', '--noEmit']),
  check('types (web)', 'npx', ['tsc', '--noEmit', '-p', 'web']),
]);
if (passed.includes(false)) process.exit(1);

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

#!/usr/bin/env node
/**
 * `npm test`: the static checks (the lint step, scripts/lint.mjs: module boundaries and ESLint;
 * the type check of the server and of the web), side by side and beside the start of the suites;
 * a finding in any stops everything and fails the run. The suites: unit, the API suites on SQLite and on PostgreSQL, and the
 * browser tests (e2e). PostgreSQL is required on CI (CI=true or REQUIRE_POSTGRES=1); on a laptop without
 * it the PostgreSQL project is left out with a loud notice, never silently.
 */
import { spawn } from 'node:child_process';
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

// The static checks run beside the suites' start rather than before them: each check is one
// thread, and the suites' first minute leaves a core to spare (measured: npm test about a minute
// shorter). A finding in any check stops the suites at once and fails the run.
const args = ['vitest', 'run', ...projects.flatMap((p) => ['--project', p]), ...process.argv.slice(2)];
const suites = spawn('npx', args, { stdio: 'inherit', detached: true, env: { ...process.env, TEST_DATABASE_URL: url } });
const suitesDone = new Promise((resolve) => suites.on('close', (code) => resolve(code ?? 1)));
const stopSuites = () => {
  try {
    process.kill(-suites.pid, 'SIGTERM');
  } catch {
    // already gone
  }
};
process.on('SIGINT', () => {
  stopSuites();
  process.exit(130);
});
const checks = Promise.all([
  check('lint (boundaries, ESLint)', 'node', ['scripts/lint.mjs']),
  check('types (server)', 'npx', ['tsc', '--noEmit']),
  check('types (web)', 'npx', ['tsc', '--noEmit', '-p', 'web']),
]).then((passed) => {
  if (passed.includes(false)) {
    console.error('\nnpm test: a static check failed (above); the suites are stopped.');
    stopSuites();
  }
  return !passed.includes(false);
});
const [checksPassed, suitesCode] = await Promise.all([checks, suitesDone]);
process.exit(checksPassed ? suitesCode : 1);

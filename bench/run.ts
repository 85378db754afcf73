/**
 * `npm run bench` (decision 0037): the real server over real HTTP under concurrency.
 *   1. A throw-away database (SQLite; PostgreSQL with BENCH_DATABASE_URL) with the demo city and
 *      BENCH_CASES past cases (database.ts, loadBenchData); or BENCH_PREPARED, one made beforehand
 *      (seed:synthetic at 10^6 takes longer than a bench should), used and kept.
 *   2. The server's bundle started as a child process on it, with its bare routes (BENCH_ROUTES=1)
 *      and the public lookup limit raised; background loops off, logs at warn.
 *   3. Each scenario (scenarios.ts) driven by autocannon from this process, BENCH_CONNECTIONS at once
 *      for BENCH_SECONDS, beside its bare route in the same run (reads beside the bare read, writes
 *      beside the bare insert), after a short warm-up of its own. The two alternate in BENCH_ROUNDS
 *      slices (bare, scenario, bare, ...), so a change in what else the machine runs falls on both.
 *   4. The server's memory, and the dashboards' figures (a district month, a city year) one call at a time.
 * Writes bench/results/<date>-<db>.json and .md (the table, also printed). Exits 1 only when a
 * scenario had errors; targets missed are reported, not fatal.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { freePort, startServer, type ServerProcess } from '../server/test/server-process.js';
import { tehranDate } from '../server/platform/calendar.js';
import { jalaliMonthStart } from '../server/seed/history.js';
import { createBenchDatabase, loadBenchData, openPreparedDatabase, preparedData, type BenchData } from './database.js';
import { expectCall, signIn } from './http.js';
import { combine, runSlice, type LoadResult, type LoadSlice } from './load.js';
import { bareRow, markdownTable, scenarioRow, type Row } from './report.js';
import { profileMarkdown, summariseProfile, type ProfileSummary } from './profile.js';
import { bareSpec, buildScenarios, drawInputs, type Bare, type Inputs } from './scenarios.js';

const CASES = Number(process.env.BENCH_CASES ?? 20_000);
const DATA: BenchData = process.env.BENCH_DATA === 'history' ? 'history' : 'synthetic';
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 64);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 2);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
/** Comma-separated scenario keys to run (all when unset), e.g. `publicTracking,casePage`. */
const ONLY = process.env.BENCH_ONLY?.split(',').filter(Boolean);
/** A folder: each scenario's first slice is profiled on the server (profile.ts), the profile kept there and summarised in the results. */
const PROFILE_DIR = process.env.BENCH_PROFILE_DIR;
/** The server's processes (WORKERS, Node's cluster module): above 1 needs PostgreSQL and Redis (BENCH_REDIS_URL). */
const WORKERS = Number(process.env.BENCH_WORKERS ?? 1);
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
/** A database made beforehand (a SQLite file or a postgres:// URL), used as it is and kept; BENCH_NOW: the `--now` it was made with. */
const PREPARED = process.env.BENCH_PREPARED;
const PREPARED_NOW = process.env.BENCH_NOW;

/** The server's memory: its process and, with workers, theirs added up (each one's peak added up, too). */
function memoryOf(pid: number): { rssMb: number; peakRssMb: number } {
  const children = WORKERS > 1 ? fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').split(' ').filter(Boolean).map(Number) : [];
  let rss = 0;
  let peak = 0;
  for (const p of [pid, ...children]) {
    const status = fs.readFileSync(`/proc/${p}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    rss += kb('VmRSS');
    peak += kb('VmHWM');
  }
  return { rssMb: Math.round(rss / 1024), peakRssMb: Math.round(peak / 1024) };
}

/** One call at a time, `n` times: p50 and p95 in ms. */
async function timed(n: number, fn: () => Promise<unknown>) {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const started = performance.now();
    await fn();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => Math.round(times[Math.min(times.length - 1, Math.floor(q * times.length))]! * 10) / 10;
  return { n, p50: at(0.5), p95: at(0.95) };
}

/**
 * Wait until the server has answered what the last slice left in flight (autocannon stops sending,
 * the server still works through up to one call a connection), so the next slice starts on an idle server.
 */
async function settle(url: string): Promise<void> {
  await expectCall(200, url, 'GET', '/healthz');
}

async function dashboards(server: ServerProcess, inputs: Inputs, now: Date) {
  const admin = await signIn(server.url, inputs.admin);
  const lastMonth = { from: tehranDate(jalaliMonthStart(now, 1)), to: tehranDate(new Date(jalaliMonthStart(now, 0).getTime() - 1)) };
  const lastYear = { from: tehranDate(jalaliMonthStart(now, 12)), to: lastMonth.to };
  const figures = (range: { from: string; to: string }, district?: string) =>
    expectCall(200, server.url, 'GET', `/api/dashboards/figures?from=${range.from}&to=${range.to}${district ? `&districtId=${district}` : ''}`, { headers: admin });
  return {
    districtMonth: { ...lastMonth, ...(await timed(10, () => figures(lastMonth, inputs.desk.districtId))) },
    cityYear: { ...lastYear, ...(await timed(5, () => figures(lastYear))) },
  };
}

/** Stop the server's profiler, keep its profile in PROFILE_DIR, and summarise it. */
async function keepProfile(url: string, name: string): Promise<ProfileSummary> {
  const written = (await expectCall(200, url, 'POST', '/api/bench/profile/stop', { body: { name } })).json<{ path: string }>().path;
  fs.mkdirSync(PROFILE_DIR!, { recursive: true });
  const kept = path.join(PROFILE_DIR!, path.basename(written));
  fs.copyFileSync(written, kept);
  return summariseProfile(JSON.parse(fs.readFileSync(kept, 'utf8')));
}

async function main() {
  const pgUrl = process.env.BENCH_DATABASE_URL;
  if (WORKERS > 1 && PROFILE_DIR) throw new Error('BENCH_PROFILE_DIR profiles one process: run it with BENCH_WORKERS=1');
  if (WORKERS > 1 && !pgUrl) throw new Error('BENCH_WORKERS above 1 needs PostgreSQL (BENCH_DATABASE_URL)');
  const database = PREPARED ? openPreparedDatabase(PREPARED) : await createBenchDatabase(pgUrl);
  let server: ServerProcess | null = null;
  let stopping = false;
  try {
    const now = PREPARED_NOW ? new Date(PREPARED_NOW) : new Date();
    console.log(PREPARED ? `Using the prepared ${database.kind} database ${PREPARED}…` : `Preparing ${database.kind} with ${CASES} ${DATA} cases…`);
    const data = PREPARED ? await preparedData(database.db) : await loadBenchData(database.db, database.target, DATA, CASES, now);
    console.log(`  ${data.cases} cases (${data.openCases} open) in ${data.seconds.toFixed(0)} s`);
    const inputs = await drawInputs(database.db, now);

    server = await startServer({
      ...database.env,
      PORT: String(await freePort()),
      SEED_DEMO: 'false',
      LOG_LEVEL: 'warn',
      BENCH_ROUTES: 'true',
      PUBLIC_LOOKUP_RATE_LIMIT: '10000000',
      NOTIFY_POLL_MS: '0',
      ESCALATION_POLL_MS: '0',
      LETTER_POLL_MS: '0',
      ...(WORKERS > 1 ? { WORKERS: String(WORKERS), REDIS_URL, REDIS_KEY_PREFIX: `bench-${process.pid}:` } : {}),
    });
    const running = server;
    void running.exited.then((code) => {
      if (!stopping) console.error(`\nThe server exited (${code}) during the run:\n${running.output().slice(-4000)}`);
    });
    const scenarios = (await buildScenarios(server.url, inputs, CONNECTIONS)).filter((s) => !ONLY || ONLY.includes(s.key));

    const bareRuns: Record<Bare, LoadResult[]> = { read: [], insert: [] };
    const rows: { row: Row; bare: Bare }[] = [];
    const profiles: { label: string; summary: ProfileSummary }[] = [];
    for (const s of scenarios) {
      await s.prepare?.();
      await runSlice(server.url, s.spec, WARMUP_SECONDS);
      await settle(server.url);
      await s.afterSlice?.();
      const bareSlices: LoadSlice[] = [];
      const slices: LoadSlice[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        bareSlices.push(await runSlice(server.url, bareSpec(s.bare, inputs, s.connections), SECONDS / ROUNDS));
        await settle(server.url);
        const profiled = PROFILE_DIR !== undefined && round === 0;
        if (profiled) await expectCall(200, server.url, 'POST', '/api/bench/profile/start');
        slices.push(await runSlice(server.url, s.spec, SECONDS / ROUNDS));
        await settle(server.url);
        if (profiled) profiles.push({ label: s.label, summary: await keepProfile(server.url, `${database.kind}-${s.key}`) });
        await s.afterSlice?.();
      }
      const bare = combine(s.connections, bareSlices);
      if (s.connections === CONNECTIONS) bareRuns[s.bare].push(bare);
      const result = combine(s.connections, slices);
      const row = scenarioRow(s, result, bare);
      rows.push({ row, bare: s.bare });
      console.log(
        `  ${s.label}: ${result.rps.toFixed(0)} req/s, p50 ${result.p50} ms, p99 ${result.p99} ms, ${result.errors} errors, ${result.non2xx} non-2xx; ` +
          `bare ${s.bare} ${bare.rps.toFixed(0)} req/s, ${bare.errors} errors, ${bare.non2xx} non-2xx`,
      );
      for (const sample of [...result.samples, ...bare.samples]) console.log(`    ${sample}`);
    }
    const memory = memoryOf(server.pid);
    const slowPasses = slowPassesIn(server.output());
    const dashboardTimes = await dashboards(server, inputs, now);

    const table: Row[] = [
      ...(bareRuns.read.length ? [bareRow('bareRead', 'bare indexed read (one `SELECT` by tracking code)', bareRuns.read)] : []),
      ...rows.filter((r) => r.bare === 'read').map((r) => r.row),
      ...(bareRuns.insert.length ? [bareRow('bareInsert', 'bare insert', bareRuns.insert)] : []),
      ...rows.filter((r) => r.bare === 'insert').map((r) => r.row),
    ];
    const date = new Date().toISOString();
    const report = {
      date, database: database.kind, data: DATA, workers: WORKERS, cases: data.cases, openCases: data.openCases, loadSeconds: Math.round(data.seconds),
      connections: CONNECTIONS, seconds: SECONDS, rounds: ROUNDS, warmupSeconds: WARMUP_SECONDS, node: process.version, cpus: os.cpus().length, loadAverage: os.loadavg(),
      serverMemory: memory, dashboards: dashboardTimes, slowPasses, rows: table, bareRuns, profiles,
    };
    const markdown =
      markdownTable(table, { database: database.kind, data: DATA, workers: WORKERS, cases: data.cases, connections: CONNECTIONS, seconds: SECONDS, rounds: ROUNDS }) +
      `\nServer RSS after the load: ${memory.rssMb} MB (peak ${memory.peakRssMb} MB). ` +
      `Dashboards, one call at a time: district month p50 ${dashboardTimes.districtMonth.p50} ms (p95 ${dashboardTimes.districtMonth.p95}), ` +
      `city year p50 ${dashboardTimes.cityYear.p50} ms (p95 ${dashboardTimes.cityYear.p95}). ` +
      `Background passes of 250 ms or more during the run (the server's \`slow background pass\` warnings): ${
        Object.entries(slowPasses).map(([job, p]) => `${job} ${p.count} (max ${p.maxMs} ms)`).join(', ') || 'none'
      }.\n` +
      (profiles.length ? profileMarkdown(profiles) : '');
    const named = path.join(import.meta.dirname, 'results', `${date.slice(0, 10)}-${database.kind}${data.cases === 20_000 ? '' : `-${data.cases}`}${WORKERS === 1 ? '' : `-${WORKERS}workers`}${ONLY ? `-${ONLY.join('-')}` : ''}`);
    // A second run of the same day and kind is kept beside the first, not over it.
    let base = named;
    for (let n = 2; fs.existsSync(`${base}.json`); n++) base = `${named}-run${n}`;
    fs.writeFileSync(`${base}.json`, JSON.stringify(report, null, 2) + '\n');
    fs.writeFileSync(`${base}.md`, markdown);
    console.log(`\n${markdown}\nWritten: ${base}.json, ${base}.md`);
    const failed = table.some((r) => r.failed);
    if (failed) console.log(`Some scenario had errors; the server's last lines:\n${server.output().slice(-3000)}`);
    process.exitCode = failed ? 1 : 0;
  } finally {
    stopping = true;
    if (server) {
      server.signal('SIGTERM');
      await server.exited;
    }
    await database.drop();
  }
}

/** The server's `slow background pass` warnings (main.ts), by job: how many, and the longest. */
function slowPassesIn(output: string): Record<string, { count: number; maxMs: number }> {
  const out: Record<string, { count: number; maxMs: number }> = {};
  for (const line of output.split('\n')) {
    if (!line.includes('"slow background pass"')) continue;
    let entry: { job?: string; ms?: number; msg?: string };
    try {
      entry = JSON.parse(line) as typeof entry;
    } catch {
      continue; // the first line of the kept output may be cut
    }
    if (entry.msg !== 'slow background pass' || !entry.job || entry.ms === undefined) continue;
    const p = (out[entry.job] ??= { count: 0, maxMs: 0 });
    p.count++;
    p.maxMs = Math.max(p.maxMs, entry.ms);
  }
  return out;
}

await main();

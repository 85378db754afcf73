/**
 * The benchmark's database: a throw-away SQLite file, or (BENCH_DATABASE_URL) a throw-away database
 * on that PostgreSQL server (the server is given a database, not a schema, as in production), with
 * the data the scenarios read. `loadBenchData` is the one place the data comes from; a synthetic
 * generator at scale replaces it without touching the rest.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { createDb, migrate, optimizeDb, type Db } from '../server/db/database.js';
import { seedDemo } from '../server/seed/seed.js';
import { generateHistory } from '../server/seed/history.js';
import { manualClock } from '../server/platform/clock.js';

export interface BenchDatabase {
  kind: 'sqlite' | 'postgres';
  /** What the server is told (DATABASE_URL or SQLITE_PATH, DATA_DIR). */
  env: Record<string, string>;
  /** The bench's own connection: sampling inputs before the run, counting after. */
  db: Db;
  drop(): Promise<void>;
}

async function adminQuery(url: string, query: string): Promise<void> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(query);
  } finally {
    await admin.end();
  }
}

export async function createBenchDatabase(pgUrl: string | undefined): Promise<BenchDatabase> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'miz-bench-'));
  if (pgUrl) {
    const name = `bench_${randomBytes(6).toString('hex')}`;
    await adminQuery(pgUrl, `CREATE DATABASE ${name}`);
    const url = new URL(pgUrl);
    url.pathname = `/${name}`;
    const databaseUrl = url.toString();
    const db = createDb({ databaseUrl, sqlitePath: '' });
    return {
      kind: 'postgres', env: { DATABASE_URL: databaseUrl, DATA_DIR: dir }, db,
      drop: async () => {
        await db.destroy();
        await adminQuery(pgUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const sqlitePath = path.join(dir, 'bench.sqlite');
  const db = createDb({ databaseUrl: null, sqlitePath });
  return {
    kind: 'sqlite', env: { DATABASE_URL: '', SQLITE_PATH: sqlitePath, DATA_DIR: dir }, db,
    drop: async () => {
      await db.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface LoadedData {
  cases: number;
  openCases: number;
  seconds: number;
}

/**
 * The data every scenario reads: the Isfahan demo (organisation, services, sign-ins) and `cases`
 * past cases over the year before `now` from the history generator (server/seed/history.ts: full
 * timelines, inspections, answers, rollups rebuilt), with the planner's statistics gathered as the
 * server's hourly pass would have.
 */
export async function loadBenchData(db: Db, cases: number, now: Date): Promise<LoadedData> {
  const started = performance.now();
  await migrate(db);
  await seedDemo(db, manualClock(now.toISOString()));
  const history = await generateHistory(db, { cases, from: new Date(now.getTime() - 365 * 86_400_000), now });
  await settleFilesForBanks(db, now);
  await optimizeDb(db, true);
  return { cases: history.cases, openCases: history.open, seconds: (performance.now() - started) / 1000 };
}

/**
 * A bank gets its answer at once only from a file visited within the year, without violations and
 * with nothing open on it. The history generator spreads its cases over the demo's few files, so
 * every file has an open case; on twenty files visited clean in the last 300 days the open cases
 * are closed here (as cancelled), the files the bank scenario asks about.
 */
async function settleFilesForBanks(db: Db, now: Date): Promise<void> {
  const visits = await db
    .selectFrom('inspections')
    .innerJoin('requests', 'requests.id', 'inspections.request_id')
    .innerJoin('properties', 'properties.id', 'requests.property_id')
    .select(['requests.property_id', 'inspections.violations'])
    .where('inspections.submitted_at', 'is not', null)
    .where('properties.postal_code', 'is not', null)
    .where('inspections.visited_at', '>', new Date(now.getTime() - 300 * 86_400_000).toISOString())
    .orderBy('inspections.visited_at', 'desc')
    .execute();
  const latest = new Map<string, string | null>();
  for (const v of visits) if (!latest.has(v.property_id)) latest.set(v.property_id, v.violations);
  const clean = [...latest].filter(([, violations]) => (JSON.parse(violations ?? '[]') as unknown[]).length === 0).map(([id]) => id).slice(0, 20);
  if (!clean.length) return;
  await db
    .updateTable('requests')
    .set({ state: 'cancelled', closed_at: now.toISOString(), step_due_at: null })
    .where('property_id', 'in', clean)
    .where('closed_at', 'is', null)
    .execute();
}

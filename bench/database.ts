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
import { createDb, migrate, analyzeAll, type Db } from '../server/db/database.js';
import { seedDemo } from '../server/seed/seed.js';
import { generateHistory } from '../server/seed/history.js';
import { generateSynthetic } from '../server/seed/synthetic.js';
import type { BulkTarget } from '../server/seed/bulk.js';
import { manualClock } from '../server/platform/clock.js';

export interface BenchDatabase {
  kind: 'sqlite' | 'postgres';
  /** What the server is told (DATABASE_URL or SQLITE_PATH, DATA_DIR). */
  env: Record<string, string>;
  /** The bench's own connection: sampling inputs before the run, counting after. */
  db: Db;
  /** The same database, for seed:synthetic's bulk writer. */
  target: BulkTarget;
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
      kind: 'postgres', env: { DATABASE_URL: databaseUrl, DATA_DIR: dir }, db, target: { databaseUrl },
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
    kind: 'sqlite', env: { DATABASE_URL: '', SQLITE_PATH: sqlitePath, DATA_DIR: dir }, db, target: { databaseUrl: null },
    drop: async () => {
      await db.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A database made beforehand (BENCH_PREPARED: a SQLite file or a postgres:// URL), e.g. by
 * `npm run seed:synthetic` at 10^6 cases, which takes longer to load than a bench should. The bench
 * writes into it (the intake and transition scenarios add cases) and leaves it in place.
 */
export function openPreparedDatabase(prepared: string): BenchDatabase {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'miz-bench-'));
  const postgres = /^postgres(ql)?:\/\//.test(prepared);
  const target = postgres ? { databaseUrl: prepared, sqlitePath: '' } : { databaseUrl: null, sqlitePath: path.resolve(prepared) };
  const db = createDb(target);
  return {
    kind: postgres ? 'postgres' : 'sqlite', db, target,
    env: postgres ? { DATABASE_URL: prepared, DATA_DIR: dir } : { DATABASE_URL: '', SQLITE_PATH: target.sqlitePath, DATA_DIR: dir },
    drop: async () => {
      await db.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** What a prepared database holds, as loadBenchData reports what it loaded. */
export async function preparedData(db: Db): Promise<LoadedData> {
  const count = async (open: boolean) =>
    Number((await db.selectFrom('requests').select((eb) => eb.fn.countAll().as('n')).$if(open, (q) => q.where('closed_at', 'is', null)).executeTakeFirstOrThrow()).n);
  return { cases: await count(false), openCases: await count(true), seconds: 0 };
}

export interface LoadedData {
  cases: number;
  openCases: number;
  seconds: number;
}

/** Where the bench's cases come from (BENCH_DATA): seed:synthetic's population (the default), or the demo's history. */
export type BenchData = 'synthetic' | 'history';

/**
 * The data every scenario reads, with the planner's statistics gathered as the server's hourly pass
 * would have:
 *   synthetic: one city from seed:synthetic (server/seed/synthetic.ts, decision 0042): its desks,
 *     staff (the demo password), about one person for three cases and a property file for 1.5, so a
 *     national code or a postal code matches a few cases, as in a real city;
 *   history: the Isfahan demo and `cases` past cases from the history generator (server/seed/history.ts),
 *     spread over the demo's 60 applicants and few files (each national code matches hundreds).
 */
export async function loadBenchData(db: Db, target: BenchDatabase['target'], data: BenchData, cases: number, now: Date): Promise<LoadedData> {
  const started = performance.now();
  await migrate(db);
  let made: { cases: number; open: number };
  if (data === 'synthetic') {
    made = await generateSynthetic(db, target, { cases, cities: 1, months: 12, seed: 42, now });
  } else {
    await seedDemo(db, manualClock(now.toISOString()));
    made = await generateHistory(db, { cases, from: new Date(now.getTime() - 365 * 86_400_000), now });
    await settleFilesForBanks(db, now);
  }
  await analyzeAll(db);
  return { cases: made.cases, openCases: made.open, seconds: (performance.now() - started) / 1000 };
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

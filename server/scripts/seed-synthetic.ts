/**
 * `npm run seed:synthetic -- --cases N [--cities K] [--months M] [--seed S] [--now ISO]
 *   [--database-url postgres://...|--sqlite path]`: fill a fresh database with synthetic data at
 * scale (seed/synthetic.ts, decision 0042), migrating it first. Without a target it uses the app's
 * own (DATABASE_URL, else the SQLite file under DATA_DIR). A progress bar on stderr; the figures
 * and the rates on stdout. Exit code 0 when done, 1 when it could not run.
 */
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { parseConfig } from '../config.js';
import { createDb, migrate, analyzeAll } from '../db/database.js';
import { generateSynthetic, SYNTHETIC_CITIES } from '../seed/synthetic.js';
import { runScript } from './run-script.js';

const USAGE = `usage: npm run seed:synthetic -- --cases N [--cities 1..${SYNTHETIC_CITIES.length}] [--months 12] [--seed 42] [--now ISO] [--database-url URL | --sqlite PATH]`;

function positive(name: string, raw: string | undefined, fallback?: number): number {
  if (raw === undefined && fallback !== undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a whole number above 0\n${USAGE}`);
  return n;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      cases: { type: 'string' }, cities: { type: 'string' }, months: { type: 'string' }, seed: { type: 'string' }, now: { type: 'string' },
      'database-url': { type: 'string' }, sqlite: { type: 'string' },
    },
  });
  const cases = positive('cases', values.cases);
  const now = values.now ? new Date(values.now) : new Date();
  if (Number.isNaN(now.getTime())) throw new Error(`--now must be an ISO time\n${USAGE}`);
  const config = parseConfig();
  const target = values['database-url']
    ? { databaseUrl: values['database-url'], sqlitePath: '' }
    : values.sqlite
      ? { databaseUrl: null, sqlitePath: values.sqlite }
      : { databaseUrl: config.databaseUrl, sqlitePath: config.sqlitePath };
  const db = createDb(target);
  const bar = new cliProgress.SingleBar(
    { format: 'cases {bar} {percentage}% {value}/{total} | {rate}/s | {duration_formatted}', stream: process.stderr, hideCursor: true, noTTYOutput: true, notTTYSchedule: 10_000 },
    cliProgress.Presets.shades_classic,
  );
  try {
    await migrate(db);
    const started = performance.now();
    bar.start(cases, 0, { rate: 0 });
    const result = await generateSynthetic(db, target, {
      cases, cities: positive('cities', values.cities, 1), months: positive('months', values.months, 12), seed: positive('seed', values.seed, 42), now,
      onProgress: (n) => bar.update(n, { rate: Math.round(n / ((performance.now() - started) / 1000)) }),
    });
    bar.stop();
    await analyzeAll(db);
    const where = target.databaseUrl ? 'PostgreSQL' : `SQLite ${target.sqlitePath}`;
    console.log(JSON.stringify({ database: where, ...result, casesPerSecond: Math.round(result.cases / result.loadSeconds), casesPerCpuSecond: Math.round(result.cases / result.loadCpuSeconds) }, null, 2));
    return 0;
  } finally {
    bar.stop();
    await db.destroy();
  }
}

runScript(main, 'synthetic data NOT WRITTEN');

/**
 * `npm run bench`: how the API holds up with a year of Isfahan's cases (106,000; BENCH_CASES) in the database.
 * Builds the real app on a fresh database (SQLite by default; PostgreSQL with BENCH_DATABASE_URL),
 * loads the cases in bulk (seed/history.ts, rollups rebuilt), then measures through HTTP (app.inject, no network):
 *   - intake at a desk (register a request, with automatic inspector assignment)
 *   - a district reviewer's queue (first page, sorted by due time)
 *   - public tracking by tracking code + national code
 *   - the follow-up officer's chase list
 *   - the dashboards (issue 6): a month's figures city-wide and for one district, and a table as Excel
 * and writes bench/results/<date>-<db>.json. Targets (docs/performance.md) are checked here, not in tests.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { buildApp } from '../server/app.js';
import { parseConfig } from '../server/config.js';
import { createDb, migrate, optimizeDb } from '../server/db/database.js';
import { seedDemo } from '../server/seed/seed.js';
import { manualClock } from '../server/platform/clock.js';
import { tehranDate } from '../server/platform/calendar.js';
import { generateHistory, jalaliMonthStart } from '../server/seed/history.js';
import { signIn } from '../server/test/app.js';
import { districtProperty } from '../server/test/factories.js';

const CASES = Number(process.env.BENCH_CASES ?? 106_000);
const pgUrl = process.env.BENCH_DATABASE_URL;
const kind = pgUrl ? 'postgres' : 'sqlite';
const TARGETS_MS = { intake: 150, districtQueue: 100, publicTracking: 30, chaseList: 500, dashboardCity: 500, dashboardDistrict: 500, dashboardXlsx: 1000 };

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'miz-bench-'));
  const schema = `bench_${Date.now()}`;
  if (pgUrl) {
    const c = new pg.Client({ connectionString: pgUrl });
    await c.connect();
    await c.query(`CREATE SCHEMA ${schema}`);
    await c.end();
  }
  const db = createDb({ databaseUrl: pgUrl ?? null, sqlitePath: path.join(dir, 'bench.sqlite'), ...(pgUrl ? { pgSchema: schema } : {}) });
  try {
    await migrate(db, pgUrl ? { pgSchema: schema } : {});
    const clock = manualClock('2026-11-29T05:30:00.000Z');
    await seedDemo(db, clock);
    const app = await buildApp(parseConfig({ LOG_LEVEL: 'silent', DATA_DIR: dir }), { db, clock });
    await app.ready();

    // A year of cases (seed/history.ts: the same generator as the demo's history), then the rollups rebuilt.
    const t0 = performance.now();
    const history = await generateHistory(db, { cases: CASES, from: new Date(clock.now().getTime() - 365 * 86_400_000), now: clock.now() });
    const loadSeconds = (performance.now() - t0) / 1000;
    console.log(`history: ${history.cases} cases (${history.open} open), ${history.events} timeline lines, ${history.inspections} inspections, ${history.responses} answers`);
    console.log(`rollups: ${history.rollups!.caseRows} case rows, ${history.rollups!.stepRows} step rows`);
    // As the server's hourly pass would have done after a year of cases.
    await optimizeDb(db, true);

    const op = await signIn(app, 'o10573449-op1');
    const reviewer = await signIn(app, 'd3-reviewer1');
    const followup = await signIn(app, 'd3-followup1');
    const property = await districtProperty(db, 3);
    const admin = await signIn(app, 'admin');
    const district3 = await db.selectFrom('districts').select('id').where('number', '=', 3).executeTakeFirstOrThrow();
    // Last full Jalali month before the clock's.
    const month = { from: tehranDate(jalaliMonthStart(clock.now(), 1)), to: tehranDate(new Date(jalaliMonthStart(clock.now(), 0).getTime() - 1)) };
    const sample = await db.selectFrom('requests').innerJoin('persons', 'persons.id', 'requests.applicant_person_id').select(['requests.tracking_code', 'persons.national_code']).limit(1).executeTakeFirstOrThrow();

    const results = {
      intake: await measure(100, async () => {
        const r = await op.post('/api/requests', { propertyId: property.id, applicantPersonId: property.ownerId, serviceCode: 'property_inspection', form: { visitReason: 'new_file' }, documents: { ownership_deed: true, owner_national_card: true }, payment: { paid: true, reference: '20261206' } });
        if (r.statusCode !== 201) throw new Error(r.body);
      }),
      districtQueue: await measure(200, async () => {
        const r = await reviewer.get('/api/requests?state=district_review&sort=stepDueAt&order=asc&pageSize=20');
        if (r.statusCode !== 200) throw new Error(r.body);
      }),
      publicTracking: await measure(200, async () => {
        const r = await app.inject({ method: 'GET', url: `/api/public/requests/${sample.tracking_code}?nationalCode=${sample.national_code}`, remoteAddress: `10.0.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}` });
        if (r.statusCode !== 200 && r.statusCode !== 404) throw new Error(r.body);
      }),
      chaseList: await measure(20, async () => {
        const r = await followup.get('/api/followup/cases?pageSize=50');
        if (r.statusCode !== 200) throw new Error(r.body);
      }),
      dashboardCity: await measure(30, async () => {
        const r = await admin.get(`/api/dashboards/figures?from=${month.from}&to=${month.to}`);
        if (r.statusCode !== 200) throw new Error(r.body);
      }),
      dashboardDistrict: await measure(30, async () => {
        const r = await admin.get(`/api/dashboards/figures?from=${month.from}&to=${month.to}&districtId=${district3.id}`);
        if (r.statusCode !== 200) throw new Error(r.body);
      }),
      dashboardXlsx: await measure(20, async () => {
        const r = await admin.get(`/api/dashboards/export.xlsx?table=by_office&from=${month.from}&to=${month.to}`);
        if (r.statusCode !== 200) throw new Error(r.body);
      }),
    };
    const rollupRows = {
      rollup_cases: Number((await db.selectFrom('rollup_cases').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
      rollup_steps: Number((await db.selectFrom('rollup_steps').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
    };
    console.log(`rollup rows after the load and the intakes: ${rollupRows.rollup_cases} rollup_cases, ${rollupRows.rollup_steps} rollup_steps; dashboard month ${month.from}..${month.to}`);
    const report = { date: new Date().toISOString(), database: kind, cases: history.cases, openCases: history.open, loadSeconds: Math.round(loadSeconds), rollupRows, dashboardMonth: month, node: process.version, cpus: os.cpus().length, results, targetsMs: TARGETS_MS };
    fs.writeFileSync(path.join(import.meta.dirname, 'results', `${report.date.slice(0, 10)}-${kind}.json`), JSON.stringify(report, null, 2) + '\n');
    console.log(`database ${kind}, ${history.cases} cases loaded in ${report.loadSeconds} s`);
    let failed = false;
    for (const [name, r] of Object.entries(results)) {
      const target = TARGETS_MS[name as keyof typeof TARGETS_MS];
      const ok = r.p95 <= target;
      failed ||= !ok;
      console.log(`${name.padEnd(17)} p50 ${r.p50.toFixed(1)} ms  p95 ${r.p95.toFixed(1)} ms  (target p95 <= ${target} ms) ${ok ? 'ok' : 'OVER'}`);
    }
    await app.close();
    process.exitCode = failed ? 1 : 0;
  } finally {
    await db.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
    if (pgUrl) {
      const c = new pg.Client({ connectionString: pgUrl });
      await c.connect();
      await c.query(`DROP SCHEMA ${schema} CASCADE`);
      await c.end();
    }
  }
}

async function measure(n: number, fn: () => Promise<void>) {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const s = performance.now();
    await fn();
    times.push(performance.now() - s);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
  return { n, p50: at(0.5), p95: at(0.95), max: times.at(-1)! };
}

await main();

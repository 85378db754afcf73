/**
 * `npm run bench`: how the API holds up with a year of Isfahan's cases (106,000) in the database.
 * Builds the real app on a fresh database (SQLite by default; PostgreSQL with BENCH_DATABASE_URL),
 * loads the cases in bulk, then measures through HTTP (app.inject, no network):
 *   - intake at a desk (register a request, with automatic inspector assignment)
 *   - a district reviewer's queue (first page, sorted by due time)
 *   - public tracking by tracking code + national code
 *   - the follow-up officer's chase list
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
import { newId, newTrackingCode } from '../server/platform/ids.js';
import type { RequestEventTable, RequestTable } from '../server/db/schema.js';
import { rebuildRollups } from '../server/modules/reports/rollups.js';
import type { Insertable } from 'kysely';
import { signIn } from '../server/test/app.js';
import { districtProperty } from '../server/test/factories.js';

const CASES = Number(process.env.BENCH_CASES ?? 106_000);
const pgUrl = process.env.BENCH_DATABASE_URL;
const kind = pgUrl ? 'postgres' : 'sqlite';
const TARGETS_MS = { intake: 150, districtQueue: 100, publicTracking: 30, chaseList: 500 };

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

    // A year of cases, spread over the demo's desks, properties and states.
    const t0 = performance.now();
    const offices = await db.selectFrom('offices').select(['id', 'district_id']).where('status', '=', 'active').execute();
    const properties = await db.selectFrom('properties').innerJoin('property_owners', 'property_owners.property_id', 'properties.id').select(['properties.id', 'properties.district_id', 'property_owners.person_id']).execute();
    const services = await db.selectFrom('services').select(['id', 'code', 'fee_rials']).execute();
    const staff = await db.selectFrom('staff').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow();
    const states = ['registered', 'inspector_assigned', 'visit_scheduled', 'district_review', 'awaiting_decision', 'response_issued', 'delivered', 'delivered', 'delivered', 'cancelled'];
    const cityId = (await db.selectFrom('cities').select('id').executeTakeFirstOrThrow()).id;
    const batch: Insertable<RequestTable>[] = [];
    const events: Insertable<RequestEventTable>[] = [];
    // Each case walked the main path up to its state (or was cancelled at the desk), a step a day at most.
    const PATH = ['registered', 'inspector_assigned', 'visit_scheduled', 'district_review', 'awaiting_decision', 'approved', 'response_issued', 'delivered'];
    const ACTIONS = ['register', 'assign_inspector', 'schedule_visit', 'file_inspection_report', 'recommend', 'approve', 'issue_response', 'deliver'];
    const nowMs = clock.now().getTime();
    for (let i = 0; i < CASES; i++) {
      const p = properties[i % properties.length]!;
      const office = offices.find((o) => o.district_id === p.district_id) ?? offices[i % offices.length]!;
      const svc = services[i % services.length]!;
      const state = states[i % states.length]!;
      const at = new Date(Date.parse('2025-12-01T06:00:00Z') + (i / CASES) * 360 * 86_400_000).toISOString();
      const closed = state === 'delivered' || state === 'cancelled';
      const id = newId();
      const walk = state === 'cancelled' ? ['registered', 'cancelled'] : PATH.slice(0, PATH.indexOf(state) + 1);
      const gap = Math.min(20 * 3_600_000, (nowMs - Date.parse(at)) / (walk.length + 1));
      let stepAt = at;
      walk.forEach((to, n) => {
        stepAt = new Date(Date.parse(at) + n * gap).toISOString();
        events.push({
          id: newId(), request_id: id, action: to === 'cancelled' ? 'cancel' : ACTIONS[n]!, from_state: n === 0 ? null : walk[n - 1]!, to_state: to,
          actor_staff_id: staff.id, actor_role: 'city_admin', actor_name: 'bench', note: null, public: 1, data: null, created_at: stepAt,
        });
      });
      const paid = i % 3 !== 0;
      batch.push({
        id, city_id: cityId, district_id: p.district_id, office_id: office.id, property_id: p.id, applicant_person_id: p.person_id,
        service_id: svc.id, service_code: svc.code, tracking_code: newTrackingCode(), state, version: 1, form: '{}', documents: '{}', fee_rials: svc.fee_rials,
        assigned_inspector_id: null, recommendation: null, recommendation_note: null, decision: null, decision_note: null, step_started_at: stepAt,
        step_due_at: closed ? null : new Date(Date.parse(stepAt) + 5 * 86_400_000).toISOString(), created_by: staff.id, created_at: at, updated_at: stepAt,
        closed_at: closed ? stepAt : null, cancel_reason: null, proposed_visit_date: null,
        due_at: new Date(Date.parse(at) + 30 * 86_400_000).toISOString(), paused_seconds: 0,
        fee_payment_ref: paid ? String(100_000_000 + i) : null, fee_paid_at: paid ? at : null,
      });
      if (batch.length === 1000) await flush();
    }
    await flush();
    // The dashboards read rollups, which the bulk load bypassed: build them as `npm run rollups:rebuild` would.
    const rollups = await rebuildRollups(db);
    console.log(`rollups: ${rollups.caseRows} case rows, ${rollups.stepRows} step rows`);
    const loadSeconds = (performance.now() - t0) / 1000;
    // As the server's hourly pass would have done after a year of cases.
    await optimizeDb(db, true);

    async function flush() {
      if (batch.length === 0) return;
      // Tracking codes are random: a rare clash in the bulk load is simply skipped.
      const inserted = await db.insertInto('requests').values(batch).onConflict((oc) => oc.column('tracking_code').doNothing()).returning('id').execute();
      const kept = new Set(inserted.map((r) => r.id));
      const timeline = events.filter((e) => kept.has(e.request_id));
      for (let n = 0; n < timeline.length; n += 1000) await db.insertInto('request_events').values(timeline.slice(n, n + 1000)).execute();
      batch.length = 0;
      events.length = 0;
    }

    const op = await signIn(app, 'o10573449-op1');
    const reviewer = await signIn(app, 'd3-reviewer1');
    const followup = await signIn(app, 'd3-followup1');
    const property = await districtProperty(db, 3);
    const sample = await db.selectFrom('requests').innerJoin('persons', 'persons.id', 'requests.applicant_person_id').select(['requests.tracking_code', 'persons.national_code']).limit(1).executeTakeFirstOrThrow();

    const results = {
      intake: await measure(100, async () => {
        const r = await op.post('/api/requests', { propertyId: property.id, applicantPersonId: property.ownerId, serviceCode: 'property_inspection', form: { visitReason: 'new_file' }, documents: { ownership_deed: true, owner_national_card: true } });
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
    };
    const report = { date: new Date().toISOString(), database: kind, cases: CASES, loadSeconds: Math.round(loadSeconds), node: process.version, cpus: os.cpus().length, results, targetsMs: TARGETS_MS };
    fs.writeFileSync(path.join(import.meta.dirname, 'results', `${report.date.slice(0, 10)}-${kind}.json`), JSON.stringify(report, null, 2) + '\n');
    console.log(`database ${kind}, ${CASES} cases loaded in ${report.loadSeconds} s`);
    let failed = false;
    for (const [name, r] of Object.entries(results)) {
      const target = TARGETS_MS[name as keyof typeof TARGETS_MS];
      const ok = r.p95 <= target;
      failed ||= !ok;
      console.log(`${name.padEnd(15)} p50 ${r.p50.toFixed(1)} ms  p95 ${r.p95.toFixed(1)} ms  (target p95 <= ${target} ms) ${ok ? 'ok' : 'OVER'}`);
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

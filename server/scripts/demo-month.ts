/**
 * `npx tsx server/scripts/demo-month.ts [--dir data/demo-month] [--seed 1405]`: a fresh SQLite
 * database with the Isfahan demo and a month of work (Azar 1405) driven through the API as the
 * desks, inspectors and districts would do it, on a clock moved through the working days; then the
 * month's report for the city, as a PDF beside the database. Used for docs/images/monthly-report.png
 * (`pdftoppm -png -r 80 -f 1 -l 1 ...`) and for trying the dashboards on real-looking figures:
 * `SQLITE_PATH=data/demo-month/demo-month.sqlite npm run report:monthly -- --month 1405-09 --district 3`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { FastifyInstance } from 'fastify';
import { buildApp, createCtx } from '../app.js';
import { parseConfig } from '../config.js';
import { createDb, migrate } from '../db/database.js';
import { manualClock } from '../platform/clock.js';
import { addDays, dayWeight } from '../platform/calendar.js';
import { DEMO_PASSWORD, seedDemo } from '../seed/seed.js';
import { mulberry32 } from '../seed/persian-names.js';
import { monthlyReportPdf } from '../modules/dashboards/index.js';

const MONTH = { key: '1405-09', from: '2026-11-22', to: '2026-12-21' };
const tehran = (date: string, hhmm: string) => new Date(Date.parse(`${date}T${hhmm}:00+03:30`)).toISOString();

interface Case {
  id: string;
  district: number;
  op: string;
  inspector: string;
  ownerCode: string;
  checklist: string[];
  state: string;
  /** Days at which the case waits before its next step may be taken (uneven desks and districts). */
  pace: number;
  returnedAt?: string;
}

async function main() {
  const { values } = parseArgs({ options: { dir: { type: 'string' }, seed: { type: 'string' } } });
  const dir = path.resolve(values.dir ?? 'data/demo-month');
  fs.mkdirSync(dir, { recursive: true });
  const sqlitePath = path.join(dir, 'demo-month.sqlite');
  for (const f of [sqlitePath, `${sqlitePath}-wal`, `${sqlitePath}-shm`]) fs.rmSync(f, { force: true });

  const db = createDb({ databaseUrl: null, sqlitePath });
  await migrate(db);
  const clock = manualClock(tehran(MONTH.from, '07:00'));
  await seedDemo(db, clock);
  // Sessions of 30 days, the month: one sign-in per person (sign-in is rate-limited).
  const config = parseConfig({ LOG_LEVEL: 'silent', DATA_DIR: dir, SQLITE_PATH: sqlitePath, SESSION_HOURS: '720', NOTIFY_POLL_MS: '0' });
  const app: FastifyInstance = await buildApp(config, { db, clock });
  await app.ready();
  const rnd = mulberry32(Number(values.seed ?? 1405)); // the same month every run

  const cookies = new Map<string, string>();
  async function call(username: string, method: 'GET' | 'POST', url: string, payload?: object) {
    let cookie = cookies.get(username);
    if (!cookie) {
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: DEMO_PASSWORD } });
      if (res.statusCode !== 200) throw new Error(`sign-in of ${username}: ${res.statusCode} ${res.body}`);
      const set = res.headers['set-cookie'];
      cookie = (Array.isArray(set) ? set[0]! : set!).split(';')[0]!;
      cookies.set(username, cookie);
    }
    return app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
  }
  async function act(username: string, c: Case, action: string, body: object = {}) {
    const current = (await call(username, 'GET', `/api/requests/${c.id}`)).json();
    const res = await call(username, 'POST', `/api/requests/${c.id}/${action}`, { version: current.version, ...body });
    if (res.statusCode !== 200) throw new Error(`${action} by ${username}: ${res.statusCode} ${res.body}`);
    c.state = res.json().state;
  }

  // One desk per district (its first operator) and the district's first property files.
  const desks = await db
    .selectFrom('staff')
    .innerJoin('districts', 'districts.id', 'staff.district_id')
    .innerJoin('offices', 'offices.id', 'staff.office_id')
    .select(['staff.username', 'districts.number', 'offices.gov_code'])
    .where('staff.role', '=', 'office_operator')
    .where('offices.status', '=', 'active')
    .orderBy('districts.number')
    .orderBy('staff.username')
    .execute();
  const deskOf = new Map<number, string[]>();
  for (const d of desks) deskOf.set(d.number, [...(deskOf.get(d.number) ?? []), d.username]);
  const properties = new Map<number, { id: string; ownerId: string; ownerCode: string }[]>();
  for (const p of await db
    .selectFrom('properties')
    .innerJoin('districts', 'districts.id', 'properties.district_id')
    .innerJoin('property_owners', 'property_owners.property_id', 'properties.id')
    .innerJoin('persons', 'persons.id', 'property_owners.person_id')
    .select(['properties.id', 'persons.id as ownerId', 'persons.national_code', 'districts.number'])
    .orderBy('properties.file_number')
    .execute()) {
    const list = properties.get(p.number) ?? [];
    if (list.length < 6 && !list.some((x) => x.id === p.id)) list.push({ id: p.id, ownerId: p.ownerId, ownerCode: p.national_code });
    properties.set(p.number, list);
  }
  const usernameOfStaff = new Map((await db.selectFrom('staff').select(['id', 'username']).execute()).map((s) => [s.id, s.username]));

  const cases: Case[] = [];
  let registered = 0;
  const busy = [1, 3, 5, 6, 8, 12]; // busier districts: more intake
  for (let day = MONTH.from; day <= MONTH.to; day = addDays(day, 1)) {
    const weight = dayWeight(day, new Set());
    if (weight === 0) continue;
    const slots = weight === 1 ? ['08:30', '10:30', '12:30'] : ['08:30'];
    for (const slot of slots) {
      clock.set(tehran(day, slot));
      // Intake: each district's desks take in a few cases.
      for (const [district, ops] of deskOf) {
        const expected = (busy.includes(district) ? 1.4 : 0.6) / slots.length * (weight === 1 ? 3 : 1);
        const n = Math.floor(expected + rnd());
        for (let i = 0; i < n; i++) {
          const op = ops[Math.floor(rnd() * ops.length)]!;
          const props = properties.get(district)!;
          const p = props[Math.floor(rnd() * props.length)]!;
          const res = await call(op, 'POST', '/api/requests', {
            propertyId: p.id, applicantPersonId: p.ownerId, serviceCode: 'property_inspection', form: { visitReason: 'new_file' },
            documents: { ownership_deed: true, owner_national_card: true },
          });
          if (res.statusCode !== 201) throw new Error(`intake: ${res.statusCode} ${res.body}`);
          registered++;
          // Paid at the desk after intake: only then is the inspector sent (decisions/0020).
          const paid = await call(op, 'POST', `/api/requests/${res.json().id}/payment`, { reference: `TR${String(registered).padStart(6, '0')}` });
          if (paid.statusCode !== 200) throw new Error(`payment: ${paid.statusCode} ${paid.body}`);
          const k = paid.json();
          const c: Case = {
            id: k.id, district, op, inspector: usernameOfStaff.get(k.inspector.id)!, ownerCode: p.ownerCode,
            checklist: k.service.inspectionChecklist.map((x: { code: string }) => x.code), state: k.state, pace: 0.25 + rnd() * 0.6,
          };
          cases.push(c);
        }
      }
      // Work: each open case moves on one step if its holder gets to it in this slot.
      for (const c of cases) {
        if (c.state === 'delivered' || c.state === 'cancelled' || rnd() > c.pace) continue;
        const reviewer = `d${c.district}-reviewer1`;
        const approver = `d${c.district}-approver`;
        switch (c.state) {
          case 'inspector_assigned':
            if (rnd() < 0.04) await act('admin', c, 'cancel', { reason: 'انصراف متقاضی' });
            else await act(c.inspector, c, 'schedule-visit', { date: day, windowStart: '09:00', windowEnd: '12:00' });
            break;
          case 'visit_scheduled':
            await act(c.inspector, c, 'inspection-report', {
              findings: 'مطابق سند و پروانه', checklist: c.checklist.map((code) => ({ code, ok: true })), violations: [],
              gps: { lat: 32.65, lng: 51.67 }, visitedAt: clock.now().toISOString(),
            });
            break;
          case 'district_review':
            if (!c.returnedAt && rnd() < 0.12) await act(reviewer, c, 'return', { reasons: ['تصویر سند مالکیت خوانا نیست'] });
            else await act(reviewer, c, 'recommend', { recommendation: 'approve', note: 'بدون تخلف' });
            break;
          case 'returned_to_office':
            if (rnd() < 0.5) await act(c.op, c, 'resubmit', {});
            break;
          case 'awaiting_decision':
            await act(approver, c, 'approve', {});
            break;
          case 'approved':
            await act(approver, c, 'issue-response', {});
            break;
          case 'response_issued':
            if (rnd() < 0.5) await act(c.op, c, 'deliver', { receivedByName: 'مالک', receivedByNationalCode: c.ownerCode });
            break;
        }
        if (c.state === 'returned_to_office') c.returnedAt ??= day;
      }
    }
  }
  await app.close();

  clock.set(tehran(addDays(MONTH.to, 1), '09:00'));
  const ctx = createCtx(config, { db, clock });
  try {
    const report = await monthlyReportPdf(ctx, (await db.selectFrom('cities').select('id').executeTakeFirstOrThrow()).id, MONTH.key, null);
    const out = path.join(dir, report.fileName);
    fs.writeFileSync(out, report.bytes);
    const states = new Map<string, number>();
    for (const c of cases) states.set(c.state, (states.get(c.state) ?? 0) + 1);
    console.log(`${registered} cases in ${MONTH.key}: ${JSON.stringify(Object.fromEntries(states))}`);
    console.log(`wrote ${sqlitePath} and ${out}`);
  } finally {
    await ctx.pdf.close();
    await db.destroy();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);

/**
 * The rollups never drift: after a seeded pseudo-random mix of intakes, payments and legal
 * transitions (cancellations and returns for correction included) at several desks, over several
 * days, rollup_cases equals a direct count over the cases, rollup_steps equals what the
 * timelines say, and rebuildRollups produces exactly the rows the write path kept.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type Client, type TestApp } from '../../test/app.js';
import { assignedInspector, INSPECTION_DOCS, INSPECTION_FORM } from '../../test/factories.js';
import { dayWeight, tehranDate } from '../../platform/calendar.js';
import { mulberry32 } from '../../platform/random.js';
import { loadHolidays } from '../calendar/index.js';
import { Migrator } from 'kysely';
import { migrate } from '../../db/database.js';
import { migrationProvider } from '../../db/migrations/index.js';
import { rebuildRollups } from './rollups.js';
import {
  caseRowsByMonth, directCaseRows, monthRowsByDesk, monthRowsByDistrict, rollupCases as rollupCasesOf, rollupCasesMonthly, rollupCasesMonthlyDesks, rollupCasesMonthlyDistricts,
  rollupSteps as rollupStepsOf,
  stepsFromRollup, stepsFromTimelines,
} from '../../test/rollups.js';

const BANK_FORM = { bankName: 'بانک ملت', branchCode: '1234', bankLetterNumber: 'ب/۱۴۰۵/۷۷', purpose: 'mortgage' };
const BANK_DOCS = { bank_letter: true, ownership_deed: true, owner_national_card: true };
const SERVICES = [
  { code: 'property_inspection', form: INSPECTION_FORM, documents: INSPECTION_DOCS },
  { code: 'bank_inquiry', form: BANK_FORM, documents: BANK_DOCS },
];

interface Desk {
  district: number;
  op: string;
  manager: string;
  property: { id: string; ownerId: string; ownerNationalCode: string };
}

interface Kase {
  id: string;
  desk: Desk;
  state: string;
  paid: boolean;
  inspector: { id: string } | null;
  checklist: { code: string }[];
  serviceCode: string;
}

let t: TestApp;
let desks: Desk[];
let holidays: ReadonlySet<string>;
const as = (username: string) => signIn(t.app, username);

/** Two active desks in each of districts 3 and 5 that offer both services, with a property file of the district. */
async function findDesks(): Promise<Desk[]> {
  const out: Desk[] = [];
  for (const district of [3, 5]) {
    const offices = await t.db
      .selectFrom('offices')
      .innerJoin('districts', 'districts.id', 'offices.district_id')
      .innerJoin('office_services', 'office_services.office_id', 'offices.id')
      .innerJoin('services', 'services.id', 'office_services.service_id')
      .select(['offices.id'])
      .where('districts.number', '=', district)
      .where('offices.status', '=', 'active')
      .where('services.code', 'in', SERVICES.map((s) => s.code))
      .groupBy('offices.id')
      .having((eb) => eb.fn.countAll(), '=', SERVICES.length)
      .orderBy('offices.id')
      .limit(2)
      .execute();
    const property = await t.db
      .selectFrom('properties')
      .innerJoin('districts', 'districts.id', 'properties.district_id')
      .innerJoin('property_owners', 'property_owners.property_id', 'properties.id')
      .innerJoin('persons', 'persons.id', 'property_owners.person_id')
      .select(['properties.id', 'persons.id as ownerId', 'persons.national_code'])
      .where('districts.number', '=', district)
      .orderBy('properties.file_number')
      .executeTakeFirstOrThrow();
    for (const o of offices) {
      const staff = await t.db.selectFrom('staff').select(['username', 'role']).where('office_id', '=', o.id).where('active', '=', 1).execute();
      out.push({
        district,
        op: staff.find((s) => s.role === 'office_operator')!.username,
        manager: staff.find((s) => s.role === 'office_manager')!.username,
        property: { id: property.id, ownerId: property.ownerId, ownerNationalCode: property.national_code },
      });
    }
  }
  expect(out.length).toBeGreaterThanOrEqual(3);
  return out;
}

/** Today if it is a working day, else the next one (a visit date the API accepts). */
function visitDate(): string {
  let d = new Date(t.clock.now().getTime());
  while (dayWeight(tehranDate(d), holidays) === 0) d = new Date(d.getTime() + 86_400_000);
  return tehranDate(d);
}

async function post(client: Client, k: Kase, path: string, body: object) {
  const current = (await client.get(`/api/requests/${k.id}`)).json();
  const res = await client.post(`/api/requests/${k.id}/${path}`, { version: current.version, ...body });
  expect(res.statusCode, `${path} from ${k.state}: ${res.body}`).toBe(200);
  const c = res.json();
  k.state = c.state;
  k.paid = c.fee.paid;
  k.inspector = c.inspector;
}

/** One legal move for the case, chosen by the random draw `r`; cancellations and returns included. */
async function move(k: Kase, r: number) {
  const d = k.desk.district;
  const reviewer = () => as(`d${d}-reviewer1`);
  const approver = () => as(`d${d}-approver`);
  if (!k.paid && k.state !== 'cancelled' && r < 0.12) {
    return post(await as(k.desk.op), k, 'payment', { reference: `RRN${Math.floor(r * 1e9)}` });
  }
  const cancel = r > 0.93;
  switch (k.state) {
    case 'registered':
      if (cancel) return post(await as(k.desk.manager), k, 'cancel', { reason: 'انصراف متقاضی' });
      // An unpaid inspection case waits at the desk for its fee; paying it sends the inspector.
      if (k.serviceCode === 'property_inspection') return post(await as(k.desk.op), k, 'payment', { reference: `RRN${Math.floor(r * 1e9)}` });
      return post(await as(k.desk.op), k, 'send-to-district', {});
    case 'inspector_assigned':
      if (cancel) return post(await as(k.desk.manager), k, 'cancel', { reason: 'انصراف متقاضی' });
      return post(await assignedInspector(t, k), k, 'schedule-visit', { date: visitDate(), windowStart: '09:00', windowEnd: '12:00' });
    case 'visit_scheduled':
      if (cancel) return post(await as(k.desk.manager), k, 'cancel', { reason: 'انصراف متقاضی' });
      return post(await assignedInspector(t, k), k, 'inspection-report', {
        findings: 'مطابق سند؛ تخلفی مشاهده نشد.', checklist: k.checklist.map((i) => ({ code: i.code, ok: true })), violations: [],
        gps: { lat: 32.65, lng: 51.67 }, visitedAt: t.clock.now().toISOString(),
      });
    case 'district_review':
      if (cancel) return post(await approver(), k, 'cancel', { reason: 'درخواست تکراری است' });
      if (r > 0.8) return post(await reviewer(), k, 'return', { reasons: ['تصویر سند خوانا نیست'] });
      return post(await reviewer(), k, 'recommend', { recommendation: r < 0.6 ? 'approve' : 'reject', note: 'بررسی شد.' });
    case 'awaiting_decision':
      if (cancel) return post(await approver(), k, 'cancel', { reason: 'درخواست تکراری است' });
      if (r > 0.8) return post(await approver(), k, 'return', { reasons: ['امضای مالک در فرم نیست'] });
      return r < 0.55 ? post(await approver(), k, 'approve', {}) : post(await approver(), k, 'reject', { reasons: ['مدارک کافی نیست'] });
    case 'returned_to_office':
      if (cancel) return post(await as(k.desk.manager), k, 'cancel', { reason: 'متقاضی مراجعه نکرد' });
      return post(await as(k.desk.op), k, 'resubmit', { note: 'اصلاح شد' });
    case 'approved':
    case 'rejected':
      return post(await approver(), k, 'issue-response', {});
    case 'response_issued':
      return post(await as(k.desk.op), k, 'deliver', { receivedByName: 'مالک', receivedByNationalCode: k.desk.property.ownerNationalCode });
  }
}

const num = (v: unknown) => Number(v);
const rollupCases = () => rollupCasesOf(t.db);
const rollupSteps = () => rollupStepsOf(t.db);

beforeAll(async () => {
  // Answer letters are not what this test is about: no Chromium printing after each answer.
  t = await createTestApp(undefined, { pdf: { print: () => Promise.reject(new Error('no printer in this test')), close: async () => undefined } });
  desks = await findDesks();
  const city = await t.db.selectFrom('cities').select('id').executeTakeFirstOrThrow();
  holidays = await loadHolidays(t.db, city.id);
});
afterAll(async () => t?.close());

describe('rollups reconcile with the cases', () => {
  it('after a random mix of intakes, payments and transitions over several days', async () => {
    const random = mulberry32(1405); // the same mix on every run and on both databases
    const cases: Kase[] = [];
    let cancelled = 0;
    let returned = 0;
    for (let day = 0; day < 6; day++) {
      // Each morning at 08:00 Tehran from Saturday 19 Dec (Azar) to 24 Dec (Dey), then minutes to hours between moves.
      t.clock.set(new Date(Date.parse('2026-12-19T04:30:00Z') + day * 86_400_000).toISOString());
      for (let n = 0; n < 5; n++) {
        const desk = desks[Math.floor(random() * desks.length)]!;
        const service = SERVICES[Math.floor(random() * SERVICES.length)]!;
        const paid = random() < 0.5;
        const res = await (await as(desk.op)).post('/api/requests', {
          propertyId: desk.property.id, applicantPersonId: desk.property.ownerId, serviceCode: service.code, form: service.form, documents: service.documents,
          ...(paid ? { payment: { paid: true, reference: `${100000 + cases.length}` } } : random() < 0.5 ? { payment: { paid: false } } : {}),
        });
        expect(res.statusCode, res.body).toBe(201);
        const c = res.json();
        expect(c.fee).toMatchObject({ paid, reference: paid ? `${100000 + cases.length}` : null });
        cases.push({ id: c.id, desk, state: c.state, paid, inspector: c.inspector, checklist: c.service.inspectionChecklist, serviceCode: service.code });
        t.clock.advance(Math.floor(random() * 40) * 60_000);
      }
      for (let n = 0; n < 30; n++) {
        const open = cases.filter((k) => k.state !== 'delivered' && k.state !== 'cancelled');
        if (open.length === 0) break;
        const k = open[Math.floor(random() * open.length)]!;
        const before = k.state;
        await move(k, random());
        if (k.state === 'cancelled') cancelled++;
        if (k.state === 'returned_to_office' && before !== k.state) returned++;
        t.clock.advance((5 + Math.floor(random() * 25)) * 60_000);
      }
    }
    // The mix did what it is for.
    expect(cases).toHaveLength(30);
    expect(cancelled).toBeGreaterThan(0);
    expect(returned).toBeGreaterThan(0);
    expect(cases.some((k) => k.state === 'delivered')).toBe(true);

    // rollup_cases = a direct count over the cases, by intake day x office x service x state.
    expect(await t.db.selectFrom('requests').select('id').execute()).toHaveLength(30);
    const incremental = await rollupCases();
    expect(incremental).toEqual(await directCaseRows(t.db));
    expect(incremental.reduce((n, r) => n + r.cases, 0)).toBe(30);
    // rollup_cases_monthly = the same rows summed by Jalali month (the days cross into a second month).
    const monthly = await rollupCasesMonthly(t.db);
    expect(new Set(monthly.map((r) => r.month)).size).toBe(2);
    expect(monthly).toEqual(caseRowsByMonth(incremental));
    // rollup_cases_monthly_districts = those summed over each district's desks (two districts here).
    const byDistrict = await rollupCasesMonthlyDistricts(t.db);
    expect(new Set(byDistrict.map((r) => r.district_id)).size).toBe(2);
    expect(byDistrict).toEqual(monthRowsByDistrict(monthly));
    // rollup_cases_monthly_desks = those summed over each desk's services and states (four desks here).
    const byDesk = await rollupCasesMonthlyDesks(t.db);
    expect(new Set(byDesk.map((r) => r.office_id)).size).toBe(4);
    expect(byDesk).toEqual(monthRowsByDesk(monthly));

    // rollup_steps = what the timelines say: one step per transition leaving a state, by the day it
    // ended; 'answer' per answer issued; 'turnaround' per hand-over.
    const steps = await rollupSteps();
    expect(stepsFromRollup(steps)).toEqual(await stepsFromTimelines(t.db));
    expect(steps.some((s) => s.step === 'returned_to_office')).toBe(true);
    expect(steps.some((s) => s.step === 'answer')).toBe(true);
    expect(steps.some((s) => s.step === 'turnaround')).toBe(true);
    for (const s of steps) expect(s.late).toBeLessThanOrEqual(s.steps);

    // The rebuild from requests + timelines gives exactly the rows the write path kept (late and minutes included).
    await t.db.deleteFrom('rollup_steps').execute();
    await t.db.updateTable('rollup_cases').set({ cases: 999 }).execute();
    // Rebuilt adding to the tables every few rows (as a big city's rebuild does every 100,000), then at once.
    await rebuildRollups(t.db, t.clock.now(), undefined, 7);
    expect(await rollupCases()).toEqual(incremental);
    expect(await rollupCasesMonthly(t.db)).toEqual(monthly);
    expect(await rollupCasesMonthlyDistricts(t.db)).toEqual(byDistrict);
    expect(await rollupCasesMonthlyDesks(t.db)).toEqual(byDesk);
    expect(await rollupSteps()).toEqual(steps);
    await t.db.deleteFrom('rollup_steps').execute();
    await t.db.updateTable('rollup_cases').set({ cases: 999 }).execute();
    const rebuilt = await rebuildRollups(t.db, t.clock.now());
    expect(rebuilt.cases).toBe(30);
    expect(rebuilt.caseRows).toBe(incremental.length);
    expect(rebuilt.stepRows).toBe(steps.length);
    expect(await rollupCases()).toEqual(incremental);
    expect(await rollupCasesMonthly(t.db)).toEqual(monthly);
    expect(await rollupCasesMonthlyDistricts(t.db)).toEqual(byDistrict);
    expect(await rollupCasesMonthlyDesks(t.db)).toEqual(byDesk);
    expect(await rollupSteps()).toEqual(steps);
    // The rebuild seals the months that are over (Azar, on 24 Dec): its rows hold the day rows' steps.
    expect(rebuilt.sealedMonths).toBe(1);
    const azar = steps.filter((r) => r.day <= '2026-12-21');
    for (const table of ['rollup_steps_monthly', 'rollup_steps_monthly_desks', 'rollup_steps_monthly_districts', 'rollup_steps_monthly_cities'] as const) {
      const sealed = await t.db.selectFrom(table).select(['month', 'steps', 'late', 'minutes', 'buckets']).execute();
      expect(new Set(sealed.map((r) => r.month))).toEqual(new Set(['1405-09']));
      for (const k of ['steps', 'late', 'minutes'] as const) expect(sealed.reduce((n, r) => n + num(r[k]), 0), `${table} ${k}`).toBe(azar.reduce((n, r) => n + r[k], 0));
      // Each row's histogram holds its steps.
      for (const r of sealed) expect(r.buckets.split(',').reduce((n, pair) => n + Number(pair.split(':')[1]), 0)).toBe(num(r.steps));
    }
    // The desks' rows without the service are the desk x service rows summed: migration 0120 makes
    // them so from the desk x service rows of the months sealed before it.
    const deskRows = () => t.db.selectFrom('rollup_steps_monthly_desks').selectAll().orderBy('office_id').orderBy('step').execute();
    const sealedDesks = await deskRows();
    expect(sealedDesks.length).toBeGreaterThan(0);
    // Azar's city rows (decision 0050): a row a step, the district rows summed.
    const cityStepRows = async () =>
      (await t.db.selectFrom('rollup_steps_monthly_cities').selectAll().orderBy('step').execute()).map((r) => ({ ...r, steps: num(r.steps), late: num(r.late), minutes: num(r.minutes) }));
    const sealedCitySteps = await cityStepRows();
    const districtSteps = await t.db.selectFrom('rollup_steps_monthly_districts').select(['step', 'steps']).execute();
    expect(sealedCitySteps.map((r) => [r.step, r.steps])).toEqual(
      [...new Set(districtSteps.map((r) => r.step))].sort().map((step) => [step, districtSteps.filter((r) => r.step === step).reduce((n, r) => n + num(r.steps), 0)]),
    );
    // Azar's desk rows (decision 0050) hold each desk's own steps, its returns and its answers.
    const deskMonthRows = async () =>
      (await t.db.selectFrom('rollup_desk_months').selectAll().orderBy('office_id').execute()).map((r) => ({
        ...r, desk_steps: num(r.desk_steps), desk_minutes: num(r.desk_minutes), returns: num(r.returns), return_minutes: num(r.return_minutes),
      }));
    const sealedDeskMonths = await deskMonthRows();
    expect(sealedDeskMonths.map((r) => r.office_id)).toEqual([...new Set(sealedDesks.filter((r) => r.step !== 'turnaround').map((r) => r.office_id))].sort());
    const histogramSteps = (text: string) => (text === '' ? 0 : text.split(',').reduce((n, pair) => n + Number(pair.split(':')[1]), 0));
    for (const d of sealedDeskMonths) {
      const of = (steps: string[]) => sealedDesks.filter((r) => r.office_id === d.office_id && steps.includes(r.step));
      const sum = (rows: typeof sealedDesks, k: 'steps' | 'minutes') => rows.reduce((n, r) => n + num(r[k]), 0);
      const own = of(['registered', 'returned_to_office', 'response_issued']);
      expect([d.desk_steps, d.desk_minutes, histogramSteps(d.desk_buckets)], d.office_id).toEqual([sum(own, 'steps'), sum(own, 'minutes'), sum(own, 'steps')]);
      expect([d.returns, d.return_minutes], d.office_id).toEqual([sum(of(['returned_to_office']), 'steps'), sum(of(['returned_to_office']), 'minutes')]);
      expect(histogramSteps(d.answer_buckets), d.office_id).toBe(sum(of(['answer']), 'steps'));
    }
    expect(sealedDeskMonths.some((d) => d.returns > 0 && histogramSteps(d.answer_buckets) > 0)).toBe(true);
    // Azar's visits (decision 0050) are the inspections filed in it, by inspector.
    const visitRows = async () =>
      (await t.db.selectFrom('rollup_visits_monthly').select(['month', 'inspector_id', 'visits']).orderBy('inspector_id').execute()).map((r) => ({ ...r, visits: num(r.visits) }));
    const sealedVisits = await visitRows();
    const filed = await t.db
      .selectFrom('inspections')
      .select((eb) => ['inspector_id', eb.fn.countAll().as('n')])
      .where('submitted_at', '>=', '2026-11-21T20:30:00.000Z') // 1 Azar, 00:00 Tehran
      .where('submitted_at', '<', '2026-12-21T20:30:00.000Z')
      .groupBy('inspector_id')
      .orderBy('inspector_id')
      .execute();
    expect(filed.length).toBeGreaterThan(0);
    expect(sealedVisits).toEqual(filed.map((r) => ({ month: '1405-09', inspector_id: r.inspector_id, visits: num(r.n) })));
    expect(sealedDesks.length).toBeLessThan((await t.db.selectFrom('rollup_steps_monthly').select('step').execute()).length);
    const migrator = new Migrator({ db: t.db, provider: migrationProvider, ...(t.database.pgSchema ? { migrationTableSchema: t.database.pgSchema } : {}) });
    expect((await migrator.migrateTo('20261207T0110_letter_numbers_per_city')).error).toBeUndefined();
    const later = Object.keys(await migrationProvider.getMigrations()).sort().filter((name) => name > '20261207T0110_letter_numbers_per_city');
    expect(later.slice(0, 7)).toEqual([
      '20261207T0120_desk_step_months', '20261207T0130_inquiry_places', '20261207T0140_case_months_by_district', '20261207T0150_inquiry_visit_months',
      '20261207T0160_case_months_by_desk', '20261207T0170_desk_months', '20261207T0180_city_step_months',
    ]);
    expect(await migrate(t.db, { pgSchema: t.database.pgSchema })).toEqual(later);
    expect(await deskRows()).toEqual(sealedDesks);
    // Migration 0150 counts the visits of the months sealed before it, 0170 makes their desk rows, 0180 their city rows.
    expect(await visitRows()).toEqual(sealedVisits);
    expect(await deskMonthRows()).toEqual(sealedDeskMonths);
    expect(await cityStepRows()).toEqual(sealedCitySteps);
    // Migrations 0140 and 0160 fill the district and the desk month rows from the month rows by desk and service.
    expect(await rollupCasesMonthlyDistricts(t.db)).toEqual(byDistrict);
    expect(await rollupCasesMonthlyDesks(t.db)).toEqual(byDesk);
  }, 180_000);

  it('a payment recorded later moves into paid_rials of the case’s current row; a second one is refused', async () => {
    const desk = desks[0]!;
    const op = await as(desk.op);
    const created = await op.post('/api/requests', {
      propertyId: desk.property.id, applicantPersonId: desk.property.ownerId, serviceCode: 'property_inspection', form: INSPECTION_FORM, documents: INSPECTION_DOCS,
    });
    expect(created.statusCode, created.body).toBe(201);
    const kase = created.json();
    // The day's rows of the office and service over every state: paying sends the case on to its
    // inspector (decisions/0020), so it leaves the row it was paid in.
    const row = async () => {
      const rows = await t.db.selectFrom('rollup_cases').select(['cases', 'fee_rials', 'paid_rials'])
        .where('day', '=', tehranDate(new Date(kase.createdAt))).where('office_id', '=', kase.office.id)
        .where('service_code', '=', 'property_inspection')
        .execute();
      return { cases: rows.reduce((n, r) => n + num(r.cases), 0), paid_rials: rows.reduce((n, r) => n + num(r.paid_rials), 0) };
    };
    const before = await row();
    const res = await op.post(`/api/requests/${kase.id}/payment`, { version: kase.version, reference: '۴۴۵۵۶۶۷۷' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().fee).toMatchObject({ rials: kase.fee.rials, paid: true, reference: '44556677', paidAt: t.clock.now().toISOString() });
    expect(res.json().state).toBe('inspector_assigned');
    const after = await row();
    expect(num(after.paid_rials) - num(before.paid_rials)).toBe(kase.fee.rials);
    expect(num(after.cases)).toBe(num(before.cases));
    const again = await op.post(`/api/requests/${kase.id}/payment`, { reference: '99999999' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('CONFLICT');
  });
});

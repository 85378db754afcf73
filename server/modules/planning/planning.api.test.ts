/**
 * The day planner over HTTP (issue 13): a district's day planned, every rule kept in the saved plan
 * and in the cases (the planned inspector holds the case), hand moves re-checked, appointments
 * confirmed and kept by re-plans, leave honoured, the inspector's own day, scope and bad input.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, TEST_START, usernameOf, type Client, type TestApp } from '../../test/app.js';
import { remindAppointments } from './planning.reminders.js';
import { TravelTimeError } from '../../platform/routing/index.js';
import { renderSms } from '../notifications/index.js';
import { registerCase, type SeededProperty } from '../../test/factories.js';
import { newId } from '../../platform/ids.js';

let t: TestApp;
let reviewer: Client;
let admin: Client;
const DAY = '2026-12-01'; // a Tuesday, two days after the test clock's Sunday
const DISTRICT = 3;
let districtId: string;
const cases: { id: string; version: number }[] = [];
let confirmedId = '';

interface Stop { requestId: string; start: string; end: string; arrive: string; specialty: string | null; appointment: { windowStart: string; windowEnd: string } | null; version: number }
interface Route { inspectorId: string; specialty: string | null; districtId: string; cap: number; stops: Stop[] }
interface DayPlan {
  plan: { id: string; version: number; seed: number } | null;
  shift: { start: string; end: string } | null;
  routes: Route[];
  unassigned: { requestId: string; reason: string }[];
  notPlanned: { requestId: string }[];
  inspectorsOff: { inspectorId: string; kind: string }[];
  totals: { visits: number; planned: number; unassigned: number };
}

/**
 * `count` property files in a district, spread around its first one (the demo has about three a
 * district): copies of it with their own file number and location, the same owner.
 */
async function propertiesOf(districtNumber: number, count: number): Promise<SeededProperty[]> {
  const [template] = await t.db
    .selectFrom('properties')
    .innerJoin('districts', 'districts.id', 'properties.district_id')
    .selectAll('properties')
    .where('districts.number', '=', districtNumber)
    .where('properties.lat', 'is not', null)
    .orderBy('properties.file_number')
    .limit(1)
    .execute();
  const owner = await t.db.selectFrom('property_owners').innerJoin('persons', 'persons.id', 'property_owners.person_id').select(['persons.id', 'persons.national_code', 'property_owners.share_milli_dang']).where('property_id', '=', template!.id).executeTakeFirstOrThrow();
  const made: SeededProperty[] = [];
  for (let i = 0; i < count; i++) {
    const id = newId();
    const angle = (i / count) * 2 * Math.PI;
    await t.db.insertInto('properties').values({
      ...template!, id, file_number: `${template!.file_number}-${districtNumber}${i}`, renovation_code: null, postal_code: null, plate_main: null, plate_sub: null, registry_section: null,
      lat: Number(template!.lat) + 0.008 * Math.sin(angle), lng: Number(template!.lng) + 0.008 * Math.cos(angle), search_text: `${template!.search_text} ${i}`,
    }).execute();
    await t.db.insertInto('property_owners').values({ property_id: id, person_id: owner.id, share_milli_dang: owner.share_milli_dang }).execute();
    made.push({ id, ownerId: owner.id, ownerNationalCode: owner.national_code });
  }
  return made;
}

const inRoutes = (plan: DayPlan) => plan.routes.flatMap((r) => r.stops.map((s) => ({ ...s, inspectorId: r.inspectorId, route: r })));

beforeAll(async () => {
  t = await createTestApp();
  reviewer = await signIn(t.app, `d${DISTRICT}-reviewer1`);
  admin = await signIn(t.app, 'admin');
  districtId = (await t.db.selectFrom('districts').select('id').where('number', '=', DISTRICT).executeTakeFirstOrThrow()).id;
  const op = await signIn(t.app, await usernameOf(t.db, 'office_operator', { districtNumber: DISTRICT }));
  const properties = await propertiesOf(DISTRICT, 7);
  // The last has no location: reported, never dropped.
  await t.db.updateTable('properties').set({ lat: null, lng: null }).where('id', '=', properties[6]!.id).execute();
  for (const p of properties) cases.push(await registerCase(op, p));
}, 120_000);
afterAll(async () => t?.close());

async function plan(client: Client, body: object): Promise<DayPlan> {
  const res = await client.post('/api/planning/day', body);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<DayPlan>();
}

describe('planning a district day', () => {
  it('before planning, the day lists the waiting visits as not planned', async () => {
    const res = await reviewer.get(`/api/planning/day?date=${DAY}`);
    expect(res.statusCode, res.body).toBe(200);
    const day = res.json<DayPlan>();
    expect(day.plan).toBeNull();
    expect(day.shift).toEqual({ start: '07:30', end: '14:30' });
    for (const c of cases) expect(day.notPlanned.map((v) => v.requestId)).toContain(c.id);
  });

  it('plans every waiting visit or reports why; specialty, cap, shift and coverage kept; the planned inspector holds the case', async () => {
    const day = await plan(reviewer, { date: DAY });
    expect(day.plan).not.toBeNull();
    const placed = inRoutes(day);
    const reported = new Map(day.unassigned.map((u) => [u.requestId, u.reason]));
    for (const c of cases) expect(placed.some((s) => s.requestId === c.id) !== reported.has(c.id), c.id).toBe(true);
    expect(reported.get(cases.at(-1)!.id)).toBe('no-location');
    expect(day.notPlanned).toEqual([]);
    for (const s of placed) {
      expect(s.route.districtId).toBe(districtId);
      expect(s.route.specialty).toBe(s.specialty);
      expect(s.start >= '07:30' && s.end <= '14:30', `${s.start}-${s.end}`).toBe(true);
      expect(s.arrive <= s.start).toBe(true);
      const held = await t.db.selectFrom('requests').select('assigned_inspector_id').where('id', '=', s.requestId).executeTakeFirstOrThrow();
      expect(held.assigned_inspector_id).toBe(s.inspectorId);
    }
    for (const r of day.routes) {
      expect(r.stops.length).toBeLessThanOrEqual(r.cap);
      // In route order, each visit starts after the previous one ends.
      for (let i = 1; i < r.stops.length; i++) expect(r.stops[i]!.arrive >= r.stops[i - 1]!.end).toBe(true);
    }
  });

  it('the same seed and the same data give the same plan', async () => {
    const first = await plan(reviewer, { date: DAY, seed: 7 });
    const second = await plan(reviewer, { date: DAY, seed: 7 });
    const shape = (d: DayPlan) => d.routes.map((r) => [r.inspectorId, r.stops.map((s) => [s.requestId, s.start])]);
    expect(shape(second)).toEqual(shape(first));
    expect(second.plan!.id).not.toBe(first.plan!.id); // re-planning replaces the plan
  });

  it('a daily cap is never exceeded: the visits over it are reported as no room', async () => {
    const day = await plan(reviewer, { date: DAY });
    const busiest = [...day.routes].sort((a, b) => b.stops.length - a.stops.length)[0]!;
    expect(busiest.stops.length).toBeGreaterThan(1);
    const patched = await reviewer.patch(`/api/planning/inspectors/${busiest.inspectorId}`, { dailyCap: 1 });
    expect(patched.statusCode, patched.body).toBe(200);
    const capped = await plan(reviewer, { date: DAY });
    const route = capped.routes.find((r) => r.inspectorId === busiest.inspectorId)!;
    expect(route.stops.length).toBe(1);
    expect(capped.unassigned.filter((u) => u.reason === 'no-room').length).toBeGreaterThanOrEqual(busiest.stops.length - 1);
    await reviewer.patch(`/api/planning/inspectors/${busiest.inspectorId}`, { dailyCap: 12 });
  });
});

describe('at the same time', () => {
  it('three people planning the same day at once leave one plan of it, every visit in it once', async () => {
    const answers = await Promise.all([1, 2, 3].map((seed) => reviewer.post('/api/planning/day', { date: DAY, seed })));
    for (const a of answers) expect(a.statusCode, a.body).toBe(200);
    const plans = await t.db.selectFrom('visit_plans').select(['id', 'district_ids']).where('date', '=', DAY).execute();
    expect(plans.filter((p) => (JSON.parse(p.district_ids) as string[]).includes(districtId))).toHaveLength(1);
    const stops = await t.db.selectFrom('visit_plan_stops').select('request_id').where('plan_id', '=', plans[0]!.id).execute();
    expect(new Set(stops.map((x) => x.request_id)).size).toBe(stops.length);
  });
});

describe('moving a visit by hand', () => {
  it('refuses a move that breaks a rule, says which, and changes nothing', async () => {
    const day = await plan(reviewer, { date: DAY });
    const stop = inRoutes(day)[0]!;
    const lacking = day.routes.find((r) => r.specialty !== stop.specialty)!;
    const res = await reviewer.post(`/api/planning/plans/${day.plan!.id}/moves`, { planVersion: day.plan!.version, requestId: stop.requestId, inspectorId: lacking.inspectorId, position: 0 });
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json().error.code).toBe('PLAN_REFUSED');
    expect(res.json().error.details.rule).toBe('skill');
    expect(res.json().error.messageFa).toContain('تخصص');
    const after = (await reviewer.get(`/api/planning/day?date=${DAY}`)).json<DayPlan>();
    expect(after.plan!.version).toBe(day.plan!.version);
    expect(inRoutes(after).find((s) => s.requestId === stop.requestId)!.inspectorId).toBe(stop.inspectorId);
  });

  it('a move within the rules is saved, the case reassigned, and it shows on the new inspector\'s day in order; a stale version is refused', async () => {
    // Two neighbouring districts planned together share their inspectors.
    const neighbour = await t.db.selectFrom('staff').select(['covers_district_ids', 'district_id']).where('role', '=', 'inspector').where('specialty', '=', 'urbanism').execute();
    const coverer = neighbour.find((s) => (JSON.parse(s.covers_district_ids) as string[]).includes(districtId) && s.district_id !== districtId)!;
    const group = [districtId, coverer.district_id!].sort();
    const day = await plan(admin, { date: DAY, districtIds: group });
    const stop = inRoutes(day).find((s) => s.route.districtId === districtId && s.specialty === 'urbanism')!;
    const target = day.routes.find((r) => r.districtId === coverer.district_id && r.specialty === 'urbanism')!;
    const res = await admin.post(`/api/planning/plans/${day.plan!.id}/moves`, { planVersion: day.plan!.version, requestId: stop.requestId, inspectorId: target.inspectorId, position: 0 });
    expect(res.statusCode, res.body).toBe(200);
    const moved = res.json<DayPlan>();
    expect(moved.plan!.version).toBe(day.plan!.version + 1);
    expect(moved.routes.find((r) => r.inspectorId === target.inspectorId)!.stops[0]!.requestId).toBe(stop.requestId);
    const held = await t.db.selectFrom('requests').select('assigned_inspector_id').where('id', '=', stop.requestId).executeTakeFirstOrThrow();
    expect(held.assigned_inspector_id).toBe(target.inspectorId);

    const username = (await t.db.selectFrom('staff').select('username').where('id', '=', target.inspectorId).executeTakeFirstOrThrow()).username;
    const phone = await signIn(t.app, username);
    const mine = await phone.get(`/api/inspections/day?date=${DAY}`);
    expect(mine.statusCode, mine.body).toBe(200);
    const myDay = mine.json<{ stops: { requestId: string; routeUrl: string }[]; progress: { done: number; total: number } }>();
    expect(myDay.stops.map((s) => s.requestId)).toEqual(moved.routes.find((r) => r.inspectorId === target.inspectorId)!.stops.map((s) => s.requestId));
    expect(myDay.stops[0]!.routeUrl).toMatch(/^https:\/\/www\.openstreetmap\.org\/directions\?/);
    expect(myDay.progress).toEqual({ done: 0, total: myDay.stops.length });

    // Now held by the neighbour's inspector, it is in the neighbour's day, no longer in the district's own.
    const own = (await reviewer.get(`/api/planning/day?date=${DAY}`)).json<DayPlan>();
    expect([...inRoutes(own).map((x) => x.requestId), ...own.unassigned.map((u) => u.requestId), ...own.notPlanned.map((v) => v.requestId)]).not.toContain(stop.requestId);

    const stale = await admin.post(`/api/planning/plans/${day.plan!.id}/moves`, { planVersion: day.plan!.version, requestId: stop.requestId, inspectorId: target.inspectorId, position: 0 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('STALE_VERSION');

    // The district sees its own inspectors' routes of the city's group plan, but may neither re-plan nor change it.
    expect(own.plan!.id).toBe(moved.plan!.id);
    expect(own.routes.map((r) => r.districtId)).toEqual(own.routes.map(() => districtId));
    const replan = await reviewer.post('/api/planning/day', { date: DAY });
    expect(replan.statusCode).toBe(409);
    expect(replan.json().error.details.rule).toBe('group');
    const ownStop = inRoutes(own)[0]!;
    const move = await reviewer.post(`/api/planning/plans/${own.plan!.id}/moves`, { planVersion: moved.plan!.version, requestId: ownStop.requestId, inspectorId: ownStop.inspectorId, position: 0 });
    expect(move.statusCode).toBe(409);
    expect(move.json().error.details.rule).toBe('group');
    // The city hands the day back: a plan of the district alone replaces the group's.
    await plan(admin, { date: DAY, districtIds: [districtId] });
    expect((await reviewer.post('/api/planning/day', { date: DAY })).statusCode).toBe(200);
  });
});

describe("owners' appointments", () => {
  it('offers the windows the plan can keep, confirms one (SMS to the owner), and every re-plan keeps it', async () => {
    // A visit held by one of the district's own inspectors (the move above gave one to a neighbour's).
    const kase = { id: inRoutes(await plan(reviewer, { date: DAY }))[0]!.requestId };
    confirmedId = kase.id;
    const windows = await reviewer.get(`/api/planning/appointments/${kase.id}/windows?date=${DAY}`);
    expect(windows.statusCode, windows.body).toBe(200);
    const offered = windows.json<{ windows: { windowStart: string; windowEnd: string; available: boolean }[] }>().windows;
    expect(offered.map((w) => `${w.windowStart}-${w.windowEnd}`)).toEqual(['07:30-09:30', '09:30-11:30', '11:30-13:30', '13:30-14:30']);
    const chosen = offered.find((w) => w.available && w.windowStart === '11:30')!;
    const current = (await reviewer.get(`/api/requests/${kase.id}`)).json<{ version: number }>();
    const confirmed = await reviewer.post(`/api/planning/appointments/${kase.id}/confirm`, { version: current.version, date: DAY, windowStart: chosen.windowStart, windowEnd: chosen.windowEnd });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json().state).toBe('visit_scheduled');
    const sms = await t.db.selectFrom('outbox').select(['event_type', 'payload']).where('event_type', '=', 'inspection.scheduled').where('aggregate_id', '=', kase.id).execute();
    expect(sms.length).toBeGreaterThan(0);

    const holder = (await t.db.selectFrom('requests').select('assigned_inspector_id').where('id', '=', kase.id).executeTakeFirstOrThrow()).assigned_inspector_id;
    for (const seed of [1, 2, 3]) {
      const day = await plan(reviewer, { date: DAY, seed });
      const stop = inRoutes(day).find((s) => s.requestId === kase.id)!;
      expect(stop.appointment).toEqual({ date: DAY, windowStart: '11:30', windowEnd: '13:30' });
      expect(stop.start >= '11:30' && stop.start <= '13:30', stop.start).toBe(true);
      expect(stop.inspectorId).toBe(holder);
    }
  });

  it('reminds the owner by SMS the afternoon before, once', async () => {
    const kase = { id: confirmedId };
    const tag = { event_type: 'inspection.reminder', aggregate_id: kase.id };
    const reminders = () => t.db.selectFrom('outbox').select(['payload']).where('event_type', '=', tag.event_type).where('aggregate_id', '=', tag.aggregate_id).execute();
    expect((await remindAppointments(t.app.ctx)).sent).toBe(0); // Sunday morning: two days ahead
    t.clock.set('2026-11-30T12:00:00.000Z'); // Monday 15:30 Tehran: not yet
    expect((await remindAppointments(t.app.ctx)).sent).toBe(0);
    t.clock.set('2026-11-30T13:00:00.000Z'); // Monday 16:30 Tehran
    try {
      expect((await remindAppointments(t.app.ctx)).sent).toBeGreaterThanOrEqual(1);
      expect((await remindAppointments(t.app.ctx)).sent).toBe(0);
      const rows = await reminders();
      expect(rows).toHaveLength(1);
      const payload = JSON.parse(rows[0]!.payload);
      expect(payload).toMatchObject({ date: DAY, windowStart: '11:30', windowEnd: '13:30' });
      expect(renderSms('inspection.reminder', payload, 'اصفهان')).toContain('۱۱:۳۰');
    } finally {
      t.clock.set(TEST_START);
    }
  });

  it('refuses a window that is not offered', async () => {
    const kase = cases.find((c) => c.id !== confirmedId)!;
    const current = (await reviewer.get(`/api/requests/${kase.id}`)).json<{ version: number }>();
    const res = await reviewer.post(`/api/planning/appointments/${kase.id}/confirm`, { version: current.version, date: DAY, windowStart: '08:00', windowEnd: '09:00' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields[0].field).toBe('windowStart');
  });
});

describe("inspectors' leave", () => {
  it('an inspector off sick is left out of the re-made plan, with their visits placed elsewhere or reported', async () => {
    const day = await plan(reviewer, { date: DAY });
    const sick = day.routes.find((r) => r.stops.length > 0)!;
    const res = await reviewer.post('/api/planning/leave', { inspectorId: sick.inspectorId, from: DAY, to: DAY, kind: 'sick' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().replanned).toEqual([DAY]);
    const after = (await reviewer.get(`/api/planning/day?date=${DAY}`)).json<DayPlan>();
    expect(after.inspectorsOff.map((o) => o.inspectorId)).toEqual([sick.inspectorId]);
    expect(after.routes.find((r) => r.inspectorId === sick.inspectorId)?.stops ?? []).toEqual([]);
    for (const s of sick.stops) {
      const placed = inRoutes(after).some((x) => x.requestId === s.requestId);
      const reported = after.unassigned.some((u) => u.requestId === s.requestId);
      expect(placed || reported, s.requestId).toBe(true);
    }
    const leaveId = res.json().items.find((l: { inspectorId: string }) => l.inspectorId === sick.inspectorId).id;
    expect((await reviewer.delete(`/api/planning/leave/${leaveId}`)).statusCode).toBe(200);
    expect((await reviewer.delete(`/api/planning/leave/${leaveId}`)).statusCode).toBe(200); // withdrawing twice changes nothing
  });

  it('refuses leave longer than a year, and days typed in the Jalali calendar, changing nothing', async () => {
    const inspectorId = (await plan(reviewer, { date: DAY })).routes[0]!.inspectorId;
    const count = async () => (await t.db.selectFrom('inspector_leave').select('id').execute()).length;
    const before = await count();
    const century = await reviewer.post('/api/planning/leave', { inspectorId, from: '2026-12-21', to: '2126-12-20', kind: 'sick' });
    expect(century.statusCode).toBe(400);
    expect(century.json().error.fields[0]).toMatchObject({ field: 'to', code: 'too_long' });
    const jalali = await reviewer.post('/api/planning/leave', { inspectorId, from: '1405-09-20', to: '1405-09-21', kind: 'sick' });
    expect(jalali.statusCode).toBe(400);
    expect(jalali.json().error.fields.map((f: { field: string; code: string }) => `${f.field}:${f.code}`)).toEqual(['from:format', 'to:format']);
    expect(await count()).toBe(before);
    const year = await reviewer.post('/api/planning/leave', { inspectorId, from: '2026-12-21', to: '2027-12-21', kind: 'sick' });
    expect(year.statusCode, year.body).toBe(201);
    await reviewer.delete(`/api/planning/leave/${year.json().items.find((l: { inspectorId: string }) => l.inspectorId === inspectorId).id}`);
  });

  it('refuses leave that shares a day with leave in force, even sent at once, and takes it once the first is withdrawn', async () => {
    const inspectorId = (await plan(reviewer, { date: DAY })).routes[0]!.inspectorId;
    const inForce = async () =>
      (await t.db.selectFrom('inspector_leave').select(['id', 'from_date', 'to_date']).where('staff_id', '=', inspectorId).where('cancelled_at', 'is', null).execute());
    const first = await reviewer.post('/api/planning/leave', { inspectorId, from: '2027-01-10', to: '2027-01-14', kind: 'leave' });
    expect(first.statusCode, first.body).toBe(201);
    const firstId = (await inForce())[0]!.id;
    for (const [from, to] of [['2027-01-14', '2027-01-20'], ['2027-01-05', '2027-01-10'], ['2027-01-11', '2027-01-12'], ['2027-01-01', '2027-01-31']]) {
      const res = await reviewer.post('/api/planning/leave', { inspectorId, from, to, kind: 'sick' });
      expect(res.statusCode, `${from}..${to}`).toBe(409);
      expect(res.json().error).toMatchObject({ code: 'CONFLICT', details: { leaveId: firstId, from: '2027-01-10', to: '2027-01-14' } });
      // The clerk reads the days of the leave in the way: Jalali, in Persian.
      expect(res.json().error.messageFa).toContain('از ۲۰ دی ۱۴۰۵ تا ۲۴ دی ۱۴۰۵');
    }
    // The days either side are free; another inspector's leave on the same days is no conflict.
    expect((await reviewer.post('/api/planning/leave', { inspectorId, from: '2027-01-15', to: '2027-01-16', kind: 'sick' })).statusCode).toBe(201);
    expect(await inForce()).toHaveLength(2);
    // Two overlapping entries sent at once: one is taken.
    const both = await Promise.all([
      reviewer.post('/api/planning/leave', { inspectorId, from: '2027-02-01', to: '2027-02-03', kind: 'sick' }),
      reviewer.post('/api/planning/leave', { inspectorId, from: '2027-02-03', to: '2027-02-05', kind: 'sick' }),
    ]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expect(await inForce()).toHaveLength(3);
    // Withdrawn, the days are free again.
    expect((await reviewer.delete(`/api/planning/leave/${firstId}`)).statusCode).toBe(200);
    expect((await reviewer.post('/api/planning/leave', { inspectorId, from: '2027-01-12', to: '2027-01-13', kind: 'sick' })).statusCode).toBe(201);
    for (const l of await inForce()) await reviewer.delete(`/api/planning/leave/${l.id}`);
  });
});

describe('scope and bad input', () => {
  it("a district sees only its own district's day; an inspector has no board", async () => {
    const other = (await t.db.selectFrom('districts').select('id').where('number', '=', 5).executeTakeFirstOrThrow()).id;
    expect((await reviewer.get(`/api/planning/day?date=${DAY}&districtIds=${other}`)).statusCode).toBe(404);
    expect((await reviewer.post('/api/planning/day', { date: DAY, districtIds: [other] })).statusCode).toBe(404);
    const inspector = await signIn(t.app, await usernameOf(t.db, 'inspector', { districtNumber: DISTRICT }));
    expect((await inspector.get(`/api/planning/day?date=${DAY}`)).statusCode).toBe(403);
    const otherReviewer = await signIn(t.app, 'd5-reviewer1');
    const windows = await otherReviewer.get(`/api/planning/appointments/${cases[0]!.id}/windows`);
    expect(windows.statusCode).toBe(404);
  });

  it('answers a Friday, a past day and a city plan without districts with field errors, and writes no plan', async () => {
    const before = await t.db.selectFrom('visit_plans').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const friday = await reviewer.post('/api/planning/day', { date: '2026-12-04' });
    expect(friday.statusCode).toBe(400);
    expect(friday.json().error.fields[0].code).toBe('not_working_day');
    const past = await reviewer.post('/api/planning/day', { date: '2026-11-01' });
    expect(past.json().error.fields[0].code).toBe('in_past');
    const city = await admin.post('/api/planning/day', { date: DAY });
    expect(city.json().error.fields[0].field).toBe('districtIds');
    const bad = await reviewer.post('/api/planning/day', { date: 'فردا' });
    expect(bad.statusCode).toBe(400);
    const after = await t.db.selectFrom('visit_plans').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });
});

describe('when the routing server fails', () => {
  it('answers 503 with a Persian message and writes no plan: never a plan on made-up times', async () => {
    const broken = await createTestApp(TEST_START, { travel: { matrix: () => Promise.reject(new TravelTimeError('no answer from http://osrm.internal:5000 within 10000 ms')) } });
    try {
      const client = await signIn(broken.app, `d${DISTRICT}-reviewer1`);
      const res = await client.post('/api/planning/day', { date: DAY });
      expect(res.statusCode, res.body).toBe(503);
      expect(res.json().error.messageFa).toContain('مسیریابی');
      expect(await broken.db.selectFrom('visit_plans').selectAll().execute()).toEqual([]);
    } finally {
      await broken.close();
    }
  });
});

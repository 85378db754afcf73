/**
 * Choosing an inspector (ارجاع به مامور بازدید): the list the case page shows and the check the
 * assign action makes are one rule (inspectors.rules.ts); the automatic assignment at intake is
 * signed by the city's system account.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, usernameOf, type Client, type TestApp } from '../../test/app.js';
import { act, casesWaitingForVisit, districtProperty, registerCase, type SeededProperty, visitAndReport } from '../../test/factories.js';
import { rebuildOpenVisits } from './requests.queries.js';
import { AUTO_ASSIGN_NAME_FA } from './requests.system.js';

let t: TestApp;
let op: Client; // desk in district 3
let reviewer: Client; // district 3
let d5reviewer: Client;
let admin: Client;
let property: SeededProperty;
let d3: { id: string };

interface Listed { id: string; firstName: string; specialty: string; district: { number: number }; openAssignments: number; current: boolean }
const eligible = async (client: Client, caseId: string): Promise<Listed[]> => {
  const res = await client.get(`/api/requests/${caseId}/eligible-inspectors`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items;
};

/** A valid national code (check digit) from nine digits. */
function nationalCode(nine: string): string {
  const sum = [...nine].reduce((s, d, i) => s + Number(d) * (10 - i), 0) % 11;
  return nine + String(sum < 2 ? sum : 11 - sum);
}

let made = 0;
async function newInspector(districtId: string, specialty: string): Promise<string> {
  made++;
  const res = await admin.post('/api/staff', {
    username: `insp.extra${made}`, firstName: 'بازرس', lastName: `افزوده ${made}`, nationalCode: nationalCode(`1270001${String(made).padStart(2, '0')}`),
    mobile: `091311100${String(made).padStart(2, '0')}`, role: 'inspector', districtId, specialty, password: 'a-long-initial-pass',
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

/** Open visits counted straight from the cases: assigned and not yet visited. */
const openVisits = async (staffId: string): Promise<number> => (await casesWaitingForVisit(t.db)).get(staffId) ?? 0;

async function inspectorsOf(districtNumber: number | null, specialty: string) {
  let q = t.db
    .selectFrom('staff').innerJoin('districts', 'districts.id', 'staff.district_id')
    .select(['staff.id', 'staff.active', 'districts.number', 'staff.covers_district_ids'])
    .where('staff.role', '=', 'inspector').where('staff.specialty', '=', specialty);
  if (districtNumber !== null) q = q.where('districts.number', '=', districtNumber);
  return q.execute();
}

/** Of these inspectors, those of another district set to cover district 3 (issue 13: neighbours share inspectors). */
const covering3 = <T extends { number: number; covers_district_ids: string }>(list: T[]) =>
  list.filter((s) => s.number !== 3 && (JSON.parse(s.covers_district_ids) as string[]).includes(d3.id));

beforeAll(async () => {
  t = await createTestApp();
  op = await signIn(t.app, await usernameOf(t.db, 'office_operator', { districtNumber: 3 }));
  reviewer = await signIn(t.app, 'd3-reviewer1');
  d5reviewer = await signIn(t.app, 'd5-reviewer1');
  admin = await signIn(t.app, 'admin');
  property = await districtProperty(t.db, 3);
  d3 = await t.db.selectFrom('districts').select('id').where('number', '=', 3).executeTakeFirstOrThrow();
});
afterAll(async () => t?.close());

describe('the inspectors who may take a case', () => {
  it('lists the active inspectors of the district with the specialty, then those covering it, with their open visits, the current one marked; assigning each one succeeds', async () => {
    const extraA = await newInspector(d3.id, 'urbanism');
    const extraB = await newInspector(d3.id, 'urbanism');
    const kase = await registerCase(op, property);
    const items = await eligible(reviewer, kase.id);

    // Exactly district 3's active urbanism inspectors, then the urbanism inspectors set to cover district 3:
    // not its architecture inspector, not an urbanism inspector of a district that does not cover it.
    const own = (await inspectorsOf(3, 'urbanism')).filter((s) => s.active === 1).map((s) => s.id);
    const coverers = covering3((await inspectorsOf(null, 'urbanism')).filter((s) => s.active === 1)).map((s) => s.id);
    expect(coverers.length).toBeGreaterThan(0);
    expect(items.slice(0, own.length).map((i) => i.id).sort()).toEqual([...own].sort());
    expect(items.slice(own.length).map((i) => i.id).sort()).toEqual([...coverers].sort());
    expect(items.map((i) => i.id)).toEqual(expect.arrayContaining([extraA, extraB, kase.inspector.id]));
    expect(items.every((i) => i.specialty === 'urbanism')).toBe(true);
    for (const i of items) expect(i.openAssignments, i.id).toBe(await openVisits(i.id));
    // Lightest load first, the district's own before those covering it.
    for (const part of [items.slice(0, own.length), items.slice(own.length)]) {
      expect(part.map((i) => i.openAssignments)).toEqual([...part.map((i) => i.openAssignments)].sort((a, b) => a - b));
    }
    expect(items.filter((i) => i.current).map((i) => i.id)).toEqual([kase.inspector.id]);

    // The current assignee is marked, not a choice: choosing them again is refused.
    let version = kase.version;
    const again = await reviewer.post(`/api/requests/${kase.id}/assign-inspector`, { version, inspectorId: kase.inspector.id });
    expect(again.statusCode).toBe(400);
    expect(again.json().error.fields[0]).toMatchObject({ field: 'inspectorId', code: 'already_assigned' });

    // Every other listed inspector is accepted, one after another; the list follows the case.
    let current = kase.inspector.id as string;
    let before = items;
    for (const choice of items.filter((i) => !i.current)) {
      const res = await reviewer.post(`/api/requests/${kase.id}/assign-inspector`, { version, inspectorId: choice.id });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().inspector.id).toBe(choice.id);
      version = res.json().version;
      const now = await eligible(reviewer, kase.id);
      expect(now.find((i) => i.current)?.id).toBe(choice.id);
      // The one left holds one open visit fewer, the new one one more.
      expect(now.find((i) => i.id === current)!.openAssignments).toBe(before.find((i) => i.id === current)!.openAssignments - 1);
      expect(now.find((i) => i.id === choice.id)!.openAssignments).toBe(before.find((i) => i.id === choice.id)!.openAssignments + 1);
      current = choice.id;
      before = now;
    }
  });

  it('refuses an inspector of another specialty, of another district, or inactive: the same ones the list leaves out', async () => {
    const spare = await newInspector(d3.id, 'urbanism');
    const kase = await registerCase(op, property);
    const architect3 = (await inspectorsOf(3, 'architecture'))[0]!;
    const urbanismElsewhere = await inspectorsOf(null, 'urbanism');
    const coverers = new Set(covering3(urbanismElsewhere).map((s) => s.id));
    const urbanism5 = urbanismElsewhere.find((s) => s.number !== 3 && !coverers.has(s.id))!;
    expect((await eligible(reviewer, kase.id)).map((i) => i.id)).toContain(spare);

    const patched = await admin.patch(`/api/staff/${spare}`, { active: false });
    expect(patched.statusCode, patched.body).toBe(200);
    const listed = (await eligible(reviewer, kase.id)).map((i) => i.id);
    for (const refused of [architect3.id, urbanism5.id, spare]) {
      expect(listed).not.toContain(refused);
      const res = await reviewer.post(`/api/requests/${kase.id}/assign-inspector`, { version: kase.version, inspectorId: refused });
      expect(res.statusCode, refused).toBe(400);
      expect(res.json().error.fields[0]).toMatchObject({ field: 'inspectorId', code: 'unsuitable_inspector' });
    }
    expect((await reviewer.get(`/api/requests/${kase.id}`)).json().version).toBe(kase.version);
  });

  it("covers a district with no inspector of the specialty by that specialty's inspectors covering it (of every district when none does)", async () => {
    // District 3 has no civil engineer: an excavation there goes to the civil inspectors set to cover district 3.
    expect(await inspectorsOf(3, 'civil')).toEqual([]);
    const kase = await registerCase(
      op, property, 'excavation_permit',
      { utilityCompany: 'gas', purpose: 'لوله‌کشی گاز', lengthMeters: 42, widthMeters: 0.6, depthMeters: 1.2, startDate: '2026-12-10', endDate: '2026-12-20', contractorName: 'شرکت نمونه' },
      { utility_request_letter: true, excavation_route_map: true, contractor_contract: true, liability_insurance: true },
    );
    const allCivil = (await inspectorsOf(null, 'civil')).filter((s) => s.active === 1);
    const coveringCivil = covering3(allCivil);
    const civil = (coveringCivil.length ? coveringCivil : allCivil).map((s) => s.id);
    const items = await eligible(reviewer, kase.id);
    expect(items.map((i) => i.id).sort()).toEqual([...civil].sort());
    expect(items.find((i) => i.current)?.id).toBe(kase.inspector.id);
    // The automatic choice was the lightest-loaded of them.
    const loads = await Promise.all(civil.map(openVisits));
    expect(await openVisits(kase.inspector.id)).toBeLessThanOrEqual(Math.min(...loads) + 1);
    const other = items.find((i) => !i.current)!;
    const res = await reviewer.post(`/api/requests/${kase.id}/assign-inspector`, { version: kase.version, inspectorId: other.id });
    expect(res.statusCode, res.body).toBe(200);
  });

  it('is for those who may assign, in scope: another district is 404, an inspector 403', async () => {
    const kase = await registerCase(op, property);
    expect((await d5reviewer.get(`/api/requests/${kase.id}/eligible-inspectors`)).statusCode).toBe(404);
    const row = await t.db.selectFrom('staff').select('username').where('id', '=', kase.inspector.id).executeTakeFirstOrThrow();
    const inspector = await signIn(t.app, row.username, row.username.startsWith('insp.extra') ? 'a-long-initial-pass' : undefined);
    expect((await inspector.get(`/api/requests/${kase.id}/eligible-inspectors`)).statusCode).toBe(403);
  });
});

describe('the automatic assignment at intake', () => {
  it("is signed by the system's own account on the timeline and in the audit log, not by the clerk", async () => {
    const kase = await registerCase(op, property);
    const me = (await op.get('/api/auth/me')).json();
    const timeline = kase.timeline as { action: string; actor: { id: string; name: string; role: string } }[];
    const register = timeline.find((line) => line.action === 'register');
    const assign = timeline.find((line) => line.action === 'assign_inspector');
    expect(register).toMatchObject({ action: 'register', actor: { id: me.id } });
    expect(assign!.action).toBe('assign_inspector');
    expect(assign!.actor.name).toBe(AUTO_ASSIGN_NAME_FA);
    expect(assign!.actor.name).toBe('سامانه میز خدمت (خودکار)');
    // The system's, not the role of the clerk whose intake set it off.
    expect(assign!.actor.role).toBe('system');
    expect(register!.actor.role).toBe('office_operator');
    expect(assign!.actor.id).not.toBe(me.id);
    const system = await t.db.selectFrom('staff').select(['username', 'active']).where('id', '=', assign!.actor.id).executeTakeFirstOrThrow();
    expect(system).toEqual({ username: expect.stringMatching(/^system-/), active: 0 });

    const audit = await t.db
      .selectFrom('audit_log').select(['action', 'actor_staff_id', 'ip'])
      .where('entity_id', '=', kase.id).orderBy('seq').execute();
    expect(audit.find((a) => a.action === 'request.register')!.actor_staff_id).toBe(me.id);
    expect(audit.find((a) => a.action === 'request.assign_inspector')).toMatchObject({ actor_staff_id: assign!.actor.id, ip: 'system' });

    // A reviewer's own reassignment is still signed by the reviewer.
    const chosen = (await eligible(reviewer, kase.id)).find((i) => !i.current);
    if (chosen) {
      const res = await reviewer.post(`/api/requests/${kase.id}/assign-inspector`, { version: kase.version, inspectorId: chosen.id });
      expect(res.json().timeline.at(-1).actor.name).not.toBe(AUTO_ASSIGN_NAME_FA);
    }
  });
});

describe("the inspectors' open visits (inspector_open_visits)", () => {
  /** Every inspector's open visits as the table keeps them, and as counted from the cases, for the city. */
  const keptAndCounted = async () => {
    const kept = await t.db.selectFrom('inspector_open_visits').select(['inspector_id', 'open_visits']).where('open_visits', '<>', 0).orderBy('inspector_id').execute();
    const counted = await t.db
      .selectFrom('requests')
      .select((eb) => ['assigned_inspector_id as inspector_id', eb.fn.countAll<number>().as('open_visits')])
      .where('assigned_inspector_id', 'is not', null).where('state', 'in', ['inspector_assigned', 'visit_scheduled'])
      .groupBy('assigned_inspector_id').orderBy('assigned_inspector_id').execute();
    return { kept: kept.map((r) => [r.inspector_id, Number(r.open_visits)]), counted: counted.map((r) => [r.inspector_id, Number(r.open_visits)]) };
  };

  it('are kept by each step that gives a case to an inspector or takes it away, as counted from the cases; a rebuild finds the same', async () => {
    // In district 5, whose inspectors the tests above left as the demo made them (their sign-ins known).
    const op5 = await signIn(t.app, await usernameOf(t.db, 'office_operator', { districtNumber: 5 }));
    const property5 = await districtProperty(t.db, 5);
    const reviewer = d5reviewer;
    const cases = [];
    for (let i = 0; i < 4; i++) cases.push(await registerCase(op5, property5));
    const [reassigned, visited, cancelled, scheduled] = cases;
    const before = await openVisits(reassigned.inspector.id);
    // Reassigned by the reviewer: one visit leaves the first inspector and joins the other's.
    const other = (await eligible(reviewer, reassigned.id)).find((i) => !i.current)!;
    const otherBefore = await openVisits(other.id);
    await act(reviewer, reassigned.id, 'assign-inspector', { inspectorId: other.id });
    expect([await openVisits(reassigned.inspector.id), await openVisits(other.id)]).toEqual([before - 1, otherBefore + 1]);
    // Scheduled: still an open visit. Reported: no longer one. Cancelled: no longer one.
    const inspector = await signIn(t.app, (await t.db.selectFrom('staff').select('username').where('id', '=', scheduled.inspector.id).executeTakeFirstOrThrow()).username);
    await act(inspector, scheduled.id, 'schedule-visit', { date: '2026-11-30', windowStart: '09:00', windowEnd: '10:00' });
    await visitAndReport(t, visited);
    await act(await signIn(t.app, 'd5-approver'), cancelled.id, 'cancel', { reason: 'انصراف متقاضی' });
    const { kept, counted } = await keptAndCounted();
    expect(counted.length).toBeGreaterThan(0);
    expect(kept).toEqual(counted);
    // The loads the case page lists are these.
    const listed = await eligible(reviewer, scheduled.id);
    for (const i of listed) expect(i.openAssignments, i.id).toBe(await openVisits(i.id));

    // Counted again from the cases (after a bulk load), the table is the same.
    const city = (await t.db.selectFrom('properties').select('city_id').where('id', '=', property5.id).executeTakeFirstOrThrow()).city_id;
    await t.db.updateTable('inspector_open_visits').set({ open_visits: 99 }).execute();
    await rebuildOpenVisits(t.db, city);
    expect((await keptAndCounted()).kept).toEqual(counted);
  });
});

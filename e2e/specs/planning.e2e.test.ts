/**
 * Inspection scheduling (issue 13) in the browser: the district's board plans a day; a visit
 * dragged to another inspector is saved and shows on that inspector's phone in the planned order;
 * an owner's appointment confirmed on the board reaches the owner by SMS (the dev SMS log) and
 * shows on /track.
 *
 * The demo seed has no visits waiting, so the desk registers five inspections in district 3
 * (each a different property file with its location); the city admin plans districts 1 and 3
 * together, so the urbanism inspectors of both (district 1's covers district 3) share them.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { deliverDue, logFileProvider } from '../../server/modules/notifications/index.js';
import { signIn, usernameOf, type Client } from '../../server/test/app.js';
import { registerCase, type SeededProperty } from '../../server/test/factories.js';
import { expectAccessible, openPage, screenshot } from '../fixtures/browser.js';
import { signInThroughApi, useE2e } from '../fixtures/server.js';
import { PlanningBoardPage } from '../pages/PlanningBoardPage.js';
import { TrackPage } from '../pages/TrackPage.js';
import { VisitsPage } from '../pages/VisitsPage.js';
import { faDigits } from '../pages/widgets.js';

const SMS_LOG = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'planning-sms-')), 'sms.log');
const e2e = useE2e({ sms: logFileProvider(SMS_LOG) });
const DESK = 'o10573449-op1'; // a desk in district 3
const ADMIN = 'admin';
/** The test clock's day is Sunday 2026-11-29; the board's default is the next working day. */
const PLAN_DAY = '2026-11-30';
const PLAN_DAY_FA = '۹ آذر ۱۴۰۵';
/** Wednesday 2026-12-02: the third working day, the appointment's default when the owner proposed none. */
const APPOINTMENT_DAY_FA = '۱۱ آذر ۱۴۰۵';

interface Kase {
  id: string;
  trackingCode: string;
  ownerNationalCode: string;
  ownerMobile: string;
}

interface RouteView {
  inspectorId: string;
  name: string;
  specialty: string | null;
  stops: { requestId: string; trackingCode: string; stale: boolean; done: boolean }[];
}

let admin: Client;
let districtIds: string[];
const cases: Kase[] = [];

/** Property files of district 3 with a location (the demo has a few), each with an owner who has a mobile. */
async function locatedProperties(count: number): Promise<(SeededProperty & { mobile: string })[]> {
  const rows = await e2e.t.db
    .selectFrom('properties')
    .innerJoin('districts', 'districts.id', 'properties.district_id')
    .innerJoin('property_owners', 'property_owners.property_id', 'properties.id')
    .innerJoin('persons', 'persons.id', 'property_owners.person_id')
    .select(['properties.id', 'persons.id as ownerId', 'persons.national_code', 'persons.mobile'])
    .where('districts.number', '=', 3)
    .where('properties.lat', 'is not', null)
    .where('persons.mobile', 'is not', null)
    .orderBy('properties.file_number')
    .execute();
  const seen = new Set<string>();
  const out = [];
  for (const r of rows) {
    if (seen.has(r.id)) continue;
    seen.add(r.id);
    out.push({ id: r.id, ownerId: r.ownerId, ownerNationalCode: r.national_code, mobile: r.mobile! });
    if (out.length === count) break;
  }
  expect(out.length).toBeGreaterThan(1);
  return out;
}

async function dayPlan(): Promise<{ plan: { id: string; version: number } | null; routes: RouteView[] }> {
  const res = await admin.get(`/api/planning/day?date=${PLAN_DAY}&districtIds=${districtIds.join(',')}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

async function openBoard(): Promise<{ page: Page; errors: string[]; close: () => Promise<void> }> {
  const { context, page, errors } = await openPage(e2e.browser, 'desktop');
  await page.clock.setFixedTime(e2e.t.clock.now());
  await signInThroughApi(context, e2e.baseUrl, ADMIN);
  return { page, errors, close: () => context.close() };
}

beforeAll(async () => {
  admin = await signIn(e2e.t.app, ADMIN);
  const desk = await signIn(e2e.t.app, DESK);
  const districts = await e2e.t.db.selectFrom('districts').select(['id', 'number']).where('number', 'in', [1, 3]).execute();
  districtIds = districts.map((d) => d.id).sort();
  const properties = await locatedProperties(5);
  for (let i = 0; i < 5; i++) {
    const property = properties[i % properties.length]!;
    const kase = await registerCase(desk, property);
    cases.push({ id: kase.id, trackingCode: kase.trackingCode, ownerNationalCode: property.ownerNationalCode, ownerMobile: property.mobile });
  }
});

describe('the planning board', () => {
  it("plans the next working day: every waiting visit on an inspector's timeline, with the totals", async () => {
    const { page, errors, close } = await openBoard();
    const board = new PlanningBoardPage(page, e2e.baseUrl);
    await board.goto(districtIds);
    await page.getByText('برای این روز هنوز برنامه‌ای ریخته نشده است.').waitFor();
    expect(await board.dateButton.innerText()).toContain(PLAN_DAY_FA);

    await board.plan();
    for (const c of cases) await board.stop(c.trackingCode).waitFor();
    await page.getByRole('button', { name: 'برنامه‌ریزی دوباره' }).waitFor();
    expect(await page.getByTestId('totals').innerText()).toMatch(/در برنامه\s+۵/);

    const plan = await dayPlan();
    expect(plan.plan).not.toBeNull();
    // Each stop is on the row of the inspector the server planned it for.
    for (const route of plan.routes) {
      for (const s of route.stops) expect(await board.route(route.name).locator(`[data-tracking-code="${s.trackingCode}"]`).count()).toBe(1);
    }
    // The map of the day draws the routes with no tile server (the tests have none).
    await page.getByTestId('day-map').locator('.leaflet-container').waitFor();
    await expectAccessible(page);
    await screenshot(page, 'planning-board-desktop');
    expect(errors).toEqual([]);
    await close();
  });

  it("confirms an owner's appointment on the board: the owner gets the SMS and /track shows the day and window", async () => {
    // The city planned districts 1 and 3 together, so the city's board holds the visits (a district sees its own inspectors' part).
    const { page, errors, close } = await openBoard();
    const board = new PlanningBoardPage(page, e2e.baseUrl);
    await board.goto(districtIds);
    const kase = cases.at(-1)!;
    await board.stop(kase.trackingCode).or(board.pileVisit(kase.trackingCode)).first().waitFor();
    await board.setAppointment(kase.trackingCode);
    // Given another day, the visit is no longer this day's: marked stale on its route, or gone from the pile.
    await page.locator(`[data-tracking-code="${kase.trackingCode}"]:not([data-stale="true"])`).waitFor({ state: 'detached' });
    await expectAccessible(page);
    expect(errors).toEqual([]);
    await close();

    const visit = await e2e.t.db.selectFrom('inspections').select(['scheduled_date', 'window_start', 'window_end']).where('request_id', '=', kase.id).where('active', '=', 1).executeTakeFirstOrThrow();
    expect(visit.scheduled_date).toBe('2026-12-02'); // the third working day: the owner proposed none
    const state = await e2e.t.db.selectFrom('requests').select('state').where('id', '=', kase.id).executeTakeFirstOrThrow();
    expect(state.state).toBe('visit_scheduled');

    await deliverDue(e2e.t.app.ctx, e2e.t.app.ctx.sms, { maxAttempts: 5 });
    const sent = fs.readFileSync(SMS_LOG, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { to: string; text: string });
    const sms = sent.find((m) => m.text.includes(faDigits(kase.trackingCode)) && m.text.includes('بازدید ملک'));
    expect(sms, JSON.stringify(sent)).toBeDefined();
    expect(sms!.to).toBe(kase.ownerMobile);
    expect(sms!.text).toContain(`بین ساعت ${faDigits(visit.window_start!)} تا ${faDigits(visit.window_end!)}`);

    const phone = await openPage(e2e.browser, 'phone');
    const track = new TrackPage(phone.page, e2e.baseUrl);
    await track.goto();
    await track.track(kase.trackingCode, kase.ownerNationalCode);
    const shown = phone.page.getByTestId('track-visit');
    await shown.waitFor();
    expect(await shown.innerText()).toBe(`${APPOINTMENT_DAY_FA}، ساعت ${faDigits(visit.window_start!)} تا ${faDigits(visit.window_end!)}`);
    expect(phone.errors).toEqual([]);
    await phone.context.close();
  });

  it('on a phone the board is a list per inspector; a move the rules forbid is refused in Persian and changes nothing', async () => {
    const before = await dayPlan();
    const moved = before.routes.flatMap((r) => r.stops).find((s) => !s.stale && !s.done)!;
    const architect = before.routes.find((r) => r.specialty === 'architecture' && r.stops.length === 0)!;
    const { context, page, errors } = await openPage(e2e.browser, 'phone');
    await page.clock.setFixedTime(e2e.t.clock.now());
    await signInThroughApi(context, e2e.baseUrl, ADMIN);
    const board = new PlanningBoardPage(page, e2e.baseUrl);
    await board.goto(districtIds);
    await board.stop(moved.trackingCode).waitFor();
    // No timeline at 360 px: the stops are listed with their times.
    expect(await page.getByTestId('route-track').count()).toBe(0);
    await board.moveByMenu(moved.trackingCode, architect.name, 'تنها بازدید روز');
    const dialog = page.getByRole('dialog', { name: `جابه‌جایی بازدید ${faDigits(moved.trackingCode)}` });
    await dialog.getByRole('alert').getByText('این مامور تخصص لازم برای این بازدید را ندارد').waitFor();
    await screenshot(page, 'planning-board-refused-phone');
    await dialog.getByRole('button', { name: 'انصراف' }).click();
    const after = await dayPlan();
    expect(after.plan!.version).toBe(before.plan!.version);
    expect(after.routes.find((r) => r.inspectorId === architect.inspectorId)!.stops).toEqual([]);
    await expectAccessible(page);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("moves a visit by dragging it to another inspector's day; that inspector's phone shows it in the planned order", async () => {
    const before = await dayPlan();
    const urbanism = before.routes.filter((r) => r.specialty === 'urbanism');
    expect(urbanism).toHaveLength(2);
    const live = (r: RouteView) => r.stops.filter((s) => !s.stale && !s.done);
    const from = urbanism.find((r) => live(r).length > 0)!;
    const to = urbanism.find((r) => r !== from)!;
    const moved = live(from)[0]!;

    const { page, errors, close } = await openBoard();
    const board = new PlanningBoardPage(page, e2e.baseUrl);
    await board.goto(districtIds);
    await board.stop(moved.trackingCode).waitFor();
    await board.drag(moved.trackingCode, to.name);
    await board.route(to.name).locator(`[data-tracking-code="${moved.trackingCode}"]`).waitFor();
    expect(await board.alert.count()).toBe(0);
    await screenshot(page, 'planning-board-moved');
    expect(errors).toEqual([]);
    await close();

    const after = await dayPlan();
    const target = after.routes.find((r) => r.inspectorId === to.inspectorId)!;
    // Dropped late in the day: the visit ends the route.
    expect(live(target).at(-1)!.trackingCode).toBe(moved.trackingCode);
    const assigned = await e2e.t.db.selectFrom('requests').select('assigned_inspector_id').where('id', '=', moved.requestId).executeTakeFirstOrThrow();
    expect(assigned.assigned_inspector_id).toBe(to.inspectorId);

    // The planned day comes: the inspector's phone lists the route in its order.
    e2e.t.clock.advance(24 * 60 * 60_000);
    const username = (await e2e.t.db.selectFrom('staff').select('username').where('id', '=', to.inspectorId).executeTakeFirstOrThrow()).username;
    const phone = await openPage(e2e.browser, 'phone');
    await phone.page.clock.setFixedTime(e2e.t.clock.now());
    await signInThroughApi(phone.context, e2e.baseUrl, username);
    const visits = new VisitsPage(phone.page, e2e.baseUrl);
    await visits.goto();
    await visits.dayStops.first().waitFor();
    const order = await visits.dayStops.evaluateAll((els) => els.map((e) => e.getAttribute('data-tracking-code')));
    expect(order).toEqual(live(target).map((s) => s.trackingCode));
    const last = visits.dayStops.last();
    expect(await last.getByRole('link', { name: 'مسیر از بازدید قبلی' }).getAttribute('href')).toMatch(/^https:\/\/www\.openstreetmap\.org\/directions\?/);
    expect(await last.getByRole('link', { name: 'نقشه' }).getAttribute('href')).toMatch(/^geo:/);
    expect(await last.getByRole('link', { name: /^تماس با / }).getAttribute('href')).toMatch(/^tel:/);
    expect(await phone.page.getByTestId('my-day-progress').innerText()).toBe(`۰ از ${faDigits(String(order.length))}`);
    await expectAccessible(phone.page);
    await screenshot(phone.page, 'planning-my-day-phone');
    expect(phone.errors).toEqual([]);
    await phone.context.close();
  });
});

describe('the follow-up officer', () => {
  it("sees today's plan against what is done, per inspector of the district", async () => {
    // The clock is on the planned day now (the test above moved it).
    const officer = await usernameOf(e2e.t.db, 'followup_officer', { districtNumber: 3 });
    const expected = (await (await signIn(e2e.t.app, officer)).get(`/api/planning/progress?date=${PLAN_DAY}`)).json<{ items: { name: string; planned: number; done: number }[] }>();
    const busy = expected.items.find((i) => i.planned > 0)!;
    expect(busy).toBeDefined();
    const { context, page, errors } = await openPage(e2e.browser, 'phone');
    await page.clock.setFixedTime(e2e.t.clock.now());
    await signInThroughApi(context, e2e.baseUrl, officer);
    await page.goto(`${e2e.baseUrl}/followup`);
    const section = page.getByTestId('planned-vs-done');
    const row = section.locator(`tr[data-inspector="${busy.name}"]`);
    await row.waitFor();
    expect(await row.locator('td').nth(2).innerText()).toBe(faDigits(String(busy.planned)));
    expect(await row.locator('td').nth(3).innerText()).toBe('۰');
    await expectAccessible(page);
    expect(errors).toEqual([]);
    await context.close();
  });
});

/**
 * Planning the inspectors' days (برنامه‌ریزی بازدید، issue 13, decision 0035): the district's board
 * (a day's plan for a group of districts, made by the solver, changed by hand and re-checked),
 * owners' appointments (the windows the plan can keep; the district confirms one, the owner is
 * told by SMS), inspectors' leave and settings, the inspector's own day and planned against done.
 *
 * A plan is saved and applied at once: a visit the plan gives to another inspector is reassigned
 * through the case workflow (its own step on the timeline), so the inspector who goes is the one
 * who may file the report. A confirmed appointment keeps its day and window in every plan, and its
 * inspector while that inspector is on duty.
 */
import type { Static } from 'typebox';
import type { Ctx } from '../../platform/context.js';
import type { Actor } from '../../platform/actor.js';
import { ROLE_SCOPE } from '../../../contracts/roles.js';
import { AppError, fieldError, invalid, notFound } from '../../platform/errors.js';
import { inReach, requireInReach } from '../../platform/access.js';
import { appendAudit } from '../../platform/audit.js';
import { newId } from '../../platform/ids.js';
import { addDays, nthWorkingDay, tehranDate, type Holidays } from '../../platform/calendar.js';
import { checkSolution, replayRoute, solve, TravelTimeError, type RoutingProblem, type RoutingVehicle } from '../../platform/routing/index.js';
import { loadHolidays } from '../calendar/index.js';
import { jalaliDate } from '../letters/index.js';
import { OPEN_VISIT_STATES, type RequestState } from '../../../contracts/workflow.js';
import { assignInspector, personName, scheduleVisit } from '../requests/index.js';
import {
  appointmentSlots, buildDayProblem, clockTime, secondsOf, shiftOf, type DayProblem, type LatLng, type PlanInspector, type PlanReason, type PlanVisit, type Shift,
} from './planning.problem.js';
import {
  bumpPlanVersion, deletePlans, lockDistricts, districtsOfCity, findInspector, findLeave, findPlan, inspectorsOfDistricts, insertPlan, listLeave, overlappingLeave, plansOfDay,
  replaceStops, stopsOfInspector, stopsOfPlans, visitById, visitsByIds, waitingVisits, type InspectorRow, type VisitRow,
} from './planning.queries.js';
import type { ConfirmBody, InspectorPatch, LeaveBody, MoveBody, PlanBody } from './planning.schemas.js';

/**
 * The solver's budget for a plan: an iteration cap (100 a visit, 2,000 to 40,000) makes it the same
 * plan for the same seed and data on any machine; the time cap only bounds a very big group on a
 * slow machine (then the plan depends on the machine's speed). Isfahan's whole day, 350 visits,
 * is 35,000 iterations: about 2 s (docs/performance.md).
 */
const planIterations = (visits: number) => Math.min(40_000, Math.max(2_000, 100 * visits));
const PLAN_TIME_LIMIT_MS = 8000;
const DEFAULT_SEED = 1;

// ---------------------------------------------------------------- the day's facts

/** The districts a plan covers, as the actor may plan them: a district role its own, a city role any of its city's. */
async function districtsFor(ctx: Ctx, actor: Actor, asked: readonly string[] | undefined): Promise<string[]> {
  if (ROLE_SCOPE[actor.role] === 'district') {
    if (asked && (asked.length !== 1 || asked[0] !== actor.districtId)) throw notFound();
    return [actor.districtId!];
  }
  if (!asked || asked.length === 0) {
    throw invalid([fieldError('districtIds', 'required', 'Name the districts to plan', 'منطقه یا مناطق برنامه را انتخاب کنید')]);
  }
  await requireInReach(ctx.db, actor, 'district', asked);
  return [...asked].sort();
}

interface Day {
  date: string;
  districtIds: string[];
  shift: Shift | null;
  onDuty: InspectorRow[];
  off: InspectorRow[];
  inspectors: PlanInspector[];
  waiting: VisitRow[];
}

const districtsOf = (plan: { district_ids: string }) => JSON.parse(plan.district_ids) as string[];

/** The day's plan of exactly these districts, else the plan of a larger group that holds them all (a city plan of several districts). */
async function planHolding(ctx: Ctx, actor: Actor, date: string, districtIds: readonly string[]) {
  const plans = await plansOfDay(ctx.db, actor.cityId, date);
  const holds = (p: (typeof plans)[number]) => districtIds.every((d) => districtsOf(p).includes(d));
  return plans.find((p) => holds(p) && districtsOf(p).length === districtIds.length) ?? plans.find(holds) ?? null;
}

/** A plan may be changed or replaced only by someone who reaches every district it holds: a district may not undo the city's group plan. */
async function requireWholePlanInReach(ctx: Ctx, actor: Actor, plans: readonly { district_ids: string }[]) {
  const all = [...new Set(plans.flatMap(districtsOf))];
  if ((await inReach(ctx.db, actor, 'district', all)).size !== all.length) {
    throw new AppError('PLAN_REFUSED', {
      message: 'The city planned this day for several districts together; only the city may change that plan',
      messageFa: 'برنامه این روز را شهرداری برای چند منطقه با هم ریخته است؛ تغییر آن فقط از سوی شهرداری ممکن است',
      details: { rule: 'group' },
    });
  }
}

function centroid(points: LatLng[]): LatLng {
  if (points.length === 0) return { lat: 0, lng: 0 };
  return { lat: points.reduce((s, p) => s + p.lat, 0) / points.length, lng: points.reduce((s, p) => s + p.lng, 0) / points.length };
}

function located(r: { lat: number | null; lng: number | null }): LatLng | null {
  return r.lat === null || r.lng === null ? null : { lat: Number(r.lat), lng: Number(r.lng) };
}

async function loadDay(ctx: Ctx, actor: Actor, date: string, districtIds: string[], holidays: Holidays): Promise<Day> {
  const [staff, waiting] = await Promise.all([
    inspectorsOfDistricts(ctx.db, actor.cityId, districtIds, date),
    waitingVisits(ctx.db, actor.cityId, districtIds, date),
  ]);
  const onDuty = staff.filter((s) => s.leave_kind === null);
  const fallback = centroid(waiting.map(located).filter((p): p is LatLng => p !== null));
  // An inspector covers their own district, the ones set for them, and wherever a visit they hold is
  // (a case given to them by the assignment rule's city-wide fallback stays theirs to make).
  const held = (id: string) => waiting.filter((w) => w.assigned_inspector_id === id).map((w) => w.district_id);
  const inspectors = onDuty.map(
    (s): PlanInspector => ({
      id: s.id, districtId: s.district_id!, specialty: s.specialty,
      covers: [...new Set([...(JSON.parse(s.covers_district_ids) as string[]), ...held(s.id)])].filter((d) => d !== s.district_id), cap: s.daily_visit_cap,
      base: (s.starts_from === 'home' ? located({ lat: s.home_lat, lng: s.home_lng }) : null) ?? located({ lat: s.office_lat, lng: s.office_lng }) ?? fallback,
    }),
  );
  return { date, districtIds, shift: shiftOf(date, holidays), onDuty, off: staff.filter((s) => s.leave_kind !== null), inspectors, waiting };
}

/** The confirmed appointment of a case for that day, if it has one. */
function appointmentOn(r: VisitRow, date: string): Shift | null {
  if (r.state !== 'visit_scheduled' || r.scheduled_date !== date || !r.window_start || !r.window_end) return null;
  return { start: secondsOf(r.window_start), end: secondsOf(r.window_end) };
}

function planVisit(r: VisitRow, date: string): PlanVisit {
  const window = appointmentOn(r, date);
  return {
    requestId: r.id, districtId: r.district_id, specialty: r.inspector_specialty, minutes: r.visit_minutes, location: located(r),
    window, pinnedTo: window ? r.assigned_inspector_id : null,
  };
}

async function dayProblem(ctx: Ctx, day: Day, visits: PlanVisit[]): Promise<DayProblem> {
  const built = buildDayProblem(day.shift!, day.inspectors, visits);
  try {
    built.problem.travel = await ctx.travel.matrix(built.points);
  } catch (e) {
    // The routing server failed (OSRM_URL): say so; never plan on made-up times.
    if (!(e instanceof TravelTimeError)) throw e;
    throw new AppError('UNAVAILABLE', { message: `Travel times unavailable: ${e.message}`, messageFa: 'زمان سفر از سرور مسیریابی دریافت نشد؛ کمی بعد دوباره تلاش کنید' });
  }
  return built;
}

// ---------------------------------------------------------------- presenting

/** Districts whose applicants the actor may see: a visit of another district (held by one of theirs) shows without its applicant. */
async function visibleDistricts(ctx: Ctx, actor: Actor): Promise<Set<string>> {
  return inReach(ctx.db, actor, 'district', (await districtsOfCity(ctx.db, actor.cityId)).map((d) => d.id));
}

function visitFacts(r: VisitRow, visible: ReadonlySet<string>) {
  const shown = visible.has(r.district_id);
  return {
    requestId: r.id, trackingCode: r.tracking_code, serviceNameFa: r.service_name_fa, districtId: r.district_id, districtNumber: r.district_number,
    address: r.address, lat: r.lat === null ? null : Number(r.lat), lng: r.lng === null ? null : Number(r.lng), minutes: r.visit_minutes,
    specialty: r.inspector_specialty,
    appointment: r.state === 'visit_scheduled' && r.scheduled_date && r.window_start && r.window_end ? { date: r.scheduled_date, windowStart: r.window_start, windowEnd: r.window_end } : null,
    proposedDate: r.proposed_visit_date, applicantName: shown ? personName(r) : '', applicantMobile: shown ? r.mobile : null, state: r.state, version: r.version,
  };
}

type StopRow = Awaited<ReturnType<typeof stopsOfPlans>>[number];

/** A stop as people read it; `stale` when the case has left the plan's reach (done is not stale). */
function presentStop(s: StopRow, r: VisitRow, visible: ReadonlySet<string>, date: string) {
  const done = r.submitted_at !== null || (!OPEN_VISIT_STATES.includes(r.state as RequestState) && r.state !== 'cancelled');
  const movedToAnotherDay = r.state === 'visit_scheduled' && r.scheduled_date !== null && r.scheduled_date !== date;
  return {
    ...visitFacts(r, visible), arrive: clockTime(s.arrive_second), start: clockTime(s.start_second), end: clockTime(s.end_second), done,
    stale: !done && (r.state === 'cancelled' || r.assigned_inspector_id !== s.inspector_id || movedToAnotherDay),
  };
}

async function presentDay(ctx: Ctx, actor: Actor, date: string, districtIds: string[]) {
  const holidays = await loadHolidays(ctx.db, actor.cityId);
  const day = await loadDay(ctx, actor, date, districtIds, holidays);
  const plan = await planHolding(ctx, actor, date, districtIds);
  const stops = plan ? await stopsOfPlans(ctx.db, [plan.id]) : [];
  const unassignedStored = plan ? (JSON.parse(plan.unassigned) as { requestId: string; reason: PlanReason }[]) : [];
  const waitingIds = new Set(day.waiting.map((w) => w.id));
  const inPlan = new Set([...stops.map((s) => s.request_id), ...unassignedStored.map((u) => u.requestId)]);
  const rows = new Map(day.waiting.map((w) => [w.id, w]));
  for (const r of await visitsByIds(ctx.db, [...inPlan].filter((id) => !waitingIds.has(id)))) rows.set(r.id, r);
  const [visible, plannerName] = await Promise.all([visibleDistricts(ctx, actor), plan ? staffName(ctx, plan.planned_by) : Promise.resolve('')]);
  const routeTotals = new Map((plan ? (JSON.parse(plan.routes) as RouteTotals[]) : []).map((r) => [r.inspectorId, r]));

  const everyone = [...day.onDuty, ...day.off.filter((o) => stops.some((s) => s.inspector_id === o.id))];
  const routes = everyone.map((i) => {
    const mine = stops.filter((s) => s.inspector_id === i.id);
    const inspector = day.inspectors.find((p) => p.id === i.id);
    const base = inspector?.base ?? located({ lat: i.office_lat, lng: i.office_lng }) ?? { lat: 0, lng: 0 };
    const totals = routeTotals.get(i.id);
    return {
      inspectorId: i.id, name: `${i.first_name} ${i.last_name}`, specialty: i.specialty, districtId: i.district_id!, districtNumber: i.district_number,
      cap: i.daily_visit_cap, base, shiftStart: clockTime(day.shift?.start ?? 0), shiftEnd: clockTime(day.shift?.end ?? 0),
      returnAt: clockTime(totals?.returnSecond ?? day.shift?.start ?? 0),
      travelMinutes: Math.round((totals?.travelSeconds ?? 0) / 60),
      stops: mine.filter((s) => rows.has(s.request_id)).map((s) => presentStop(s, rows.get(s.request_id)!, visible, date)),
    };
  });
  const unassigned = unassignedStored.filter((u) => waitingIds.has(u.requestId)).map((u) => ({ ...visitFacts(rows.get(u.requestId)!, visible), reason: u.reason }));
  const notPlanned = day.waiting.filter((w) => !inPlan.has(w.id)).map((w) => visitFacts(w, visible));
  const allStops = routes.flatMap((r) => r.stops);
  return {
    date, districtIds,
    shift: day.shift ? { start: clockTime(day.shift.start), end: clockTime(day.shift.end) } : null,
    plan: plan
      ? { id: plan.id, version: plan.version, seed: plan.seed, plannedAt: plan.planned_at, plannedBy: plannerName, travelMinutes: Math.round(plan.travel_seconds / 60) }
      : null,
    routes,
    unassigned, notPlanned,
    inspectorsOff: day.off.map((o) => ({ inspectorId: o.id, name: `${o.first_name} ${o.last_name}`, kind: o.leave_kind!, note: o.leave_note })),
    totals: {
      visits: allStops.length + unassigned.length + notPlanned.length, planned: allStops.length, unassigned: unassigned.length,
      done: allStops.filter((s) => s.done).length, inspectors: day.onDuty.length,
    },
  };
}

async function staffName(ctx: Ctx, id: string): Promise<string> {
  const s = await ctx.db.selectFrom('staff').select(['first_name', 'last_name']).where('id', '=', id).executeTakeFirst();
  return s ? `${s.first_name} ${s.last_name}` : '';
}

// ---------------------------------------------------------------- the board

export async function getDay(ctx: Ctx, actor: Actor, query: { date: string; districtIds?: string }) {
  const districtIds = await districtsFor(ctx, actor, query.districtIds?.split(',').filter(Boolean));
  return presentDay(ctx, actor, query.date, districtIds);
}

/** Plan (or re-plan) a day: solve, check, save, and reassign the visits the plan gives to someone else. */
export async function planDay(ctx: Ctx, actor: Actor, input: Static<typeof PlanBody>) {
  const districtIds = await districtsFor(ctx, actor, input.districtIds);
  const today = tehranDate(ctx.clock.now());
  if (input.date < today) throw invalid([fieldError('date', 'in_past', 'A past day cannot be planned', 'برای روزهای گذشته نمی‌توان برنامه ریخت')]);
  await makePlan(ctx, actor, input.date, districtIds, input.seed ?? DEFAULT_SEED);
  return presentDay(ctx, actor, input.date, districtIds);
}

async function makePlan(ctx: Ctx, actor: Actor, date: string, districtIds: string[], seed: number) {
  const holidays = await loadHolidays(ctx.db, actor.cityId);
  const day = await loadDay(ctx, actor, date, districtIds, holidays);
  if (!day.shift) throw invalid([fieldError('date', 'not_working_day', 'The date is not a working day', 'این تاریخ روز کاری نیست')]);
  await requireWholePlanInReach(ctx, actor, (await plansOfDay(ctx.db, actor.cityId, date)).filter((p) => districtsOf(p).some((d) => districtIds.includes(d))));
  const { problem, unplaceable } = await dayProblem(ctx, day, day.waiting.map((w) => planVisit(w, date)));
  const solution = solve(problem, { seed, maxIterations: planIterations(problem.jobs.length), timeLimitMs: PLAN_TIME_LIMIT_MS });
  const check = checkSolution(problem, solution);
  if (!check.ok) throw new Error(`the planner's solution failed the check: ${check.errors.slice(0, 3).join('; ')}`);

  // Reassign first: a case that cannot be reassigned (changed meanwhile) is left out of the plan, with why.
  const rows = new Map(day.waiting.map((w) => [w.id, w]));
  const unassigned: { requestId: string; reason: PlanReason }[] = [...unplaceable, ...solution.unassigned.map((u) => ({ requestId: u.job, reason: u.reason }))];
  const routes = [];
  for (const route of solution.routes) {
    const kept: string[] = [];
    for (const id of route.jobs) {
      if (await handOver(ctx, actor, rows.get(id)!, route.vehicle)) kept.push(id);
      else unassigned.push({ requestId: id, reason: 'changed-meanwhile' });
    }
    routes.push({ vehicle: route.vehicle, jobs: kept });
  }
  await savePlan(ctx, actor, { date, districtIds, seed, problem, routes, unassigned });
}

/** Give a waiting case to the planned inspector if it is not theirs already; a confirmed appointment keeps its day and window. */
async function handOver(ctx: Ctx, actor: Actor, row: VisitRow, inspectorId: string): Promise<boolean> {
  if (row.assigned_inspector_id === inspectorId) return true;
  try {
    const reassigned = await assignInspector(ctx, actor, row.id, { version: row.version, inspectorId, note: 'برنامه بازدید روز' });
    if (row.state === 'visit_scheduled' && row.scheduled_date && row.window_start && row.window_end) {
      await scheduleVisit(ctx, actor, row.id, { version: reassigned.version, date: row.scheduled_date, windowStart: row.window_start, windowEnd: row.window_end });
    }
    return true;
  } catch (e) {
    if (e instanceof AppError && e.statusCode === 409) return false;
    throw e;
  }
}

/** Write a plan in place of the day's plans that share a district with it (one plan holds a district's day). */
async function savePlan(
  ctx: Ctx,
  actor: Actor,
  p: { date: string; districtIds: string[]; seed: number; problem: RoutingProblem; routes: { vehicle: string; jobs: string[] }[]; unassigned: { requestId: string; reason: PlanReason }[] },
) {
  const now = ctx.clock.now().toISOString();
  const planId = newId();
  const vehicles = new Map(p.problem.vehicles.map((v) => [v.id, v]));
  const totals: RouteTotals[] = [];
  const stops = p.routes.flatMap((r) => {
    const replayed = replayRoute(p.problem, vehicles.get(r.vehicle)!, r.jobs);
    totals.push(routeTotalsOf(r.vehicle, replayed));
    return stopRows(p.problem, planId, r.vehicle, r.jobs, replayed);
  });
  const travel = totals.reduce((sum, r) => sum + r.travelSeconds, 0);
  await ctx.db.transaction().execute(async (trx) => {
    // Two people planning overlapping groups at once: the second waits here for the first, then replaces its plan.
    await lockDistricts(trx, p.districtIds);
    const overlapping = (await plansOfDay(trx, actor.cityId, p.date)).filter((old) => districtsOf(old).some((d) => p.districtIds.includes(d)));
    await deletePlans(trx, overlapping.map((o) => o.id));
    await insertPlan(
      trx,
      {
        id: planId, city_id: actor.cityId, date: p.date, district_ids: JSON.stringify(p.districtIds), version: 1, seed: p.seed, travel_seconds: travel,
        unassigned: JSON.stringify(p.unassigned), routes: JSON.stringify(totals), planned_at: now, planned_by: actor.staffId, updated_at: now,
      },
      stops,
    );
    await appendAudit(trx, actor, { action: 'planning.plan', entityType: 'visit_plan', entityId: planId, details: { date: p.date, districtIds: p.districtIds, seed: p.seed, stops: stops.length, unassigned: p.unassigned.length } }, ctx.clock.now());
  });
  return planId;
}

/** What a route costs and when its inspector is back: kept with the plan, for the board. */
interface RouteTotals {
  inspectorId: string;
  travelSeconds: number;
  returnSecond: number;
}

const routeTotalsOf = (inspectorId: string, replayed: ReturnType<typeof replayRoute>): RouteTotals => ({
  inspectorId, travelSeconds: Math.round(replayed.cost), returnSecond: Math.round(replayed.end),
});

function stopRows(problem: RoutingProblem, planId: string, inspectorId: string, jobs: readonly string[], replayed: ReturnType<typeof replayRoute>) {
  const service = new Map(problem.jobs.map((j) => [j.id, j.service]));
  return jobs.map((id, seq) => ({
    plan_id: planId, request_id: id, inspector_id: inspectorId, seq, arrive_second: Math.round(replayed.arrivals[seq]!),
    start_second: Math.round(replayed.starts[seq]!), end_second: Math.round(replayed.starts[seq]! + service.get(id)!),
  }));
}

/** Persian and English for each rule a hand move can break. */
const RULE_TEXT: Record<string, { en: string; fa: string }> = {
  skill: { en: 'The inspector lacks the specialty this visit needs', fa: 'این مامور تخصص لازم برای این بازدید را ندارد' },
  coverage: { en: "The visit is outside the districts this inspector covers", fa: 'این بازدید خارج از مناطق تحت پوشش این مامور است' },
  pinned: { en: 'The owner was promised this visit with another inspector on duty', fa: 'این بازدید نوبت قطعی با مامور دیگری دارد که امروز سر کار است' },
  cap: { en: "The move puts the inspector over their daily cap", fa: 'با این جابه‌جایی تعداد بازدیدهای مامور از سقف روزانه بیشتر می‌شود' },
  window: { en: 'A visit would start after the window promised to its owner', fa: 'یکی از بازدیدها بعد از بازه زمانی قول‌داده‌شده به مالک انجام می‌شود' },
  shift: { en: 'The route would end after the working day', fa: 'مسیر مامور بعد از پایان ساعت کاری تمام می‌شود' },
  'unknown-job': { en: 'The visit is not waiting for this day', fa: 'این بازدید در انتظار این روز نیست' },
  capacity: { en: 'Over capacity', fa: 'بیش از ظرفیت' },
};

function refuse(rule: string, details: Record<string, unknown>): AppError {
  const text = RULE_TEXT[rule] ?? RULE_TEXT['unknown-job']!;
  return new AppError('PLAN_REFUSED', { message: text.en, messageFa: text.fa, details: { rule, ...details } });
}

/** Move a visit to an inspector and a place in their route; every rule re-checked on the server, a refusal says which. */
export async function moveVisit(ctx: Ctx, actor: Actor, planId: string, input: Static<typeof MoveBody>) {
  const plan = await findPlan(ctx.db, actor.cityId, planId);
  if (!plan) throw notFound();
  const districtIds = districtsOf(plan);
  if ((await inReach(ctx.db, actor, 'district', districtIds)).size === 0) throw notFound();
  await requireWholePlanInReach(ctx, actor, [plan]);
  if (plan.version !== input.planVersion) throw new AppError('STALE_VERSION', { details: { version: plan.version } });
  const holidays = await loadHolidays(ctx.db, actor.cityId);
  const day = await loadDay(ctx, actor, plan.date, districtIds, holidays);
  const row = day.waiting.find((w) => w.id === input.requestId);
  if (!row) throw refuse('unknown-job', { requestId: input.requestId });
  const to = day.inspectors.find((i) => i.id === input.inspectorId);
  if (!to) throw refuse('unknown-vehicle', { inspectorId: input.inspectorId });

  const stops = await stopsOfPlans(ctx.db, [plan.id]);
  const waitingIds = new Set(day.waiting.map((w) => w.id));
  const routeOf = (inspectorId: string) => stops.filter((s) => s.inspector_id === inspectorId && s.request_id !== input.requestId && waitingIds.has(s.request_id)).map((s) => s.request_id);
  const from = stops.find((s) => s.request_id === input.requestId)?.inspector_id ?? null;
  const target = routeOf(to.id);
  target.splice(Math.min(input.position, target.length), 0, input.requestId);

  const { problem } = await dayProblem(ctx, day, day.waiting.map((w) => planVisit(w, plan.date)));
  const vehicles = new Map(problem.vehicles.map((v) => [v.id, v]));
  const changed: { vehicle: RoutingVehicle; jobs: string[] }[] = [{ vehicle: vehicles.get(to.id)!, jobs: target }];
  if (from && from !== to.id && vehicles.has(from)) changed.push({ vehicle: vehicles.get(from)!, jobs: routeOf(from) });
  const replayed = changed.map((c) => ({ ...c, replayed: replayRoute(problem, c.vehicle, c.jobs) }));
  for (const r of replayed) {
    const broken = r.replayed.violations[0];
    if (broken) throw refuse(broken.rule, { inspectorId: r.vehicle.id, ...(broken.job ? { requestId: broken.job } : {}) });
  }
  if (!(await handOver(ctx, actor, row, to.id))) throw new AppError('STALE_VERSION');

  const unassigned = (JSON.parse(plan.unassigned) as { requestId: string; reason: PlanReason }[]).filter((u) => u.requestId !== input.requestId);
  const changedIds = new Set(replayed.map((r) => r.vehicle.id));
  const totals = [...(JSON.parse(plan.routes) as RouteTotals[]).filter((r) => !changedIds.has(r.inspectorId)), ...replayed.map((r) => routeTotalsOf(r.vehicle.id, r.replayed))];
  await ctx.db.transaction().execute(async (trx) => {
    const ok = await bumpPlanVersion(trx, plan.id, plan.version, {
      travel_seconds: totals.reduce((sum, r) => sum + r.travelSeconds, 0), unassigned: JSON.stringify(unassigned), routes: JSON.stringify(totals), updated_at: ctx.clock.now().toISOString(),
    });
    if (!ok) throw new AppError('STALE_VERSION');
    const rows = replayed.flatMap((r) => stopRows(problem, plan.id, r.vehicle.id, r.jobs, r.replayed));
    await replaceStops(trx, plan.id, input.requestId, rows);
    await appendAudit(trx, actor, { action: 'planning.move', entityType: 'visit_plan', entityId: plan.id, details: { requestId: input.requestId, from, to: to.id, position: input.position } }, ctx.clock.now());
  });
  return presentDay(ctx, actor, plan.date, districtIds);
}

// ---------------------------------------------------------------- appointments (نوبت بازدید)

/** A case the actor plans for: in reach, waiting for its visit. */
async function waitingCase(ctx: Ctx, actor: Actor, id: string) {
  await requireInReach(ctx.db, actor, 'case', id);
  const row = await visitById(ctx.db, actor.cityId, id);
  if (!row) throw notFound();
  if (!OPEN_VISIT_STATES.includes(row.state as RequestState) || row.submitted_at !== null) {
    throw new AppError('ILLEGAL_TRANSITION', { message: 'The case is not waiting for a visit', messageFa: 'این پرونده در انتظار بازدید نیست' });
  }
  return row;
}

/**
 * The windows of a day the planner can keep for this visit: for each, is there an inspector on duty
 * (the specialty, the district) whose route that day (the saved plan's, else empty) takes the visit
 * in that window with every other promise still kept.
 */
async function windowsFor(ctx: Ctx, actor: Actor, row: VisitRow, date: string) {
  const holidays = await loadHolidays(ctx.db, actor.cityId);
  const shift = shiftOf(date, holidays);
  if (!shift) return { shift: null, windows: [] };
  const districtIds = await planningGroupOf(ctx, actor, date, row.holder_district_id ?? row.district_id);
  const day = await loadDay(ctx, actor, date, districtIds, holidays);
  const visits = day.waiting.filter((w) => w.id !== row.id).map((w) => planVisit(w, date));
  const slots = appointmentSlots(shift);
  const { problem } = await dayProblem(ctx, day, [...visits, ...slots.map((s, i) => ({ ...planVisit(row, date), requestId: `${row.id}#${i}`, window: s, pinnedTo: null }))]);
  const plan = await planHolding(ctx, actor, date, districtIds);
  const stops = plan ? await stopsOfPlans(ctx.db, [plan.id]) : [];
  const promised = new Set(visits.filter((v) => v.window).map((v) => v.requestId));
  const windows = slots.map((slot, i) => {
    const candidate = `${row.id}#${i}`;
    const available = problem.vehicles.some((vehicle) => {
      // Only the route's promised visits must still fit: the others can be moved by the next plan.
      const route = stops.filter((s) => s.inspector_id === vehicle.id && promised.has(s.request_id)).map((s) => s.request_id);
      for (const v of visits) if (v.window && v.pinnedTo === vehicle.id && !route.includes(v.requestId)) route.push(v.requestId);
      for (let at = 0; at <= route.length; at++) {
        const jobs = [...route.slice(0, at), candidate, ...route.slice(at)];
        if (replayRoute(problem, vehicle, jobs).violations.length === 0) return true;
      }
      return false;
    });
    return { windowStart: clockTime(slot.start), windowEnd: clockTime(slot.end), available };
  });
  return { shift, windows };
}

/** The group of districts the day's plan holds this district in (its own alone when there is no plan): the visit's holder's district. */
async function planningGroupOf(ctx: Ctx, actor: Actor, date: string, districtId: string): Promise<string[]> {
  const plan = (await plansOfDay(ctx.db, actor.cityId, date)).find((p) => (JSON.parse(p.district_ids) as string[]).includes(districtId));
  return plan ? (JSON.parse(plan.district_ids) as string[]) : [districtId];
}

/** The windows of a day (by default the day the owner proposed, else the earliest an owner may propose: the third working day). */
export async function appointmentWindows(ctx: Ctx, actor: Actor, id: string, asked: string | undefined) {
  const row = await waitingCase(ctx, actor, id);
  const date = asked ?? row.proposed_visit_date ?? nthWorkingDay(ctx.clock.now(), 3, await loadHolidays(ctx.db, actor.cityId));
  const { windows } = await windowsFor(ctx, actor, row, date);
  return { date, windows };
}

/**
 * The district confirms the owner's appointment: the window must be one the planner can keep; the
 * case's schedule step tells the owner by SMS (the outbox's `inspection.scheduled`). The day's plan
 * takes the visit where it costs least, or is left for the next re-plan to place.
 */
export async function confirmAppointment(ctx: Ctx, actor: Actor, id: string, input: Static<typeof ConfirmBody>) {
  const row = await waitingCase(ctx, actor, id);
  if (row.version !== input.version) throw new AppError('STALE_VERSION', { details: { version: row.version } });
  const { shift, windows } = await windowsFor(ctx, actor, row, input.date);
  if (!shift) throw invalid([fieldError('date', 'not_working_day', 'The date is not a working day', 'این تاریخ روز کاری نیست')]);
  const slot = windows.find((w) => w.windowStart === input.windowStart && w.windowEnd === input.windowEnd);
  if (!slot) throw invalid([fieldError('windowStart', 'not_a_window', 'Choose one of the offered windows', 'یکی از بازه‌های پیشنهادی را انتخاب کنید')]);
  if (!slot.available) throw refuse('window', { requestId: id });
  const written = await scheduleVisit(ctx, actor, id, { version: input.version, date: input.date, windowStart: input.windowStart, windowEnd: input.windowEnd });
  return { requestId: id, state: written.state, version: written.version, appointment: { date: input.date, windowStart: input.windowStart, windowEnd: input.windowEnd } };
}

// ---------------------------------------------------------------- leave and settings

async function inspectorInReach(ctx: Ctx, actor: Actor, inspectorId: string) {
  const inspector = await findInspector(ctx.db, actor.cityId, inspectorId);
  if (!inspector || (await inReach(ctx.db, actor, 'district', [inspector.district_id!])).size === 0) throw notFound();
  return inspector;
}

async function reachableDistricts(ctx: Ctx, actor: Actor, districtId: string | undefined): Promise<string[]> {
  if (districtId) {
    await requireInReach(ctx.db, actor, 'district', districtId);
    return [districtId];
  }
  const all = (await districtsOfCity(ctx.db, actor.cityId)).map((d) => d.id);
  return [...(await inReach(ctx.db, actor, 'district', all))];
}

export async function leaveList(ctx: Ctx, actor: Actor, query: { districtId?: string; from?: string }, replanned?: string[]) {
  const districtIds = await reachableDistricts(ctx, actor, query.districtId);
  const rows = await listLeave(ctx.db, actor.cityId, districtIds, query.from ?? tehranDate(ctx.clock.now()));
  return {
    items: rows.map((r) => ({ id: r.id, inspectorId: r.staff_id, inspectorName: `${r.first_name} ${r.last_name}`, from: r.from_date, to: r.to_date, kind: r.kind, note: r.note })),
    ...(replanned ? { replanned } : {}),
  };
}

/** The longest one entry of leave may be: a year (a longer absence is a change of staff, not leave). */
const MAX_LEAVE_DAYS = 366;

/** Enter leave (مرخصی) and re-plan the days it touches that have a plan holding this inspector, confirmed appointments kept. */
export async function addLeave(ctx: Ctx, actor: Actor, input: Static<typeof LeaveBody>) {
  const inspector = await inspectorInReach(ctx, actor, input.inspectorId);
  if (input.to < input.from) throw invalid([fieldError('to', 'before_from', 'The last day is before the first', 'روز پایان پیش از روز شروع است')]);
  if (input.to > addDays(input.from, MAX_LEAVE_DAYS - 1)) {
    throw invalid([fieldError('to', 'too_long', `One entry of leave is at most ${MAX_LEAVE_DAYS} days`, 'هر مرخصی حداکثر ۳۶۶ روز است')]);
  }
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    // Two entries in force on one day would count the inspector away twice (and list them twice on the day's page).
    const overlap = await overlappingLeave(trx, inspector.id, input.from, input.to);
    if (overlap) {
      throw new AppError('CONFLICT', {
        message: `The inspector already has leave from ${overlap.from_date} to ${overlap.to_date}; withdraw or change that entry first`,
        messageFa: `این بازرس از ${jalaliDate(overlap.from_date)} تا ${jalaliDate(overlap.to_date)} مرخصی ثبت‌شده دارد؛ نخست آن مرخصی را حذف کنید`,
        details: { leaveId: overlap.id, from: overlap.from_date, to: overlap.to_date },
      });
    }
    const id = newId();
    await trx.insertInto('inspector_leave').values({
      id, city_id: actor.cityId, staff_id: inspector.id, from_date: input.from, to_date: input.to, kind: input.kind, note: input.note ?? null,
      created_by: actor.staffId, created_at: now.toISOString(),
    }).execute();
    await appendAudit(trx, actor, { action: 'planning.leave_add', entityType: 'staff', entityId: inspector.id, details: { from: input.from, to: input.to, kind: input.kind } }, now);
  });
  const replanned = await replanAround(ctx, actor, inspector.id, input.from, input.to);
  return leaveList(ctx, actor, { districtId: inspector.district_id! }, replanned);
}

/** Withdraw a leave entry (kept on record); withdrawing it again changes nothing. The inspector is back in the next plan. */
export async function removeLeave(ctx: Ctx, actor: Actor, id: string) {
  const leave = await findLeave(ctx.db, actor.cityId, id);
  if (!leave || (await inReach(ctx.db, actor, 'district', [leave.district_id!])).size === 0) throw notFound();
  if (leave.cancelled_at === null) {
    const now = ctx.clock.now();
    await ctx.db.transaction().execute(async (trx) => {
      await trx.updateTable('inspector_leave').set({ cancelled_at: now.toISOString(), cancelled_by: actor.staffId }).where('id', '=', id).where('cancelled_at', 'is', null).execute();
      await appendAudit(trx, actor, { action: 'planning.leave_remove', entityType: 'staff', entityId: leave.staff_id, details: { from: leave.from_date, to: leave.to_date } }, now);
    });
  }
  return leaveList(ctx, actor, { districtId: leave.district_id! });
}

/** Re-plan, with their own seeds, today's and later plans in [from, to] that hold this inspector's district. */
async function replanAround(ctx: Ctx, actor: Actor, inspectorId: string, from: string, to: string): Promise<string[]> {
  const inspector = await findInspector(ctx.db, actor.cityId, inspectorId);
  const start = [from, tehranDate(ctx.clock.now())].sort()[1]!;
  const plans = await ctx.db.selectFrom('visit_plans').selectAll().where('city_id', '=', actor.cityId).where('date', '>=', start).where('date', '<=', to).orderBy('date').execute();
  const done: string[] = [];
  for (const plan of plans) {
    const districtIds = JSON.parse(plan.district_ids) as string[];
    if (!inspector || !districtIds.includes(inspector.district_id!)) continue;
    if ((await inReach(ctx.db, actor, 'district', districtIds)).size !== districtIds.length) continue;
    await makePlan(ctx, actor, plan.date, districtIds, plan.seed);
    done.push(plan.date);
  }
  return done;
}

function presentInspector(i: NonNullable<Awaited<ReturnType<typeof findInspector>>>) {
  return {
    id: i.id, name: `${i.first_name} ${i.last_name}`, specialty: i.specialty, districtId: i.district_id!, districtNumber: i.district_number,
    coversDistrictIds: JSON.parse(i.covers_district_ids) as string[], dailyCap: i.daily_visit_cap, startsFrom: i.starts_from,
    home: i.home_lat === null || i.home_lng === null ? null : { lat: Number(i.home_lat), lng: Number(i.home_lng) },
  };
}

export async function listInspectors(ctx: Ctx, actor: Actor, query: { districtId?: string }) {
  const districtIds = await reachableDistricts(ctx, actor, query.districtId);
  const ids = districtIds.length ? (await inspectorsOfDistricts(ctx.db, actor.cityId, districtIds, '0000-00-00')).map((i) => i.id) : [];
  const rows = await Promise.all(ids.map((id) => findInspector(ctx.db, actor.cityId, id)));
  return { items: rows.filter((r) => r !== undefined).map(presentInspector) };
}

export async function updateInspector(ctx: Ctx, actor: Actor, id: string, input: Static<typeof InspectorPatch>) {
  const inspector = await inspectorInReach(ctx, actor, id);
  if (input.coversDistrictIds) {
    const city = new Set((await districtsOfCity(ctx.db, actor.cityId)).map((d) => d.id));
    const bad = input.coversDistrictIds.findIndex((d) => !city.has(d) || d === inspector.district_id);
    if (bad >= 0) throw invalid([fieldError(`coversDistrictIds.${bad}`, 'unknown_district', "Not another district of the city", 'منطقه دیگری از همین شهر نیست')]);
  }
  if (input.startsFrom === 'home' && !(input.home ?? (inspector.home_lat !== null ? {} : null))) {
    throw invalid([fieldError('home', 'required', 'A day that starts from home needs the home location', 'برای شروع روز از منزل، موقعیت منزل لازم است')]);
  }
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('staff')
      .set({
        ...(input.coversDistrictIds ? { covers_district_ids: JSON.stringify(input.coversDistrictIds) } : {}),
        ...(input.dailyCap !== undefined ? { daily_visit_cap: input.dailyCap } : {}),
        ...(input.startsFrom ? { starts_from: input.startsFrom } : {}),
        ...(input.home !== undefined ? { home_lat: input.home?.lat ?? null, home_lng: input.home?.lng ?? null } : {}),
        updated_at: ctx.clock.now().toISOString(),
      })
      .where('id', '=', id)
      .execute();
    await appendAudit(trx, actor, { action: 'planning.inspector_settings', entityType: 'staff', entityId: id, details: { ...input, home: input.home ? 'set' : input.home } }, ctx.clock.now());
  });
  return presentInspector((await findInspector(ctx.db, actor.cityId, id))!);
}

// ---------------------------------------------------------------- the inspector's day, planned against done

/** The signed-in inspector's day: the plan's stops in order, then their other visits waiting for that day. */
export async function myDay(ctx: Ctx, actor: Actor, query: { date?: string }) {
  if (actor.role !== 'inspector') throw new AppError('FORBIDDEN');
  const date = query.date ?? tehranDate(ctx.clock.now());
  const holidays = await loadHolidays(ctx.db, actor.cityId);
  const shift = shiftOf(date, holidays);
  const stops = await stopsOfInspector(ctx.db, actor.cityId, actor.staffId, date);
  const rows = new Map((await visitsByIds(ctx.db, stops.map((s) => s.request_id))).map((r) => [r.id, r]));
  const me = await findInspector(ctx.db, actor.cityId, actor.staffId);
  const district = me ? (await districtsOfCity(ctx.db, actor.cityId)).find((d) => d.id === me.district_id) : undefined;
  const base = me?.starts_from === 'home' ? located({ lat: me.home_lat, lng: me.home_lng }) : district ? located({ lat: district.office_lat, lng: district.office_lng }) : null;
  // Stops of cases no longer the inspector's (reassigned by hand, cancelled) are not theirs to make.
  // The inspector holds every case of their day: its applicant is theirs to call.
  const mine = stops.filter((s) => rows.has(s.request_id)).map((s) => { const r = rows.get(s.request_id)!; return presentStop(s, r, new Set([r.district_id]), date); }).filter((s) => !s.stale);
  let previous = base;
  const withLinks = mine.map((s) => {
    const here = s.lat !== null && s.lng !== null ? { lat: s.lat, lng: s.lng } : null;
    const routeUrl = previous && here ? `https://www.openstreetmap.org/directions?engine=fossgis_osrm_car&route=${previous.lat},${previous.lng};${here.lat},${here.lng}` : '';
    previous = here ?? previous;
    return { ...s, routeUrl, geoUrl: here ? `geo:${here.lat},${here.lng}` : null };
  });
  return {
    date, shift: shift ? { start: clockTime(shift.start), end: clockTime(shift.end) } : null, base, stops: withLinks,
    progress: { done: withLinks.filter((s) => s.done).length, total: withLinks.length },
  };
}

/** Per inspector of the districts in reach: visits planned for the day, done, late (planned end passed, no report), and the next. */
export async function progress(ctx: Ctx, actor: Actor, query: { date: string; districtId?: string }) {
  const districtIds = await reachableDistricts(ctx, actor, query.districtId);
  const inspectors = districtIds.length ? await inspectorsOfDistricts(ctx.db, actor.cityId, districtIds, query.date) : [];
  const plans = await plansOfDay(ctx.db, actor.cityId, query.date);
  const stops = (await stopsOfPlans(ctx.db, plans.map((p) => p.id))).filter((s) => inspectors.some((i) => i.id === s.inspector_id));
  const rows = new Map((await visitsByIds(ctx.db, stops.map((s) => s.request_id))).map((r) => [r.id, r]));
  const visible = await visibleDistricts(ctx, actor);
  const now = ctx.clock.now();
  const today = tehranDate(now);
  const nowSecond = secondsOf(new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Tehran', hour: '2-digit', minute: '2-digit', hour12: false }).format(now));
  const passed = (end: number) => query.date < today || (query.date === today && end < nowSecond);
  return {
    date: query.date,
    items: inspectors.map((i) => {
      const mine = stops.filter((s) => s.inspector_id === i.id && rows.has(s.request_id)).map((s) => ({ s, p: presentStop(s, rows.get(s.request_id)!, visible, query.date) })).filter((x) => !x.p.stale);
      const next = mine.find((x) => !x.p.done);
      return {
        inspectorId: i.id, name: `${i.first_name} ${i.last_name}`, districtNumber: i.district_number, planned: mine.length,
        done: mine.filter((x) => x.p.done).length, late: mine.filter((x) => !x.p.done && passed(x.s.end_second)).length,
        nextStop: next ? { trackingCode: next.p.trackingCode, start: next.p.start, address: next.p.address } : null,
      };
    }),
  };
}

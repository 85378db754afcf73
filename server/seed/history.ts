/**
 * Synthetic past cases (سوابق پرونده‌ها) for the demo and the benchmark: N cases written in
 * batches straight into the tables, as the request service would have left them had desks,
 * inspectors and districts worked them one action at a time:
 *   - requests: form, documents, fee (paid at intake, later or never, with the card reader's
 *     reference), inspector, recommendation, decision, step and case clocks (step_due_at, due_at
 *     moved by pauses, paused_seconds), closed_at, cancel_reason;
 *   - request_events: a timeline per case that follows its service's workflow
 *     (catalog/workflows.ts, every move checked with checkTransition), with returns for
 *     correction, cancellations and rejections, by the right role and person;
 *   - inspections for visited cases (an inspector of the district with the service's specialty),
 *     responses (letter numbers per district and Jalali year, in the order issued) for answered ones.
 * Intakes are spread over working days and office hours (Asia/Tehran, Thursday half, Friday and
 * official holidays off) between `from` and `now`; each case then moves on working days until it
 * closes or `now` comes, so the recent cases are the open ones. A seeded PRNG makes the same
 * choices on every run (ids and tracking codes included). Afterwards the rollups are rebuilt.
 * Not written: audit rows (one 'seed.history' line instead), outbox messages (no SMS for the
 * past) and printed letters.
 */
import { v7 as uuidv7 } from 'uuid';
import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../db/database.js';
import { ensurePartitionYears } from '../db/partitions.js';
import type { InspectionTable, RequestEventTable, RequestTable, ResponseTable, ServiceTable } from '../db/schema.js';
import type { RequestAction, RequestState } from '../../contracts/workflow.js';
import type { Role } from '../../contracts/roles.js';
import { dayWeight, fromJalali, nthWorkingDay, rememberedDueDates, tehranDate, tehranMidnight, toJalali, type Holidays } from '../platform/calendar.js';
import { newTrackingCode } from '../platform/ids.js';
import { appendAudit } from '../platform/audit.js';
import { type CaseFacts, checkTransition, getWorkflow } from '../modules/catalog/index.js';
import type { ChecklistItem, FormField, RequiredDocument } from '../modules/catalog/index.js';
import { loadHolidays } from '../modules/calendar/index.js';
import { letterNumber, letterRegister } from '../modules/letters/index.js';
import { rebuildRollups } from '../modules/reports/index.js';
import { rebuildOpenVisits } from '../modules/requests/index.js';
import { advance, openCase, type ClockRules } from '../platform/case-clock.js';
import { mulberry32, weightedDraw } from '../platform/random.js';

export interface HistoryOptions {
  /** The city the cases belong to; default: the first city. */
  cityId?: string;
  /** How many cases to take in between `from` and `now`. */
  cases: number;
  /** The first possible intake instant. */
  from: Date;
  /** Nothing happens after this instant: later steps are simply not taken yet (open cases). */
  now: Date;
  /** PRNG seed; the same seed and database give the same cases. */
  seed?: number;
  /** Rebuild the rollups afterwards (default true). */
  rebuildRollups?: boolean;
}

export interface HistoryResult {
  cases: number;
  open: number;
  events: number;
  inspections: number;
  responses: number;
  rollups: { caseRows: number; stepRows: number } | null;
}

/** Isfahan's mix of services (share of the year's cases); a service not listed counts as 5. */
const SERVICE_WEIGHT: Record<string, number> = {
  property_inspection: 28, bank_inquiry: 22, notary_transfer_inquiry: 20, agency_inquiry: 10,
  excavation_permit: 8, no_violation_certificate: 7, completion_certificate: 5,
};

const OPEN_MIN = 7 * 60 + 30; // desks open 07:30 Tehran
const CLOSE_MIN = 14 * 60 + 30; // and close 14:30 (Thursday 12:00)
const MINUTE = 60_000;

export interface HistoryPerson { id: string; nationalCode: string; name: string; mobile: string }
export interface HistoryStaff { id: string; role: Role; name: string }
export interface HistoryInspector extends HistoryStaff { districtId: string | null; specialty: string | null }
export interface HistoryProperty { id: string; districtId: string; lat: number | null; lng: number | null; owners: HistoryPerson[] }
export interface HistoryDesk { id: string; districtId: string }
export interface HistoryService {
  id: string; code: string; nameFa: string; workflow: string; specialty: string | null; sla: Partial<Record<RequestState, number>>;
  fee: number; fields: FormField[]; documents: RequiredDocument[]; checklist: ChecklistItem[]; validityDays: number; purposeFa: string;
}
type Person = HistoryPerson;
type Staff = HistoryStaff;

/**
 * What the generator draws on for one city: its calendar, services, desks (active, with an
 * operator and a manager) and their staff, property files with their owners, and the tracking
 * codes and letter registers already used (both moved on as cases are made). Read from the
 * database (loadHistorySource), or built in memory by the synthetic generator (seed/synthetic.ts).
 */
export interface HistorySource {
  cityId: string;
  /** The city's and its province's Persian names, as the institutions' letters name them. */
  place: Place;
  holidays: Holidays;
  districtNumber: ReadonlyMap<string, number>;
  services: readonly HistoryService[];
  /** `${officeId}|${serviceId}` of the services each desk offers. */
  offered: ReadonlySet<string>;
  /** A district's desks. */
  desksOf: ReadonlyMap<string, readonly HistoryDesk[]>;
  /** By office: */
  operators: ReadonlyMap<string, readonly HistoryStaff[]>;
  managers: ReadonlyMap<string, readonly HistoryStaff[]>;
  /** By district: */
  reviewers: ReadonlyMap<string, readonly HistoryStaff[]>;
  approvers: ReadonlyMap<string, readonly HistoryStaff[]>;
  inspectors: readonly HistoryInspector[];
  properties: readonly HistoryProperty[];
  usedCodes: Set<string>;
  counters: Map<string, number>;
}

/** The rows of a batch of cases, handed to the writer before the next batch is made. */
export interface HistoryBatch {
  requests: Insertable<RequestTable>[];
  events: Insertable<RequestEventTable>[];
  inspections: Insertable<InspectionTable>[];
  responses: Insertable<ResponseTable>[];
}

export interface SimulateOptions {
  cases: number;
  from: Date;
  now: Date;
  seed?: number;
  /** Where a case is taken in: default a property file at random and a desk of its district. */
  pickCase?: (random: () => number) => { desk: HistoryDesk; property: HistoryProperty };
  /** A Jalali month's share of intakes relative to the others (seasons); default the same for all. */
  season?: (jalaliMonth: number) => number;
}

export type SimulateTotals = Omit<HistoryResult, 'rollups'>;

interface Day { iso: string; start: number; weight: 0 | 0.5 | 1; year: number; month: number }
interface Pos { day: number; ms: number }

/** Tehran midnight starting the Jalali month `months` before the one `now` is in (0: this month's first day). */
export function jalaliMonthStart(now: Date, months: number): Date {
  const j = toJalali(tehranDate(now));
  const index = j.year * 12 + (j.month - 1) - months;
  return tehranMidnight(fromJalali(Math.floor(index / 12), (index % 12) + 1, 1));
}

export async function generateHistory(db: Db, opts: HistoryOptions): Promise<HistoryResult> {
  const source = await loadHistorySource(db, opts.cityId);
  // The timelines' years made before their lines are written (db/partitions.ts).
  await ensurePartitionYears(db, opts.from.getUTCFullYear(), opts.now.getUTCFullYear() + 1);
  const totals = await simulateHistory(source, opts, (batch) =>
    db.transaction().execute(async (trx) => {
      for (let i = 0; i < batch.requests.length; i += 500) await trx.insertInto('requests').values(batch.requests.slice(i, i + 500)).execute();
      for (let i = 0; i < batch.events.length; i += 1500) await trx.insertInto('request_events').values(batch.events.slice(i, i + 1500)).execute();
      for (let i = 0; i < batch.inspections.length; i += 1000) await trx.insertInto('inspections').values(batch.inspections.slice(i, i + 1000)).execute();
      for (let i = 0; i < batch.responses.length; i += 1000) await trx.insertInto('responses').values(batch.responses.slice(i, i + 1000)).execute();
    }),
  );
  await db.transaction().execute(async (trx) => {
    for (const [name, value] of source.counters) {
      await trx.insertInto('counters').values({ name, value }).onConflict((oc) => oc.column('name').doUpdateSet({ value })).execute();
    }
    await appendAudit(trx, null, { action: 'seed.history', entityType: 'city', entityId: source.cityId, details: { ...totals, from: opts.from.toISOString(), to: opts.now.toISOString(), seed: opts.seed ?? 1405 }, cityId: source.cityId }, opts.now);
  });
  // The cases were written without their steps: the inspectors' open visits are counted from them.
  await rebuildOpenVisits(db, source.cityId);
  const rollups = opts.rebuildRollups === false ? null : await rebuildRollups(db, opts.now, source.cityId);
  return { ...totals, rollups: rollups && { caseRows: rollups.caseRows, stepRows: rollups.stepRows } };
}

/** A city's organisation, property files, tracking codes and letter registers as the database holds them (the first city by code by default). */
export async function loadHistorySource(db: Db, cityId?: string): Promise<HistorySource> {

  const cities = db.selectFrom('cities').select(['id', 'name_fa', 'province_fa']);
  const city = cityId ? await cities.where('id', '=', cityId).executeTakeFirstOrThrow() : await cities.orderBy('code').executeTakeFirstOrThrow();
  const districts = await db.selectFrom('districts').select(['id', 'number']).where('city_id', '=', city.id).orderBy('number').execute();
  const staffRows = await db
    .selectFrom('staff')
    .select(['id', 'role', 'first_name', 'last_name', 'office_id', 'district_id', 'specialty'])
    .where('city_id', '=', city.id)
    .where('active', '=', 1)
    .orderBy('username')
    .execute();
  const staffOf = (r: (typeof staffRows)[number]): Staff => ({ id: r.id, role: r.role as Role, name: `${r.first_name} ${r.last_name}` });
  const group = (role: Role, key: (r: (typeof staffRows)[number]) => string | null) => {
    const m = new Map<string, Staff[]>();
    for (const r of staffRows) {
      const k = key(r);
      if (r.role !== role || k === null) continue;
      m.set(k, [...(m.get(k) ?? []), staffOf(r)]);
    }
    return m;
  };
  const operators = group('office_operator', (s) => s.office_id);
  const managers = group('office_manager', (s) => s.office_id);
  const services = (await db.selectFrom('services').selectAll().where('city_id', '=', city.id).where('active', '=', 1).orderBy('code').execute()).map(historyService);
  const offered = new Set((await db.selectFrom('office_services').select(['office_id', 'service_id']).execute()).map((o) => `${o.office_id}|${o.service_id}`));
  // Desks that can take cases: active, with an operator and a manager.
  const desksOf = new Map<string, HistoryDesk[]>();
  for (const o of await db.selectFrom('offices').select(['id', 'district_id']).where('city_id', '=', city.id).where('status', '=', 'active').orderBy('gov_code').execute()) {
    if (!operators.has(o.id) || !managers.has(o.id)) continue;
    desksOf.set(o.district_id, [...(desksOf.get(o.district_id) ?? []), { id: o.id, districtId: o.district_id }]);
  }
  const ownerRows = await db
    .selectFrom('properties')
    .innerJoin('property_owners', 'property_owners.property_id', 'properties.id')
    .innerJoin('persons', 'persons.id', 'property_owners.person_id')
    .select(['properties.id', 'properties.district_id', 'properties.lat', 'properties.lng', 'persons.id as person_id', 'persons.national_code', 'persons.first_name', 'persons.last_name', 'persons.mobile'])
    .where('properties.city_id', '=', city.id)
    .orderBy('properties.file_number')
    .orderBy('persons.national_code')
    .execute();
  const propertyMap = new Map<string, HistoryProperty>();
  for (const r of ownerRows) {
    if (!desksOf.has(r.district_id)) continue;
    const p = propertyMap.get(r.id) ?? { id: r.id, districtId: r.district_id, lat: r.lat === null ? null : Number(r.lat), lng: r.lng === null ? null : Number(r.lng), owners: [] };
    p.owners.push({ id: r.person_id, nationalCode: r.national_code ?? '', name: `${r.first_name ?? ''} ${r.last_name ?? ''}`.trim(), mobile: r.mobile ?? '' });
    propertyMap.set(r.id, p);
  }
  const counters = new Map<string, number>();
  for (const c of await db.selectFrom('counters').select(['name', 'value']).where('name', 'like', 'letter:%').execute()) counters.set(c.name, Number(c.value));
  return {
    cityId: city.id,
    place: { cityFa: city.name_fa, provinceFa: city.province_fa },
    holidays: await loadHolidays(db, city.id),
    districtNumber: new Map(districts.map((d) => [d.id, d.number])),
    services, offered, desksOf, operators, managers,
    reviewers: group('district_reviewer', (s) => s.district_id),
    approvers: group('district_approver', (s) => s.district_id),
    inspectors: staffRows.filter((s) => s.role === 'inspector').map((s) => ({ ...staffOf(s), districtId: s.district_id, specialty: s.specialty })),
    properties: [...propertyMap.values()],
    usedCodes: new Set((await db.selectFrom('requests').select('tracking_code').execute()).map((r) => r.tracking_code)),
    counters,
  };
}

/** A service row as the generator uses it. */
export function historyService(s: Selectable<ServiceTable>): HistoryService {
  return {
    id: s.id, code: s.code, nameFa: s.name_fa, workflow: s.workflow_code, specialty: s.inspector_specialty, sla: JSON.parse(s.sla_days) as HistoryService['sla'],
    fee: Number(s.fee_rials), fields: JSON.parse(s.form_fields) as FormField[], documents: JSON.parse(s.required_documents) as RequiredDocument[], checklist: JSON.parse(s.inspection_checklist) as ChecklistItem[],
    validityDays: Number(s.answer_validity_days), purposeFa: s.answer_purpose_fa,
  };
}

/**
 * Make `opts.cases` cases of the source's city and hand them to `write` in batches of about 2,000,
 * in intake order. Pure but for `write`: the same source and seed give the same rows.
 */
export async function simulateHistory(source: HistorySource, opts: SimulateOptions, write: (batch: HistoryBatch) => Promise<void>): Promise<SimulateTotals> {
  const random = mulberry32(opts.seed ?? 1405);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const chance = (p: number) => random() < p;
  const between = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const randomBytes = () => {
    const b = new Uint8Array(16);
    for (let i = 0; i < 16; i++) b[i] = Math.floor(random() * 256);
    return b;
  };
  const idAt = (ms: number) => uuidv7({ msecs: ms, random: randomBytes() });
  const nowMs = opts.now.getTime();
  const { cityId, holidays, districtNumber, services, offered, desksOf, operators, managers, reviewers, approvers, properties, usedCodes, counters } = source;
  if (properties.length === 0 || services.length === 0) throw new Error('generateHistory: the city has no property files or services (seed the demo first)');
  const inspectorsFor = new Map<string, Staff[]>();
  const inspectorPool = (districtId: string, specialty: string | null): Staff[] => {
    const key = `${districtId}|${specialty}`;
    let list = inspectorsFor.get(key);
    if (!list) {
      // As assignInspector: the district's inspectors with the specialty, else the city's.
      const fit = source.inspectors.filter((s) => specialty === null || s.specialty === specialty);
      const local = fit.filter((s) => s.districtId === districtId);
      list = (local.length ? local : fit).map(({ id, role, name }) => ({ id, role, name }));
      inspectorsFor.set(key, list);
    }
    return list;
  };
  const serviceWeights = services.map((s) => SERVICE_WEIGHT[s.code] ?? 5);
  const serviceTotal = serviceWeights.reduce((a, b) => a + b, 0);
  const pickService = (): HistoryService => {
    let r = random() * serviceTotal;
    for (let i = 0; i < services.length; i++) if ((r -= serviceWeights[i]!) < 0) return services[i]!;
    return services[services.length - 1]!;
  };
  const pickCase = opts.pickCase ?? (() => {
    const property = pick(properties);
    return { property, desk: pick(desksOf.get(property.districtId)!) };
  });

  // ------------------------------------------------------------ the calendar of the period
  const days: Day[] = [];
  for (let iso = tehranDate(opts.from); ; ) {
    const start = tehranMidnight(iso).getTime();
    if (start > nowMs) break;
    const j = toJalali(iso);
    days.push({ iso, start, weight: dayWeight(iso, holidays), year: j.year, month: j.month });
    iso = tehranDate(new Date(start + 36 * 3_600_000));
  }
  const closeOf = (d: number) => days[d]!.start + (days[d]!.weight === 0.5 ? 12 * 60 : CLOSE_MIN) * MINUTE;
  const openOf = (d: number) => days[d]!.start + OPEN_MIN * MINUTE;
  /** A moment in the working hours of day d, at least `after`. */
  const during = (d: number, after = 0): number => {
    const lo = Math.max(openOf(d), after + MINUTE);
    return lo + Math.floor(random() * Math.max(1, closeOf(d) - lo - 10 * MINUTE));
  };
  /** `workDays` working days later (0: the same day, `minutes` on, else the next working morning); null past `now`. */
  const later = (p: Pos, workDays: number, minutes = between(5, 120)): Pos | null => {
    if (workDays === 0) {
      const ms = p.ms + minutes * MINUTE;
      if (ms <= closeOf(p.day) - 5 * MINUTE) return ms <= nowMs ? { day: p.day, ms } : null;
      workDays = 1;
    }
    let d = p.day;
    for (let n = 0; n < workDays; ) {
      d++;
      if (d >= days.length) return null;
      if (days[d]!.weight > 0) n++;
    }
    const ms = during(d);
    return ms <= nowMs ? { day: d, ms } : null;
  };
  /** How long a step of `sla` working days takes: mostly in time, one in ten late. */
  const stepDays = (sla: number | undefined): number => {
    const s = sla ?? 2;
    const r = random();
    if (r < 0.55) return between(0, Math.max(0, Math.ceil(s / 2)));
    if (r < 0.9) return between(Math.ceil(s / 2), s);
    return s + between(1, 4);
  };
  const dueAfter = rememberedDueDates(holidays);

  // Intake instants: working days weighted by their hours, office hours, in time order.
  const season = opts.season ?? (() => 1);
  const weights = days.map((d) => d.weight * season(d.month));
  if (!weights.some((w) => w > 0)) throw new Error('generateHistory: no working day between from and now');
  const drawDay = weightedDraw(weights, random);
  const intakes: Pos[] = [];
  while (intakes.length < opts.cases) {
    const lo = drawDay();
    const ms = during(lo);
    if (ms <= nowMs && ms >= opts.from.getTime()) intakes.push({ day: lo, ms });
  }
  intakes.sort((a, b) => a.ms - b.ms);


  // ------------------------------------------------------------ tracking codes and letter numbers
  const digit = (min: number, max: number) => min + Math.floor(random() * (max - min));
  const trackingCode = () => {
    for (;;) {
      const code = newTrackingCode(digit);
      if (!usedCodes.has(code)) {
        usedCodes.add(code);
        return code;
      }
    }
  };
  // Answers wait here until every case that could be answered earlier has been generated, then get their numbers in the order issued.
  const pendingAnswers: { at: number; year: number; districtId: string; row: Insertable<ResponseTable> }[] = [];

  // ------------------------------------------------------------ batches
  const out: HistoryBatch = {
    requests: [] as Insertable<RequestTable>[], events: [] as Insertable<RequestEventTable>[],
    inspections: [] as Insertable<InspectionTable>[], responses: [] as Insertable<ResponseTable>[],
  };
  const totals = { cases: 0, open: 0, events: 0, inspections: 0, responses: 0 };
  const flush = async () => {
    await write(out);
    totals.events += out.events.length;
    totals.inspections += out.inspections.length;
    totals.responses += out.responses.length;
    out.requests.length = out.events.length = out.inspections.length = out.responses.length = 0;
  };
  const numberAnswers = (upTo: number) => {
    pendingAnswers.sort((a, b) => a.at - b.at);
    let n = 0;
    for (; n < pendingAnswers.length && pendingAnswers[n]!.at <= upTo; n++) {
      const a = pendingAnswers[n]!;
      const register = letterRegister(a.districtId, a.year);
      const seq = (counters.get(register) ?? 0) + 1;
      counters.set(register, seq);
      out.responses.push({ ...a.row, letter_number: letterNumber(a.year, districtNumber.get(a.districtId)!, seq) });
    }
    pendingAnswers.splice(0, n);
  };

  // ------------------------------------------------------------ one case at a time
  for (const intake of intakes) {
    const { property, desk } = pickCase(random);
    const service = pickService();
    if (!offered.has(`${desk.id}|${service.id}`)) continue;
    const applicant = pick(property.owners);
    const wf = getWorkflow(service.workflow);
    /** The transition core's rules, its due times read from the cache of `p`'s day. */
    const rulesAt = (p: Pos): ClockRules => ({ workflow: wf, sla: service.sla, holidays, dueAfter: (_from, days) => dueAfter(new Date(p.ms), days) });
    const operator = pick(operators.get(desk.id)!);
    const manager = pick(managers.get(desk.id)!);
    const reviewer = pick(reviewers.get(desk.districtId) ?? [operator]);
    const approver = pick(approvers.get(desk.districtId) ?? [operator]);
    const id = idAt(intake.ms);
    const createdAt = new Date(intake.ms).toISOString();
    const facts: CaseFacts = { hasInspector: false, hasInspectionReport: false, hasRecommendation: false, documentsComplete: true, hasDecision: false, feePaid: service.fee === 0 };

    const c = {
      clock: openCase(new Date(intake.ms), rulesAt(intake)), pos: intake, version: 1, inspector: null as Staff | null, recommendation: null as string | null, recommendationNote: null as string | null,
      decision: null as string | null, decisionNote: null as string | null, cancelReason: null as string | null,
      paidRef: null as string | null, paidAt: null as string | null, inspection: null as Insertable<InspectionTable> | null,
    };
    let lastEventId = '';
    /** Lines of one instant keep their order (the timeline sorts by time, then id). */
    const eventId = (ms: number) => {
      let e = idAt(ms);
      while (e <= lastEventId) e = idAt(ms);
      return (lastEventId = e);
    };
    const line = (action: string, from: RequestState | null, to: RequestState, actor: Staff, at: Pos, note: string | null, isPublic: boolean, data: object | null) =>
      out.events.push({
        id: eventId(at.ms), request_id: id, city_id: cityId, action, from_state: from, to_state: to, actor_staff_id: actor.id, actor_role: actor.role,
        actor_name: actor.name, note, public: isPublic ? 1 : 0, data: data ? JSON.stringify(data) : null, created_at: new Date(at.ms).toISOString(),
      });
    line('register', null, 'registered', operator, intake, null, true, null);
    const pay = (at: Pos, by: Staff) => {
      c.paidRef = String(between(100_000, 999_999)) + String(between(100_000, 999_999));
      c.paidAt = new Date(at.ms).toISOString();
      facts.feePaid = true;
      c.version++;
      line('record_payment', c.clock.state, c.clock.state, by, at, `شماره پیگیری: ${c.paidRef}`, false, { reference: c.paidRef, feeRials: service.fee });
    };
    const payment = random();
    if (payment < 0.85) {
      pay(intake, operator);
      c.version--; // paid with the intake itself: no separate version
    }
    const payLater = payment >= 0.85 && payment < 0.95;

    /** One workflow action, as runAction would take it; false if it would happen after `now`. */
    const act = (action: RequestAction, actor: Staff, at: Pos | null, o: { note?: string | null; data?: object | null; apply?: () => void } = {}): boolean => {
      if (!at) return false;
      const check = checkTransition(wf, c.clock.state, action, actor.role, facts);
      if (!check.ok) throw new Error(`history: ${service.code} ${action} from ${c.clock.state} by ${actor.role}: ${check.code}`);
      const to = check.transition.to;
      const from = c.clock.state;
      if (payLater && !c.paidAt && to !== 'cancelled' && chance(0.3)) pay({ day: at.day, ms: Math.max(c.pos.ms + 1000, at.ms - MINUTE) }, operator);
      o.apply?.();
      c.clock = advance(c.clock, to, new Date(at.ms), rulesAt(at)).clock;
      c.version++;
      c.pos = at;
      line(action, from, to, actor, at, o.note ?? null, check.transition.public, o.data ?? null);
      return true;
    };
    const cancel = (by: Staff, reason: string) => act('cancel', by, later(c.pos, between(0, 2)), { note: reason, apply: () => (c.cancelReason = reason) });
    const assign = (by: Staff, at: Pos | null, automatic: boolean): boolean => {
      const inspector = pick(inspectorPool(desk.districtId, service.specialty));
      if (!at || !inspector) return false;
      // No inspector goes out for an unpaid fee: a case paid later is paid just before; one never paid is withdrawn.
      if (!facts.feePaid) {
        if (!payLater) return cancel(manager, 'هزینه خدمت پرداخت نشد') && false;
        pay({ day: at.day, ms: Math.max(c.pos.ms + 1000, at.ms - MINUTE) }, operator);
      }
      return act('assign_inspector', by, at, {
        data: { inspectorId: inspector.id, inspectorName: inspector.name, automatic },
        apply: () => {
          c.inspector = inspector;
          facts.hasInspector = true;
          if (c.inspection) c.inspection.active = 0;
          c.inspection = {
            id: idAt(at.ms), request_id: id, inspector_id: inspector.id, active: 1, assigned_at: new Date(at.ms).toISOString(), assigned_by: by.id,
            scheduled_date: null, window_start: null, window_end: null, findings: null, measurements: null, checklist: null,
            violations: null, gps_lat: null, gps_lng: null, gps_accuracy_m: null, visited_at: null, submitted_at: null,
          };
          out.inspections.push(c.inspection);
        },
      });
    };
    /** Visit: schedule, then the report on the visit day. */
    const visit = (rejectLikely: boolean): boolean => {
      if (chance(0.02)) return cancel(manager, 'انصراف متقاضی') && false;
      const scheduledAt = later(c.pos, stepDays(service.sla.inspector_assigned));
      if (!scheduledAt) return false;
      const visitDay = later(scheduledAt, between(0, Math.max(0, (service.sla.visit_scheduled ?? 2) - 1) + (chance(0.1) ? 2 : 0)));
      const morning = chance(0.6);
      const window = morning ? { windowStart: '09:00', windowEnd: '12:00' } : { windowStart: '10:00', windowEnd: '13:00' };
      const date = visitDay ? days[visitDay.day]!.iso : nthWorkingDay(new Date(scheduledAt.ms), 1, holidays);
      if (!act('schedule_visit', c.inspector!, scheduledAt, { data: { date, ...window }, apply: () => Object.assign(c.inspection!, { scheduled_date: date, window_start: window.windowStart, window_end: window.windowEnd }) })) return false;
      if (!visitDay) return false;
      if (chance(0.02)) return cancel(manager, 'متقاضی از درخواست منصرف شد') && false;
      const d = visitDay.day;
      const visitedMs = Math.max(scheduledAt.ms + MINUTE, days[d]!.start + (morning ? 9 * 60 : 10 * 60) * MINUTE + between(0, 170) * MINUTE);
      const filed = { day: d, ms: visitedMs + between(20, 180) * MINUTE };
      if (filed.ms > nowMs) return false;
      const violations = rejectLikely ? [{ descriptionFa: pick(['اضافه بنا بدون مجوز در طبقه آخر', 'تغییر کاربری بدون مجوز', 'عدم رعایت عقب‌نشینی']), severity: 'major' as const }] : [];
      const base = property.lat !== null && property.lng !== null ? { lat: property.lat, lng: property.lng } : { lat: 32.6539, lng: 51.666 };
      return act('file_inspection_report', c.inspector!, filed, {
        data: { violations: violations.length },
        apply: () => {
          facts.hasInspectionReport = true;
          Object.assign(c.inspection!, {
            findings: rejectLikely ? `بازدید انجام شد؛ ${violations[0]!.descriptionFa} مشاهده شد.` : 'بازدید انجام شد؛ وضعیت ملک با مدارک و نقشه مطابق است.',
            measurements: '{}', checklist: JSON.stringify(service.checklist.map((item, n) => ({ code: item.code, ok: !(rejectLikely && n === 0) }))),
            violations: JSON.stringify(violations), gps_lat: Math.round((base.lat + (random() - 0.5) / 2000) * 1e6) / 1e6,
            gps_lng: Math.round((base.lng + (random() - 0.5) / 2000) * 1e6) / 1e6, gps_accuracy_m: between(4, 25),
            visited_at: new Date(visitedMs).toISOString(), submitted_at: new Date(filed.ms).toISOString(),
          });
        },
      });
    };

    const rejectLikely = chance(0.18);
    const run = (): void => {
      // The desk: automatic assignment at intake (visit workflow) or sending to the district (inquiries).
      if (wf.code === 'inspection') {
        if (chance(0.005)) return void cancel(manager, 'انصراف متقاضی');
        if (!assign(operator, { day: intake.day, ms: intake.ms + between(5, 50) * 1000 }, true)) return;
        if (!visit(rejectLikely)) return;
      } else {
        if (chance(0.02)) return void cancel(manager, 'انصراف متقاضی');
        if (!act('send_to_district', operator, later(intake, chance(0.7) ? 0 : stepDays(service.sla.registered)))) return;
        // The district orders a visit now and then; never for a fee that will not be paid.
        if (chance(0.1) && (facts.feePaid || payLater)) {
          if (!assign(reviewer, later(c.pos, stepDays(service.sla.district_review), between(30, 200)), false)) return;
          if (!visit(rejectLikely)) return;
        }
      }
      // The district: review, perhaps a return for correction (at most twice), decision, answer; the desk hands it over.
      for (let returns = 0; ; ) {
        if (c.clock.state === 'district_review') {
          if (chance(0.012)) return void cancel(approver, 'درخواست تکراری است');
          const at = later(c.pos, stepDays(service.sla.district_review));
          if (returns < 2 && chance(0.08)) {
            const reason = pick(['تصویر سند خوانا نیست', 'امضای مالک در فرم نیست', 'کد نوسازی با پرونده مطابق نیست']);
            if (!act('return_for_correction', reviewer, at, { note: reason, data: { reasons: [reason] }, apply: () => { c.recommendation = null; c.recommendationNote = null; facts.hasRecommendation = false; } })) return;
          } else {
            const recommendation = rejectLikely ? 'reject' : 'approve';
            const note = recommendation === 'approve' ? 'مدارک و گزارش بازدید کامل است؛ موافقت پیشنهاد می‌شود.' : 'با توجه به گزارش بازدید، مخالفت پیشنهاد می‌شود.';
            if (!act('recommend', reviewer, at, { note, data: { recommendation }, apply: () => { c.recommendation = recommendation; c.recommendationNote = note; facts.hasRecommendation = true; } })) return;
          }
        }
        if (c.clock.state === 'awaiting_decision') {
          if (chance(0.008)) return void cancel(approver, 'درخواست تکراری است');
          const at = later(c.pos, stepDays(service.sla.awaiting_decision));
          if (returns < 2 && chance(0.04)) {
            const reason = 'مدارک تکمیلی لازم است';
            if (!act('return_for_correction', approver, at, { note: reason, data: { reasons: [reason] }, apply: () => { c.recommendation = null; c.recommendationNote = null; facts.hasRecommendation = false; } })) return;
          } else if (c.recommendation === 'approve' ? chance(0.95) : chance(0.1)) {
            if (!act('approve', approver, at, { data: { conditions: [] }, apply: () => { c.decision = 'approved'; c.decisionNote = null; facts.hasDecision = true; } })) return;
          } else {
            const reasons = [rejectLikely ? 'تخلف ساختمانی مشاهده‌شده در بازدید' : 'مدارک کافی نیست'];
            if (!act('reject', approver, at, { note: reasons.join('\n'), data: { reasons }, apply: () => { c.decision = 'rejected'; c.decisionNote = reasons.join('\n'); facts.hasDecision = true; } })) return;
          }
        }
        if (c.clock.state === 'returned_to_office') {
          returns++;
          if (chance(0.15)) return void cancel(manager, 'متقاضی برای اصلاح مراجعه نکرد');
          if (!act('resubmit', operator, later(c.pos, between(1, 6)), { note: 'مدارک اصلاح و تکمیل شد' })) return;
          continue;
        }
        break;
      }
      if (c.clock.state !== 'approved' && c.clock.state !== 'rejected') return;
      const issuedAt = later(c.pos, stepDays(service.sla[c.clock.state]));
      const decision = c.decision!;
      if (
        !act('issue_response', approver, issuedAt, {
          data: { decision },
          apply: () => {
            const at = new Date(issuedAt!.ms);
            const validUntil = decision === 'approved' ? tehranDate(new Date(at.getTime() + service.validityDays * 86_400_000)) : null;
            pendingAnswers.push({
              at: at.getTime(), year: days[issuedAt!.day]!.year, districtId: desk.districtId,
              row: {
                id: idAt(at.getTime()), request_id: id, letter_number: '', issued_at: at.toISOString(), issued_by: approver.id, decision,
                text: decision === 'approved' ? `با درخواست «${service.nameFa}» موافقت شد. ${service.purposeFa}` : `درخواست «${service.nameFa}» به دلایل زیر رد شد:\n${c.decisionNote ?? ''}`,
                conditions: '[]', valid_until: validUntil, delivered_at: null, delivered_to_name: null, delivered_to_national_code: null, delivered_by: null, delivered_letter_serial: null,
                city_id: source.cityId,
              },
            });
          },
        })
      ) return;
      if (chance(0.03)) return; // never picked up
      const answer = pendingAnswers[pendingAnswers.length - 1]!.row;
      const deliveredAt = later(c.pos, between(0, 8));
      act('deliver', operator, deliveredAt, {
        data: { receivedByName: applicant.name },
        apply: () => Object.assign(answer, { delivered_at: new Date(deliveredAt!.ms).toISOString(), delivered_to_name: applicant.name, delivered_to_national_code: applicant.nationalCode, delivered_by: operator.id }),
      });
    };
    run();
    if (payLater && !c.paidAt && c.clock.state !== 'cancelled') {
      const at = later(c.pos, between(0, 3));
      if (at) pay(at, operator);
    }

    const updated = out.events[out.events.length - 1]!.created_at;
    out.requests.push({
      id, city_id: cityId, district_id: desk.districtId, office_id: desk.id, property_id: property.id, applicant_person_id: applicant.id,
      service_id: service.id, service_code: service.code, tracking_code: trackingCode(), state: c.clock.state, version: c.version,
      form: JSON.stringify(formFor(service.fields, applicant, days[intake.day]!.iso, random, source.place)), documents: JSON.stringify(Object.fromEntries(service.documents.map((d) => [d.code, d.required || chance(0.5)]))),
      fee_rials: service.fee, assigned_inspector_id: c.inspector?.id ?? null, recommendation: c.recommendation, recommendation_note: c.recommendationNote,
      decision: c.decision, decision_note: c.decisionNote, step_started_at: c.clock.step_started_at, step_due_at: c.clock.step_due_at,
      created_by: operator.id, created_at: createdAt, updated_at: updated > createdAt ? updated : createdAt, closed_at: c.clock.closed_at, cancel_reason: c.cancelReason,
      proposed_visit_date: null, due_at: c.clock.due_at, paused_seconds: c.clock.paused_seconds, fee_payment_ref: c.paidRef, fee_paid_at: c.paidAt,
    });
    totals.cases++;
    if (!c.clock.closed_at) totals.open++;
    if (out.requests.length >= 2000) {
      numberAnswers(intake.ms);
      await flush();
    }
  }
  numberAnswers(Number.POSITIVE_INFINITY);
  await flush();
  return totals;
}

export interface Place {
  cityFa: string;
  provinceFa: string;
}

/** Banks, branches and the city's own notaries and agencies, as a clerk copies them from the institution's letter. */
const letterTexts = ({ cityFa, provinceFa }: Place): Record<string, readonly string[]> => ({
  bankName: ['بانک ملی ایران', 'بانک ملت', 'بانک صادرات ایران', 'بانک تجارت', 'بانک مسکن', 'بانک سپه', 'بانک رفاه کارگران'],
  branchName: ['چهارباغ', 'میدان انقلاب', 'خیابان نظر', 'سه‌راه سیمین', 'بزرگمهر', 'هشت بهشت', 'خیابان کاوه'],
  notaryCity: [cityFa],
  agencyName: [`اداره کل ثبت اسناد و املاک استان ${provinceFa}`, `دادگستری شهرستان ${cityFa}`, `اداره کل امور مالیاتی استان ${provinceFa}`, `اداره کل راه و شهرسازی استان ${provinceFa}`],
});

/**
 * What the fields printed on an inquiry's answer letter (letters.rules addresseeOf) hold: real
 * names, codes and letter numbers, never «طبق مدارک», which the letter would print. Picked from the
 * applicant's mobile number, not from `random`, so the rest of the history stays as it was.
 */
function letterText(field: string, applicant: Person, place: Place): string | null {
  const n = Number(applicant.mobile.replace(/\D/g, '').slice(-6)) || 0;
  const texts = letterTexts(place)[field];
  if (texts) return texts[n % texts.length]!;
  if (field === 'branchCode') return String(1000 + (n % 9000));
  if (field.endsWith('LetterNumber')) return `${100 + (n % 900)}/${1 + (n % 9)}/ص`;
  return null;
}

/** Answers a service's form as a desk clerk would: every required field and some optional ones, valid per form.ts. */
function formFor(fields: readonly FormField[], applicant: Person, today: string, random: () => number, place: Place): Record<string, unknown> {
  const form: Record<string, unknown> = {};
  for (const f of fields) {
    if (!f.required && random() < 0.6) continue;
    switch (f.type) {
      case 'select':
        if (f.options?.length) form[f.name] = f.options[Math.floor(random() * f.options.length)]!.value;
        break;
      case 'integer':
      case 'number': {
        const lo = f.min ?? 1;
        const hi = Math.max(lo, Math.min(f.max ?? lo + 20, lo + 200));
        // min() for a fractional minimum (0.1 … 10 would otherwise reach 10.1).
        form[f.name] = Math.min(hi, lo + Math.floor(random() * (hi - lo + 1)));
        break;
      }
      case 'boolean':
        form[f.name] = random() < 0.8;
        break;
      case 'date':
        form[f.name] = today;
        break;
      case 'national_code':
        if (applicant.nationalCode) form[f.name] = applicant.nationalCode;
        break;
      case 'mobile':
        if (/^09\d{9}$/.test(applicant.mobile)) form[f.name] = applicant.mobile;
        break;
      case 'text':
      case 'textarea':
        form[f.name] = (letterText(f.name, applicant, place) ?? (f.type === 'textarea' ? 'طبق مدارک پیوست پرونده' : 'طبق مدارک')).slice(0, f.maxLength ?? 200);
        break;
    }
  }
  return form;
}

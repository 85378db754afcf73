/**
 * What the figures read: the rollups (grouped and summed in SQL, the sealed months' histograms
 * merged here) and the small tables (districts, offices, staff, inspections, inquiries).
 * Never the cases table.
 */
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Db } from '../../db/database.js';
import { jalaliMonthOf } from '../../platform/calendar.js';
import {
  DESK_STEPS, addDeskStep, addHistogram, addSteps, countInquiries, countVisits, emptyDeskSteps, emptyHistogram, type DeskSteps, type Histogram,
} from '../reports/index.js';

/**
 * The filters as the queries take them: the city always, the rest optional, and the range in two
 * parts (decision 0045): whole Jalali months read from the month rows, and Tehran date ranges
 * (inclusive) read from the day rows, for the edges of the range and the months not sealed yet.
 */
export interface RollupFilter {
  cityId: string;
  /** Whole months ('1405-09') read at the month level; 'all' = every month (the backlog). */
  months: readonly string[] | 'all';
  days: readonly { from: string; to: string }[];
  districtId: string | null;
  officeId: string | null;
  serviceCode: string | null;
}

type CaseDim = 'month' | 'office_id' | 'service_code' | 'state' | 'district_id';
type StepDim = 'month' | 'office_id' | 'service_code' | 'district_id' | 'step';

export interface CaseSums {
  month: string; office_id: string; service_code: string; state: string; district_id: string;
  cases: number; fee_rials: number; paid_rials: number;
}
/** Steps summed over the dimensions not asked for, with their duration histogram. */
export interface StepSums {
  month: string; office_id: string; service_code: string; district_id: string; step: string;
  steps: number; late: number; minutes: number;
  /** Steps by duration bucket. */
  histogram: Histogram;
}

/** The level of a rollup read: the day rows or the month rows. */
export type Level = 'day' | 'month';
/**
 * The cases' month level has three grains: by desk and service; summed over each district's desks,
 * when no desk is asked for (decision 0049); and by desk alone, when neither a service nor a state
 * is asked for (decision 0050).
 */
function caseTable(level: Level, f: RollupFilter, by: readonly CaseDim[], states?: readonly string[]) {
  if (level === 'day') return 'rollup_cases';
  if (f.serviceCode === null && states === undefined && !by.includes('service_code') && !by.includes('state')) return 'rollup_cases_monthly_desks';
  return f.officeId !== null || by.includes('office_id') ? 'rollup_cases_monthly' : 'rollup_cases_monthly_districts';
}
/**
 * The steps' month level has four grains: by desk and service; by desk over its services
 * (decision 0046), when a desk but no service is asked for; by district and service, summed over
 * each district's desks, when no desk is asked for; and by step over the whole city, when nothing
 * but the month and the step is asked for (decision 0050).
 */
function stepTable(level: Level, f: RollupFilter, by: readonly StepDim[]) {
  if (level === 'day') return 'rollup_steps';
  if (f.officeId === null && f.districtId === null && f.serviceCode === null && by.every((c) => c === 'month' || c === 'step')) return 'rollup_steps_monthly_cities';
  if (f.officeId === null && !by.includes('office_id')) return 'rollup_steps_monthly_districts';
  return f.serviceCode === null && !by.includes('service_code') ? 'rollup_steps_monthly_desks' : 'rollup_steps_monthly';
}

/** The filter on a rollup: every level carries the same city, district, office and service columns. */
function filterOf(table: string, level: Level, f: RollupFilter): RawBuilder<SqlBool> {
  const col = (c: string) => sql.ref(`${table}.${c}`);
  const conditions = [sql`${col('city_id')} = ${f.cityId}`];
  if (level === 'day') conditions.push(sql`(${sql.join(f.days.map((d) => sql`${col('day')} between ${d.from} and ${d.to}`), sql` or `)})`);
  else if (f.months !== 'all') conditions.push(sql`${col('month')} in (${sql.join(f.months)})`);
  if (f.districtId) conditions.push(sql`${col('district_id')} = ${f.districtId}`);
  if (f.officeId) conditions.push(sql`${col('office_id')} = ${f.officeId}`);
  if (f.serviceCode) conditions.push(sql`${col('service_code')} = ${f.serviceCode}`);
  return sql<SqlBool>`(${sql.join(conditions, sql` and `)})`;
}

const readsMonths = (f: RollupFilter) => f.months === 'all' || f.months.length > 0;

/** A day's Jalali month, remembered for the rows of one read. */
function monthsOfDays() {
  const months = new Map<string, string>();
  return (day: string) => {
    let m = months.get(day);
    if (m === undefined) months.set(day, (m = jalaliMonthOf(day)));
    return m;
  };
}

/** The columns a level groups by: the day stands for the month on the day rows. */
const columnsOf = <D extends string>(by: readonly D[], level: Level) => by.map((c) => (c === 'month' && level === 'day' ? 'day' : c));

/** The statement of caseSums at one level (the plan check reads it too: test/hot-queries.ts). */
export function caseSumsQuery(db: Db, level: Level, f: RollupFilter, by: readonly CaseDim[], states?: readonly string[]) {
  const table = caseTable(level, f, by, states);
  const cols = columnsOf(by, level).map((c) => sql.ref(`${table}.${c}`).as(c));
  return db
    .selectFrom(table)
    .select(cols)
    .select([
      sql<number>`sum(${sql.ref(`${table}.cases`)})`.as('cases'),
      sql<number>`sum(${sql.ref(`${table}.fee_rials`)})`.as('fee_rials'),
      sql<number>`sum(${sql.ref(`${table}.paid_rials`)})`.as('paid_rials'),
    ])
    .where(filterOf(table, level, f))
    .$if(states !== undefined, (q) => q.where(sql.ref(`${table}.state`), 'in', [...states!]))
    .$if(by.length > 0, (q) => q.groupBy(cols.map((_, i) => sql.raw(String(i + 1)))));
}

/** Cases taken in (by intake month) summed over the dimensions not named in `by`; a key may come twice, once a level. */
export async function caseSums(db: Db, f: RollupFilter, by: readonly CaseDim[], states?: readonly string[]): Promise<CaseSums[]> {
  const read = async (level: Level) => (await caseSumsQuery(db, level, f, by, states).execute()) as unknown as Record<string, unknown>[];
  const [months, days] = await Promise.all([readsMonths(f) ? read('month') : [], f.days.length > 0 ? read('day') : []]);
  const monthOf = monthsOfDays();
  for (const r of days) if (r.day !== undefined) r.month = monthOf(r.day as string);
  return [...months, ...days].map((r) => ({
    ...(r as unknown as CaseSums),
    cases: Number(r.cases ?? 0),
    fee_rials: Number(r.fee_rials ?? 0),
    paid_rials: Number(r.paid_rials ?? 0),
  }));
}

/**
 * The statement of stepSums at one level (the plan check reads it too): the month rows as they are,
 * with their histograms; the day rows summed by the dimensions and the bucket.
 */
export function stepSumsQuery(db: Db, level: Level, f: RollupFilter, steps: readonly string[] | null, by: readonly StepDim[]) {
  const table = stepTable(level, f, by);
  const stepFilter = steps && (steps.length ? [...steps] : ['']);
  // The day rows are summed per bucket; the month rows, one per key already, bring their histogram.
  const cols = [...columnsOf(by, level), level === 'day' ? 'bucket' : 'buckets'].map((c) => sql.ref(`${table}.${c}`).as(c));
  const measure = (c: string) => (level === 'day' ? sql<number>`sum(${sql.ref(`${table}.${c}`)})` : sql<number>`${sql.ref(`${table}.${c}`)}`);
  return db
    .selectFrom(table)
    .select(cols)
    .select([measure('steps').as('steps'), measure('late').as('late'), measure('minutes').as('minutes')])
    .where(filterOf(table, level, f))
    .$if(stepFilter !== null, (q) => q.where(sql.ref(`${table}.step`), 'in', stepFilter!))
    .$if(level === 'day', (q) => q.groupBy(cols.map((_, i) => sql.raw(String(i + 1)))));
}

/**
 * Finished steps (by the month they ended) of the given kinds, summed over the dimensions not in
 * `by`, each key once with its histogram: the sealed months' rows carry theirs as text, the day
 * rows a bucket each.
 */
export async function stepSums(db: Db, f: RollupFilter, steps: readonly string[] | null, by: readonly StepDim[]): Promise<StepSums[]> {
  const read = async (level: Level) => (await stepSumsQuery(db, level, f, steps, by).execute()) as unknown as Record<string, unknown>[];
  const [months, days] = await Promise.all([readsMonths(f) ? read('month') : [], f.days.length > 0 ? read('day') : []]);
  const out = new Map<string, StepSums>();
  const rowOf = (r: Record<string, unknown>) => {
    const key = by.map((c) => r[c]).join('|');
    let row = out.get(key);
    if (!row) out.set(key, (row = { ...(Object.fromEntries(by.map((c) => [c, r[c]])) as unknown as StepSums), steps: 0, late: 0, minutes: 0, histogram: emptyHistogram() }));
    row.steps += Number(r.steps);
    row.late += Number(r.late);
    row.minutes += Number(r.minutes);
    return row;
  };
  for (const r of months) addHistogram(rowOf(r).histogram, r.buckets as string);
  const monthOf = monthsOfDays();
  for (const r of days) {
    if (by.includes('month')) r.month = monthOf(r.day as string);
    addSteps(rowOf(r).histogram, Number(r.bucket), Number(r.steps));
  }
  return [...out.values()];
}

/** The desk month rows of the sealed months (decision 0050; the plan check reads it too). */
export function deskMonthsQuery(db: Db, f: RollupFilter) {
  return db
    .selectFrom('rollup_desk_months')
    .select(['office_id', 'desk_steps', 'desk_minutes', 'desk_buckets', 'returns', 'return_minutes', 'answer_buckets'])
    .where(filterOf('rollup_desk_months', 'month', f));
}

/**
 * Each desk's figures from its steps in the range: the sealed months from their desk month rows
 * (one a desk and month, decision 0050), the rest from the step rows. With a service asked for,
 * every month comes from the step rows by service.
 */
export async function deskSteps(db: Db, f: RollupFilter): Promise<Map<string, DeskSteps>> {
  const desks = new Map<string, DeskSteps>();
  const of = (office: string) => {
    let d = desks.get(office);
    if (!d) desks.set(office, (d = emptyDeskSteps()));
    return d;
  };
  const monthRows = f.serviceCode === null && f.months !== 'all' && f.months.length > 0;
  for (const r of await stepSums(db, monthRows ? { ...f, months: [] } : f, [...DESK_STEPS, 'answer'], ['office_id', 'step'])) {
    addDeskStep(of(r.office_id), r.step, r.steps, r.minutes, r.histogram);
  }
  if (monthRows) {
    for (const r of await deskMonthsQuery(db, f).execute()) {
      const d = of(r.office_id);
      d.deskSteps += Number(r.desk_steps);
      d.deskMinutes += Number(r.desk_minutes);
      addHistogram(d.desk, r.desk_buckets);
      d.returns += Number(r.returns);
      d.returnMinutes += Number(r.return_minutes);
      addHistogram(d.answer, r.answer_buckets);
    }
  }
  return desks;
}

/** The months of a city whose steps are sealed (rollup_steps_monthly), from one month to another. */
export async function sealedMonths(db: Db, cityId: string, from: string, to: string): Promise<Set<string>> {
  const rows = await db.selectFrom('rollup_sealed_months').select('month').where('city_id', '=', cityId).where('month', '>=', from).where('month', '<=', to).execute();
  return new Set(rows.map((r) => r.month));
}

export function districtsOf(db: Db, cityId: string) {
  return db.selectFrom('districts').select(['id', 'number', 'name_fa', 'desk_target']).where('city_id', '=', cityId).orderBy('number').execute();
}

export function findDistrict(db: Db, cityId: string, id: string) {
  return db.selectFrom('districts').select(['id', 'number', 'name_fa']).where('city_id', '=', cityId).where('id', '=', id).executeTakeFirst();
}

export function findOffice(db: Db, cityId: string, id: string) {
  return db.selectFrom('offices').select(['id', 'district_id']).where('city_id', '=', cityId).where('id', '=', id).executeTakeFirst();
}

export function serviceExists(db: Db, cityId: string, code: string) {
  return db.selectFrom('services').select('code').where('city_id', '=', cityId).where('code', '=', code).executeTakeFirst();
}

export function servicesOf(db: Db, cityId: string) {
  return db.selectFrom('services').select(['code', 'name_fa']).where('city_id', '=', cityId).orderBy('code').execute();
}

export function officesOf(db: Db, cityId: string, districtId: string | null) {
  let q = db
    .selectFrom('offices')
    .innerJoin('districts', 'districts.id', 'offices.district_id')
    .select(['offices.id', 'offices.gov_code', 'offices.name_fa', 'offices.status', 'offices.district_id', 'districts.number as district_number'])
    .where('offices.city_id', '=', cityId);
  if (districtId) q = q.where('offices.district_id', '=', districtId);
  return q.execute();
}

/** Active staff per desk: the desk network's people. */
export async function deskStaffByDistrict(db: Db, cityId: string) {
  const rows = await db
    .selectFrom('staff')
    .innerJoin('offices', 'offices.id', 'staff.office_id')
    .select((eb) => ['offices.district_id', eb.fn.countAll<number>().as('n')])
    .where('staff.city_id', '=', cityId)
    .where('staff.active', '=', 1)
    .where('offices.status', '=', 'active')
    .groupBy('offices.district_id')
    .execute();
  return new Map(rows.map((r) => [r.district_id, Number(r.n)]));
}

/**
 * Active inspectors (of a district), with their open assignments: the open visits the steps keep
 * per inspector (decision 0053), one row each, as the staff list and the assignment read them.
 * Counting each one's open inspections was a range of index entries per inspector, 45-115 ms of a
 * city year at 10^6 cases.
 */
export function inspectorWorkloadQuery(db: Db, cityId: string, districtId: string | null) {
  let q = db
    .selectFrom('staff')
    .innerJoin('districts', 'districts.id', 'staff.district_id')
    .leftJoin('inspector_open_visits', 'inspector_open_visits.inspector_id', 'staff.id')
    .select((eb) => [
      'staff.id', 'staff.first_name', 'staff.last_name', 'districts.number as district_number',
      eb.fn.coalesce('inspector_open_visits.open_visits', eb.lit(0)).as('open_assignments'),
    ])
    .where('staff.city_id', '=', cityId)
    .where('staff.role', '=', 'inspector')
    .where('staff.active', '=', 1);
  if (districtId) q = q.where('staff.district_id', '=', districtId);
  return q.orderBy('districts.number').orderBy('staff.last_name').orderBy('staff.id');
}

/** The inquiries still pending in a range, by type: the pending index's entries alone. */
export function pendingInquiriesQuery(db: Db, f: RollupFilter, fromInstant: string, toInstant: string) {
  return db
    .selectFrom('inquiries')
    .select((eb) => ['type', eb.fn.countAll<number>().as('n')])
    .$if(f.districtId === null, (q) => q.where('city_id', '=', f.cityId))
    .$if(f.districtId !== null, (q) => q.where('district_id', '=', f.districtId!))
    .where('status', '=', 'pending')
    .where('created_at', '>=', fromInstant)
    .where('created_at', '<', toInstant)
    .groupBy('type');
}

/** Visits filed in the range by each inspector of the city: sealed months from their month rows, the rest counted (decision 0050). */
export async function inspectorVisits(db: Db, f: RollupFilter): Promise<Map<string, number>> {
  const visits = new Map<string, number>();
  const add = (rows: readonly { inspector_id: string; visits: number }[]) => {
    for (const r of rows) visits.set(r.inspector_id, (visits.get(r.inspector_id) ?? 0) + Number(r.visits));
  };
  if (f.months !== 'all' && f.months.length > 0) {
    add(await db.selectFrom('rollup_visits_monthly').select(['inspector_id', 'visits']).where('city_id', '=', f.cityId).where('month', 'in', [...f.months]).execute());
  }
  for (const d of f.days) add(await countVisits(db, f.cityId, d.from, d.to));
  return visits;
}

/**
 * Inquiries from the city's clients in the range, by type: answered at once, through a case, still
 * pending. The first two from the sealed months' rows and the rest of the range counted (decision
 * 0050); the pending ones, which a month's inquiries still change, from the pending index alone.
 */
export async function inquiryCounts(db: Db, f: RollupFilter, fromInstant: string, toInstant: string) {
  const byType = new Map<string, { type: string; instant: number; byCase: number; pending: number }>();
  const rowOf = (type: string) => {
    let row = byType.get(type);
    if (!row) byType.set(type, (row = { type, instant: 0, byCase: 0, pending: 0 }));
    return row;
  };
  const add = (rows: readonly { type: string; instant: number; by_case: number }[]) => {
    for (const r of rows) {
      const row = rowOf(r.type);
      row.instant += Number(r.instant);
      row.byCase += Number(r.by_case);
    }
  };
  if (f.months !== 'all' && f.months.length > 0) {
    add(
      await db
        .selectFrom('rollup_inquiries_monthly')
        .select((eb) => ['type', eb.fn.sum<number>('instant').as('instant'), eb.fn.sum<number>('by_case').as('by_case')])
        .where('city_id', '=', f.cityId)
        .where('month', 'in', [...f.months])
        .$if(f.districtId !== null, (q) => q.where('district_id', '=', f.districtId!))
        .groupBy('type')
        .execute(),
    );
  }
  for (const d of f.days) add(await countInquiries(db, f.cityId, f.districtId, d.from, d.to));
  for (const r of await pendingInquiriesQuery(db, f, fromInstant, toInstant).execute()) rowOf(r.type).pending += Number(r.n);
  return [...byType.values()];
}

export async function holidaysBetween(db: Db, cityId: string, from: string, to: string): Promise<Set<string>> {
  const rows = await db.selectFrom('holidays').select('date').where('city_id', '=', cityId).where('date', '>=', from).where('date', '<=', to).execute();
  return new Set(rows.map((r) => r.date));
}

export function cityName(db: Db, cityId: string) {
  return db.selectFrom('cities').select('name_fa').where('id', '=', cityId).executeTakeFirstOrThrow();
}

/**
 * What the figures read: the rollups (grouped and summed in SQL, so a year of a city is a few
 * thousand rows at most) and the small tables (districts, offices, staff, inspections, inquiries).
 * Never the cases table.
 */
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Db } from '../../db/database.js';

/** The filters as the queries take them: Tehran dates inclusive, city always, the rest optional. */
export interface RollupFilter {
  cityId: string;
  from: string | null;
  to: string | null;
  districtId: string | null;
  officeId: string | null;
  serviceCode: string | null;
}

type CaseDim = 'day' | 'office_id' | 'service_code' | 'state' | 'district_id';
type StepDim = 'day' | 'office_id' | 'service_code' | 'state' | 'district_id' | 'step' | 'bucket';

export interface CaseSums {
  day: string; office_id: string; service_code: string; state: string; district_id: string;
  cases: number; fee_rials: number; paid_rials: number;
}
export interface StepSums {
  day: string; office_id: string; service_code: string; district_id: string; step: string; bucket: number;
  steps: number; late: number; minutes: number;
}

/** The filter on either rollup: both carry the same day, city, district, office and service columns. */
function filterOf(table: 'rollup_cases' | 'rollup_steps', f: RollupFilter): RawBuilder<SqlBool> {
  const col = (c: string) => sql.ref(`${table}.${c}`);
  const conditions = [sql`${col('city_id')} = ${f.cityId}`];
  if (f.from) conditions.push(sql`${col('day')} >= ${f.from}`);
  if (f.to) conditions.push(sql`${col('day')} <= ${f.to}`);
  if (f.districtId) conditions.push(sql`${col('district_id')} = ${f.districtId}`);
  if (f.officeId) conditions.push(sql`${col('office_id')} = ${f.officeId}`);
  if (f.serviceCode) conditions.push(sql`${col('service_code')} = ${f.serviceCode}`);
  return sql<SqlBool>`(${sql.join(conditions, sql` and `)})`;
}

/** Cases taken in (by intake day) summed over the dimensions not named in `by`. */
export async function caseSums(db: Db, f: RollupFilter, by: readonly CaseDim[], states?: readonly string[]): Promise<CaseSums[]> {
  let q = db
    .selectFrom('rollup_cases')
    .select(by.map((c) => `rollup_cases.${c}` as const))
    .select((eb) => [
      eb.fn.sum<number>('rollup_cases.cases').as('cases'),
      eb.fn.sum<number>('rollup_cases.fee_rials').as('fee_rials'),
      eb.fn.sum<number>('rollup_cases.paid_rials').as('paid_rials'),
    ])
    .where(filterOf('rollup_cases', f));
  if (states) q = q.where('rollup_cases.state', 'in', [...states]);
  if (by.length > 0) q = q.groupBy(by.map((c) => `rollup_cases.${c}` as const));
  const rows = (await q.execute()) as unknown as Record<string, unknown>[];
  return rows.map((r) => ({
    ...(r as unknown as CaseSums),
    cases: Number(r.cases ?? 0),
    fee_rials: Number(r.fee_rials ?? 0),
    paid_rials: Number(r.paid_rials ?? 0),
  }));
}

/** Finished steps (by the day they ended) of the given kinds, summed over the dimensions not in `by`. */
export async function stepSums(db: Db, f: RollupFilter, steps: readonly string[] | null, by: readonly Exclude<StepDim, 'state'>[]): Promise<StepSums[]> {
  let q = db
    .selectFrom('rollup_steps')
    .select(by.map((c) => `rollup_steps.${c}` as const))
    .select((eb) => [
      eb.fn.sum<number>('rollup_steps.steps').as('steps'),
      eb.fn.sum<number>('rollup_steps.late').as('late'),
      eb.fn.sum<number>('rollup_steps.minutes').as('minutes'),
    ])
    .where(filterOf('rollup_steps', f));
  if (steps) q = q.where('rollup_steps.step', 'in', steps.length ? [...steps] : ['']);
  if (by.length > 0) q = q.groupBy(by.map((c) => `rollup_steps.${c}` as const));
  const rows = (await q.execute()) as unknown as Record<string, unknown>[];
  return rows.map((r) => ({
    ...(r as unknown as StepSums),
    bucket: Number(r.bucket ?? 0),
    steps: Number(r.steps ?? 0),
    late: Number(r.late ?? 0),
    minutes: Number(r.minutes ?? 0),
  }));
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

/** Active inspectors (of a district), with their open assignments and the visits they filed in the range. */
export async function inspectorWorkload(db: Db, cityId: string, districtId: string | null, fromInstant: string, toInstant: string) {
  let q = db
    .selectFrom('staff')
    .innerJoin('districts', 'districts.id', 'staff.district_id')
    .select((eb) => [
      'staff.id', 'staff.first_name', 'staff.last_name', 'districts.number as district_number',
      eb
        .selectFrom('inspections')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('inspections.inspector_id', '=', 'staff.id')
        .where('inspections.active', '=', 1)
        .where('inspections.submitted_at', 'is', null)
        .as('open_assignments'),
      eb
        .selectFrom('inspections')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('inspections.inspector_id', '=', 'staff.id')
        .where('inspections.submitted_at', '>=', fromInstant)
        .where('inspections.submitted_at', '<', toInstant)
        .as('visits'),
    ])
    .where('staff.city_id', '=', cityId)
    .where('staff.role', '=', 'inspector')
    .where('staff.active', '=', 1);
  if (districtId) q = q.where('staff.district_id', '=', districtId);
  return q.orderBy('districts.number').orderBy('staff.last_name').orderBy('staff.id').execute();
}

/** Inquiries from the city's clients in the range, by type: answered at once, through a case, still pending. */
export async function inquiryCounts(db: Db, cityId: string, districtId: string | null, fromInstant: string, toInstant: string) {
  let q = db
    .selectFrom('inquiries')
    .innerJoin('api_clients', 'api_clients.id', 'inquiries.client_id')
    .select((eb) => [
      'inquiries.type',
      eb.fn.sum<number>(sql<number>`case when ${eb.ref('inquiries.request_id')} is null and ${eb.ref('inquiries.status')} = 'answered' then 1 else 0 end`).as('instant'),
      eb.fn.sum<number>(sql<number>`case when ${eb.ref('inquiries.request_id')} is not null then 1 else 0 end`).as('by_case'),
      eb.fn.sum<number>(sql<number>`case when ${eb.ref('inquiries.status')} = 'pending' then 1 else 0 end`).as('pending'),
    ])
    .where('api_clients.city_id', '=', cityId)
    .where('inquiries.created_at', '>=', fromInstant)
    .where('inquiries.created_at', '<', toInstant);
  if (districtId) {
    q = q.where((eb) =>
      eb.exists(eb.selectFrom('properties').select(eb.lit(1).as('one')).whereRef('properties.id', '=', 'inquiries.property_id').where('properties.district_id', '=', districtId)),
    );
  }
  const rows = await q.groupBy('inquiries.type').execute();
  return rows.map((r) => ({ type: r.type, instant: Number(r.instant ?? 0), byCase: Number(r.by_case ?? 0), pending: Number(r.pending ?? 0) }));
}

export async function holidaysBetween(db: Db, cityId: string, from: string, to: string): Promise<Set<string>> {
  const rows = await db.selectFrom('holidays').select('date').where('city_id', '=', cityId).where('date', '>=', from).where('date', '<=', to).execute();
  return new Set(rows.map((r) => r.date));
}

export function cityName(db: Db, cityId: string) {
  return db.selectFrom('cities').select('name_fa').where('id', '=', cityId).executeTakeFirstOrThrow();
}

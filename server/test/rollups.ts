/**
 * Reconciling the rollups with the cases, for tests: the rollup tables as sorted plain numbers,
 * and what a direct count over requests and their timelines says they must hold.
 */
import type { Db } from '../db/database.js';
import { jalaliMonthOf, tehranDate } from '../platform/calendar.js';

const num = (v: unknown) => Number(v);

export interface CaseRow {
  day: string; office_id: string; service_code: string; state: string; city_id: string; district_id: string;
  cases: number; fee_rials: number; paid_rials: number;
}

/** rollup_cases, numbers as numbers, by day x office x service x state. */
export async function rollupCases(db: Db): Promise<CaseRow[]> {
  const rows = await db.selectFrom('rollup_cases').selectAll().execute();
  return rows
    .map((r) => ({ ...r, cases: num(r.cases), fee_rials: num(r.fee_rials), paid_rials: num(r.paid_rials) }))
    .sort((a, b) => `${a.day}|${a.office_id}|${a.service_code}|${a.state}`.localeCompare(`${b.day}|${b.office_id}|${b.service_code}|${b.state}`));
}

/** rollup_steps, numbers as numbers, by day x office x service x step x bucket. */
export async function rollupSteps(db: Db) {
  const rows = await db.selectFrom('rollup_steps').selectAll().execute();
  return rows
    .map((r) => ({ ...r, bucket: num(r.bucket), steps: num(r.steps), late: num(r.late), minutes: num(r.minutes) }))
    .sort((a, b) => `${a.day}|${a.office_id}|${a.service_code}|${a.step}|${a.bucket}`.localeCompare(`${b.day}|${b.office_id}|${b.service_code}|${b.step}|${b.bucket}`));
}

export type MonthCaseRow = Omit<CaseRow, 'day'> & { month: string };
export type DistrictMonthCaseRow = Omit<MonthCaseRow, 'office_id'>;
export type DeskMonthCaseRow = Omit<MonthCaseRow, 'service_code' | 'state'>;
type Sums = { cases: number; fee_rials: number; paid_rials: number };
const monthKey = (r: MonthCaseRow) => `${r.month}|${r.office_id}|${r.service_code}|${r.state}`;
const districtMonthKey = (r: DistrictMonthCaseRow) => `${r.month}|${r.district_id}|${r.service_code}|${r.state}`;
const deskMonthKey = (r: DeskMonthCaseRow) => `${r.month}|${r.office_id}`;
const nonZero = (r: Sums) => r.cases !== 0 || r.fee_rials !== 0 || r.paid_rials !== 0;

/** Case rows summed by a key, in its order. */
function summedBy<R extends Sums>(rows: readonly R[], keyOf: (r: R) => string): R[] {
  const summed = new Map<string, R>();
  for (const r of rows) {
    const seen = summed.get(keyOf(r));
    if (seen) {
      seen.cases += r.cases;
      seen.fee_rials += r.fee_rials;
      seen.paid_rials += r.paid_rials;
    } else summed.set(keyOf(r), { ...r });
  }
  return [...summed.values()].sort((a, b) => keyOf(a).localeCompare(keyOf(b)));
}

/** A month level of the cases without its rows at zero, numbers as numbers, in the order of its key. */
async function monthRows<R extends Sums>(db: Db, table: 'rollup_cases_monthly' | 'rollup_cases_monthly_districts' | 'rollup_cases_monthly_desks', keyOf: (r: R) => string): Promise<R[]> {
  const rows = (await db.selectFrom(table).selectAll().execute()) as unknown as R[];
  return rows
    .map((r) => ({ ...r, cases: num(r.cases), fee_rials: num(r.fee_rials), paid_rials: num(r.paid_rials) }))
    .filter(nonZero)
    .sort((a, b) => keyOf(a).localeCompare(keyOf(b)));
}

/** rollup_cases_monthly by month x office x service x state. */
export const rollupCasesMonthly = (db: Db) => monthRows<MonthCaseRow>(db, 'rollup_cases_monthly', monthKey);

/** rollup_cases_monthly_districts by month x district x service x state. */
export const rollupCasesMonthlyDistricts = (db: Db) => monthRows<DistrictMonthCaseRow>(db, 'rollup_cases_monthly_districts', districtMonthKey);

/** rollup_cases_monthly_desks by month x office. */
export const rollupCasesMonthlyDesks = (db: Db) => monthRows<DeskMonthCaseRow>(db, 'rollup_cases_monthly_desks', deskMonthKey);

/** Day case rows summed into their Jalali months (same order as rollupCasesMonthly). */
export const caseRowsByMonth = (rows: readonly CaseRow[]): MonthCaseRow[] => summedBy(rows.map(({ day, ...r }) => ({ ...r, month: jalaliMonthOf(day) })), monthKey);

/** Month case rows summed over each district's desks, without the rows at zero (same order as rollupCasesMonthlyDistricts). */
export const monthRowsByDistrict = (rows: readonly MonthCaseRow[]): DistrictMonthCaseRow[] =>
  summedBy(rows.map(({ office_id: _desk, ...r }) => r), districtMonthKey).filter(nonZero);

/** Month case rows summed over each desk's services and states, without the rows at zero (same order as rollupCasesMonthlyDesks). */
export const monthRowsByDesk = (rows: readonly MonthCaseRow[]): DeskMonthCaseRow[] =>
  summedBy(rows.map(({ service_code: _service, state: _state, ...r }) => r), deskMonthKey).filter(nonZero);

/** What rollup_cases must be: a direct count over the cases, by intake day x office x service x state (same order). */
export async function directCaseRows(db: Db): Promise<CaseRow[]> {
  const requests = await db.selectFrom('requests').select(['created_at', 'office_id', 'service_code', 'state', 'city_id', 'district_id', 'fee_rials', 'fee_paid_at']).execute();
  const direct = new Map<string, CaseRow>();
  for (const r of requests) {
    const day = tehranDate(new Date(r.created_at));
    const key = `${day}|${r.office_id}|${r.service_code}|${r.state}`;
    const row = direct.get(key) ?? { day, office_id: r.office_id, service_code: r.service_code, state: r.state, city_id: r.city_id, district_id: r.district_id, cases: 0, fee_rials: 0, paid_rials: 0 };
    row.cases++;
    row.fee_rials += num(r.fee_rials);
    row.paid_rials += r.fee_paid_at ? num(r.fee_rials) : 0;
    direct.set(key, row);
  }
  return [...direct.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, v]) => v);
}

/**
 * Steps per day x office x service x step, as the timelines say: one per transition leaving a state
 * (to != from), by the day it ended; 'answer' per answer issued; 'turnaround' per hand-over.
 */
export async function stepsFromTimelines(db: Db): Promise<Record<string, number>> {
  const events = await db
    .selectFrom('request_events')
    .innerJoin('requests', 'requests.id', 'request_events.request_id')
    .select(['request_events.from_state', 'request_events.to_state', 'request_events.created_at', 'requests.office_id', 'requests.service_code'])
    .where('request_events.from_state', 'is not', null)
    .execute();
  const counts = new Map<string, number>();
  const count = (key: string) => counts.set(key, (counts.get(key) ?? 0) + 1);
  for (const e of events) {
    if (e.from_state === e.to_state) continue;
    const prefix = `${tehranDate(new Date(e.created_at))}|${e.office_id}|${e.service_code}`;
    count(`${prefix}|${e.from_state}`);
    if (e.to_state === 'response_issued') count(`${prefix}|answer`);
    if (e.to_state === 'delivered') count(`${prefix}|turnaround`);
  }
  return Object.fromEntries([...counts].sort());
}

/** The same counts read from rollup_steps (buckets summed). */
export function stepsFromRollup(steps: readonly { day: string; office_id: string; service_code: string; step: string; steps: number }[]): Record<string, number> {
  const counts = new Map<string, number>();
  for (const s of steps) {
    const key = `${s.day}|${s.office_id}|${s.service_code}|${s.step}`;
    counts.set(key, (counts.get(key) ?? 0) + s.steps);
  }
  return Object.fromEntries([...counts].sort());
}

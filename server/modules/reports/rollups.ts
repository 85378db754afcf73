/**
 * Rollups the dashboards read instead of scanning the cases (see RollupCasesTable and
 * RollupStepsTable in db/schema.ts). Step durations are kept as a histogram of log-spaced
 * buckets: each bucket spans 10% of its lower bound, so a percentile read from it is within
 * about 5% of the exact one, while a month of a city's steps stays a few thousand rows.
 *
 * Written in the SAME transaction as the change they count (requests.engine.ts), and rebuilt
 * from requests + request_events by rebuildRollups (npm run rollups:rebuild) after bulk loads or
 * repairs; both paths produce exactly the same rows (rollups.api.test.ts reconciles them).
 *
 * rollup_cases (day, office_id, service_code, state) + city_id, district_id:
 *   day = Tehran date of the case's intake (created_at); state = the case's CURRENT state.
 *   cases = number of cases; fee_rials = their fees; paid_rials = fees of those paid at the desk.
 *   Intake adds the case to its 'registered' row; a transition from -> to (to != from) moves the
 *   case with its fee and paid amounts to the to-row of the same intake day; a payment recorded
 *   later adds to paid_rials of the case's current-state row. Rows that reach zero cases are
 *   deleted. So, for any intake-day range:
 *     Σ cases over all states = cases taken in;  Σ cases over open states = backlog (today's);
 *     Σ fee_rials / paid_rials = fees charged / collected at the desks for those cases.
 *
 * rollup_steps (day, office_id, service_code, step, bucket) + city_id, district_id:
 *   day = Tehran date the step ENDED; office/service of the case; bucket = bucketOf(minutes).
 *   steps = number of steps ended; late = how many ended past their due time; minutes = their
 *   summed duration in whole minutes (each rounded).
 *   - step = a state S: one row-count per transition LEAVING S (to != S, cancel included);
 *     minutes = wall clock from entering S to leaving it; late = ended after step_due_at.
 *     So step 'returned_to_office' minutes = time waiting on the citizen (never late: no due).
 *   - step 'answer': the case reached response_issued; minutes = intake to answer minus the
 *     time paused (waiting on the citizen); late = issued after the case's due_at.
 *   - step 'turnaround': the case reached delivered; minutes = intake to hand-over, wall clock
 *     (pauses included: what the citizen lived); late = delivered after due_at.
 * The SLA rules behind step_due_at / due_at / pauses are in platform/sla.ts.
 */
import { CompiledQuery, sql } from 'kysely';
import type { Db } from '../../db/database.js';
import { isPostgres } from '../../db/dialect.js';
import { isAnyOf } from '../../db/sql.js';
import type { RequestState } from '../../../contracts/workflow.js';
import { addDays, jalaliMonthDays, jalaliMonthOf, rememberedDueDates, tehranDate, tehranMidnight, type Holidays } from '../../platform/calendar.js';
import { advance, openCase, stepDueAt, type CaseClock, type EndedStep, type SlaDays } from '../../platform/case-clock.js';
import { getWorkflow } from '../catalog/index.js';
import { loadHolidays } from '../calendar/index.js';

const GROWTH = 1.1;

/** The histogram bucket of a duration in minutes: 0 for under a minute, then log-spaced. */
export function bucketOf(minutes: number): number {
  if (minutes < 1) return 0;
  return 1 + Math.floor(Math.log(minutes) / Math.log(GROWTH));
}

/** The duration a bucket stands for: the geometric middle of its span, in minutes. */
export function bucketMinutes(bucket: number): number {
  if (bucket <= 0) return 0;
  return Math.pow(GROWTH, bucket - 0.5);
}

/**
 * Steps by duration bucket, one slot a bucket (index = bucket). A city year's desk table adds a few
 * million bucket counts; in an array that is an add each, where a map cost a lookup and an entry
 * (most of that read's time at 10^6 cases). 200 slots: the last bucket starts at about 340 years,
 * and any later bucket is counted in it.
 */
export type Histogram = Float64Array;
const HISTOGRAM_BUCKETS = 200;

export function emptyHistogram(): Histogram {
  return new Float64Array(HISTOGRAM_BUCKETS);
}

/** Adds steps to a histogram's bucket. */
export function addSteps(histogram: Histogram, bucket: number, steps: number): void {
  const b = Math.min(Math.max(bucket, 0), HISTOGRAM_BUCKETS - 1);
  histogram[b] = histogram[b]! + steps;
}

/** Adds one histogram into another. */
export function addHistograms(into: Histogram, from: Histogram): void {
  for (let b = 0; b < HISTOGRAM_BUCKETS; b++) into[b] = into[b]! + from[b]!;
}

/** The p-th percentile (0..1) of a histogram, in minutes; null for an empty one. */
export function percentileOf(histogram: Histogram, p: number): number | null {
  let total = 0;
  for (let b = 0; b < HISTOGRAM_BUCKETS; b++) total += histogram[b]!;
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil(p * total));
  let seen = 0;
  for (let b = 0; b < HISTOGRAM_BUCKETS; b++) {
    seen += histogram[b]!;
    if (seen >= rank) return bucketMinutes(b);
  }
  return null;
}

/** The desk's own steps: intake, waiting on the citizen's correction, and the answer waiting to be handed over. */
export const DESK_STEPS = ['registered', 'returned_to_office', 'response_issued'] as const;
const IS_DESK_STEP = new Set<string>(DESK_STEPS);

/**
 * What the desk table shows of a desk's steps (decision 0050): its own time (the DESK_STEPS, summed,
 * with their histogram), its returns for correction and the time they waited on the citizen, and
 * the histogram of its cases' answers.
 */
export interface DeskSteps {
  deskSteps: number;
  deskMinutes: number;
  desk: Histogram;
  returns: number;
  returnMinutes: number;
  answer: Histogram;
}

export function emptyDeskSteps(): DeskSteps {
  return { deskSteps: 0, deskMinutes: 0, desk: emptyHistogram(), returns: 0, returnMinutes: 0, answer: emptyHistogram() };
}

/** Whether a step counts in a desk's figures. */
const isDeskFigure = (step: string) => IS_DESK_STEP.has(step) || step === 'answer';

/** Adds a desk's steps of one kind (their count, minutes and histogram) into its figures. */
export function addDeskStep(into: DeskSteps, step: string, steps: number, minutes: number, histogram: Histogram): void {
  if (IS_DESK_STEP.has(step)) {
    into.deskSteps += steps;
    into.deskMinutes += minutes;
    addHistograms(into.desk, histogram);
  }
  if (step === 'returned_to_office') {
    into.returns += steps;
    into.returnMinutes += minutes;
  }
  if (step === 'answer') addHistograms(into.answer, histogram);
}

// ---------------------------------------------------------------- the write path

/** What the rollups need to know about a case. */
export interface RollupCase {
  created_at: string;
  office_id: string;
  service_code: string;
  city_id: string;
  district_id: string;
  fee_rials: number;
  fee_paid_at: string | null;
}

type CaseDelta = { day: string; office_id: string; service_code: string; state: string; city_id: string; district_id: string; cases: number; fee_rials: number; paid_rials: number };
type StepDelta = { day: string; office_id: string; service_code: string; step: string; bucket: number; city_id: string; district_id: string; steps: number; late: number; minutes: number };

/**
 * The rollup changes of one write (an intake and its automatic assignment, a payment and the
 * assignment it releases, one step), summed per row in memory and written by `writeRollups` in
 * one upsert per table. Summing first is what the one-by-one writes came to: a case taken in and
 * assigned in the same write adds one case to 'inspector_assigned' and nothing to 'registered'.
 */
export interface RollupChanges {
  cases: Map<string, CaseDelta>;
  steps: Map<string, StepDelta>;
}

export function rollupChanges(): RollupChanges {
  return { cases: new Map(), steps: new Map() };
}

function addCases(changes: RollupChanges, c: RollupCase, state: string, delta: { cases: number; fee: number; paid: number }) {
  const day = tehranDate(new Date(c.created_at));
  const key = `${day}|${c.office_id}|${c.service_code}|${state}`;
  const row = changes.cases.get(key) ?? { day, office_id: c.office_id, service_code: c.service_code, state, city_id: c.city_id, district_id: c.district_id, cases: 0, fee_rials: 0, paid_rials: 0 };
  row.cases += delta.cases;
  row.fee_rials += delta.fee;
  row.paid_rials += delta.paid;
  changes.cases.set(key, row);
}

function addStep(changes: RollupChanges, c: RollupCase, s: EndedStep) {
  const day = tehranDate(s.at);
  const bucket = bucketOf(s.minutes);
  const key = `${day}|${c.office_id}|${c.service_code}|${s.step}|${bucket}`;
  const row = changes.steps.get(key) ?? { day, office_id: c.office_id, service_code: c.service_code, step: s.step, bucket, city_id: c.city_id, district_id: c.district_id, steps: 0, late: 0, minutes: 0 };
  row.steps += 1;
  row.late += s.late ? 1 : 0;
  row.minutes += s.minutes;
  changes.steps.set(key, row);
}

const paidOf = (c: RollupCase) => (c.fee_paid_at ? Number(c.fee_rials) : 0);

/** A case taken in at the desk (in `state`, normally 'registered'). */
export function rollupIntake(changes: RollupChanges, c: RollupCase, state: string) {
  addCases(changes, c, state, { cases: 1, fee: Number(c.fee_rials), paid: paidOf(c) });
}

/** A fee paid after intake: collected on the case's current-state row. */
export function rollupPayment(changes: RollupChanges, c: RollupCase, state: string, paidRials: number) {
  addCases(changes, c, state, { cases: 0, fee: 0, paid: paidRials });
}

/** A transition from -> to: the case moves between state rows and the steps it ends are counted. */
export function rollupTransition(changes: RollupChanges, c: RollupCase, from: string, to: string, steps: readonly EndedStep[]) {
  if (to === from) return;
  const fee = Number(c.fee_rials);
  const paid = paidOf(c);
  addCases(changes, c, from, { cases: -1, fee: -fee, paid: -paid });
  addCases(changes, c, to, { cases: 1, fee, paid });
  for (const s of steps) addStep(changes, c, s);
}

type MonthCaseRow = Omit<CaseDelta, 'day'> & { month: string };
type DistrictMonthCaseRow = Omit<MonthCaseRow, 'office_id'>;
type DeskMonthCaseRow = Omit<MonthCaseRow, 'service_code' | 'state'>;

/** Rows in slices of 500 for multi-row inserts: under SQLite's and PostgreSQL's limits on parameters. */
const inSlices = <T>(rows: readonly T[]): T[][] => Array.from({ length: Math.ceil(rows.length / 500) }, (_, i) => rows.slice(i * 500, i * 500 + 500));

/** Case rows summed by a key, in the order of their keys (the deadlock rule below). */
function sumCases<R extends { cases: number; fee_rials: number; paid_rials: number }>(rows: readonly R[], keyOf: (r: R) => string): R[] {
  const summed = new Map<string, R>();
  for (const r of rows) {
    const key = keyOf(r);
    const row = summed.get(key);
    if (row) {
      row.cases += r.cases;
      row.fee_rials += r.fee_rials;
      row.paid_rials += r.paid_rials;
    } else summed.set(key, { ...r });
  }
  return [...summed.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => v);
}

/** Day case rows summed into their Jalali months (by desk). */
const casesByMonth = (rows: readonly CaseDelta[]): MonthCaseRow[] =>
  sumCases(rows.map(({ day, ...r }) => ({ month: jalaliMonthOf(day), ...r })), (r) => `${r.month}|${r.office_id}|${r.service_code}|${r.state}`);

/** Month case rows summed over each district's desks. */
const casesByDistrictMonth = (rows: readonly MonthCaseRow[]): DistrictMonthCaseRow[] =>
  sumCases(rows.map(({ office_id: _desk, ...r }) => r), (r) => `${r.month}|${r.district_id}|${r.service_code}|${r.state}`);

/**
 * Month case rows summed over each desk's services and states. A transition's two rows cancel out
 * here, and a desk row with nothing to add is left out: only an intake or a payment writes one.
 */
const casesByDeskMonth = (rows: readonly MonthCaseRow[]): DeskMonthCaseRow[] =>
  sumCases(rows.map(({ service_code: _service, state: _state, ...r }) => r), (r) => `${r.month}|${r.office_id}`).filter(
    (r) => r.cases !== 0 || r.fee_rials !== 0 || r.paid_rials !== 0,
  );

/** A rollup table as an upsert writes it: its key, the columns it adds up, and every column's SQL type. */
interface Upsert {
  table: 'rollup_cases' | 'rollup_cases_monthly' | 'rollup_cases_monthly_districts' | 'rollup_cases_monthly_desks' | 'rollup_steps';
  key: readonly string[];
  sums: readonly string[];
  types: Readonly<Record<string, 'text' | 'integer' | 'bigint'>>;
}
const PLACE = { city_id: 'text', district_id: 'text', office_id: 'text', service_code: 'text' } as const;
const CASE_SUMS = { cases: 'integer', fee_rials: 'bigint', paid_rials: 'bigint' } as const;
const CASES_BY_DAY: Upsert = { table: 'rollup_cases', key: ['day', 'office_id', 'service_code', 'state'], sums: ['cases', 'fee_rials', 'paid_rials'], types: { day: 'text', state: 'text', ...PLACE, ...CASE_SUMS } };
const CASES_BY_MONTH: Upsert = { ...CASES_BY_DAY, table: 'rollup_cases_monthly', key: ['month', 'office_id', 'service_code', 'state'], types: { month: 'text', state: 'text', ...PLACE, ...CASE_SUMS } };
const CASES_BY_DISTRICT_MONTH: Upsert = {
  ...CASES_BY_DAY, table: 'rollup_cases_monthly_districts', key: ['month', 'district_id', 'service_code', 'state'],
  types: { month: 'text', district_id: 'text', service_code: 'text', state: 'text', city_id: 'text', ...CASE_SUMS },
};
const CASES_BY_DESK_MONTH: Upsert = {
  ...CASES_BY_DAY, table: 'rollup_cases_monthly_desks', key: ['month', 'office_id'],
  types: { month: 'text', office_id: 'text', city_id: 'text', district_id: 'text', ...CASE_SUMS },
};
const STEPS_BY_DAY: Upsert = {
  table: 'rollup_steps', key: ['day', 'office_id', 'service_code', 'step', 'bucket'], sums: ['steps', 'late', 'minutes'],
  types: { day: 'text', step: 'text', bucket: 'integer', ...PLACE, steps: 'integer', late: 'integer', minutes: 'bigint' },
};

/**
 * Adds rows into rollup tables: a new key is inserted, an existing one gets the sums added.
 * PostgreSQL takes every row of every table in one statement (`upsertsText`), a column an array
 * (`unnest`): one statement text whatever the number of rows, and a rebuild's 100,000 rows without
 * 100,000 placeholders (multi-row VALUES cost a rebuild about 35 µs a row there). SQLite, where a
 * statement is a call, not a round trip, takes each table's multi-row VALUES in slices of 500.
 * `excluded` and the table-qualified column mean the same on both.
 */
async function upsert(db: Db, parts: readonly { u: Upsert; rows: readonly Record<string, unknown>[] }[]): Promise<void> {
  const present = parts.filter((p) => p.rows.length > 0);
  if (present.length === 0) return;
  // Each statement's text is made once (per set of tables, and on SQLite per slice length), its
  // values handed over as they are: building a query fragment per value cost a SQLite rebuild of
  // 10^5 cases about 3.7 s of its 34.
  if (isPostgres(db)) {
    const params: unknown[][] = [];
    for (const { u, rows } of present) for (const c of Object.keys(u.types)) params.push(rows.map((r) => r[c]));
    await db.executeQuery(CompiledQuery.raw(upsertsText(present.map((p) => p.u)), params));
    return;
  }
  for (const { u, rows } of present) {
    const columns = Object.keys(u.types);
    for (const slice of inSlices(rows)) {
      const values: unknown[] = [];
      for (const r of slice) for (const c of columns) values.push(r[c]);
      await db.executeQuery(CompiledQuery.raw(upsertText(u, slice.length), values));
    }
  }
}

const upsertTexts = new Map<string, string>();
const kept = (key: string, make: () => string) => {
  let text = upsertTexts.get(key);
  if (text === undefined) {
    text = make();
    if (upsertTexts.size < 100) upsertTexts.set(key, text); // the write path's few shapes and a rebuild's full slices
  }
  return text;
};

/** The text of an upsert into a rollup table: `n` rows of placeholders, or (PostgreSQL) one array a column from `$first` on (table and columns are our own names). */
function upsertText(u: Upsert, n: number | 'unnest', first = 1): string {
  return kept(`${u.table}|${n}|${first}`, () => {
    const columns = Object.keys(u.types);
    const rows =
      n === 'unnest'
        ? `select * from unnest(${columns.map((c, i) => `$${first + i}::${u.types[c]!}[]`).join(', ')})`
        : `values ${new Array<string>(n).fill(`(${columns.map(() => '?').join(', ')})`).join(', ')}`;
    return (
      `insert into "${u.table}" (${columns.map((c) => `"${c}"`).join(', ')}) ${rows} ` +
      `on conflict (${u.key.map((c) => `"${c}"`).join(', ')}) do update set ${u.sums.map((c) => `"${c}" = "${u.table}"."${c}" + excluded."${c}"`).join(', ')}`
    );
  });
}

/**
 * PostgreSQL: the upserts into several tables as one statement, each a data-modifying `WITH` part
 * in the order given. One round trip instead of one a table: these rows are the ones other writes
 * share, locked from their upsert to the commit, so the fewer statements between the two the less
 * the others wait. The parts touch different tables (one statement cannot see its own changes).
 */
function upsertsText(tables: readonly Upsert[]): string {
  if (tables.length === 1) return upsertText(tables[0]!, 'unnest');
  return kept(tables.map((u) => u.table).join(','), () => {
    let first = 1;
    const parts = tables.map((u, i) => {
      const text = `u${i} as (${upsertText(u, 'unnest', first)})`;
      first += Object.keys(u.types).length;
      return text;
    });
    return `with ${parts.join(', ')} select 1`;
  });
}

/**
 * Write the summed changes in the caller's transaction and empty them: upserts of the month's case
 * rows by desk and service (decision 0045; a row that reaches zero stays, bounded by the desks and
 * services), of them by district (decision 0049), by desk alone when an intake or a payment changed
 * it (decision 0050), of the day's, and of the step rows (their month level is sealed when the month
 * is over: `sealStepMonths`), one statement on PostgreSQL; then one delete of the day rows that
 * reached zero cases (only if a row lost cases).
 */
export async function writeRollups(db: Db, changes: RollupChanges) {
  // Rows are listed in one fixed order (case rows by key, then step rows by key) so that two
  // writes moving cases in opposite directions on PostgreSQL wait for each other instead of deadlocking.
  const byKey = <T>(m: Map<string, T>) => [...m.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => v);
  const cases = byKey(changes.cases).filter((r) => r.cases !== 0 || r.fee_rials !== 0 || r.paid_rials !== 0);
  const steps = byKey(changes.steps);
  changes.cases.clear();
  changes.steps.clear();
  const months = casesByMonth(cases);
  await upsert(db, [
    { u: CASES_BY_MONTH, rows: months },
    { u: CASES_BY_DISTRICT_MONTH, rows: casesByDistrictMonth(months) },
    { u: CASES_BY_DESK_MONTH, rows: casesByDeskMonth(months) },
    { u: CASES_BY_DAY, rows: cases },
    { u: STEPS_BY_DAY, rows: steps },
  ]);
  // Only the write path moves cases out of a row (a rebuild only adds): its few emptied rows go,
  // after the upsert that emptied them.
  const emptied = cases.filter((r) => r.cases < 0);
  if (emptied.length) {
    await db
      .deleteFrom('rollup_cases')
      .where((eb) =>
        eb.or(emptied.map((r) => eb.and([eb('day', '=', r.day), eb('office_id', '=', r.office_id), eb('service_code', '=', r.service_code), eb('state', '=', r.state)]))),
      )
      .where('cases', '<=', 0)
      .execute();
  }
}

// ---------------------------------------------------------------- rebuild

interface ReplayEvent {
  from_state: string | null;
  to_state: string;
  created_at: string;
}

/**
 * Replays a case's timeline through the transition core (platform/case-clock.ts): the steps it ended,
 * as the write path counted them. The step and case due times are recomputed from the service's
 * SLA and the city's holidays as they are now.
 */
export function replaySteps(
  created_at: string, events: readonly ReplayEvent[], sla: SlaDays, workflowCode: string, holidays: Holidays, dueAfter?: (from: Date, days: number) => string,
): EndedStep[] {
  const rules = { workflow: getWorkflow(workflowCode), sla, holidays, ...(dueAfter ? { dueAfter } : {}) };
  let clock: CaseClock | null = null;
  const out: EndedStep[] = [];
  for (const e of events) {
    const at = new Date(e.created_at);
    const to = e.to_state as RequestState;
    if (clock === null || e.from_state === null) {
      const opened: CaseClock = clock ?? openCase(new Date(created_at), rules);
      clock = { ...opened, state: to, step_started_at: e.created_at, step_due_at: stepDueAt(to, at, rules) };
      continue;
    }
    const step = advance(clock, to, at, rules);
    out.push(...step.endedSteps);
    clock = step.clock;
  }
  return out;
}

/** Every rollup table, all emptied by a rebuild. */
const ROLLUP_TABLES = [
  'rollup_cases', 'rollup_steps', 'rollup_cases_monthly', 'rollup_cases_monthly_districts', 'rollup_cases_monthly_desks', 'rollup_steps_monthly', 'rollup_steps_monthly_districts', 'rollup_steps_monthly_desks',
  'rollup_steps_monthly_cities', 'rollup_desk_months', 'rollup_inquiries_monthly', 'rollup_visits_monthly', 'rollup_sealed_months',
] as const;

/** Rows a rebuild sums in memory before it adds them to the tables. */
const REBUILD_FLUSH_ROWS = 100_000;

/**
 * Recompute the rollup tables (for one city, or all) from the cases and their timelines, in one
 * transaction so readers never see them half-built: the day rows and the month case rows, added
 * to the emptied tables through the write path's own upserts (`writeRollups`) every `flushRows`
 * rows, so the memory it takes does not grow with the cases. Then the months that are over by `now` are
 * sealed again from the new day rows. Reads the cases in pages of 1,000, in the order of their id:
 * the database needs its statistics (a bulk load runs `analyzeAll` first), or SQLite may read each
 * page through the city's index and sort the whole city for it. On SQLite the rebuild holds the
 * write lock while it runs; see operations.md.
 */
export async function rebuildRollups(db: Db, now: Date, cityId?: string, flushRows = REBUILD_FLUSH_ROWS): Promise<{ cases: number; caseRows: number; stepRows: number; sealedMonths: number }> {
  let count = 0;
  await db.transaction().execute(async (trx) => {
    for (const table of ROLLUP_TABLES) await trx.deleteFrom(table).$if(cityId !== undefined, (q) => q.where('city_id', '=', cityId!)).execute();
    const services = new Map<string, { sla: SlaDays; workflow: string }>();
    for (const s of await trx.selectFrom('services').select(['id', 'sla_days', 'workflow_code']).$if(cityId !== undefined, (q) => q.where('city_id', '=', cityId!)).execute()) {
      services.set(s.id, { sla: JSON.parse(s.sla_days) as SlaDays, workflow: s.workflow_code });
    }
    // Each city's holidays, and its due dates remembered by day: the replay asks the same ones again and again.
    const holidaysOf = new Map<string, { holidays: Holidays; dueAfter: (from: Date, days: number) => string }>();
    const changes = rollupChanges();
    let after = '';
    for (;;) {
      const page = await trx
        .selectFrom('requests')
        .select(['id', 'created_at', 'office_id', 'service_id', 'service_code', 'city_id', 'district_id', 'state', 'fee_rials', 'fee_paid_at'])
        .$if(cityId !== undefined, (q) => q.where('city_id', '=', cityId!))
        .where('id', '>', after)
        .orderBy('id')
        .limit(1000)
        .execute();
      if (page.length === 0) break;
      after = page[page.length - 1]!.id;
      count += page.length;
      const events = await trx
        .selectFrom('request_events')
        .select(['request_id', 'from_state', 'to_state', 'created_at'])
        .where(isAnyOf(trx, 'request_id', page.map((r) => r.id)))
        .orderBy('request_id')
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      const byCase = new Map<string, ReplayEvent[]>();
      for (const e of events) {
        const list = byCase.get(e.request_id) ?? [];
        list.push(e);
        byCase.set(e.request_id, list);
      }
      for (const r of page) {
        rollupIntake(changes, r, r.state);
        const service = services.get(r.service_id);
        const timeline = byCase.get(r.id);
        if (!service || !timeline) continue;
        let city = holidaysOf.get(r.city_id);
        if (!city) {
          const holidays = await loadHolidays(trx, r.city_id);
          holidaysOf.set(r.city_id, (city = { holidays, dueAfter: rememberedDueDates(holidays) }));
        }
        for (const s of replaySteps(r.created_at, timeline, service.sla, service.workflow, city.holidays, city.dueAfter)) addStep(changes, r, s);
      }
      if (changes.cases.size + changes.steps.size >= flushRows) await writeRollups(trx, changes);
    }
    await writeRollups(trx, changes);
  });
  const rows = async (table: 'rollup_cases' | 'rollup_steps') =>
    Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).$if(cityId !== undefined, (q) => q.where('city_id', '=', cityId!)).executeTakeFirstOrThrow()).n);
  const sealed = await sealStepMonths(db, now, cityId);
  return { cases: count, caseRows: await rows('rollup_cases'), stepRows: await rows('rollup_steps'), sealedMonths: sealed.length };
}

// ---------------------------------------------------------------- the month level of the steps

/** A histogram as rollup_steps_monthly keeps it: 'bucket:steps' pairs of its non-empty buckets, ascending, comma-separated. */
export function histogramText(histogram: Histogram): string {
  const pairs: string[] = [];
  for (let b = 0; b < HISTOGRAM_BUCKETS; b++) if (histogram[b] !== 0) pairs.push(`${b}:${histogram[b]}`);
  return pairs.join(',');
}

/**
 * Adds the pairs of histogramText into a histogram. Read digit by digit: a city year's desk table
 * adds about two million pairs, and splitting them into strings first took most of its time.
 */
export function addHistogram(into: Histogram, text: string): void {
  let bucket = 0;
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 58 /* : */) {
      bucket = n;
      n = 0;
    } else if (c === 44 /* , */) {
      addSteps(into, bucket, n);
      n = 0;
    } else n = n * 10 + (c - 48);
  }
  if (text.length > 0) addSteps(into, bucket, n);
}

/**
 * Seal the finished steps of every Jalali month that is over (its last day before yesterday, Tehran
 * time, so no write of that month can still be under way) and not yet sealed, for one city or
 * all: per month, one transaction writes a row per office x service x step with the month's
 * histogram, the same per office x step (decision 0046), per district x service x step and per
 * step for the whole city, the desk table's row of each desk, the inquiries and the visits (decision
 * 0050), and records the month in rollup_sealed_months. A month already recorded is skipped,
 * so on several servers the first to record it seals it and the others do nothing (decision 0045).
 * Returns the months sealed, as 'city|month'.
 */
export async function sealStepMonths(db: Db, now: Date, cityId?: string): Promise<string[]> {
  const open = jalaliMonthOf(addDays(tehranDate(now), -1));
  const cities = cityId !== undefined ? [cityId] : (await db.selectFrom('cities').select('id').execute()).map((c) => c.id);
  const done: string[] = [];
  for (const city of cities) {
    const first = await db.selectFrom('rollup_steps').select('day').where('city_id', '=', city).orderBy('day').limit(1).executeTakeFirst();
    if (!first) continue;
    const sealed = new Set((await db.selectFrom('rollup_sealed_months').select('month').where('city_id', '=', city).execute()).map((r) => r.month));
    for (let month = jalaliMonthOf(first.day); month < open; month = jalaliMonthOf(addDays(jalaliMonthDays(month).to, 1))) {
      if (!sealed.has(month) && (await sealMonth(db, city, month, now))) done.push(`${city}|${month}`);
    }
  }
  return done;
}

async function sealMonth(db: Db, cityId: string, month: string, now: Date): Promise<boolean> {
  const { from, to } = jalaliMonthDays(month);
  return db.transaction().execute(async (trx) => {
    const claimed = await trx
      .insertInto('rollup_sealed_months')
      .values({ city_id: cityId, month, sealed_at: now.toISOString(), rows: 0 })
      .onConflict((oc) => oc.columns(['city_id', 'month']).doNothing())
      .executeTakeFirst();
    if (Number(claimed.numInsertedOrUpdatedRows ?? 0) === 0) return false;
    const days = await trx
      .selectFrom('rollup_steps')
      .select((eb) => [
        'office_id', 'service_code', 'step', 'bucket', eb.fn.min('district_id').as('district_id'),
        eb.fn.sum<number>('steps').as('steps'), eb.fn.sum<number>('late').as('late'), eb.fn.sum<number>('minutes').as('minutes'),
      ])
      .where('city_id', '=', cityId)
      .where('day', '>=', from)
      .where('day', '<=', to)
      .groupBy(['office_id', 'service_code', 'step', 'bucket'])
      .execute();
    type Counted = { steps: number; late: number; minutes: number; histogram: Histogram };
    type Summed = Counted & { month: string; step: string; city_id: string; district_id: string };
    type Sealed = Summed & { service_code: string };
    const deskServices = new Map<string, Sealed & { office_id: string }>();
    const desks = new Map<string, Omit<Sealed, 'service_code'> & { office_id: string }>();
    const districts = new Map<string, Sealed>();
    const city = new Map<string, Omit<Summed, 'district_id'>>();
    const add = <R extends Counted>(rows: Map<string, R>, key: string, make: () => R, d: (typeof days)[number]) => {
      let row = rows.get(key);
      if (!row) rows.set(key, (row = make()));
      row.steps += Number(d.steps);
      row.late += Number(d.late);
      row.minutes += Number(d.minutes);
      addSteps(row.histogram, Number(d.bucket), Number(d.steps));
    };
    for (const d of days) {
      const base = () => ({ month, step: d.step, city_id: cityId, district_id: String(d.district_id), steps: 0, late: 0, minutes: 0, histogram: emptyHistogram() });
      add(deskServices, `${d.office_id}|${d.service_code}|${d.step}`, () => ({ ...base(), office_id: d.office_id, service_code: d.service_code }), d);
      add(desks, `${d.office_id}|${d.step}`, () => ({ ...base(), office_id: d.office_id }), d);
      add(districts, `${String(d.district_id)}|${d.service_code}|${d.step}`, () => ({ ...base(), service_code: d.service_code }), d);
      add(city, d.step, () => ({ month, step: d.step, city_id: cityId, steps: 0, late: 0, minutes: 0, histogram: emptyHistogram() }), d);
    }
    const text = <R extends Counted>(rows: Map<string, R>) => [...rows.values()].map(({ histogram, ...r }) => ({ ...r, buckets: histogramText(histogram) }));
    const deskRows = text(deskServices);
    for (const slice of inSlices(deskRows)) await trx.insertInto('rollup_steps_monthly').values(slice).execute();
    for (const slice of inSlices(text(desks))) await trx.insertInto('rollup_steps_monthly_desks').values(slice).execute();
    await sealDeskMonths(trx, cityId, month, desks.values());
    for (const slice of inSlices(text(districts))) await trx.insertInto('rollup_steps_monthly_districts').values(slice).execute();
    for (const slice of inSlices(text(city))) await trx.insertInto('rollup_steps_monthly_cities').values(slice).execute();
    await sealCounts(trx, cityId, month);
    await trx.updateTable('rollup_sealed_months').set({ rows: deskRows.length }).where('city_id', '=', cityId).where('month', '=', month).execute();
    return true;
  });
}

/**
 * Writes a sealed month's desk figures (decision 0050), one row a desk, from its steps of the month
 * (office x step, with their histograms): the sealer's, and the migration's from the month's
 * rollup_steps_monthly_desks rows.
 */
export async function sealDeskMonths(
  db: Db, cityId: string, month: string, steps: Iterable<{ office_id: string; district_id: string; step: string; steps: number; minutes: number; histogram: Histogram }>,
): Promise<void> {
  const desks = new Map<string, { district_id: string; figures: DeskSteps }>();
  for (const s of steps) {
    if (!isDeskFigure(s.step)) continue;
    let desk = desks.get(s.office_id);
    if (!desk) desks.set(s.office_id, (desk = { district_id: s.district_id, figures: emptyDeskSteps() }));
    addDeskStep(desk.figures, s.step, Number(s.steps), Number(s.minutes), s.histogram);
  }
  const rows = [...desks].map(([office_id, { district_id, figures: f }]) => ({
    month, office_id, city_id: cityId, district_id, desk_steps: f.deskSteps, desk_minutes: f.deskMinutes, desk_buckets: histogramText(f.desk),
    returns: f.returns, return_minutes: f.returnMinutes, answer_buckets: histogramText(f.answer),
  }));
  for (const slice of inSlices(rows)) await db.insertInto('rollup_desk_months').values(slice).execute();
}

// ---------------------------------------------------------------- inquiries and visits (decision 0050)

/** The UTC instants a range of Tehran dates covers, [from, to]: the bounds for timestamps. */
const instantsOf = (from: string, to: string) => ({ start: tehranMidnight(from).toISOString(), end: tehranMidnight(addDays(to, 1)).toISOString() });

/**
 * Inquiries taken in from `from` to `to` (Tehran dates), of a city or of one district, by type
 * (and by district for the sealer): answered at once, and through a case. The figures count their
 * ranges' edges from the city's or the district's index alone (decision 0048); the sealer, which
 * also needs each one's district, counts a month once.
 */
export async function countInquiries(db: Db, cityId: string, districtId: string | null, from: string, to: string, byDistrict = false) {
  const { start, end } = instantsOf(from, to);
  const rows = await db
    .selectFrom('inquiries')
    .select((eb) => [
      byDistrict ? 'inquiries.district_id' : sql<string>`''`.as('district_id'),
      'inquiries.type',
      eb.fn.sum<number>(sql<number>`case when ${eb.ref('inquiries.request_id')} is null and ${eb.ref('inquiries.status')} = 'answered' then 1 else 0 end`).as('instant'),
      eb.fn.sum<number>(sql<number>`case when ${eb.ref('inquiries.request_id')} is not null then 1 else 0 end`).as('by_case'),
    ])
    .$if(districtId === null, (q) => q.where('inquiries.city_id', '=', cityId))
    .$if(districtId !== null, (q) => q.where('inquiries.district_id', '=', districtId!))
    .where('inquiries.created_at', '>=', start)
    .where('inquiries.created_at', '<', end)
    .$if(byDistrict, (q) => q.groupBy('inquiries.district_id'))
    .groupBy('inquiries.type')
    .execute();
  return rows.map((r) => ({ district_id: r.district_id ?? '', type: r.type, instant: Number(r.instant ?? 0), by_case: Number(r.by_case ?? 0) }));
}

/** Inspections filed from `from` to `to` (Tehran dates) by each inspector of a city, read from each one's index entries. */
export async function countVisits(db: Db, cityId: string, from: string, to: string): Promise<{ inspector_id: string; visits: number }[]> {
  const { start, end } = instantsOf(from, to);
  const rows = await db
    .selectFrom('staff')
    .select((eb) => [
      'staff.id',
      eb
        .selectFrom('inspections')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('inspections.inspector_id', '=', 'staff.id')
        .where('inspections.submitted_at', '>=', start)
        .where('inspections.submitted_at', '<', end)
        .as('visits'),
    ])
    .where('staff.city_id', '=', cityId)
    .where('staff.role', '=', 'inspector')
    .execute();
  return rows.map((r) => ({ inspector_id: r.id, visits: Number(r.visits ?? 0) })).filter((r) => r.visits > 0);
}

/**
 * Writes a month's inquiry and visit rows (decision 0050). Both counts are fixed once the month is
 * over: an inquiry keeps its day, district and type, and whether it was answered at once or opened
 * a case; an inspection keeps the day it was filed. In the sealer's transaction, and in the migration
 * that brought the tables.
 */
export async function sealCounts(db: Db, cityId: string, month: string): Promise<void> {
  const { from, to } = jalaliMonthDays(month);
  const inquiries = (await countInquiries(db, cityId, null, from, to, true)).map((r) => ({ city_id: cityId, month, ...r }));
  const visits = (await countVisits(db, cityId, from, to)).map((r) => ({ city_id: cityId, month, ...r }));
  for (const slice of inSlices(inquiries)) await db.insertInto('rollup_inquiries_monthly').values(slice).execute();
  for (const slice of inSlices(visits)) await db.insertInto('rollup_visits_monthly').values(slice).execute();
}

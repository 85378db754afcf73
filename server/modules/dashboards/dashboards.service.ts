/**
 * The city's figures (داشبورد): eleven tables, each with the chart drawn from it, read from the
 * rollups and the small organisation tables. City staff see the city (or one district); a
 * district manager sees their own district, and any other district is "not found".
 */
import { ROLE_SCOPE } from '../../../contracts/roles.js';
import { REQUEST_STATES, STATE_LABELS_FA } from '../../../contracts/workflow.js';
import type { Ctx } from '../../platform/context.js';
import type { Actor } from '../../platform/actor.js';
import { fieldError, invalid, notFound, type FieldError } from '../../platform/errors.js';
import { OPEN_STATES, TERMINAL_STATES } from '../catalog/index.js';
import { INQUIRY_TYPES, type InquiryType } from '../inquiries/index.js';
import { addDays, jalaliMonthOf } from '../../platform/calendar.js';
import { addHistograms, emptyHistogram, percentileOf, type Histogram } from '../reports/index.js';
import type { ColumnKind, TableKey } from './dashboards.schemas.js';
import {
  FIRST_DATE, FIRST_YEAR, LAST_DATE, LAST_YEAR, MAX_RANGE_DAYS, currentMonthRange, daysInRange, faDigits, feeSplit, minutesToDays, monthLabelFa,
  percent, round1, splitRange, tehranDayStart, workingDaysInRange,
} from './dashboards.rules.js';
import * as q from './dashboards.queries.js';
import { exportFileName, tableCsv, tableXlsx } from './dashboards.export.js';

export interface FigureFilters {
  from?: string;
  to?: string;
  districtId?: string;
  officeId?: string;
  serviceCode?: string;
}

export interface ResolvedFilters {
  from: string;
  to: string;
  districtId: string | null;
  officeId: string | null;
  serviceCode: string | null;
}

export type Cell = string | number | null;
export interface Column {
  key: string;
  titleFa: string;
  kind: ColumnKind;
}
export interface DashboardTable {
  key: TableKey;
  titleFa: string;
  columns: Column[];
  rows: Record<string, Cell>[];
  chart: { type: 'bar' | 'line' | 'pie' | 'stacked_bar'; category: string; series: string[] } | null;
}
export interface Figures {
  filters: ResolvedFilters;
  generatedAt: string;
  tables: DashboardTable[];
}

export const STEP_LABELS_FA: Record<string, string> = {
  ...STATE_LABELS_FA,
  answer: 'از ثبت تا صدور پاسخ (بدون زمان توقف)',
  turnaround: 'از ثبت تا تحویل به مالک',
};
const STEP_ORDER = [...REQUEST_STATES, 'answer', 'turnaround'] as string[];
const byStepOrder = (a: string, b: string) => STEP_ORDER.indexOf(a) - STEP_ORDER.indexOf(b);

const col = (key: string, titleFa: string, kind: ColumnKind): Column => ({ key, titleFa, kind });
const districtFa = (n: number) => `منطقه ${faDigits(n)}`;

export const outOfRange = (field: string) =>
  fieldError(field, 'out_of_range', `Only Jalali years ${FIRST_YEAR} to ${LAST_YEAR} are covered`, `فقط سال‌های ${faDigits(FIRST_YEAR)} تا ${faDigits(LAST_YEAR)} پوشش داده می‌شود`);

/** Checks the filters and applies the actor's scope: 400 for a bad range, 404 for a place out of reach. */
export async function resolveFilters(ctx: Ctx, actor: Actor, f: FigureFilters): Promise<ResolvedFilters> {
  const month = currentMonthRange(ctx.clock.now());
  const from = f.from ?? (f.to && f.to < month.from ? f.to : month.from);
  const to = f.to ?? (f.from && f.from > month.to ? f.from : month.to);
  const problems: FieldError[] = [];
  // The one given is named; a missing bound follows it, so it needs no error of its own.
  for (const [field, date] of [['from', f.from], ['to', f.to]] as const) {
    if (date !== undefined && (date < FIRST_DATE || date > LAST_DATE)) problems.push(outOfRange(field));
  }
  if (problems.length > 0) throw invalid(problems);
  if (from > to) {
    problems.push(fieldError('to', 'before_from', 'The end of the range is before its start', 'پایان بازه پیش از آغاز آن است'));
  } else if (daysInRange(from, to) > MAX_RANGE_DAYS) {
    problems.push(fieldError('to', 'range_too_long', `The range may be at most ${MAX_RANGE_DAYS} days`, `بازه حداکثر ${faDigits(MAX_RANGE_DAYS)} روز است`));
  }
  if (f.serviceCode && !(await q.serviceExists(ctx.db, actor.cityId, f.serviceCode))) {
    problems.push(fieldError('serviceCode', 'not_found', 'No such service in this city', 'این خدمت در فهرست خدمات شهر نیست'));
  }
  if (problems.length > 0) throw invalid(problems);

  let districtId: string | null = null;
  switch (ROLE_SCOPE[actor.role]) {
    case 'city':
      if (f.districtId) {
        if (!(await q.findDistrict(ctx.db, actor.cityId, f.districtId))) throw notFound();
        districtId = f.districtId;
      }
      break;
    case 'district':
      if (!actor.districtId || (f.districtId && f.districtId !== actor.districtId)) throw notFound();
      districtId = actor.districtId;
      break;
    default:
      throw notFound();
  }
  if (f.officeId) {
    const office = await q.findOffice(ctx.db, actor.cityId, f.officeId);
    if (!office || (districtId && office.district_id !== districtId)) throw notFound();
  }
  return { from, to, districtId, officeId: f.officeId ?? null, serviceCode: f.serviceCode ?? null };
}

/** Sums by a key. */
function tally<T>(rows: readonly T[], key: (r: T) => string | null, value: (r: T) => number): Map<string, number> {
  const m = new Map<string, number>();
  for (const r of rows) {
    const k = key(r);
    if (k !== null) m.set(k, (m.get(k) ?? 0) + value(r));
  }
  return m;
}

/** Histograms (bucket -> steps) summed by a key, for percentiles. */
function histograms(rows: readonly q.StepSums[], key: (r: q.StepSums) => string): Map<string, Histogram> {
  const m = new Map<string, Histogram>();
  for (const r of rows) {
    const k = key(r);
    let h = m.get(k);
    if (!h) m.set(k, (h = emptyHistogram()));
    addHistograms(h, r.histogram);
  }
  return m;
}

const pct = (h: Histogram | undefined, p: number) => {
  const v = h ? percentileOf(h, p) : null;
  return v === null ? null : round1(v);
};

export async function figures(ctx: Ctx, actor: Actor, input: FigureFilters): Promise<Figures> {
  const filters = await resolveFilters(ctx, actor, input);
  return { filters, generatedAt: ctx.clock.now().toISOString(), tables: await buildTables(ctx, actor.cityId, filters) };
}

/** The tables for already resolved (scoped) filters: the dashboard, the exports and the monthly report share this. */
export async function buildTables(ctx: Ctx, cityId: string, filters: ResolvedFilters): Promise<DashboardTable[]> {
  const db = ctx.db;
  const scope = { cityId, districtId: filters.districtId, officeId: filters.officeId, serviceCode: filters.serviceCode };
  // Whole months from the month rows (the steps, inquiries and visits once sealed: decisions 0045, 0050), the rest from the day rows and the sources.
  const sealed = await q.sealedMonths(db, cityId, jalaliMonthOf(filters.from), jalaliMonthOf(filters.to));
  const f: q.RollupFilter = { ...scope, ...splitRange(filters.from, filters.to, () => true) };
  const fSealed: q.RollupFilter = { ...scope, ...splitRange(filters.from, filters.to, (m) => sealed.has(m)) };
  const allDays: q.RollupFilter = { ...scope, months: 'all', days: [] };
  const fromInstant = tehranDayStart(filters.from);
  const toInstant = tehranDayStart(addDays(filters.to, 1));

  const [
    casesByMonthState, casesByService, casesByDistrict, backlog, fees,
    answers, answersByMonth, stepsByStep, deskFigures,
    districts, offices, services, deskStaff, inspectors, visits, inquiries, holidays,
  ] = await Promise.all([
    q.caseSums(db, f, ['month', 'state']),
    q.caseSums(db, f, ['service_code', 'state']),
    q.caseSums(db, f, ['district_id', 'state']),
    q.caseSums(db, allDays, ['state'], OPEN_STATES),
    // By month and desk: the fee table's rows, and summed over the months each desk's volume.
    q.caseSums(db, f, ['month', 'office_id']),
    // One read of the answers serves the services and the districts (a histogram a pair, the months
    // summed); the months' counts come from the city's (or the district's) rows by month.
    q.stepSums(db, fSealed, ['answer'], ['service_code', 'district_id']),
    q.stepSums(db, fSealed, ['answer'], ['month']),
    q.stepSums(db, fSealed, null, ['step']),
    q.deskSteps(db, fSealed),
    q.districtsOf(db, cityId),
    q.officesOf(db, cityId, filters.districtId),
    q.servicesOf(db, cityId),
    q.deskStaffByDistrict(db, cityId),
    q.inspectorWorkloadQuery(db, cityId, filters.districtId).execute(),
    q.inspectorVisits(db, fSealed),
    q.inquiryCounts(db, fSealed, fromInstant, toInstant),
    q.holidaysBetween(db, cityId, filters.from, filters.to),
  ]);

  const isOpen = (state: string) => !TERMINAL_STATES.has(state);
  /** Intake, answers and open cases grouped one way: the service and the district breakdowns share it. */
  const breakdown = <C extends { state: string; cases: number }>(cases: readonly C[], caseKey: (r: C) => string, answerKey: (r: q.StepSums) => string) => ({
    hist: histograms(answers, answerKey),
    answered: tally(answers, answerKey, (r) => r.steps),
    taken: tally(cases, caseKey, (r) => r.cases),
    cancelled: tally(cases, (r) => (r.state === 'cancelled' ? caseKey(r) : null), (r) => r.cases),
    open: tally(cases, (r) => (isOpen(r.state) ? caseKey(r) : null), (r) => r.cases),
  });
  const scopedDistricts = districts.filter((d) => !filters.districtId || d.id === filters.districtId);
  const districtNumber = new Map(districts.map((d) => [d.id, d.number]));
  const officeById = new Map(offices.map((o) => [o.id, o]));

  // ---- by month ------------------------------------------------------------------------------
  const months: string[] = [];
  for (let m = jalaliMonthOf(filters.from); ; ) {
    months.push(m);
    if (m === jalaliMonthOf(filters.to)) break;
    const [y, mm] = m.split('-').map(Number) as [number, number];
    m = mm === 12 ? `${y + 1}-01` : `${y}-${String(mm + 1).padStart(2, '0')}`;
  }
  const takenByMonth = tally(casesByMonthState, (r) => r.month, (r) => r.cases);
  const cancelledByMonth = tally(casesByMonthState, (r) => (r.state === 'cancelled' ? r.month : null), (r) => r.cases);
  const answeredByMonth = tally(answersByMonth, (r) => r.month, (r) => r.steps);
  const byMonth: DashboardTable = {
    key: 'by_month',
    titleFa: 'درخواست‌ها به تفکیک ماه',
    columns: [col('monthFa', 'ماه', 'text'), col('takenIn', 'ثبت‌شده', 'count'), col('answered', 'پاسخ صادرشده', 'count'), col('cancelled', 'لغوشده', 'count')],
    rows: months.map((m) => ({
      month: m, monthFa: monthLabelFa(m), takenIn: takenByMonth.get(m) ?? 0, answered: answeredByMonth.get(m) ?? 0, cancelled: cancelledByMonth.get(m) ?? 0,
    })),
    chart: { type: 'line', category: 'monthFa', series: ['takenIn', 'answered', 'cancelled'] },
  };

  // ---- by service ----------------------------------------------------------------------------
  const { hist: serviceHist, answered: answeredByService, taken: takenByService, cancelled: cancelledByService, open: openByService } =
    breakdown(casesByService, (r) => r.service_code, (r) => r.service_code);
  const byService: DashboardTable = {
    key: 'by_service',
    titleFa: 'درخواست‌ها به تفکیک خدمت',
    columns: [
      col('serviceFa', 'خدمت', 'text'), col('takenIn', 'ثبت‌شده', 'count'), col('answered', 'پاسخ صادرشده', 'count'),
      col('cancelled', 'لغوشده', 'count'), col('open', 'در جریان', 'count'), col('medianAnswerDays', 'میانه زمان پاسخ (روز)', 'days'),
    ],
    rows: services
      .filter((s) => (takenByService.get(s.code) ?? 0) > 0 || (answeredByService.get(s.code) ?? 0) > 0)
      .map((s) => ({
        serviceCode: s.code, serviceFa: s.name_fa, takenIn: takenByService.get(s.code) ?? 0, answered: answeredByService.get(s.code) ?? 0,
        cancelled: cancelledByService.get(s.code) ?? 0, open: openByService.get(s.code) ?? 0,
        medianAnswerDays: minutesToDays(pct(serviceHist.get(s.code), 0.5)),
      })),
    chart: { type: 'bar', category: 'serviceFa', series: ['takenIn', 'answered'] },
  };

  // ---- by district ---------------------------------------------------------------------------
  const { hist: districtHist, answered: answeredByDistrict, taken: takenByDistrict, cancelled: cancelledByDistrict, open: openByDistrict } =
    breakdown(casesByDistrict, (r) => r.district_id, (r) => r.district_id);
  const byDistrict: DashboardTable = {
    key: 'by_district',
    titleFa: 'درخواست‌ها به تفکیک منطقه',
    columns: [
      col('districtFa', 'منطقه', 'text'), col('takenIn', 'ثبت‌شده', 'count'), col('answered', 'پاسخ صادرشده', 'count'),
      col('cancelled', 'لغوشده', 'count'), col('open', 'در جریان', 'count'),
      col('medianAnswerDays', 'میانه زمان پاسخ (روز)', 'days'), col('p90AnswerDays', 'صدک ۹۰ زمان پاسخ (روز)', 'days'),
    ],
    rows: scopedDistricts.map((d) => ({
      districtId: d.id, districtFa: districtFa(d.number), takenIn: takenByDistrict.get(d.id) ?? 0, answered: answeredByDistrict.get(d.id) ?? 0,
      cancelled: cancelledByDistrict.get(d.id) ?? 0, open: openByDistrict.get(d.id) ?? 0,
      medianAnswerDays: minutesToDays(pct(districtHist.get(d.id), 0.5)), p90AnswerDays: minutesToDays(pct(districtHist.get(d.id), 0.9)),
    })),
    chart: { type: 'bar', category: 'districtFa', series: ['takenIn', 'answered', 'open'] },
  };

  // ---- by office -----------------------------------------------------------------------------
  const volume = tally(fees, (r) => r.office_id, (r) => r.cases);
  const activeOffices = [...new Set([...volume.keys(), ...deskFigures.keys()])]
    .map((id) => officeById.get(id))
    .filter((o): o is NonNullable<typeof o> => !!o)
    .sort((a, b) => a.district_number - b.district_number || a.gov_code.localeCompare(b.gov_code));
  const byOffice: DashboardTable = {
    key: 'by_office',
    titleFa: 'دفاتر پیشخوان: حجم کار و زمان میز',
    columns: [
      col('officeFa', 'دفتر', 'text'), col('govCode', 'کد دفتر', 'text'), col('districtFa', 'منطقه', 'text'), col('volume', 'ثبت‌شده', 'count'),
      col('deskAvgMinutes', 'میانگین زمان میز', 'minutes'), col('deskP90Minutes', 'صدک ۹۰ زمان میز', 'minutes'),
      col('correctionRate', 'نرخ بازگشت برای اصلاح (٪)', 'percent'), col('medianAnswerDays', 'میانه زمان پاسخ (روز)', 'days'),
      col('pausedDays', 'توقف در انتظار متقاضی (روز)', 'days'),
    ],
    rows: activeOffices.map((o) => {
      const d = deskFigures.get(o.id);
      const n = d?.deskSteps ?? 0;
      return {
        officeId: o.id, officeFa: o.name_fa, govCode: o.gov_code, districtFa: districtFa(o.district_number), volume: volume.get(o.id) ?? 0,
        deskAvgMinutes: n > 0 ? round1(d!.deskMinutes / n) : null, deskP90Minutes: pct(d?.desk, 0.9),
        correctionRate: percent(d?.returns ?? 0, volume.get(o.id) ?? 0),
        medianAnswerDays: minutesToDays(pct(d?.answer, 0.5)), pausedDays: minutesToDays(d?.returnMinutes ?? 0),
      };
    }),
    chart: null,
  };

  // ---- backlog -------------------------------------------------------------------------------
  const openByState = tally(backlog, (r) => r.state, (r) => r.cases);
  const backlogByStep: DashboardTable = {
    key: 'backlog_by_step',
    titleFa: 'پرونده‌های در جریان به تفکیک مرحله (اکنون)',
    columns: [col('stateFa', 'مرحله', 'text'), col('open', 'تعداد پرونده', 'count')],
    rows: OPEN_STATES.map((s) => ({ state: s, stateFa: STATE_LABELS_FA[s], open: openByState.get(s) ?? 0 })),
    chart: { type: 'bar', category: 'stateFa', series: ['open'] },
  };

  // ---- turnaround and SLA per step -----------------------------------------------------------
  const stepHist = histograms(stepsByStep, (r) => r.step);
  const stepCount = tally(stepsByStep, (r) => r.step, (r) => r.steps);
  const stepLate = tally(stepsByStep, (r) => r.step, (r) => r.late);
  const stepMinutes = tally(stepsByStep, (r) => r.step, (r) => r.minutes);
  const stepKeys = [...new Set([...stepCount.keys(), 'answer', 'turnaround'])].sort(byStepOrder);
  const stepFigures = stepKeys.map((s) => ({ step: s, stepFa: STEP_LABELS_FA[s] ?? s, n: stepCount.get(s) ?? 0, late: stepLate.get(s) ?? 0 }));
  const turnaround: DashboardTable = {
    key: 'turnaround_by_step',
    titleFa: 'زمان هر مرحله و زمان کل',
    columns: [
      col('stepFa', 'مرحله', 'text'), col('steps', 'تعداد', 'count'), col('medianMinutes', 'میانه', 'minutes'),
      col('p90Minutes', 'صدک ۹۰', 'minutes'), col('avgMinutes', 'میانگین', 'minutes'),
    ],
    rows: stepFigures.map(({ step, stepFa, n }) => ({
      step, stepFa, steps: n, medianMinutes: pct(stepHist.get(step), 0.5), p90Minutes: pct(stepHist.get(step), 0.9),
      avgMinutes: n > 0 ? round1((stepMinutes.get(step) ?? 0) / n) : null,
    })),
    chart: { type: 'bar', category: 'stepFa', series: ['medianMinutes', 'p90Minutes'] },
  };
  const sla: DashboardTable = {
    key: 'sla_compliance',
    titleFa: 'رعایت مهلت‌ها به تفکیک مرحله',
    columns: [
      col('stepFa', 'مرحله', 'text'), col('ended', 'پایان‌یافته', 'count'), col('onTime', 'به‌موقع', 'count'), col('late', 'با تأخیر', 'count'),
      col('onTimePercent', 'به‌موقع (٪)', 'percent'),
    ],
    rows: stepFigures
      .filter((r) => r.step !== 'returned_to_office') // the citizen's time: no deadline of ours
      .map(({ step, stepFa, n, late }) => ({ step, stepFa, ended: n, onTime: n - late, late, onTimePercent: percent(n - late, n) })),
    chart: { type: 'stacked_bar', category: 'stepFa', series: ['onTime', 'late'] },
  };

  // ---- inspectors ----------------------------------------------------------------------------
  const workingDays = workingDaysInRange(filters.from, filters.to, holidays);
  const inspectorTable: DashboardTable = {
    key: 'inspector_workload',
    titleFa: 'بار کار ماموران بازدید',
    columns: [
      col('inspectorFa', 'مامور بازدید', 'text'), col('districtFa', 'منطقه', 'text'), col('openAssignments', 'ارجاع باز', 'count'),
      col('visits', 'بازدید در بازه', 'count'), col('visitsPerDay', 'بازدید در هر روز کاری', 'count'),
    ],
    rows: inspectors.map((i) => {
      const filed = visits.get(i.id) ?? 0;
      return {
        inspectorId: i.id, inspectorFa: `${i.first_name} ${i.last_name}`, districtFa: districtFa(i.district_number),
        openAssignments: Number(i.open_assignments ?? 0), visits: filed, visitsPerDay: workingDays > 0 ? Math.round((filed / workingDays) * 100) / 100 : null,
      };
    }),
    chart: { type: 'bar', category: 'inspectorFa', series: ['visits', 'openAssignments'] },
  };

  // ---- inquiries -----------------------------------------------------------------------------
  const inquiryByType = new Map(inquiries.map((r) => [r.type, r]));
  const inquiryTable: DashboardTable = {
    key: 'inquiries',
    titleFa: 'استعلام‌ها: پاسخ فوری و پاسخ از راه پرونده',
    columns: [
      col('typeFa', 'نوع استعلام', 'text'), col('instant', 'پاسخ فوری', 'count'), col('byCase', 'از راه پرونده', 'count'),
      col('pending', 'در انتظار پاسخ', 'count'), col('instantPercent', 'پاسخ فوری (٪)', 'percent'),
    ],
    rows: (Object.keys(INQUIRY_TYPES) as InquiryType[]).map((type) => {
      const r = inquiryByType.get(type) ?? { instant: 0, byCase: 0, pending: 0 };
      return { type, typeFa: INQUIRY_TYPES[type].titleFa, instant: r.instant, byCase: r.byCase, pending: r.pending, instantPercent: percent(r.instant, r.instant + r.byCase) };
    }),
    chart: { type: 'stacked_bar', category: 'typeFa', series: ['instant', 'byCase'] },
  };

  // ---- desk network --------------------------------------------------------------------------
  const officeCount = (districtId: string, status: string) => offices.filter((o) => o.district_id === districtId && o.status === status).length;
  const deskNetwork: DashboardTable = {
    key: 'desk_network',
    titleFa: 'شبکه دفاتر پیشخوان: هدف و وضعیت هر منطقه',
    columns: [
      col('districtFa', 'منطقه', 'text'), col('target', 'هدف', 'count'), col('active', 'فعال', 'count'), col('suspended', 'تعلیق‌شده', 'count'),
      col('inactive', 'ثبت‌شده و غیرفعال', 'count'), col('gap', 'کسری تا هدف', 'count'), col('staff', 'کارکنان دفاتر فعال', 'count'),
    ],
    rows: scopedDistricts.map((d) => {
      const active = officeCount(d.id, 'active');
      const target = Number(d.desk_target);
      return {
        districtId: d.id, districtFa: districtFa(d.number), target, active, suspended: officeCount(d.id, 'suspended'),
        inactive: officeCount(d.id, 'inactive'), gap: Math.max(0, target - active), staff: deskStaff.get(d.id) ?? 0,
      };
    }),
    chart: { type: 'bar', category: 'districtFa', series: ['target', 'active'] },
  };

  // ---- fees ----------------------------------------------------------------------------------
  const feeCells = new Map<string, { month: string; officeId: string; fee: number; paid: number }>();
  for (const r of fees) {
    const month = r.month;
    const k = `${month}|${r.office_id}`;
    const cell = feeCells.get(k) ?? { month, officeId: r.office_id, fee: 0, paid: 0 };
    cell.fee += r.fee_rials;
    cell.paid += r.paid_rials;
    feeCells.set(k, cell);
  }
  const feeTable: DashboardTable = {
    key: 'fees',
    titleFa: `درآمد خدمات و سهم دفاتر (${faDigits(ctx.config.officeFeePercent)}٪ سهم دفتر)`,
    columns: [
      col('monthFa', 'ماه', 'text'), col('officeFa', 'دفتر', 'text'), col('districtFa', 'منطقه', 'text'), col('feeRials', 'تعرفه ثبت‌شده (ریال)', 'rials'),
      col('paidRials', 'پرداخت‌شده (ریال)', 'rials'), col('officeShareRials', 'سهم دفتر (ریال)', 'rials'), col('municipalityShareRials', 'سهم شهرداری (ریال)', 'rials'),
    ],
    rows: [...feeCells.values()]
      .filter((c) => c.fee > 0 || c.paid > 0)
      .map((c) => ({ c, o: officeById.get(c.officeId) }))
      .sort((a, b) => a.c.month.localeCompare(b.c.month) || (a.o?.district_number ?? 0) - (b.o?.district_number ?? 0) || (a.o?.gov_code ?? '').localeCompare(b.o?.gov_code ?? ''))
      .map(({ c, o }) => {
        const split = feeSplit(c.paid, ctx.config.officeFeePercent);
        return {
          month: c.month, monthFa: monthLabelFa(c.month), officeId: c.officeId, officeFa: o?.name_fa ?? '', districtFa: o ? districtFa(districtNumber.get(o.district_id) ?? 0) : '',
          feeRials: c.fee, paidRials: c.paid, officeShareRials: split.office, municipalityShareRials: split.municipality,
        };
      }),
    chart: null,
  };

  return [byMonth, byService, byDistrict, byOffice, backlogByStep, turnaround, sla, inspectorTable, inquiryTable, deskNetwork, feeTable];
}

/** One table of the figures as a CSV or .xlsx file. */
export async function exportTable(ctx: Ctx, actor: Actor, input: FigureFilters & { table: TableKey }, format: 'csv' | 'xlsx') {
  const filters = await resolveFilters(ctx, actor, input);
  const table = (await buildTables(ctx, actor.cityId, filters)).find((t) => t.key === input.table)!;
  const names = exportFileName(table, filters, format);
  if (format === 'csv') return { bytes: tableCsv(table), ...names, contentType: 'text/csv; charset=utf-8' };
  return { bytes: await tableXlsx(table), ...names, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' };
}

/**
 * The dashboard's pure parts (داشبورد و گزارش‌ها): the figures' shape as GET /api/dashboards/figures
 * answers it, the filters in the address, a Jalali month as the Gregorian range the API takes,
 * each column kind as a Persian reader reads it, the export links, and each table's chart.
 * The types are the API's contract written out; dashboards.queries.ts checks the generated
 * client's answer against them.
 */
import { daysInJalaliMonth, faDigits, formatMoney, formatNumber, fromJalali, t, toJalali } from '../../i18n';

export type ColumnKind = 'text' | 'count' | 'percent' | 'minutes' | 'days' | 'rials';
export type CellValue = string | number | null;

export interface DashboardColumn {
  key: string;
  titleFa: string;
  kind: ColumnKind;
}

export interface DashboardChart {
  type: 'bar' | 'line' | 'pie' | 'stacked_bar';
  /** The column whose values name the bars, points or slices. */
  category: string;
  /** The columns drawn, one series each. */
  series: string[];
}

/** One table of figures (by service, backlog by step…), drawn as a chart when `chart` says how. */
export interface DashboardTable {
  key: string;
  titleFa: string;
  columns: DashboardColumn[];
  rows: Record<string, CellValue>[];
  chart: DashboardChart | null;
}

export interface DashboardFilters {
  /** Tehran calendar dates, Gregorian `YYYY-MM-DD`, both days included. */
  from: string;
  to: string;
  districtId: string | null;
  officeId: string | null;
  serviceCode: string | null;
}

export interface DashboardFigures {
  filters: DashboardFilters;
  generatedAt: string;
  tables: DashboardTable[];
}

// ——— Jalali months ———

export interface JalaliMonth {
  year: number;
  /** 1 = Farvardin … 12 = Esfand */
  month: number;
}

const TEHRAN_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tehran' });

/** Today's calendar date in Tehran, whatever the zone of the computer. */
export function tehranToday(now: Date): string {
  return TEHRAN_DAY.format(now);
}

/** A Jalali month's first and last day as the API's Gregorian dates: آذر ۱۴۰۵ → 2026-11-22 … 2026-12-21. */
export function jalaliMonthRange({ year, month }: JalaliMonth): { from: string; to: string } {
  return { from: fromJalali({ year, month, day: 1 }), to: fromJalali({ year, month, day: daysInJalaliMonth(year, month) }) };
}

/** The Jalali month a Gregorian date falls in. */
export function jalaliMonthOf(iso: string): JalaliMonth {
  const { year, month } = toJalali(iso);
  return { year, month };
}

/** The month if the range is exactly one whole Jalali month, else null (a range picked by hand). */
export function wholeMonthOf(filters: Pick<DashboardFilters, 'from' | 'to'>): JalaliMonth | null {
  const month = jalaliMonthOf(filters.from);
  const range = jalaliMonthRange(month);
  return range.from === filters.from && range.to === filters.to ? month : null;
}

/** The report's month parameter: 1405-09. */
export function monthParam({ year, month }: JalaliMonth): string {
  return `${year}-${String(month).padStart(2, '0')}`;
}

const MONTH_NAME = new Intl.DateTimeFormat('fa-IR-u-ca-persian', { timeZone: 'UTC', month: 'long' });

/** The twelve Persian month names, فروردین to اسفند, from the same Intl calendar as every date on screen. */
export function jalaliMonthNames(): string[] {
  return Array.from({ length: 12 }, (_, i) => MONTH_NAME.format(new Date(`${fromJalali({ year: 1405, month: i + 1, day: 1 })}T12:00:00Z`)));
}

/** «آذر ۱۴۰۵» */
export function jalaliMonthLabel({ year, month }: JalaliMonth): string {
  return `${jalaliMonthNames()[month - 1]} ${faDigits(year)}`;
}

// ——— Filters in the address ———

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const isDate = (value: string | null): value is string => value !== null && DATE.test(value) && !Number.isNaN(Date.parse(value));

/**
 * The filters an address asks for: a range missing or malformed falls back to the current Jalali
 * month, as the API does; a range given backwards is turned round.
 */
export function filtersFromParams(params: URLSearchParams, today: string): DashboardFilters {
  const from = params.get('from');
  const to = params.get('to');
  let range = isDate(from) && isDate(to) ? { from, to } : jalaliMonthRange(jalaliMonthOf(today));
  if (range.from > range.to) range = { from: range.to, to: range.from };
  const id = (key: string) => params.get(key)?.trim() || null;
  return { ...range, districtId: id('districtId'), officeId: id('officeId'), serviceCode: id('serviceCode') };
}

/** The filters as search parameters, in a fixed order; empty filters are left out. */
export function filtersToParams(filters: DashboardFilters): URLSearchParams {
  const params = new URLSearchParams({ from: filters.from, to: filters.to });
  if (filters.districtId) params.set('districtId', filters.districtId);
  if (filters.officeId) params.set('officeId', filters.officeId);
  if (filters.serviceCode) params.set('serviceCode', filters.serviceCode);
  return params;
}

/** A change of district drops the office, which belonged to the old one. */
export function withDistrict(filters: DashboardFilters, districtId: string | null): DashboardFilters {
  return { ...filters, districtId, officeId: districtId === filters.districtId ? filters.officeId : null };
}

export function withMonth(filters: DashboardFilters, month: JalaliMonth): DashboardFilters {
  return { ...filters, ...jalaliMonthRange(month) };
}

// ——— Links ———

/** A table's download with the filters on screen: `format` is csv or xlsx. */
export function exportUrl(format: 'csv' | 'xlsx', table: string, filters: DashboardFilters): string {
  const params = filtersToParams(filters);
  return `/api/dashboards/export.${format}?${new URLSearchParams([['table', table], ...params])}`;
}

/** The printable monthly report for a Jalali month, for a district or (no district) the city. */
export function reportUrl(month: JalaliMonth, districtId: string | null): string {
  const params = new URLSearchParams({ month: monthParam(month) });
  if (districtId) params.set('districtId', districtId);
  return `/api/dashboards/report.pdf?${params}`;
}

// ——— Cells ———

const MINUTES_PER_DAY = 24 * 60;
const oneDecimal = new Intl.NumberFormat('fa-IR', { maximumFractionDigits: 1 });
const percentFormat = new Intl.NumberFormat('fa-IR', { style: 'percent', maximumFractionDigits: 1 });
const compactFormat = new Intl.NumberFormat('fa-IR', { notation: 'compact', maximumFractionDigits: 1 });

/**
 * A span of minutes as said aloud, to its largest two units: 45 → «۴۵ دقیقه»,
 * 200 → «۳ ساعت و ۲۰ دقیقه», 4560 → «۳ روز و ۴ ساعت» (days of 24 hours).
 */
export function formatMinutes(minutes: number): string {
  const u = t.dashboards.units;
  const m = Math.round(minutes);
  if (m < 60) return u.minutes(formatNumber(m));
  if (m < MINUTES_PER_DAY) {
    const hours = Math.floor(m / 60);
    const rest = m % 60;
    return rest ? u.and(u.hours(formatNumber(hours)), u.minutes(formatNumber(rest))) : u.hours(formatNumber(hours));
  }
  let days = Math.floor(m / MINUTES_PER_DAY);
  let hours = Math.round((m % MINUTES_PER_DAY) / 60);
  if (hours === 24) [days, hours] = [days + 1, 0];
  return hours ? u.and(u.days(formatNumber(days)), u.hours(formatNumber(hours))) : u.days(formatNumber(days));
}

/** A share on the API's 0–100 scale: 87.5 → ۸۷٫۵٪. */
export function formatPercent(value: number): string {
  return percentFormat.format(value / 100);
}

/** One cell as the table shows it; a missing figure is a dash. */
export function formatCell(kind: ColumnKind, value: CellValue): string {
  if (value === null || value === '') return '—';
  if (kind === 'text' || typeof value === 'string') return faDigits(String(value));
  switch (kind) {
    case 'count':
      return formatNumber(value);
    case 'percent':
      return formatPercent(value);
    case 'minutes':
      return formatMinutes(value);
    case 'days':
      return t.dashboards.units.days(oneDecimal.format(value));
    case 'rials':
      return formatMoney(value);
  }
}

/** A chart axis's tick: short (no unit, minutes in hours, large sums compact), Persian digits. */
export function formatTick(kind: ColumnKind, value: number): string {
  switch (kind) {
    case 'percent':
      return formatPercent(value);
    case 'minutes':
      return oneDecimal.format(value / 60);
    case 'rials':
      return compactFormat.format(value);
    default:
      return Math.abs(value) >= 10_000 ? compactFormat.format(value) : oneDecimal.format(value);
  }
}

/** The unit under a chart's value axis, where the ticks leave it out. */
export function axisUnit(kind: ColumnKind): string {
  const u = t.dashboards.axis;
  return kind === 'minutes' ? u.hours : kind === 'days' ? u.days : kind === 'rials' ? u.rials : '';
}

/** Whether the filters found nothing at all: every table empty. */
export function isEmptyFigures(figures: DashboardFigures): boolean {
  return figures.tables.every((table) => table.rows.length === 0);
}

/** A numeric cell as a number for a chart (null draws no bar). */
export function numeric(value: CellValue): number | null {
  if (value === null || value === '') return null;
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) ? n : null;
}

// ——— Charts ———

export const CHART_FONT = 'Vazirmatn, Tahoma, sans-serif';

/** A colour-blind-safe palette (Okabe–Ito), darker shades, readable on white. */
export const CHART_COLORS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#555555'];

/**
 * The ECharts option for a table's chart, laid out for a right-to-left page: names on the right,
 * bars growing leftwards, months running from right to left, the legend at the top right; every
 * number in Persian digits and in its column's unit. Pure data, so it is tested without a browser.
 */
export function chartOption(table: DashboardTable): Record<string, unknown> | null {
  const chart = table.chart;
  if (!chart || table.rows.length === 0) return null;
  const columns = new Map(table.columns.map((c) => [c.key, c]));
  const category = columns.get(chart.category);
  const series = chart.series.map((key) => columns.get(key)).filter((c): c is DashboardColumn => Boolean(c));
  if (!category || series.length === 0) return null;
  const names = table.rows.map((row) => formatCell(category.kind, row[category.key] ?? null));
  const kind = series[0]!.kind;
  const kindOf = (name: string) => series.find((c) => c.titleFa === name)?.kind ?? kind;
  const base = {
    color: CHART_COLORS,
    textStyle: { fontFamily: CHART_FONT },
    animation: false,
    // ECharts lays legend items out left to right: listed backwards, the first series is on the right.
    legend: { show: series.length > 1, top: 0, right: 0, align: 'right', data: series.map((c) => c.titleFa).reverse(), textStyle: { fontFamily: CHART_FONT } },
  };

  if (chart.type === 'pie') {
    const column = series[0]!;
    return {
      ...base,
      legend: { ...base.legend, show: true, type: 'scroll', orient: 'vertical', data: names },
      tooltip: { trigger: 'item', formatter: (p: { name: string; value: number; percent: number }) => `${p.name}: ${formatCell(column.kind, p.value)} (${formatPercent(p.percent)})` },
      series: [
        {
          type: 'pie',
          name: column.titleFa,
          radius: ['35%', '65%'],
          center: ['40%', '55%'],
          label: { show: false },
          data: table.rows.map((row, i) => ({ name: names[i], value: numeric(row[column.key] ?? null) })),
        },
      ],
    };
  }

  const tooltip = {
    trigger: 'axis',
    axisPointer: { type: 'shadow' },
    textStyle: { fontFamily: CHART_FONT },
    // The marker and name read right to left, the figure after them.
    formatter: (items: { seriesName: string; name: string; value: number | null; marker: string }[]) =>
      `<div dir="rtl" style="text-align:right">${items[0]?.name ?? ''}<br/>${items
        .map((p) => `${p.marker} ${p.seriesName}: ${formatCell(kindOf(p.seriesName), p.value)}`)
        .join('<br/>')}</div>`,
  };
  const valueAxis = {
    type: 'value',
    name: axisUnit(kind),
    nameTextStyle: { fontFamily: CHART_FONT },
    splitNumber: 4,
    // No fractions of a case, and no ticks finer than an hour: an all-zero table draws 0 and 1, not five zeros.
    ...(kind === 'count' ? { minInterval: 1 } : kind === 'minutes' ? { minInterval: 60 } : {}),
    axisLabel: { formatter: (v: number) => formatTick(kind, v), fontFamily: CHART_FONT, hideOverlap: true },
  };
  const data = (column: DashboardColumn) => table.rows.map((row) => numeric(row[column.key] ?? null));

  if (chart.type === 'line') {
    return {
      ...base,
      tooltip,
      grid: { top: 40, bottom: 10, left: 10, right: 10, containLabel: true },
      // The first month on the right, as a Persian reader's eye runs.
      xAxis: { type: 'category', data: names, inverse: true, boundaryGap: false, axisLabel: { fontFamily: CHART_FONT } },
      yAxis: { ...valueAxis, position: 'right' },
      series: series.map((column) => ({ type: 'line', name: column.titleFa, data: data(column), symbolSize: 6 })),
    };
  }

  // Bars lie down: the (often long) Persian names on the right, read top to bottom, the bars growing leftwards.
  const stacked = chart.type === 'stacked_bar';
  return {
    ...base,
    tooltip,
    grid: { top: series.length > 1 ? 40 : 10, bottom: 10, left: 10, right: 10, containLabel: true },
    xAxis: { ...valueAxis, inverse: true, nameLocation: 'start' },
    yAxis: { type: 'category', data: names, inverse: true, position: 'right', axisLabel: { fontFamily: CHART_FONT, width: 120, overflow: 'truncate' } },
    series: series.map((column) => ({ type: 'bar', name: column.titleFa, data: data(column), ...(stacked ? { stack: 'total' } : {}), barMaxWidth: 24 })),
  };
}

/** Room for every bar: lying bars need height as their count grows. */
export function chartHeight(table: DashboardTable): number {
  if (!table.chart || table.chart.type === 'pie' || table.chart.type === 'line') return 300;
  return Math.min(640, Math.max(240, 60 + table.rows.length * 28));
}

/** The least a figures column needs: a short heading on two lines, or «۳ روز و ۴ ساعت» on one. */
export const FIGURES_COLUMN_WIDTH = 105;
/**
 * Beside its chart a table has 7 of 12 grid columns: about 600 px on a 1366 px screen. A table
 * with more columns than fit there goes under its chart at full width, so no column is cut off.
 */
const BESIDE_CHART_WIDTH = 600;

export function tableBesideChart(table: Pick<DashboardTable, 'columns'>): boolean {
  return table.columns.length * FIGURES_COLUMN_WIDTH <= BESIDE_CHART_WIDTH;
}

/**
 * Rows a figures table shows at once. A city year's fee table has a row per month and desk (8,000
 * for a city of 667 desks), and drawing them all held the page for about 18 s; the CSV and Excel
 * downloads keep every row.
 */
export const FIGURES_PAGE_ROWS = 50;

/** The rows of a figures table on page `page` (clamped to the pages there are), and how many pages there are. */
export function figuresPage<R>(rows: readonly R[], page: number): { page: number; pages: number; rows: readonly R[] } {
  const pages = Math.max(1, Math.ceil(rows.length / FIGURES_PAGE_ROWS));
  const current = Math.min(Math.max(1, Math.floor(page)), pages);
  return { page: current, pages, rows: rows.slice((current - 1) * FIGURES_PAGE_ROWS, current * FIGURES_PAGE_ROWS) };
}

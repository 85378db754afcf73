import { describe, expect, it } from 'vitest';
import {
  FIGURES_PAGE_ROWS,
  figuresPage,
  tableBesideChart,
  chartOption,
  exportUrl,
  filtersFromParams,
  filtersToParams,
  formatCell,
  formatMinutes,
  formatTick,
  isEmptyFigures,
  jalaliMonthLabel,
  jalaliMonthNames,
  jalaliMonthOf,
  jalaliMonthRange,
  reportUrl,
  tehranToday,
  wholeMonthOf,
  withDistrict,
  withMonth,
  type DashboardFilters,
  type DashboardTable,
} from './dashboards.model';

const AZAR_1405 = { from: '2026-11-22', to: '2026-12-21' };
const NONE = { districtId: null, officeId: null, serviceCode: null };

describe('Jalali months', () => {
  it('turn into the Gregorian range of their first and last day', () => {
    expect(jalaliMonthRange({ year: 1405, month: 9 })).toEqual(AZAR_1405);
    expect(jalaliMonthRange({ year: 1405, month: 1 })).toEqual({ from: '2026-03-21', to: '2026-04-20' });
    // Esfand of a leap year (1403) has thirty days, of another year (1404) twenty-nine.
    expect(jalaliMonthRange({ year: 1403, month: 12 })).toEqual({ from: '2025-02-19', to: '2025-03-20' });
    expect(jalaliMonthRange({ year: 1404, month: 12 })).toEqual({ from: '2026-02-20', to: '2026-03-20' });
  });

  it('are found from any of their days, and a whole month is told from a range picked by hand', () => {
    expect(jalaliMonthOf('2026-11-29')).toEqual({ year: 1405, month: 9 });
    expect(wholeMonthOf(AZAR_1405)).toEqual({ year: 1405, month: 9 });
    expect(wholeMonthOf({ from: '2026-11-22', to: '2026-12-20' })).toBeNull();
    expect(wholeMonthOf({ from: '2026-11-23', to: '2026-12-21' })).toBeNull();
  });

  it('are named in Persian', () => {
    expect(jalaliMonthNames()).toEqual(['فروردین', 'اردیبهشت', 'خرداد', 'تیر', 'مرداد', 'شهریور', 'مهر', 'آبان', 'آذر', 'دی', 'بهمن', 'اسفند']);
    expect(jalaliMonthLabel({ year: 1405, month: 9 })).toBe('آذر ۱۴۰۵');
  });

  it('take today on Tehran time: 22:00 UTC on 21 December is already 1 Dey in Tehran', () => {
    expect(tehranToday(new Date('2026-12-21T19:00:00Z'))).toBe('2026-12-21');
    expect(tehranToday(new Date('2026-12-21T22:00:00Z'))).toBe('2026-12-22');
    expect(jalaliMonthOf(tehranToday(new Date('2026-12-21T22:00:00Z')))).toEqual({ year: 1405, month: 10 });
  });
});

describe('filters in the address', () => {
  const today = '2026-11-29';

  it('default to the current Jalali month', () => {
    expect(filtersFromParams(new URLSearchParams(), today)).toEqual({ ...AZAR_1405, ...NONE });
    expect(filtersFromParams(new URLSearchParams('from=2026-13-45&to=2026-12-01'), today)).toEqual({ ...AZAR_1405, ...NONE });
  });

  it('go to the address and come back the same', () => {
    const filters: DashboardFilters = { from: '2026-11-01', to: '2026-11-30', districtId: 'd-3', officeId: 'o-1', serviceCode: 'property_inspection' };
    const params = filtersToParams(filters);
    expect(params.toString()).toBe('from=2026-11-01&to=2026-11-30&districtId=d-3&officeId=o-1&serviceCode=property_inspection');
    expect(filtersFromParams(params, today)).toEqual(filters);
    expect(filtersToParams({ ...AZAR_1405, ...NONE }).toString()).toBe('from=2026-11-22&to=2026-12-21');
  });

  it('turn a backwards range round and ignore empty ids', () => {
    expect(filtersFromParams(new URLSearchParams('from=2026-12-10&to=2026-12-01&districtId=&officeId=%20'), today)).toEqual({
      from: '2026-12-01', to: '2026-12-10', ...NONE,
    });
  });

  it('drop the desk when the district changes, and set a month as its range', () => {
    const filters: DashboardFilters = { ...AZAR_1405, districtId: 'd-3', officeId: 'o-1', serviceCode: null };
    expect(withDistrict(filters, 'd-5')).toMatchObject({ districtId: 'd-5', officeId: null });
    expect(withDistrict(filters, 'd-3')).toMatchObject({ districtId: 'd-3', officeId: 'o-1' });
    expect(withMonth(filters, { year: 1405, month: 1 })).toMatchObject({ from: '2026-03-21', to: '2026-04-20', districtId: 'd-3', officeId: 'o-1' });
  });
});

describe('links', () => {
  const filters: DashboardFilters = { ...AZAR_1405, districtId: 'd-3', officeId: null, serviceCode: 'property_inspection' };

  it('download a table with the filters on screen', () => {
    expect(exportUrl('xlsx', 'by_service', filters)).toBe('/api/dashboards/export.xlsx?table=by_service&from=2026-11-22&to=2026-12-21&districtId=d-3&serviceCode=property_inspection');
    expect(exportUrl('csv', 'fees', { ...AZAR_1405, ...NONE })).toBe('/api/dashboards/export.csv?table=fees&from=2026-11-22&to=2026-12-21');
  });

  it('ask for the monthly report by its Jalali month', () => {
    expect(reportUrl({ year: 1405, month: 9 }, 'd-3')).toBe('/api/dashboards/report.pdf?month=1405-09&districtId=d-3');
    expect(reportUrl({ year: 1405, month: 12 }, null)).toBe('/api/dashboards/report.pdf?month=1405-12');
  });
});

describe('cells by column kind', () => {
  it('say spans of minutes in their two largest units', () => {
    expect(formatMinutes(0)).toBe('۰ دقیقه');
    expect(formatMinutes(45)).toBe('۴۵ دقیقه');
    expect(formatMinutes(180)).toBe('۳ ساعت');
    expect(formatMinutes(200)).toBe('۳ ساعت و ۲۰ دقیقه');
    expect(formatMinutes(3 * 1440 + 4 * 60 + 10)).toBe('۳ روز و ۴ ساعت');
    expect(formatMinutes(2 * 1440)).toBe('۲ روز');
    // 1 day 23 h 50 min rounds up to two whole days, not "1 day and 24 hours".
    expect(formatMinutes(1440 + 23 * 60 + 50)).toBe('۲ روز');
  });

  it('write every figure with Persian digits, in its unit', () => {
    expect(formatCell('count', 1234)).toBe('۱٬۲۳۴');
    expect(formatCell('percent', 87.5)).toBe('۸۷٫۵٪');
    expect(formatCell('percent', 100)).toBe('۱۰۰٪');
    expect(formatCell('days', 4.56)).toBe('۴٫۶ روز');
    expect(formatCell('rials', 1250000)).toBe('۱٬۲۵۰٬۰۰۰ ریال');
    expect(formatCell('minutes', 90)).toBe('۱ ساعت و ۳۰ دقیقه');
    expect(formatCell('text', 'منطقه 3')).toBe('منطقه ۳');
    expect(formatCell('count', null)).toBe('—');
  });

  it('keep axis ticks short', () => {
    expect(formatTick('minutes', 150)).toBe('۲٫۵');
    expect(formatTick('rials', 1_250_000)).toMatch(/^۱٫۳\sمیلیون$/u);
    expect(formatTick('count', 12)).toBe('۱۲');
    expect(formatTick('percent', 50)).toBe('۵۰٪');
  });
});

const byService: DashboardTable = {
  key: 'by_service',
  titleFa: 'درخواست‌ها به تفکیک خدمت',
  columns: [
    { key: 'service', titleFa: 'خدمت', kind: 'text' },
    { key: 'registered', titleFa: 'ثبت‌شده', kind: 'count' },
    { key: 'closed', titleFa: 'پایان‌یافته', kind: 'count' },
  ],
  rows: [
    { service: 'استعلام ملک', registered: 3, closed: 1 },
    { service: 'پایان کار', registered: 1, closed: null },
  ],
  chart: { type: 'bar', category: 'service', series: ['registered', 'closed'] },
};

describe('charts', () => {
  it('lay bars down for a right-to-left page: names on the right, bars growing leftwards, legend at the top right', () => {
    const option = chartOption(byService) as any;
    expect(option.yAxis).toMatchObject({ type: 'category', data: ['استعلام ملک', 'پایان کار'], position: 'right', inverse: true });
    expect(option.xAxis).toMatchObject({ type: 'value', inverse: true, minInterval: 1 });
    // The first series first for a right-to-left reader: rightmost in the legend.
    expect(option.legend).toMatchObject({ show: true, right: 0, align: 'right', data: ['پایان‌یافته', 'ثبت‌شده'] });
    expect(option.series).toEqual([
      expect.objectContaining({ type: 'bar', name: 'ثبت‌شده', data: [3, 1] }),
      expect.objectContaining({ type: 'bar', name: 'پایان‌یافته', data: [1, null] }),
    ]);
    expect(option.textStyle.fontFamily).toMatch(/^Vazirmatn/);
    expect(option.xAxis.axisLabel.formatter(1200)).toBe('۱٬۲۰۰');
    const tip = option.tooltip.formatter([{ seriesName: 'ثبت‌شده', name: 'استعلام ملک', value: 3, marker: '' }]);
    expect(tip).toContain('ثبت‌شده: ۳');
    expect(tip).toContain('dir="rtl"');
  });

  it('stack bars and run months from right to left', () => {
    expect((chartOption({ ...byService, chart: { type: 'stacked_bar', category: 'service', series: ['registered', 'closed'] } }) as any).series[0].stack).toBe('total');
    const line = chartOption({ ...byService, chart: { type: 'line', category: 'service', series: ['registered'] } }) as any;
    expect(line.xAxis).toMatchObject({ type: 'category', inverse: true });
    expect(line.yAxis.position).toBe('right');
    expect(line.legend.show).toBe(false);
  });

  it('give a pie its slices and a Persian tooltip, and draw nothing for an empty table or none asked', () => {
    const pie = chartOption({ ...byService, chart: { type: 'pie', category: 'service', series: ['registered'] } }) as any;
    expect(pie.series[0].data).toEqual([{ name: 'استعلام ملک', value: 3 }, { name: 'پایان کار', value: 1 }]);
    expect(pie.tooltip.formatter({ name: 'پایان کار', value: 1, percent: 25 })).toBe('پایان کار: ۱ (۲۵٪)');
    expect(chartOption({ ...byService, rows: [] })).toBeNull();
    expect(chartOption({ ...byService, chart: null })).toBeNull();
    expect(chartOption({ ...byService, chart: { type: 'bar', category: 'nothing', series: ['registered'] } })).toBeNull();
  });

  it('finds nothing to show only when every table is empty', () => {
    const figures = { filters: { ...AZAR_1405, ...NONE }, generatedAt: '2026-11-29T05:30:00Z', tables: [{ ...byService, rows: [] }] };
    expect(isEmptyFigures(figures)).toBe(true);
    expect(isEmptyFigures({ ...figures, tables: [...figures.tables, byService] })).toBe(false);
  });
});

describe('tableBesideChart', () => {
  const cols = (n: number) => ({ columns: Array.from({ length: n }, (_, i) => ({ key: `c${i}`, titleFa: 'ستون', kind: 'count' as const })) });
  it('keeps a table of up to five columns beside its chart, and puts a wider one under it at full width', () => {
    expect(tableBesideChart(cols(4))).toBe(true);
    expect(tableBesideChart(cols(5))).toBe(true);
    expect(tableBesideChart(cols(6))).toBe(false);
    expect(tableBesideChart(cols(9))).toBe(false);
  });
});

describe('a long figures table', () => {
  it('shows its rows a page at a time, the page kept within the pages there are', () => {
    const rows = Array.from({ length: 2 * FIGURES_PAGE_ROWS + 3 }, (_, i) => i);
    expect(figuresPage(rows, 1)).toEqual({ page: 1, pages: 3, rows: rows.slice(0, FIGURES_PAGE_ROWS) });
    expect(figuresPage(rows, 3)).toEqual({ page: 3, pages: 3, rows: [2 * FIGURES_PAGE_ROWS, 2 * FIGURES_PAGE_ROWS + 1, 2 * FIGURES_PAGE_ROWS + 2] });
    // A page past the end (the filters changed under it) shows the last; nothing before the first.
    expect(figuresPage(rows, 9).page).toBe(3);
    expect(figuresPage(rows, 0).page).toBe(1);
    expect(figuresPage([], 4)).toEqual({ page: 1, pages: 1, rows: [] });
  });
});

/**
 * The monthly report (گزارش ماهانه) of the city or one district: one self-contained Persian page
 * (RTL, Vazirmatn embedded, Persian digits) with the key figures, each table's chart drawn by
 * ECharts on the server as inline SVG, and the tables; Chromium prints it to an A4 PDF.
 */
import { escapeHtml as esc, persianPage } from '../../platform/html.js';
import type { Ctx } from '../../platform/context.js';
import { toJalali } from '../../platform/calendar.js';
import { JALALI_MONTHS_FA, faDigits, monthLabelFa, monthRange, parseJalaliMonth } from './dashboards.rules.js';
import { invalid } from '../../platform/errors.js';
import type { Actor } from '../../platform/actor.js';
import { buildTables, outOfRange, resolveFilters, type Cell, type Column, type DashboardTable, type ResolvedFilters } from './dashboards.service.js';
import { cityName, findDistrict } from './dashboards.queries.js';

const faInt = new Intl.NumberFormat('fa-IR', { maximumFractionDigits: 0 });
const faDec = new Intl.NumberFormat('fa-IR', { maximumFractionDigits: 1 });

/** Minutes as a person reads a duration: minutes, hours or days. */
export function durationFa(minutes: number): string {
  if (minutes < 60) return `${faInt.format(Math.round(minutes))} دقیقه`;
  if (minutes < 1440) return `${faDec.format(minutes / 60)} ساعت`;
  return `${faDec.format(minutes / 1440)} روز`;
}

export function cellFa(value: Cell | undefined, kind: Column['kind']): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return faDigits(value);
  switch (kind) {
    case 'percent':
      return `${faDec.format(value)}٪`;
    case 'minutes':
      return durationFa(value);
    case 'days':
      return faDec.format(value);
    case 'text':
      return faDigits(value);
    default:
      return Number.isInteger(value) ? faInt.format(value) : faDec.format(value);
  }
}

const PALETTE = ['#0b5d4b', '#d08c2b', '#3b6ea8', '#a63d40', '#6c5b7b', '#4d8f6f'];

/**
 * One table's chart as SVG: categories read right to left; long labels turn the bars sideways.
 * ECharts is loaded on the first report, not at start: 12 MB of heap a process never needs until
 * someone prints a report (docs/performance.md).
 */
export async function chartSvg(table: DashboardTable, width = 660): Promise<string | null> {
  const chart = table.chart;
  // A line through one month is a dot: the table says it better.
  if (!chart || table.rows.length === 0 || (chart.type === 'line' && table.rows.length < 2)) return null;
  if (table.rows.every((r) => chart.series.every((k) => !r[k]))) return null; // nothing to draw
  const labels = table.rows.map((r) => String(r[chart.category] ?? ''));
  // «منطقه ۱» … «منطقه ۱۵» under fifteen bars: the number says it, the axis name says the rest.
  const districts = labels.every((l) => l.startsWith('منطقه '));
  const categories = districts ? labels.map((l) => l.slice('منطقه '.length)) : labels;
  const titles = new Map(table.columns.map((c) => [c.key, c.titleFa]));
  const kinds = new Map(table.columns.map((c) => [c.key, c.kind]));
  const sideways = chart.type !== 'line' && categories.some((c) => c.length > 12);
  const height = sideways ? Math.max(180, 26 * categories.length + 70) : 240;
  const valueAxis = {
    type: 'value' as const,
    axisLabel: { formatter: (v: number) => (kinds.get(chart.series[0]!) === 'minutes' ? durationFa(v) : faDec.format(v)), fontFamily: 'Vazirmatn' },
    splitLine: { lineStyle: { color: '#e3e8e6' } },
  };
  const categoryAxis = {
    type: 'category' as const,
    data: categories,
    name: districts ? 'منطقه' : undefined,
    nameLocation: 'start' as const,
    nameTextStyle: { fontFamily: 'Vazirmatn', fontSize: 10 },
    axisLabel: { fontFamily: 'Vazirmatn', interval: 0, width: sideways ? 230 : 80, overflow: 'truncate' as const, fontSize: 10 },
  };
  const echarts = await import('echarts');
  const instance = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    instance.setOption({
      animation: false,
      color: PALETTE,
      textStyle: { fontFamily: 'Vazirmatn' },
      legend: { top: 0, right: 0, textStyle: { fontFamily: 'Vazirmatn', fontSize: 10 } },
      grid: sideways ? { top: 30, bottom: 24, left: 16, right: 240, containLabel: false } : { top: 34, bottom: 30, left: 56, right: 16, containLabel: false },
      // Right to left: the first category sits at the right (or at the top when the bars lie down).
      xAxis: sideways ? { ...valueAxis, inverse: true } : { ...categoryAxis, inverse: true },
      yAxis: sideways ? { ...categoryAxis, inverse: true, position: 'right' } : { ...valueAxis, position: 'right' },
      series: chart.series.map((key) => ({
        name: titles.get(key) ?? key,
        type: chart.type === 'line' ? 'line' : 'bar',
        stack: chart.type === 'stacked_bar' ? 'total' : undefined,
        barMaxWidth: 22,
        data: table.rows.map((r) => (typeof r[key] === 'number' ? r[key] : 0)),
      })),
    });
    return instance.renderToSVGString();
  } finally {
    instance.dispose();
  }
}

function tableHtml(table: DashboardTable): string {
  if (table.rows.length === 0) return '<p class="empty">در این بازه موردی نبود.</p>';
  // Durations print as minutes, hours or days; only the export's heading names «(دقیقه)».
  const title = (c: Column) => c.titleFa;
  const head = table.columns.map((c) => `<th class="${c.kind}">${esc(faDigits(title(c)))}</th>`).join('');
  const body = table.rows
    .map((r) => `<tr>${table.columns.map((c) => `<td class="${c.kind}">${esc(cellFa(r[c.key], c.kind))}</td>`).join('')}</tr>`)
    .join('\n');
  return `<table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

const sum = (t: DashboardTable | undefined, key: string) => (t?.rows ?? []).reduce((n, r) => n + (typeof r[key] === 'number' ? r[key] : 0), 0);

/** The figures at the top of the report. */
export function keyFigures(tables: DashboardTable[]): { labelFa: string; valueFa: string }[] {
  const t = (k: string) => tables.find((x) => x.key === k);
  const answer = t('turnaround_by_step')?.rows.find((r) => r.step === 'answer');
  const slaRows = (t('sla_compliance')?.rows ?? []).filter((r) => r.step !== 'answer' && r.step !== 'turnaround');
  const ended = slaRows.reduce((n, r) => n + Number(r.ended ?? 0), 0);
  const onTime = slaRows.reduce((n, r) => n + Number(r.onTime ?? 0), 0);
  return [
    { labelFa: 'درخواست ثبت‌شده', valueFa: cellFa(sum(t('by_month'), 'takenIn'), 'count') },
    { labelFa: 'پاسخ صادرشده', valueFa: cellFa(sum(t('by_month'), 'answered'), 'count') },
    { labelFa: 'لغوشده', valueFa: cellFa(sum(t('by_month'), 'cancelled'), 'count') },
    { labelFa: 'پرونده در جریان (اکنون)', valueFa: cellFa(sum(t('backlog_by_step'), 'open'), 'count') },
    { labelFa: 'میانه زمان پاسخ', valueFa: answer?.medianMinutes != null ? durationFa(Number(answer.medianMinutes)) : '—' },
    { labelFa: 'مراحل به‌موقع', valueFa: ended > 0 ? cellFa(Math.round((onTime * 1000) / ended) / 10, 'percent') : '—' },
    { labelFa: 'تعرفه پرداخت‌شده (ریال)', valueFa: cellFa(sum(t('fees'), 'paidRials'), 'rials') },
    { labelFa: 'سهم شهرداری (ریال)', valueFa: cellFa(sum(t('fees'), 'municipalityShareRials'), 'rials') },
  ];
}

const CSS = `
@page { size: A4; margin: 14mm 14mm 14mm; }
* { box-sizing: border-box; }
html { font-family: Vazirmatn, sans-serif; font-size: 9.5pt; color: #111; line-height: 1.6; }
body { margin: 0; }
header { border-block-end: 2.5px double #0b5d4b; padding-block-end: 3mm; margin-block-end: 4mm; }
header h1 { margin: 0; font-size: 16pt; color: #0b5d4b; }
header p { margin: 0; color: #333; }
.figures { display: grid; grid-template-columns: repeat(4, 1fr); gap: 2.5mm; margin-block: 3mm 5mm; }
.figure { border: 0.8pt solid #b9c7c2; border-radius: 2mm; padding: 2mm 3mm; background: #f6f8f7; }
.figure .v { font-size: 13pt; font-weight: 700; color: #0b5d4b; display: block; }
.figure .l { font-size: 8.5pt; color: #444; }
section { break-inside: auto; margin-block-end: 5mm; }
h2 { font-size: 11pt; margin-block: 2mm 1mm; color: #0b5d4b; break-after: avoid; }
.chart { break-inside: avoid; margin-block: 1mm 2mm; direction: ltr; } /* ECharts lays its SVG text out left to right; RTL would flip every anchor */
.chart svg { display: block; max-inline-size: 100%; block-size: auto; }
table { inline-size: 100%; border-collapse: collapse; font-size: 8.5pt; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
th, td { border: 0.5pt solid #9aa5b1; padding: 0.6mm 1.5mm; text-align: start; vertical-align: top; }
th { background: #eef3f1; font-weight: 700; }
td.text:not(:first-child) { white-space: nowrap; }
td.count, td.percent, td.minutes, td.days, td.rials { text-align: end; white-space: nowrap; }
.empty { color: #666; }
footer { margin-block-start: 6mm; font-size: 8pt; color: #555; border-block-start: 0.5pt solid #9aa5b1; padding-block-start: 2mm; }
`;

/** «۱ آذر ۱۴۰۵» */
function jalaliDayFa(isoDate: string): string {
  const j = toJalali(isoDate);
  return `${faDigits(j.day)} ${JALALI_MONTHS_FA[j.month - 1]} ${faDigits(j.year)}`;
}

export interface ReportFacts {
  cityNameFa: string;
  month: string;
  districtNumber: number | null;
  generatedAt: Date;
  tables: DashboardTable[];
}

export async function reportHtml(f: ReportFacts): Promise<string> {
  const place = f.districtNumber === null ? `شهر ${esc(f.cityNameFa)}` : `شهرداری منطقه ${faDigits(f.districtNumber)} ${esc(f.cityNameFa)}`;
  const range = monthRange(f.month);
  const charts = await Promise.all(f.tables.map((t) => chartSvg(t)));
  const sections = f.tables
    .map((t, i) => {
      const svg = charts[i];
      return `<section><h2>${esc(faDigits(t.titleFa))}</h2>${svg ? `<div class="chart">${svg}</div>` : ''}${tableHtml(t)}</section>`;
    })
    .join('\n');
  const figures = keyFigures(f.tables)
    .map((k) => `<div class="figure"><span class="v">${esc(k.valueFa)}</span><span class="l">${esc(k.labelFa)}</span></div>`)
    .join('');
  const printed = new Intl.DateTimeFormat('fa-IR-u-ca-persian', { timeZone: 'Asia/Tehran', dateStyle: 'long', timeStyle: 'short' }).format(f.generatedAt);
  return persianPage({
    titleHtml: `گزارش ماهانه ${esc(monthLabelFa(f.month))}`,
    css: CSS,
    body: `<header>
  <h1>گزارش ماهانه میز خدمت — ${esc(monthLabelFa(f.month))}</h1>
  <p>${place} · معاونت شهرسازی و معماری</p>
  <p>از ${esc(jalaliDayFa(range.from))} تا ${esc(jalaliDayFa(range.to))}</p>
</header>
<div class="figures">${figures}</div>
${sections}
<footer>تهیه‌شده در سامانه میز خدمت، ${esc(printed)}. زمان‌ها از جدول‌های تجمیعی خوانده شده‌اند؛ میانه و صدک ۹۰ با دقت حدود ۵٪.</footer>`,
  });
}

/** The month's report for resolved filters (the month's range, scoped district or the city). */
export async function monthlyReportPdf(ctx: Ctx, cityId: string, month: string, districtId: string | null): Promise<{ bytes: Buffer; fileName: string; asciiFileName: string }> {
  const range = monthRange(month);
  const filters: ResolvedFilters = { ...range, districtId, officeId: null, serviceCode: null };
  const [tables, city, district] = await Promise.all([
    buildTables(ctx, cityId, filters),
    cityName(ctx.db, cityId),
    districtId ? findDistrict(ctx.db, cityId, districtId) : Promise.resolve(undefined),
  ]);
  const html = await reportHtml({ cityNameFa: city.name_fa, month, districtNumber: district?.number ?? null, generatedAt: ctx.clock.now(), tables });
  const bytes = await ctx.pdf.print(html);
  return {
    bytes,
    fileName: `گزارش ماهانه میز خدمت - ${monthLabelFa(month)}${district ? ` - منطقه ${faDigits(district.number)}` : ''}.pdf`,
    asciiFileName: `monthly-report-${month}${district ? `-district-${district.number}` : ''}.pdf`,
  };
}

/** GET /api/dashboards/report.pdf: the month's report in the actor's scope (a district manager: their district only). */
export async function monthlyReport(ctx: Ctx, actor: Actor, input: { month: string; districtId?: string }) {
  if (!parseJalaliMonth(input.month)) throw invalid([outOfRange('month')]);
  const range = monthRange(input.month);
  const filters = await resolveFilters(ctx, actor, { ...range, districtId: input.districtId });
  return monthlyReportPdf(ctx, actor.cityId, input.month, filters.districtId);
}

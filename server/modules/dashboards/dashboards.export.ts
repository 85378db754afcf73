/**
 * One dashboard table as a file: CSV (UTF-8 with BOM so Excel reads the Persian, ASCII digits so
 * other programs read the numbers) or an .xlsx sheet (right to left, numbers as numbers).
 */
import { digitsEnToFa } from '@persian-tools/persian-tools';
import { toJalali } from '../../platform/calendar.js';
import type { DashboardTable, ResolvedFilters } from './dashboards.service.js';

const asciiDigits = (s: string) => s.replace(/[۰-۹]/g, (d) => String(d.charCodeAt(0) - 0x06f0)).replace(/[٠-٩]/g, (d) => String(d.charCodeAt(0) - 0x0660));

function csvCell(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return String(v);
  const s = asciiDigits(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * A column's heading in a file. On screen a span of minutes reads in words («۳ روز و ۴ ساعت»), so
 * its title names no unit; in a file it is a plain number of minutes, and the heading says so.
 */
export function exportHeading(c: DashboardTable['columns'][number]): string {
  return c.kind === 'minutes' ? `${c.titleFa} (دقیقه)` : c.titleFa;
}

export function tableCsv(table: DashboardTable): Buffer {
  const lines = [table.columns.map((c) => csvCell(exportHeading(c))).join(',')];
  for (const row of table.rows) lines.push(table.columns.map((c) => csvCell(row[c.key])).join(','));
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(lines.join('\r\n') + '\r\n', 'utf8')]);
}

const NUMBER_FORMAT: Record<string, string> = { count: '#,##0.##', rials: '#,##0', percent: '0.0', minutes: '#,##0.0', days: '0.0' };

export async function tableXlsx(table: DashboardTable): Promise<Buffer> {
  // Loaded on the first spreadsheet export, not when the server starts (it is a large library).
  const { default: ExcelJS } = await import('exceljs');
  const book = new ExcelJS.Workbook();
  book.creator = 'Miz-e Khedmat';
  const sheet = book.addWorksheet(sheetName(table.titleFa), { views: [{ rightToLeft: true, state: 'frozen', ySplit: 1 }] });
  sheet.columns = table.columns.map((c) => ({
    header: exportHeading(c),
    key: c.key,
    width: c.kind === 'text' ? 32 : 18,
    style: NUMBER_FORMAT[c.kind] ? { numFmt: NUMBER_FORMAT[c.kind] } : {},
  }));
  sheet.getRow(1).font = { bold: true };
  for (const row of table.rows) sheet.addRow(Object.fromEntries(table.columns.map((c) => [c.key, row[c.key] ?? null])));
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** A sheet is named by the table's Persian title: Excel allows 31 characters and none of : \\ / ? * [ ]. */
export function sheetName(titleFa: string): string {
  return [...titleFa.replace(/[:\\/?*[\]]/g, ' ').replace(/\s+/g, ' ').trim()].slice(0, 31).join('').trim();
}

/** A calendar date as a file name can hold it, Jalali and in Persian digits: 2026-11-22 → ۱۴۰۵-۰۹-۰۱. */
export function jalaliFileDate(isoDate: string): string {
  const j = toJalali(isoDate);
  return digitsEnToFa(`${j.year}-${String(j.month).padStart(2, '0')}-${String(j.day).padStart(2, '0')}`);
}

/**
 * The downloaded file's names: in Persian, with the table's title and the Jalali range
 * («میز خدمت - درخواست‌ها به تفکیک ماه - ۱۴۰۵-۰۹-۰۱ تا ۱۴۰۵-۰۹-۳۰.xlsx»), and an ASCII name for
 * programs that cannot read a Content-Disposition `filename*`.
 */
export function exportFileName(table: DashboardTable, f: ResolvedFilters, ext: string): { fileName: string; asciiFileName: string } {
  return {
    fileName: `میز خدمت - ${table.titleFa.replace(/[\\/:*?"<>|]/g, ' ')} - ${jalaliFileDate(f.from)} تا ${jalaliFileDate(f.to)}.${ext}`,
    asciiFileName: `miz-e-khedmat-${table.key.replace(/_/g, '-')}-${f.from}-${f.to}.${ext}`,
  };
}

/**
 * One dashboard table as a file: CSV (UTF-8 with BOM so Excel reads the Persian, ASCII digits so
 * other programs read the numbers) or an .xlsx sheet (right to left, numbers as numbers).
 */
import ExcelJS from 'exceljs';
import type { DashboardTable, ResolvedFilters } from './dashboards.service.js';

const asciiDigits = (s: string) => s.replace(/[۰-۹]/g, (d) => String(d.charCodeAt(0) - 0x06f0)).replace(/[٠-٩]/g, (d) => String(d.charCodeAt(0) - 0x0660));

function csvCell(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return String(v);
  const s = asciiDigits(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function tableCsv(table: DashboardTable): Buffer {
  const lines = [table.columns.map((c) => csvCell(c.titleFa)).join(',')];
  for (const row of table.rows) lines.push(table.columns.map((c) => csvCell(row[c.key])).join(','));
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(lines.join('\r\n') + '\r\n', 'utf8')]);
}

const NUMBER_FORMAT: Record<string, string> = { count: '#,##0.##', rials: '#,##0', percent: '0.0', minutes: '#,##0.0', days: '0.0' };

export async function tableXlsx(table: DashboardTable): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Miz-e Khedmat';
  // Sheet names are at most 31 characters and the key is ASCII, so it always fits.
  const sheet = book.addWorksheet(table.key, { views: [{ rightToLeft: true, state: 'frozen', ySplit: 1 }] });
  sheet.columns = table.columns.map((c) => ({
    header: c.titleFa,
    key: c.key,
    width: c.kind === 'text' ? 32 : 18,
    style: NUMBER_FORMAT[c.kind] ? { numFmt: NUMBER_FORMAT[c.kind] } : {},
  }));
  sheet.getRow(1).font = { bold: true };
  for (const row of table.rows) sheet.addRow(Object.fromEntries(table.columns.map((c) => [c.key, row[c.key] ?? null])));
  return Buffer.from(await book.xlsx.writeBuffer());
}

export function exportFileName(table: string, f: ResolvedFilters, ext: string): string {
  return `miz-e-khedmat-${table.replace(/_/g, '-')}-${f.from}-${f.to}.${ext}`;
}

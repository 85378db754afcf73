/**
 * Pure pieces of the city's figures: Jalali months and their Gregorian day ranges, the fee split
 * between desk and municipality, and rounding. Dates are Tehran-local `YYYY-MM-DD`.
 */
import { parseDate } from '@internationalized/date';
import { digitsEnToFa } from '@persian-tools/persian-tools';
import { addDays, fromJalali, jalaliMonthDays, jalaliMonthOf, tehranDate, tehranMidnight, dayWeight, type Holidays } from '../../platform/calendar.js';

export const JALALI_MONTHS_FA = ['فروردین', 'اردیبهشت', 'خرداد', 'تیر', 'مرداد', 'شهریور', 'مهر', 'آبان', 'آذر', 'دی', 'بهمن', 'اسفند'] as const;

/** The longest range the figures answer for: a year and a bit, so a year against the same month before fits. */
export const MAX_RANGE_DAYS = 400;

/** Persian digits. Formatting each digit through Intl took a city year's figures about 12 ms a call. */
export const faDigits = (n: number | string) => digitsEnToFa(String(n));

/** The Jalali years the figures answer for: the calendar conversion and the labels cover these. */
export const FIRST_YEAR = 1300;
export const LAST_YEAR = 1500;

/** Parses '1405-09'; null when it is not a Jalali month. */
export function parseJalaliMonth(month: string): { year: number; month: number } | null {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  if (!m) return null;
  const year = Number(m[1]);
  const mm = Number(m[2]);
  if (mm < 1 || mm > 12 || year < FIRST_YEAR || year > LAST_YEAR) return null;
  return { year, month: mm };
}

/** First and last Tehran dates of a Jalali month: '1405-09' -> 2026-11-22 .. 2026-12-21. */
export function monthRange(month: string): { from: string; to: string } {
  const p = parseJalaliMonth(month);
  if (!p) throw new RangeError(`Not a Jalali month: ${month}`);
  return jalaliMonthDays(month);
}

/** The Jalali month the instant falls in (Tehran time), as a date range. */
export function currentMonthRange(now: Date): { from: string; to: string } {
  return monthRange(jalaliMonthOf(tehranDate(now)));
}

/** The first and last Tehran dates the figures answer for (1300/01/01 .. 1500/12/end). */
export const FIRST_DATE = fromJalali(FIRST_YEAR, 1, 1);
export const LAST_DATE = addDays(fromJalali(LAST_YEAR + 1, 1, 1), -1);

/** «آذر ۱۴۰۵» */
export function monthLabelFa(month: string): string {
  const p = parseJalaliMonth(month);
  if (!p) throw new RangeError(`Not a Jalali month: ${month}`);
  return `${JALALI_MONTHS_FA[p.month - 1]} ${faDigits(p.year)}`;
}

/**
 * A range of Tehran dates in the two parts the rollups are read in (decision 0045): the Jalali
 * months wholly inside it that `atMonthLevel` accepts, and the date ranges left over (the edges,
 * and the months not accepted), in order.
 */
export function splitRange(from: string, to: string, atMonthLevel: (month: string) => boolean): { months: string[]; days: { from: string; to: string }[] } {
  const months: string[] = [];
  const days: { from: string; to: string }[] = [];
  let rest = from; // the first date not yet placed
  for (let m = jalaliMonthOf(from); rest <= to; ) {
    const span = jalaliMonthDays(m);
    if (span.from >= from && span.to <= to && atMonthLevel(m)) {
      if (rest < span.from) days.push({ from: rest, to: addDays(span.from, -1) });
      months.push(m);
      rest = addDays(span.to, 1);
    }
    if (span.to >= to) break;
    m = jalaliMonthOf(addDays(span.to, 1));
  }
  if (rest <= to) days.push({ from: rest, to });
  return { months, days };
}

/** Calendar days from `from` to `to`, both counted. */
export function daysInRange(from: string, to: string): number {
  const a = parseDate(from).toDate('UTC').getTime();
  const b = parseDate(to).toDate('UTC').getTime();
  return Math.round((b - a) / 86_400_000) + 1;
}

/** Working days in a range (Thursday counts half; Friday and holidays nothing). */
export function workingDaysInRange(from: string, to: string, holidays: Holidays): number {
  let total = 0;
  for (let d = from; d <= to; d = addDays(d, 1)) total += dayWeight(d, holidays);
  return total;
}

/** 00:00 Tehran of a date, as a UTC ISO instant: the lower bound for timestamps on or after that day. */
export function tehranDayStart(isoDate: string): string {
  return tehranMidnight(isoDate).toISOString();
}

/**
 * The monthly split of fees paid at a desk: the desk keeps `officePercent`, the municipality the
 * rest. Whole rials; the desk's share is rounded down so the two always add up to the amount.
 */
export function feeSplit(paidRials: number, officePercent: number): { office: number; municipality: number } {
  const office = Math.floor((paidRials * officePercent) / 100);
  return { office, municipality: paidRials - office };
}

/** A share in percent to one decimal; null when there is nothing to divide by. */
export function percent(part: number, whole: number): number | null {
  return whole > 0 ? round1((part * 100) / whole) : null;
}

export const round1 = (n: number) => Math.round(n * 10) / 10;

export const minutesToDays = (minutes: number | null) => (minutes === null ? null : round1(minutes / 1440));

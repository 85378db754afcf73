/**
 * Numbers, money and dates as a Persian reader expects them: Persian digits, Persian thousands
 * separators, the Solar Hijri (Jalali) calendar on Tehran time. Pure functions over Intl, so the
 * unit tests in Node and the browser agree on every character.
 */
import { fa } from './fa';

const PERSIAN_DIGITS = '۰۱۲۳۴۵۶۷۸۹';
const numberFormat = new Intl.NumberFormat('fa-IR');

/** ASCII digits inside a string (a tracking code, a phone number) written with Persian digits. */
export function faDigits(value: string | number): string {
  return String(value).replace(/[0-9]/g, (d) => PERSIAN_DIGITS[Number(d)]!);
}

/** Persian (۰-۹) and Arabic-Indic (٠-٩) digits to ASCII: what a citizen types, as the API expects it. */
export function toAsciiDigits(value: string): string {
  return value.replace(/[۰-۹]/g, (d) => String(d.charCodeAt(0) - 0x06f0)).replace(/[٠-٩]/g, (d) => String(d.charCodeAt(0) - 0x0660));
}

/** A quantity with Persian digits and thousands separators: 1234567 → ۱٬۲۳۴٬۵۶۷. */
export function formatNumber(value: number): string {
  return numberFormat.format(value);
}

/** An amount in rials (the unit the API stores fees in): 1250000 → ۱٬۲۵۰٬۰۰۰ ریال. */
export function formatMoney(rials: number): string {
  return `${formatNumber(rials)} ${fa.units.rial}`;
}

const TEHRAN = 'Asia/Tehran';
const dateFormat = new Intl.DateTimeFormat('fa-IR-u-ca-persian', { timeZone: TEHRAN, year: 'numeric', month: 'long', day: 'numeric' });
// A calendar date has no time of day: read it at UTC noon and format in UTC, so no zone shifts the day.
const calendarDateFormat = new Intl.DateTimeFormat('fa-IR-u-ca-persian', { timeZone: 'UTC', year: 'numeric', month: 'long', day: 'numeric' });
const dateTimeFormat = new Intl.DateTimeFormat('fa-IR-u-ca-persian', {
  timeZone: TEHRAN, year: 'numeric', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit',
});

const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A Jalali date: an API timestamp (`2026-03-21T08:00:00Z`) is read on Tehran time, a calendar
 * date (`2026-03-21`, the API's `IsoDate`) as that very day. 2026-03-21 → ۱ فروردین ۱۴۰۵.
 */
export function formatJalaliDate(value: string | Date): string {
  if (typeof value === 'string' && CALENDAR_DATE.test(value)) return calendarDateFormat.format(new Date(`${value}T12:00:00Z`));
  return dateFormat.format(typeof value === 'string' ? new Date(value) : value);
}

/** A Jalali date with the Tehran time of day: ۸ آذر ۱۴۰۵ ساعت ۰۹:۰۰. */
export function formatJalaliDateTime(value: string | Date): string {
  return dateTimeFormat.format(typeof value === 'string' ? new Date(value) : value);
}

const monthName = new Intl.DateTimeFormat('fa-IR-u-ca-persian', { timeZone: 'UTC', month: 'long' });

/** A Jalali month's heading, month then year as it is said: فروردین ۱۴۰۵. `firstDay` is its 1st as `YYYY-MM-DD`. */
export function formatJalaliMonth(firstDay: string, year: number): string {
  return `${monthName.format(new Date(`${firstDay}T12:00:00Z`))} ${faDigits(year)}`;
}

const weekdayFormats = {
  narrow: new Intl.DateTimeFormat('fa-IR', { timeZone: 'UTC', weekday: 'narrow' }),
  long: new Intl.DateTimeFormat('fa-IR', { timeZone: 'UTC', weekday: 'long' }),
};

/** The Iranian week, Saturday to Friday: ش ی د س چ پ ج (or شنبه … جمعه). */
export function persianWeekdays(width: 'narrow' | 'long'): string[] {
  // 2026-03-21 was a Saturday.
  return Array.from({ length: 7 }, (_, i) => weekdayFormats[width].format(new Date(Date.UTC(2026, 2, 21 + i, 12))));
}

/** How each character of a machine code is said on the phone (Crockford base 32: no I, L, O, U). */
const SPOKEN: Record<string, string> = {
  0: 'صفر', 1: 'یک', 2: 'دو', 3: 'سه', 4: 'چهار', 5: 'پنج', 6: 'شش', 7: 'هفت', 8: 'هشت', 9: 'نه',
  A: 'اِی', B: 'بی', C: 'سی', D: 'دی', E: 'ای', F: 'اِف', G: 'جی', H: 'اِچ', J: 'جِی', K: 'کِی', M: 'اِم', N: 'اِن',
  P: 'پی', Q: 'کیو', R: 'آر', S: 'اِس', T: 'تی', V: 'وی', W: 'دبلیو', X: 'اِکس', Y: 'وای', Z: 'زِد',
};

/** A letter serial in groups of four, as printed on the letter: 8DV7KPG1RKGZ → 8DV7-KPG1-RKGZ. */
export function groupCode(code: string): string {
  return code.replace(/-/g, '').match(/.{1,4}/g)?.join('-') ?? '';
}

/**
 * A Latin machine code spelled out in Persian, group by group, for reading it aloud:
 * 8DV7-KPG1 → «هشت دی وی هفت ـ کِی پی جی یک».
 */
export function spellCode(code: string): string {
  return groupCode(code.toUpperCase())
    .split('-')
    .map((group) => [...group].map((c) => SPOKEN[c] ?? c).join(' '))
    .join(' ـ ');
}

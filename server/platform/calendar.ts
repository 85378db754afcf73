/**
 * Iranian working calendar (تقویم کاری) as pure functions.
 *
 * All dates handled as strings are Tehran-local Gregorian dates `YYYY-MM-DD`.
 * Zone conversions go through @internationalized/date (backed by the ICU tz
 * database) rather than a fixed +03:30, so historical instants from the DST
 * era (before 2022) still land on the right Tehran day.
 */
import {
  CalendarDate,
  CalendarDateTime,
  GregorianCalendar,
  PersianCalendar,
  fromDate,
  parseDate,
  toCalendar,
  toCalendarDate,
  toZoned,
} from '@internationalized/date';

export type Holidays = ReadonlySet<string>;

export const TEHRAN_TZ = 'Asia/Tehran';

/** Longest walk we allow; ten years of calendar days is far beyond any SLA. */
const MAX_WALK_DAYS = 3660;

const persian = new PersianCalendar();
const gregorian = new GregorianCalendar();

/** Parses a strict `YYYY-MM-DD`; parseDate rejects impossible dates such as 2026-02-30. */
function parseIso(isoDate: string): CalendarDate {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(isoDate)) {
    throw new RangeError(`Invalid ISO date: ${isoDate}`);
  }
  return parseDate(isoDate);
}

function assertValidInstant(instant: Date, name: string): void {
  if (!(instant instanceof Date) || Number.isNaN(instant.getTime())) {
    throw new RangeError(`${name} must be a valid Date`);
  }
}

/**
 * Zone conversions cost microseconds each and the SLA clocks, the rollup rebuild and the history
 * generator make millions of them, over few distinct days: they are remembered. Tehran's offsets
 * (+03:30, +04:30 in the DST era) are whole half-hours, so no half-hour of UTC holds a Tehran
 * midnight inside it and one answer serves the whole half-hour. Bounded: cleared when full.
 */
const HALF_HOUR = 1_800_000;
const CACHE_LIMIT = 200_000;
const dateOfHalfHour = new Map<number, CalendarDate>();
const startOfDay = new Map<number, number>();
const endOfDay = new Map<number, number>();

function remember<V>(cache: Map<number, V>, key: number, make: () => V): V {
  let v = cache.get(key);
  if (v === undefined) {
    if (cache.size >= CACHE_LIMIT) cache.clear();
    v = make();
    cache.set(key, v);
  }
  return v;
}

function tehranCalendarDate(instant: Date): CalendarDate {
  assertValidInstant(instant, 'instant');
  return remember(dateOfHalfHour, Math.floor(instant.getTime() / HALF_HOUR), () => toCalendarDate(fromDate(instant, TEHRAN_TZ)));
}

/** 23:59:59.999 Tehran wall-clock time of the given day, as a UTC instant. */
function endOfTehranDay(date: CalendarDate): Date {
  const ms = remember(endOfDay, date.year * 10_000 + date.month * 100 + date.day, () =>
    toZoned(new CalendarDateTime(date.year, date.month, date.day, 23, 59, 59, 999), TEHRAN_TZ).toDate().getTime(),
  );
  return new Date(ms);
}

/** Tehran-local ISO date (YYYY-MM-DD) of an instant. */
export function tehranDate(instant: Date): string {
  return tehranCalendarDate(instant).toString();
}

function weightOf(date: CalendarDate, holidays: Holidays): 0 | 0.5 | 1 {
  if (holidays.has(date.toString())) return 0;
  // Weekday of a civil date is zone-independent, so computing it in UTC is safe.
  const weekday = date.toDate('UTC').getUTCDay(); // 0 = Sunday ... 6 = Saturday
  if (weekday === 5) return 0; // Friday
  if (weekday === 4) return 0.5; // Thursday
  return 1;
}

/** Working weight of a Tehran-local date: 1, 0.5 (Thursday) or 0 (Friday / holiday). */
export function dayWeight(isoDate: string, holidays: Holidays): 0 | 0.5 | 1 {
  return weightOf(parseIso(isoDate), holidays);
}

/**
 * SLA due instant: counting starts the Tehran day AFTER `start`; days are walked
 * adding their weight until the running total >= `days`; the due instant is the
 * end of that Tehran day (23:59:59.999 Tehran). days=0 -> end of start's own day.
 */
export function addWorkingDays(start: Date, days: number, holidays: Holidays): Date {
  if (!Number.isFinite(days) || days < 0) {
    throw new RangeError(`days must be a finite non-negative number, got ${days}`);
  }
  let day = tehranCalendarDate(start);
  if (days === 0) return endOfTehranDay(day);

  let total = 0;
  for (let i = 0; i < MAX_WALK_DAYS; i++) {
    day = day.add({ days: 1 });
    total += weightOf(day, holidays);
    if (total >= days) return endOfTehranDay(day);
  }
  throw new RangeError(`No due date within ${MAX_WALK_DAYS} days (days=${days})`);
}

/**
 * `addWorkingDays` as an ISO string, remembered by the Tehran day of `from` and the count (it depends
 * on nothing else), for work that asks it again and again of one set of holidays that does not change
 * while it runs: the rollup rebuild, the history generator.
 */
export function rememberedDueDates(holidays: Holidays): (from: Date, days: number) => string {
  const due = new Map<string, string>();
  return (from, days) => {
    const key = `${tehranDate(from)}|${days}`;
    let at = due.get(key);
    if (at === undefined) due.set(key, (at = addWorkingDays(from, days, holidays).toISOString()));
    return at;
  };
}

/**
 * Working days elapsed between two instants: whole Tehran days strictly after
 * the day of `from` up to and including the day of `to` (0 if to <= from).
 */
export function workingDaysBetween(from: Date, to: Date, holidays: Holidays): number {
  assertValidInstant(from, 'from');
  assertValidInstant(to, 'to');
  if (to.getTime() <= from.getTime()) return 0;

  const last = tehranCalendarDate(to);
  let day = tehranCalendarDate(from).add({ days: 1 });
  let total = 0;
  while (day.compare(last) <= 0) {
    total += weightOf(day, holidays);
    day = day.add({ days: 1 });
  }
  return total;
}

/** The n-th working day (full or half) after the day of `from`, as a Tehran ISO date. */
export function nthWorkingDay(from: Date, n: number, holidays: Holidays): string {
  if (!Number.isInteger(n) || n < 1) {
    throw new RangeError(`n must be a positive integer, got ${n}`);
  }
  let day = tehranCalendarDate(from);
  let seen = 0;
  for (let i = 0; i < MAX_WALK_DAYS; i++) {
    day = day.add({ days: 1 });
    if (weightOf(day, holidays) > 0 && ++seen === n) return day.toString();
  }
  throw new RangeError(`No ${n}-th working day within ${MAX_WALK_DAYS} days`);
}

/** Jalali (Solar Hijri) parts of a Tehran-local ISO date, e.g. '2026-03-21' -> 1405/1/1. */
export function toJalali(isoDate: string): { year: number; month: number; day: number } {
  const { year, month, day } = toCalendar(parseIso(isoDate), persian);
  return { year, month, day };
}

/** The Jalali month of a Tehran-local ISO date, as '1405-09' (the key of the month-level rollups and figures). */
export function jalaliMonthOf(isoDate: string): string {
  const j = toJalali(isoDate);
  return `${j.year}-${String(j.month).padStart(2, '0')}`;
}

/** The first and last Tehran-local dates of a Jalali month given as '1405-09': 2026-11-22 .. 2026-12-21. */
export function jalaliMonthDays(month: string): { from: string; to: string } {
  const [year, mm] = month.split('-').map(Number) as [number, number];
  const next = mm === 12 ? fromJalali(year + 1, 1, 1) : fromJalali(year, mm + 1, 1);
  return { from: fromJalali(year, mm, 1), to: addDays(next, -1) };
}

/** An ISO date moved by whole days. */
export function addDays(isoDate: string, days: number): string {
  return parseIso(isoDate).add({ days }).toString();
}

/** Tehran-local ISO Gregorian date of a Jalali date. */
export function fromJalali(year: number, month: number, day: number): string {
  if (![year, month, day].every(Number.isInteger)) {
    throw new RangeError(`Invalid Jalali date: ${year}/${month}/${day}`);
  }
  // CalendarDate silently clamps out-of-range fields (e.g. Esfand 30 in a
  // common year becomes Esfand 29), so reject anything that was clamped.
  const jalali = new CalendarDate(persian, year, month, day);
  if (jalali.year !== year || jalali.month !== month || jalali.day !== day) {
    throw new RangeError(`Invalid Jalali date: ${year}/${month}/${day}`);
  }
  return toCalendar(jalali, gregorian).toString();
}

/** 00:00 Tehran wall-clock time of the given day, as a UTC instant. */
function startOfTehranDay(date: CalendarDate): Date {
  const ms = remember(startOfDay, date.year * 10_000 + date.month * 100 + date.day, () =>
    toZoned(new CalendarDateTime(date.year, date.month, date.day, 0, 0, 0, 0), TEHRAN_TZ).toDate().getTime(),
  );
  return new Date(ms);
}

/** Start (00:00 Tehran wall-clock time) of a Tehran-local ISO date, as a UTC instant. */
export function tehranMidnight(isoDate: string): Date {
  return startOfTehranDay(parseIso(isoDate));
}

/*
 * Working time (زمان کاری) at minute precision, for pausing SLA clocks. The model matches
 * addWorkingDays: a Tehran day is worth its weight in working days, spread evenly over its
 * 24 hours, so an hour of a Saturday counts one hour, an hour of a Thursday half an hour, and an
 * hour of a Friday or an official holiday nothing. A day's worth (1440 working minutes) added to
 * the end of a working day's due time lands on the end of the next working day.
 */

/** Working minutes between two instants (0 if to <= from); fractional. */
export function workingMinutesBetween(from: Date, to: Date, holidays: Holidays): number {
  assertValidInstant(from, 'from');
  assertValidInstant(to, 'to');
  if (to.getTime() <= from.getTime()) return 0;
  let day = tehranCalendarDate(from);
  let total = 0;
  for (let i = 0; i < MAX_WALK_DAYS; i++) {
    const next = day.add({ days: 1 });
    const dayStart = startOfTehranDay(day).getTime();
    const dayEnd = startOfTehranDay(next).getTime();
    const overlap = Math.min(to.getTime(), dayEnd) - Math.max(from.getTime(), dayStart);
    if (overlap > 0) total += (overlap / 60_000) * weightOf(day, holidays);
    if (dayEnd >= to.getTime()) return total;
    day = next;
  }
  throw new RangeError(`Span longer than ${MAX_WALK_DAYS} days`);
}

/** The instant `minutes` working minutes after `start` (start itself for 0). */
export function addWorkingMinutes(start: Date, minutes: number, holidays: Holidays): Date {
  assertValidInstant(start, 'start');
  if (!Number.isFinite(minutes) || minutes < 0) {
    throw new RangeError(`minutes must be a finite non-negative number, got ${minutes}`);
  }
  let remaining = minutes * 60_000;
  if (remaining === 0) return new Date(start.getTime());
  let day = tehranCalendarDate(start);
  let cursor = start.getTime();
  for (let i = 0; i < MAX_WALK_DAYS; i++) {
    const next = day.add({ days: 1 });
    const dayEnd = startOfTehranDay(next).getTime();
    const weight = weightOf(day, holidays);
    const capacity = (dayEnd - cursor) * weight;
    if (weight > 0 && capacity >= remaining) return new Date(Math.round(cursor + remaining / weight));
    remaining -= capacity;
    cursor = dayEnd;
    day = next;
  }
  throw new RangeError(`No instant within ${MAX_WALK_DAYS} days (minutes=${minutes})`);
}

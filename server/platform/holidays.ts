/**
 * Iran's official public holidays (تعطیلات رسمی) for one Solar Hijri year.
 *
 * A year whose official calendar is published (holidays.official.ts) gets that list, as printed.
 * Any other year gets a provisional («موقت») list: the fixed solar holidays, which never move, and
 * the lunar ones placed on Hijri month starts taken from the official table where it reaches and
 * otherwise from the crescent-visibility model (crescent.ts). Every year therefore has holidays:
 * no year silently counts Nowruz as working days.
 */
import { addDays, fromJalali } from './calendar.js';
import { monthStartAfter, newMoonsBetween } from './crescent.js';
import { HOLIDAY_TITLES, OFFICIAL_LISTS, OFFICIAL_MONTH_STARTS, type HolidayKey } from './holidays.official.js';

export interface OfficialHoliday {
  /** YYYY-MM-DD Gregorian, Tehran-local. */
  date: string;
  titleFa: string;
  titleEn: string;
  kind: 'solar' | 'lunar';
}

/** official: the published list; provisional: computed, to be checked against the published one. */
export type HolidayListStatus = 'official' | 'provisional';

export interface YearHolidays {
  year: number;
  status: HolidayListStatus;
  source: string;
  holidays: OfficialHoliday[];
}

export const PROVISIONAL_SOURCE = 'محاسبه موقت: تعطیلات ثابت شمسی و رؤیت هلال (معیار یالوپ) برای ماه‌های قمری';

/** Fixed Jalali dates. The last day of Esfand is deliberately absent: only 29 Esfand is a holiday. */
const SOLAR_RULES: ReadonlyArray<readonly [month: number, day: number, key: HolidayKey]> = [
  [1, 1, 'nowruz'],
  [1, 2, 'nowruz'],
  [1, 3, 'nowruz'],
  [1, 4, 'nowruz'],
  [1, 12, 'republic'],
  [1, 13, 'nature'],
  [3, 14, 'khomeini'],
  [3, 15, 'khordad15'],
  [11, 22, 'revolution'],
  [12, 29, 'oil'],
];
const SOLAR_KEYS = new Set<HolidayKey>(SOLAR_RULES.map((r) => r[2]));

/** Hijri month/day; day 0 stands for "last day of the month" (29 or 30). */
const LUNAR_RULES: ReadonlyArray<readonly [month: number, day: number, key: HolidayKey]> = [
  [1, 9, 'tasua'],
  [1, 10, 'ashura'],
  [2, 20, 'arbaeen'],
  [2, 28, 'prophetDemise'],
  [2, 0, 'reza'],
  [3, 8, 'askari'],
  [3, 17, 'mawlid'],
  [6, 3, 'fatima'],
  [7, 13, 'aliBirth'],
  [7, 27, 'mabath'],
  [8, 15, 'mahdi'],
  [9, 21, 'aliMartyrdom'],
  [10, 1, 'fitr'],
  [10, 2, 'fitr2'],
  [10, 25, 'sadiq'],
  [12, 10, 'adha'],
  [12, 18, 'ghadir'],
];

const byDate = (a: { date: string }, b: { date: string }) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0);

/** Merges occasions falling on one day into one holiday; solar wins the kind (it is the fixed one). */
function assemble(entries: Array<{ date: string; key: HolidayKey }>): OfficialHoliday[] {
  const days = new Map<string, OfficialHoliday>();
  for (const { date, key } of entries) {
    const title = HOLIDAY_TITLES[key];
    const kind = SOLAR_KEYS.has(key) ? 'solar' : 'lunar';
    const existing = days.get(date);
    if (!existing) {
      days.set(date, { date, titleFa: title.fa, titleEn: title.en, kind });
    } else if (!existing.titleEn.split(' / ').includes(title.en)) {
      existing.titleFa += ' / ' + title.fa;
      existing.titleEn += ' / ' + title.en;
      if (kind === 'solar') existing.kind = 'solar';
    }
  }
  return [...days.values()].sort(byDate);
}

// ---------------------------------------------------------------- Hijri month starts

export interface HijriMonthStart {
  year: number;
  month: number;
  /** Tehran-local Gregorian date of day 1. */
  start: string;
  /** official: from the published calendar; computed: from the crescent model. */
  basis: 'official' | 'computed';
}

let labeller: Intl.DateTimeFormat | undefined;

/** The Hijri year and month a date falls in, by ICU's Umm al-Qura; used mid-month only, where a day's difference cannot change the month. */
function hijriLabel(isoDate: string): { year: number; month: number } {
  labeller ??= new Intl.DateTimeFormat('en-u-ca-islamic-umalqura-nu-latn', { timeZone: 'UTC', year: 'numeric', month: 'numeric' });
  const parts = labeller.formatToParts(new Date(`${isoDate}T00:00:00Z`));
  const num = (type: string) => Number.parseInt(parts.find((p) => p.type === type)?.value ?? '', 10);
  return { year: num('year'), month: num('month') };
}

const modelStarts = new Map<string, string>();

/** The crescent model's start of the month following this new moon (memoised: the astronomy is the slow part). */
export function modelMonthStart(newMoon: Date): string {
  const key = newMoon.toISOString();
  let start = modelStarts.get(key);
  if (!start) modelStarts.set(key, (start = monthStartAfter(newMoon)));
  return start;
}

/** Hijri months beginning in [fromIso, toIso): the official start when published, else the model's. */
export function hijriMonthStarts(fromIso: string, toIso: string): HijriMonthStart[] {
  const out: HijriMonthStart[] = [];
  // A month may begin up to three days after its new moon.
  for (const newMoon of newMoonsBetween(addDays(fromIso, -4), toIso)) {
    const computed = modelMonthStart(newMoon);
    const { year, month } = hijriLabel(addDays(computed, 14));
    const official = OFFICIAL_MONTH_STARTS[`${year}-${String(month).padStart(2, '0')}`];
    const start = official ?? computed;
    if (start >= fromIso && start < toIso) out.push({ year, month, start, basis: official ? 'official' : 'computed' });
  }
  return out;
}

// ---------------------------------------------------------------- holidays of a year

function solarEntries(year: number) {
  return SOLAR_RULES.map(([month, day, key]) => ({ date: fromJalali(year, month, day), key }));
}

/**
 * The provisional list of a year: fixed solar days plus the lunar rules on the Hijri month starts
 * (official where published, else computed). Also the cross-check of the official lists.
 */
export function provisionalHolidays(year: number): OfficialHoliday[] {
  const first = fromJalali(year, 1, 1);
  const end = fromJalali(year + 1, 1, 1);
  // Months beginning up to a month before the year can hold holidays inside it; one after tells the last month's length.
  const months = hijriMonthStarts(addDays(first, -31), addDays(end, 31));
  const entries = solarEntries(year);
  months.forEach((m, i) => {
    const next = months[i + 1];
    for (const [month, day, key] of LUNAR_RULES) {
      if (month !== m.month) continue;
      if (day === 0 && !next) continue;
      const date = day === 0 ? addDays(next!.start, -1) : addDays(m.start, day - 1);
      if (date >= first && date < end) entries.push({ date, key });
    }
  });
  return assemble(entries);
}

const years = new Map<number, YearHolidays>();

/** A year's holidays: the official list when it is published, else the provisional one. Memoised. */
export function holidaysOfYear(year: number): YearHolidays {
  let found = years.get(year);
  if (found) return found;
  const official = OFFICIAL_LISTS[year];
  found = official
    ? {
        year,
        status: 'official',
        source: official.source,
        holidays: assemble(official.days.flatMap(([month, day, ...keys]) => keys.map((key) => ({ date: fromJalali(year, month, day), key })))),
      }
    : { year, status: 'provisional', source: PROVISIONAL_SOURCE, holidays: provisionalHolidays(year) };
  years.set(year, found);
  return found;
}

/** Iran's official public holidays falling within the given Solar Hijri year, sorted by date (provisional when unpublished). */
export function officialHolidays(solarYear: number): OfficialHoliday[] {
  return holidaysOfYear(solarYear).holidays.map((h) => ({ ...h }));
}

/** Years whose official list ships with this release. */
export function publishedYears(): number[] {
  return Object.keys(OFFICIAL_LISTS).map(Number).sort();
}

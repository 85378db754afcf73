/**
 * Jalali (Solar Hijri) calendar arithmetic for the date picker, taken from Intl's persian
 * calendar: the same ICU data that formats every date on screen, so the picker and the text can
 * never disagree by a day. (jalaliday, the dayjs plugin, was one day off from 1 January to
 * 29 February of Gregorian leap years; docs/decisions/0005-web-stack.md.)
 *
 * Calendar dates travel as the API's `YYYY-MM-DD` Gregorian strings.
 */
const DAY_MS = 86_400_000;
const parts = new Intl.DateTimeFormat('en-u-ca-persian-nu-latn', { timeZone: 'UTC', year: 'numeric', month: 'numeric', day: 'numeric' });

export interface JalaliDay {
  year: number;
  /** 1 = Farvardin … 12 = Esfand */
  month: number;
  day: number;
}

/** Noon, so no zone or leap second can move the day. */
const noonOf = (iso: string) => Date.parse(`${iso}T12:00:00Z`);
const isoOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export function toJalali(iso: string): JalaliDay {
  const p = Object.fromEntries(parts.formatToParts(noonOf(iso)).map((x) => [x.type, Number(x.value)]));
  return { year: p.year!, month: p.month!, day: p.day! };
}

const nowruzCache = new Map<number, number>();

/** 1 Farvardin of a Jalali year falls on 19 to 22 March of the Gregorian year 621 later. */
function nowruz(year: number): number {
  const cached = nowruzCache.get(year);
  if (cached !== undefined) return cached;
  for (let march = 19; march <= 22; march++) {
    const ms = Date.UTC(year + 621, 2, march, 12);
    const j = toJalali(isoOf(ms));
    if (j.year === year && j.month === 1 && j.day === 1) {
      nowruzCache.set(year, ms);
      return ms;
    }
  }
  throw new Error(`no Nowruz found for ${year}`);
}

/** Months 1-6 have 31 days, 7-11 have 30, Esfand 29 or (in a leap year) 30. */
export function daysInJalaliMonth(year: number, month: number): number {
  if (month <= 6) return 31;
  if (month <= 11) return 30;
  return (nowruz(year + 1) - nowruz(year)) / DAY_MS - 336;
}

export function fromJalali({ year, month, day }: JalaliDay): string {
  const dayOfYear = (month <= 7 ? (month - 1) * 31 : 186 + (month - 7) * 30) + day - 1;
  return isoOf(nowruz(year) + dayOfYear * DAY_MS);
}

/** The month before or after, across the year's end. */
export function shiftJalaliMonth(year: number, month: number, by: number): { year: number; month: number } {
  const index = year * 12 + (month - 1) + by;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

/**
 * A month as the picker draws it: weeks from Saturday (the Iranian week) to Friday, each cell a
 * calendar date or null before the 1st and after the last day.
 */
export function jalaliMonthGrid(year: number, month: number): (string | null)[][] {
  const first = fromJalali({ year, month, day: 1 });
  // getUTCDay: 0 = Sunday … 6 = Saturday; the Iranian week starts on Saturday.
  const lead = (new Date(noonOf(first)).getUTCDay() + 1) % 7;
  const cells: (string | null)[] = Array.from({ length: lead }, () => null);
  const days = daysInJalaliMonth(year, month);
  for (let d = 0; d < days; d++) cells.push(isoOf(noonOf(first) + d * DAY_MS));
  while (cells.length % 7 !== 0) cells.push(null);
  return Array.from({ length: cells.length / 7 }, (_, w) => cells.slice(w * 7, w * 7 + 7));
}

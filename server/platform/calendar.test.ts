import { describe, it, expect } from 'vitest';
import {
  addWorkingDays,
  addWorkingMinutes,
  dayWeight,
  fromJalali,
  nthWorkingDay,
  rememberedDueDates,
  tehranDate,
  toJalali,
  workingDaysBetween,
  workingMinutesBetween,
  type Holidays,
} from './calendar.js';

// Reference week (Tehran dates, checked against Intl):
//   2026-11-25 Wed, 26 Thu, 27 Fri, 28 Sat, 29 Sun, 30 Mon, 12-01 Tue, 12-02 Wed, ... 12-05 Sat
// Since 2022 Tehran is UTC+03:30 all year, so 10:00 Tehran = 06:30Z and
// 23:59:59.999 Tehran = 20:29:59.999Z.
const WED_10AM = new Date('2026-11-25T06:30:00Z'); // Wed 2026-11-25 10:00 Tehran
const NONE: Holidays = new Set<string>();

/** Every date from 2026-03-20 (29 Esfand 1404, Fri) through 2026-03-24 (4 Farvardin 1405). */
const NOWRUZ_1405: Holidays = new Set([
  '2026-03-20',
  '2026-03-21',
  '2026-03-22',
  '2026-03-23',
  '2026-03-24',
]);

describe('tehranDate', () => {
  it('uses the Tehran day, not the UTC day', () => {
    expect(tehranDate(new Date('2026-11-25T20:29:59.999Z'))).toBe('2026-11-25'); // 23:59:59.999 Tehran
    expect(tehranDate(new Date('2026-11-25T20:30:00Z'))).toBe('2026-11-26'); // 00:00 Tehran next day
    expect(tehranDate(new Date('2026-11-25T22:00:00Z'))).toBe('2026-11-26');
  });

  it('honours historical Iranian DST (UTC+04:30 in summer 2021)', () => {
    // 19:45Z is 00:15 on 2 June under +04:30; a hard-coded +03:30 would say 23:15 on 1 June.
    expect(tehranDate(new Date('2021-06-01T19:45:00Z'))).toBe('2021-06-02');
    // In winter 2021 there was no DST: 19:45Z = 23:15 Tehran, same day.
    expect(tehranDate(new Date('2021-01-01T19:45:00Z'))).toBe('2021-01-01');
  });

  it('rejects an invalid Date', () => {
    expect(() => tehranDate(new Date('nope'))).toThrow(RangeError);
  });
});

describe('dayWeight', () => {
  it('weights Saturday..Wednesday as full days', () => {
    expect(dayWeight('2026-11-28', NONE)).toBe(1); // Sat
    expect(dayWeight('2026-11-29', NONE)).toBe(1); // Sun
    expect(dayWeight('2026-11-25', NONE)).toBe(1); // Wed
  });

  it('weights Thursday as a half day and Friday as off', () => {
    expect(dayWeight('2026-11-26', NONE)).toBe(0.5); // Thu
    expect(dayWeight('2026-11-27', NONE)).toBe(0); // Fri
  });

  it('weights an official holiday as off, even on a Thursday', () => {
    expect(dayWeight('2026-03-21', NOWRUZ_1405)).toBe(0); // Sat, 1 Farvardin 1405
    expect(dayWeight('2026-03-21', NONE)).toBe(1);
    const bahman22 = new Set(['2027-02-11']); // 22 Bahman 1405, a Thursday
    expect(dayWeight('2027-02-11', NONE)).toBe(0.5);
    expect(dayWeight('2027-02-11', bahman22)).toBe(0);
  });

  it('rejects malformed or impossible dates', () => {
    expect(() => dayWeight('2026-2-3', NONE)).toThrow(RangeError);
    expect(() => dayWeight('2026-02-30', NONE)).toThrow(RangeError);
  });
});

describe('addWorkingDays', () => {
  it('crosses a Thursday half day and a Friday', () => {
    // From Wed 25 Nov: Thu 0.5, Fri 0 (0.5), Sat 1 (1.5), Sun 1 (2.5 >= 2) -> end of Sun 29 Nov.
    expect(addWorkingDays(WED_10AM, 2, NONE).toISOString()).toBe('2026-11-29T20:29:59.999Z');
  });

  it('returns 23:59:59.999 Tehran of the due day', () => {
    const due = addWorkingDays(WED_10AM, 2, NONE);
    expect(tehranDate(due)).toBe('2026-11-29');
    expect(tehranDate(new Date(due.getTime() + 1))).toBe('2026-11-30');
  });

  it('skips an official holiday', () => {
    // Sat 28 Nov is made a holiday: Thu 0.5, Fri 0, Sat 0, Sun 1 (1.5), Mon 1 (2.5 >= 2) -> Mon 30 Nov.
    const satOff = new Set(['2026-11-28']);
    expect(addWorkingDays(WED_10AM, 2, satOff).toISOString()).toBe('2026-11-30T20:29:59.999Z');
  });

  it('a holiday on a Thursday removes the half day', () => {
    const start = new Date('2027-02-10T06:30:00Z'); // Wed 2027-02-10 10:00 Tehran
    const bahman22 = new Set(['2027-02-11']); // Thu
    // Without the holiday: Thu 0.5 >= 0.5 -> Thu 11 Feb.
    expect(addWorkingDays(start, 0.5, NONE).toISOString()).toBe('2027-02-11T20:29:59.999Z');
    // With it: Thu 0, Fri 0, Sat 1 >= 0.5 -> Sat 13 Feb.
    expect(addWorkingDays(start, 0.5, bahman22).toISOString()).toBe('2027-02-13T20:29:59.999Z');
    // 1.5 days with it: Thu 0, Fri 0, Sat 1, Sun 2 -> Sun 14 Feb (without it Sat would already reach 1.5).
    expect(addWorkingDays(start, 1.5, bahman22).toISOString()).toBe('2027-02-14T20:29:59.999Z');
    expect(addWorkingDays(start, 1.5, NONE).toISOString()).toBe('2027-02-13T20:29:59.999Z');
  });

  it('crosses the Nowruz holidays', () => {
    const start = new Date('2026-03-19T11:30:00Z'); // Thu 2026-03-19 15:00 Tehran
    // Fri 20..Tue 24 all off, Wed 25 (1), Thu 26 (1.5), Fri 27 (1.5), Sat 28 (2.5 >= 2) -> Sat 28 Mar.
    expect(addWorkingDays(start, 2, NOWRUZ_1405).toISOString()).toBe('2026-03-28T20:29:59.999Z');
  });

  it('days = 0 is the end of the start day, even on a Friday', () => {
    expect(addWorkingDays(WED_10AM, 0, NONE).toISOString()).toBe('2026-11-25T20:29:59.999Z');
    const fri = new Date('2026-11-27T05:00:00Z'); // Fri 08:30 Tehran
    expect(addWorkingDays(fri, 0, NONE).toISOString()).toBe('2026-11-27T20:29:59.999Z');
  });

  it('counts from the Tehran day of start, not the UTC day', () => {
    // 2026-11-25T21:00Z is already Thu 26 Nov 00:30 in Tehran (still Wed in UTC).
    // Counting starts Fri: Fri 0, Sat 1 >= 0.5 -> Sat 28 Nov. Counting from the UTC day
    // (Wed) would wrongly stop at Thu.
    const lateNight = new Date('2026-11-25T21:00:00Z');
    expect(addWorkingDays(lateNight, 0.5, NONE).toISOString()).toBe('2026-11-28T20:29:59.999Z');
  });

  it('supports fractional days', () => {
    // 0.5 from Wed: Thu 0.5 -> Thu.
    expect(addWorkingDays(WED_10AM, 0.5, NONE).toISOString()).toBe('2026-11-26T20:29:59.999Z');
    // 1 from Wed: Thu 0.5, Fri 0.5, Sat 1.5 -> Sat.
    expect(addWorkingDays(WED_10AM, 1, NONE).toISOString()).toBe('2026-11-28T20:29:59.999Z');
    // 0.25 reaches the threshold on the first day with any weight.
    expect(addWorkingDays(WED_10AM, 0.25, NONE).toISOString()).toBe('2026-11-26T20:29:59.999Z');
  });

  it('handles a full working week', () => {
    const sat = new Date('2026-11-28T06:30:00Z'); // Sat 10:00 Tehran
    // Sun 1, Mon 2, Tue 3, Wed 4, Thu 4.5, Fri 4.5, Sat 5.5 >= 5 -> Sat 5 Dec.
    expect(addWorkingDays(sat, 5, NONE).toISOString()).toBe('2026-12-05T20:29:59.999Z');
    // 4.5: Thu reaches it exactly.
    expect(addWorkingDays(sat, 4.5, NONE).toISOString()).toBe('2026-12-03T20:29:59.999Z');
  });

  it('rejects negative and non-finite days', () => {
    expect(() => addWorkingDays(WED_10AM, -1, NONE)).toThrow(RangeError);
    expect(() => addWorkingDays(WED_10AM, -0.5, NONE)).toThrow(RangeError);
    expect(() => addWorkingDays(WED_10AM, Number.NaN, NONE)).toThrow(RangeError);
    expect(() => addWorkingDays(WED_10AM, Number.POSITIVE_INFINITY, NONE)).toThrow(RangeError);
  });

  it('gives up instead of looping forever when every day is a holiday', () => {
    const all = new Set<string>();
    for (let t = Date.UTC(2026, 10, 1), i = 0; i < 4000; i++, t += 86_400_000) {
      all.add(new Date(t).toISOString().slice(0, 10));
    }
    expect(() => addWorkingDays(WED_10AM, 1, all)).toThrow(RangeError);
    expect(() => nthWorkingDay(WED_10AM, 1, all)).toThrow(RangeError);
  });
});

describe('rememberedDueDates', () => {
  it('gives what addWorkingDays gives, by the Tehran day of the start, across Nowruz', () => {
    const due = rememberedDueDates(NOWRUZ_1405);
    for (const start of ['2026-03-17T05:00:00Z', '2026-03-19T20:00:00Z', '2026-03-19T20:40:00Z', '2026-03-25T06:30:00Z']) {
      for (const days of [0, 1, 2.5, 5]) expect(due(new Date(start), days), `${start} +${days}`).toBe(addWorkingDays(new Date(start), days, NOWRUZ_1405).toISOString());
    }
    // 20:00Z and 20:40Z on 19 March are two Tehran days (23:30 and 00:10): not one remembered answer.
    expect(due(new Date('2026-03-19T20:00:00Z'), 0)).toBe('2026-03-19T20:29:59.999Z');
    expect(due(new Date('2026-03-19T20:40:00Z'), 0)).toBe('2026-03-20T20:29:59.999Z');
  });
});

describe('workingDaysBetween', () => {
  it('counts days strictly after from, up to and including to', () => {
    const sun9am = new Date('2026-11-29T05:30:00Z'); // Sun 09:00 Tehran
    // Thu 0.5 + Fri 0 + Sat 1 + Sun 1 = 2.5
    expect(workingDaysBetween(WED_10AM, sun9am, NONE)).toBe(2.5);
    // Sat off: 0.5 + 0 + 0 + 1 = 1.5
    expect(workingDaysBetween(WED_10AM, sun9am, new Set(['2026-11-28']))).toBe(1.5);
  });

  it('is 0 within the same Tehran day and when to <= from', () => {
    const wedEvening = new Date('2026-11-25T16:00:00Z'); // Wed 19:30 Tehran
    expect(workingDaysBetween(WED_10AM, wedEvening, NONE)).toBe(0);
    expect(workingDaysBetween(WED_10AM, WED_10AM, NONE)).toBe(0);
    expect(workingDaysBetween(wedEvening, WED_10AM, NONE)).toBe(0);
  });

  it('counts a Thursday as half a day of lateness', () => {
    const thu8am = new Date('2026-11-26T04:30:00Z'); // Thu 08:00 Tehran
    expect(workingDaysBetween(WED_10AM, thu8am, NONE)).toBe(0.5);
  });

  it('agrees with addWorkingDays', () => {
    for (const days of [0.5, 1, 2, 3.5, 7, 20]) {
      const due = addWorkingDays(WED_10AM, days, NOWRUZ_1405);
      expect(workingDaysBetween(WED_10AM, due, NOWRUZ_1405)).toBeGreaterThanOrEqual(days);
      // One Tehran day earlier the total must still be short of `days`.
      const dayBefore = new Date(due.getTime() - 86_400_000);
      expect(workingDaysBetween(WED_10AM, dayBefore, NOWRUZ_1405)).toBeLessThan(days);
    }
  });
});

describe('nthWorkingDay', () => {
  it('counts full and half days after the day of from', () => {
    expect(nthWorkingDay(WED_10AM, 1, NONE)).toBe('2026-11-26'); // Thu (half day counts)
    expect(nthWorkingDay(WED_10AM, 2, NONE)).toBe('2026-11-28'); // Sat (Fri skipped)
    expect(nthWorkingDay(WED_10AM, 3, NONE)).toBe('2026-11-29'); // Sun
  });

  it('skips holidays', () => {
    const thuOff = new Set(['2026-11-26']);
    expect(nthWorkingDay(WED_10AM, 1, thuOff)).toBe('2026-11-28');
    expect(nthWorkingDay(WED_10AM, 3, thuOff)).toBe('2026-11-30');
  });

  it('finds the third working day across Nowruz', () => {
    const tue = new Date('2026-03-17T06:30:00Z'); // Tue 2026-03-17 10:00 Tehran
    // Wed 18 (1st), Thu 19 (2nd), Fri 20..Tue 24 off, Wed 25 (3rd)
    expect(nthWorkingDay(tue, 3, NOWRUZ_1405)).toBe('2026-03-25');
  });

  it('rejects n that is not a positive integer', () => {
    expect(() => nthWorkingDay(WED_10AM, 0, NONE)).toThrow(RangeError);
    expect(() => nthWorkingDay(WED_10AM, -2, NONE)).toThrow(RangeError);
    expect(() => nthWorkingDay(WED_10AM, 1.5, NONE)).toThrow(RangeError);
  });
});

describe('Jalali conversion', () => {
  it('knows Nowruz 1405 is 2026-03-21', () => {
    expect(toJalali('2026-03-21')).toEqual({ year: 1405, month: 1, day: 1 });
    expect(toJalali('2026-03-20')).toEqual({ year: 1404, month: 12, day: 29 });
    expect(fromJalali(1405, 1, 1)).toBe('2026-03-21');
  });

  it('converts known dates both ways', () => {
    const known: Array<[string, number, number, number]> = [
      ['2027-02-11', 1405, 11, 22], // 22 Bahman 1405
      ['2026-11-25', 1405, 9, 4],
      ['2024-03-20', 1403, 1, 1],
      ['2025-03-20', 1403, 12, 30], // 1403 is a leap year
      ['2025-03-21', 1404, 1, 1],
    ];
    for (const [iso, year, month, day] of known) {
      expect(toJalali(iso)).toEqual({ year, month, day });
      expect(fromJalali(year, month, day)).toBe(iso);
    }
  });

  it('rejects Esfand 30 in a common year instead of clamping it', () => {
    expect(() => fromJalali(1404, 12, 30)).toThrow(RangeError);
    expect(() => fromJalali(1405, 13, 1)).toThrow(RangeError);
    expect(() => fromJalali(1405, 1, 32)).toThrow(RangeError);
    expect(() => fromJalali(1405, 1, 1.5)).toThrow(RangeError);
  });

  it('matches Intl persian calendar and round-trips for every day 2020-2032', () => {
    const fmt = new Intl.DateTimeFormat('en-u-ca-persian-nu-latn', {
      timeZone: 'UTC',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
    });
    for (let t = Date.UTC(2020, 0, 1); t < Date.UTC(2033, 0, 1); t += 86_400_000) {
      const iso = new Date(t).toISOString().slice(0, 10);
      const parts = fmt.formatToParts(new Date(t));
      const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
      const j = toJalali(iso);
      expect(j).toEqual({ year: get('year'), month: get('month'), day: get('day') });
      expect(fromJalali(j.year, j.month, j.day)).toBe(iso);
    }
  });
});

describe('working minutes (SLA pause)', () => {
  // Tehran 00:00 = 20:30Z the day before; Tue 2026-12-22 is the Birth of Imam Ali (official holiday).
  const IMAM_ALI: Holidays = new Set(['2026-12-22']);

  it('counts a full day on Saturday..Wednesday, half a Thursday, nothing on a Friday', () => {
    // Wed 2026-11-25 10:00 -> Sat 2026-11-28 10:00 Tehran: 14 h Wed + 12 h of Thu (half) + 0 Fri + 10 h Sat.
    const mins = workingMinutesBetween(WED_10AM, new Date('2026-11-28T06:30:00Z'), NONE);
    expect(mins).toBe(14 * 60 + 12 * 60 + 10 * 60);
  });

  it('counts nothing on an official holiday and nothing for an empty span', () => {
    expect(workingMinutesBetween(new Date('2026-12-21T20:30:00Z'), new Date('2026-12-22T20:30:00Z'), IMAM_ALI)).toBe(0);
    expect(workingMinutesBetween(new Date('2026-12-21T20:30:00Z'), new Date('2026-12-22T20:30:00Z'), NONE)).toBe(1440);
    expect(workingMinutesBetween(WED_10AM, WED_10AM, NONE)).toBe(0);
  });

  it('adding a working day to a due time lands on the end of the next working day', () => {
    // From the instant after Wednesday's due time (Thu 00:00 Tehran).
    const afterWed = new Date(addWorkingDays(WED_10AM, 0, NONE).getTime() + 1);
    // Thursday is half a day: a full working day is Thursday, Friday (0) and half of Saturday.
    expect(addWorkingMinutes(afterWed, 720, NONE).toISOString()).toBe('2026-11-26T20:30:00.000Z'); // Thu 24:00
    expect(addWorkingMinutes(afterWed, 1440, NONE).toISOString()).toBe('2026-11-28T08:30:00.000Z'); // Sat 12:00 Tehran
    // From Tue 2026-12-22 00:00 (a holiday) one working day is all of Wednesday.
    expect(addWorkingMinutes(new Date('2026-12-21T20:30:00Z'), 1440, IMAM_ALI).toISOString()).toBe('2026-12-23T20:30:00.000Z');
  });

  it('is the inverse of workingMinutesBetween', () => {
    const start = new Date('2026-11-29T05:30:00Z');
    for (const m of [1, 90, 600, 1440, 3000, 7777]) {
      const end = addWorkingMinutes(start, m, IMAM_ALI);
      expect(workingMinutesBetween(start, end, IMAM_ALI)).toBeCloseTo(m, 6);
    }
    expect(addWorkingMinutes(start, 0, NONE).getTime()).toBe(start.getTime());
    expect(() => addWorkingMinutes(start, -1, NONE)).toThrow(RangeError);
  });
});

import { describe, expect, it } from 'vitest';
import { daysInJalaliMonth, fromJalali, jalaliMonthGrid, shiftJalaliMonth, toJalali } from './jalali';

describe('Jalali calendar arithmetic', () => {
  it('converts both ways, day by day, for twelve years from 2020 (three Gregorian leap years)', () => {
    let ms = Date.UTC(2020, 0, 1, 12);
    for (let i = 0; i < 365 * 12; i++, ms += 86_400_000) {
      const iso = new Date(ms).toISOString().slice(0, 10);
      expect(fromJalali(toJalali(iso))).toBe(iso);
    }
  });

  it('knows the leap Esfands', () => {
    expect(daysInJalaliMonth(1403, 12)).toBe(30);
    expect(daysInJalaliMonth(1404, 12)).toBe(29);
    expect(daysInJalaliMonth(1405, 1)).toBe(31);
    expect(daysInJalaliMonth(1405, 7)).toBe(30);
    expect(fromJalali({ year: 1405, month: 1, day: 1 })).toBe('2026-03-21');
    expect(toJalali('2020-01-01')).toEqual({ year: 1398, month: 10, day: 11 });
  });

  it('steps across the year end', () => {
    expect(shiftJalaliMonth(1404, 12, 1)).toEqual({ year: 1405, month: 1 });
    expect(shiftJalaliMonth(1405, 1, -1)).toEqual({ year: 1404, month: 12 });
  });

  it('lays a month out in Saturday-to-Friday weeks', () => {
    // 1 Farvardin 1405 is a Saturday: no blanks before it; 31 days fill five weeks.
    const farvardin = jalaliMonthGrid(1405, 1);
    expect(farvardin[0]![0]).toBe('2026-03-21');
    expect(farvardin.flat().filter(Boolean)).toHaveLength(31);
    // 1 Esfand 1404 (2026-02-20) is a Friday: six blanks, then the 1st in the last column.
    const esfand = jalaliMonthGrid(1404, 12);
    expect(esfand[0]).toEqual([null, null, null, null, null, null, '2026-02-20']);
    expect(esfand.every((week) => week.length === 7)).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import {
  currentMonthRange, daysInRange, feeSplit, jalaliMonthOf, monthLabelFa, monthRange, parseJalaliMonth, percent, tehranDayStart, workingDaysInRange,
} from './dashboards.rules.js';

describe('Jalali months', () => {
  it('knows the Gregorian days of a month, 31-day, 30-day and Esfand of a leap and a common year', () => {
    expect(monthRange('1405-09')).toEqual({ from: '2026-11-22', to: '2026-12-21' });
    expect(monthRange('1405-01')).toEqual({ from: '2026-03-21', to: '2026-04-20' });
    expect(monthRange('1403-12')).toEqual({ from: '2025-02-19', to: '2025-03-20' }); // 30 days: leap year
    expect(monthRange('1404-12')).toEqual({ from: '2026-02-20', to: '2026-03-20' }); // 29 days
  });

  it('finds the month of a day and of an instant in Tehran time', () => {
    expect(jalaliMonthOf('2026-11-29')).toBe('1405-09');
    expect(jalaliMonthOf('2026-12-22')).toBe('1405-10');
    // 21 Dec 2026 21:00 UTC is already 22 Dec (1 Dey) in Tehran.
    expect(currentMonthRange(new Date('2026-12-21T21:00:00Z'))).toEqual(monthRange('1405-10'));
    expect(currentMonthRange(new Date('2026-12-21T20:00:00Z'))).toEqual(monthRange('1405-09'));
  });

  it('names a month in Persian and refuses what is not a month', () => {
    expect(monthLabelFa('1405-09')).toBe('آذر ۱۴۰۵');
    expect(monthLabelFa('1405-12')).toBe('اسفند ۱۴۰۵');
    expect(parseJalaliMonth('1405-13')).toBeNull();
    expect(parseJalaliMonth('1405-9')).toBeNull();
  });
});

describe('ranges', () => {
  it('counts calendar and working days (Thursday half, Friday and holidays none)', () => {
    expect(daysInRange('2026-11-22', '2026-12-21')).toBe(30);
    expect(daysInRange('2026-11-29', '2026-11-29')).toBe(1);
    // Sat 28 Nov .. Fri 4 Dec: five full days, Thursday half, Friday none; one holiday on Monday.
    expect(workingDaysInRange('2026-11-28', '2026-12-04', new Set())).toBe(5.5);
    expect(workingDaysInRange('2026-11-28', '2026-12-04', new Set(['2026-11-30']))).toBe(4.5);
  });

  it('starts a Tehran day at 00:00 Tehran (20:30 UTC the day before)', () => {
    expect(tehranDayStart('2026-11-29')).toBe('2026-11-28T20:30:00.000Z');
  });
});

describe('the fee split', () => {
  it('gives the desk its share rounded down and the municipality the rest, adding up to the amount', () => {
    expect(feeSplit(1_000_000, 30)).toEqual({ office: 300_000, municipality: 700_000 });
    expect(feeSplit(1_001, 30)).toEqual({ office: 300, municipality: 701 });
    expect(feeSplit(0, 30)).toEqual({ office: 0, municipality: 0 });
    expect(feeSplit(5_000, 0)).toEqual({ office: 0, municipality: 5_000 });
    expect(feeSplit(5_000, 100)).toEqual({ office: 5_000, municipality: 0 });
  });

  it('gives percentages to one decimal, none of nothing', () => {
    expect(percent(1, 3)).toBe(33.3);
    expect(percent(0, 0)).toBeNull();
  });
});

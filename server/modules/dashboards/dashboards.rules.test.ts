import { describe, expect, it } from 'vitest';
import {
  currentMonthRange, daysInRange, feeSplit, monthLabelFa, monthRange, parseJalaliMonth, percent, splitRange, tehranDayStart, workingDaysInRange,
} from './dashboards.rules.js';
import { jalaliMonthOf } from '../../platform/calendar.js';

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

  it('split into the whole months read at the month level and the dates left over, in order', () => {
    const all = () => true;
    // Azar 1405 exactly: one month, no days.
    expect(splitRange('2026-11-22', '2026-12-21', all)).toEqual({ months: ['1405-09'], days: [] });
    // A year of months: twelve, no days.
    expect(splitRange('2026-03-21', '2027-03-20', all).months).toEqual(['1405-01', '1405-02', '1405-03', '1405-04', '1405-05', '1405-06', '1405-07', '1405-08', '1405-09', '1405-10', '1405-11', '1405-12']);
    expect(splitRange('2026-03-21', '2027-03-20', all).days).toEqual([]);
    // Edges on both sides of Azar.
    expect(splitRange('2026-11-15', '2026-12-30', all)).toEqual({ months: ['1405-09'], days: [{ from: '2026-11-15', to: '2026-11-21' }, { from: '2026-12-22', to: '2026-12-30' }] });
    // Within one month: no whole month.
    expect(splitRange('2026-11-29', '2026-12-03', all)).toEqual({ months: [], days: [{ from: '2026-11-29', to: '2026-12-03' }] });
    // A month not at the month level (not sealed yet) is read as days, between those that are.
    expect(splitRange('2026-09-23', '2026-12-21', (m) => m !== '1405-08')).toEqual({ months: ['1405-07', '1405-09'], days: [{ from: '2026-10-23', to: '2026-11-21' }] });
    expect(splitRange('2026-10-23', '2027-01-20', (m) => m === '1405-08')).toEqual({ months: ['1405-08'], days: [{ from: '2026-11-22', to: '2027-01-20' }] });
    // A single day.
    expect(splitRange('2026-12-21', '2026-12-21', all)).toEqual({ months: [], days: [{ from: '2026-12-21', to: '2026-12-21' }] });
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

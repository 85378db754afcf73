import { describe, expect, it } from 'vitest';
import { faDigits, formatJalaliDate, formatJalaliDateTime, formatJalaliMonth, formatMoney, formatNumber, groupCode, persianWeekdays, spellCode, toAsciiDigits } from './format';

describe('digits', () => {
  it('writes ASCII digits in Persian and leaves the rest', () => {
    expect(faDigits('031-3222 0457')).toBe('۰۳۱-۳۲۲۲ ۰۴۵۷');
    expect(faDigits(1405)).toBe('۱۴۰۵');
  });

  it('reads Persian and Arabic-Indic digits back as ASCII', () => {
    expect(toAsciiDigits('۱۲۳۴۵۶۷۸۹۰')).toBe('1234567890');
    expect(toAsciiDigits('٠١٢٣٤٥٦٧٨٩')).toBe('0123456789');
    expect(toAsciiDigits('کد ۴۲a')).toBe('کد 42a');
  });
});

describe('numbers and money', () => {
  it('groups thousands with the Persian separator', () => {
    expect(formatNumber(1234567)).toBe('۱٬۲۳۴٬۵۶۷');
    expect(formatNumber(0)).toBe('۰');
  });

  it('shows rials with the unit', () => {
    expect(formatMoney(1_250_000)).toBe('۱٬۲۵۰٬۰۰۰ ریال');
  });
});

describe('Jalali dates', () => {
  it('puts Nowruz 1405 on 2026-03-21', () => {
    expect(formatJalaliDate('2026-03-21')).toBe('۱ فروردین ۱۴۰۵');
    expect(formatJalaliDate('2026-03-20')).toBe('۲۹ اسفند ۱۴۰۴');
  });

  it('reads a timestamp on Tehran time, where the day may already have turned', () => {
    // 21:00 UTC on 20 March is 00:30 on 21 March in Tehran.
    expect(formatJalaliDate('2026-03-20T21:00:00Z')).toBe('۱ فروردین ۱۴۰۵');
    expect(formatJalaliDateTime('2026-11-29T05:30:00Z')).toBe('۸ آذر ۱۴۰۵ ساعت ۰۹:۰۰');
  });

  it('names a month and the week as said in Persian', () => {
    expect(formatJalaliMonth('2026-03-21', 1405)).toBe('فروردین ۱۴۰۵');
    expect(persianWeekdays('narrow')).toEqual(['ش', 'ی', 'د', 'س', 'چ', 'پ', 'ج']);
    expect(persianWeekdays('long')[0]).toBe('شنبه');
  });
});

describe('machine codes read aloud', () => {
  it('groups a letter serial by four and spells each character in Persian', () => {
    expect(groupCode('8DV7KPG1RKGZ')).toBe('8DV7-KPG1-RKGZ');
    expect(groupCode('8DV7-KPG1-RKGZ')).toBe('8DV7-KPG1-RKGZ');
    expect(spellCode('8DV7-KPG1-RKGZ')).toBe('هشت دی وی هفت ـ کِی پی جی یک ـ آر کِی جی زِد');
    expect(spellCode('0123456789ABCDEFGHJKMNPQRSTVWXYZ')).not.toMatch(/[A-Za-z0-9]/);
  });
});

import { describe, expect, it } from 'vitest';
import { addresseeOf, groupedSerial, jalaliDate, masked, newSerial, readSerial } from './letters.rules.js';

describe('serials', () => {
  it('are 12 symbols of Crockford base32, different every time', () => {
    const serials = new Set(Array.from({ length: 500 }, newSerial));
    expect(serials.size).toBe(500);
    for (const s of serials) expect(s).toMatch(/^[0-9A-HJKMNP-TV-Z]{12}$/);
  });

  it('are read as a person types them: case, dashes, spaces, O for 0 and I or L for 1', () => {
    expect(readSerial('ssb1-e312-m0nw')).toBe('SSB1E312M0NW');
    expect(readSerial(' SSBI E312 MONW ')).toBe('SSB1E312M0NW');
    expect(readSerial('SSBLE312M0NW')).toBe('SSB1E312M0NW');
    for (const bad of ['', 'SSB1E312M0N', 'SSB1E312M0NWX', 'SSB1E312M0NU', '../etc/passwd']) expect(readSerial(bad)).toBeNull();
    expect(groupedSerial('SSB1E312M0NW')).toBe('SSB1-E312-M0NW');
  });
});

describe('what the public page shows', () => {
  it('masks the middle of an identifier, keeping its separators', () => {
    expect(masked('8118169425')).toBe('81******25');
    expect(masked('3-264-61-0-0-0')).toBe('3-***-**-*-*-0');
    expect(masked('ISFAHAN-0000003')).toBe('IS*****-*****03');
    expect(masked('123')).toBe('***');
    expect(masked(null)).toBeNull();
  });
});

describe('addressee', () => {
  it('is the institution that asked, for an inquiry, and the applicant otherwise', () => {
    expect(addresseeOf('bank_inquiry', { bankName: 'بانک ملت', branchCode: '1234', bankLetterNumber: 'ب/77' }, 'x')).toEqual({
      toFa: 'ریاست محترم بانک ملت، شعبه کد ۱۲۳۴', referenceFa: 'عطف به نامه شماره ب/۷۷', institution: true,
    });
    expect(addresseeOf('notary_transfer_inquiry', { notaryOfficeNumber: 128, notaryCity: 'اصفهان' }, 'x')).toEqual({
      toFa: 'سردفتر محترم دفتر اسناد رسمی شماره ۱۲۸ اصفهان', referenceFa: null, institution: true,
    });
    expect(addresseeOf('agency_inquiry', { agencyName: 'اداره ثبت', agencyLetterNumber: '12', agencyLetterDate: '2026-11-20' }, 'x').referenceFa).toBe(
      'عطف به نامه شماره ۱۲ مورخ ۲۹ آبان ۱۴۰۵',
    );
    expect(addresseeOf('property_inspection', {}, 'زهرا احمدی')).toEqual({ toFa: 'متقاضی محترم، زهرا احمدی', referenceFa: null, institution: false });
  });

  it("names the bank's branch and dates its letter when the form has them, and leaves out what it has not", () => {
    const bank = (form: Record<string, unknown>) => addresseeOf('bank_inquiry', form, 'x');
    expect(bank({ bankName: 'بانک ملت', branchName: 'چهارباغ', branchCode: '1234', bankLetterNumber: '7712/403', bankLetterDate: '2026-11-20' })).toEqual({
      toFa: 'ریاست محترم بانک ملت، شعبه چهارباغ (کد ۱۲۳۴)', referenceFa: 'عطف به نامه شماره ۷۷۱۲/۴۰۳ مورخ ۲۹ آبان ۱۴۰۵', institution: true,
    });
    expect(bank({ bankName: 'بانک ملت', branchName: 'چهارباغ' }).toFa).toBe('ریاست محترم بانک ملت، شعبه چهارباغ');
    expect(bank({ bankName: 'بانک ملت', branchName: '', branchCode: '' })).toMatchObject({ toFa: 'ریاست محترم بانک ملت', referenceFa: null });
    expect(bank({}).toFa).toBe('ریاست محترم بانک استعلام‌کننده');
    expect(addresseeOf('notary_transfer_inquiry', { notaryCity: 'اصفهان', notaryLetterNumber: '55', notaryLetterDate: '2026-03-21' }, 'x')).toMatchObject({
      toFa: 'سردفتر محترم دفتر اسناد رسمی اصفهان', referenceFa: 'عطف به نامه شماره ۵۵ مورخ ۱ فروردین ۱۴۰۵',
    });
  });
});

describe('Jalali dates', () => {
  it('print a calendar date as that day, and an instant on Tehran time', () => {
    expect(jalaliDate('2026-03-21')).toBe('۱ فروردین ۱۴۰۵');
    expect(jalaliDate('2026-11-29T05:30:00.000Z')).toBe('۸ آذر ۱۴۰۵');
    // 21:00 UTC is already the next day in Tehran.
    expect(jalaliDate('2026-11-28T21:00:00.000Z')).toBe('۸ آذر ۱۴۰۵');
  });
});

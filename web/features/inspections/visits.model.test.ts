import { describe, expect, it } from 'vitest';
import { mapLinks, scheduleErrors, tehranTime, tehranToday, telUrl, typedTime, visitActions, visitsQuery, windowLabel } from './visits.model';

describe('the visit list', () => {
  it("takes «امروز» as the day in Isfahan, not the phone's zone: 21:00 UTC is already tomorrow there", () => {
    const late = new Date('2026-11-28T21:00:00Z'); // 00:30 on 29 November in Tehran
    expect(tehranToday(late)).toBe('2026-11-29');
    expect(tehranTime(late)).toBe('00:30');
    expect(visitsQuery('today', 1, 20, late)).toEqual({ page: 1, pageSize: 20, date: '2026-11-29' });
    expect(visitsQuery('all', 2, 20, late)).toEqual({ page: 2, pageSize: 20 });
  });

  it('writes the window with Persian digits, and nothing for a visit not yet scheduled', () => {
    expect(windowLabel({ windowStart: '08:00', windowEnd: '10:30' })).toBe('ساعت ۰۸:۰۰ تا ۱۰:۳۰');
    expect(windowLabel({ windowStart: null, windowEnd: null })).toBeNull();
  });

  it("opens the property in the phone's map app, with OpenStreetMap and Neshan on the web", () => {
    expect(mapLinks({ lat: 32.660237, lng: 51.665808, mapUrl: 'geo:32.660237,51.665808' })).toEqual({
      app: 'geo:32.660237,51.665808',
      osm: 'https://www.openstreetmap.org/?mlat=32.660237&mlon=51.665808#map=18/32.660237/51.665808',
      neshan: 'https://neshan.org/maps/@32.660237,51.665808,17z',
    });
    expect(mapLinks({ lat: null, lng: null, mapUrl: null })).toBeNull();
  });

  it('dials the applicant with a plain tel: number, whatever digits it was stored in', () => {
    expect(telUrl('09132021874')).toBe('tel:09132021874');
    expect(telUrl('۰۹۱۳ ۲۰۲ ۱۸۷۴')).toBe('tel:09132021874');
    expect(telUrl(null)).toBeNull();
  });

  it('offers what the server allows, the report before a new time, and nothing it does not', () => {
    expect(visitActions({ scheduleVisit: true, fileInspectionReport: false })).toEqual(['schedule']);
    expect(visitActions({ scheduleVisit: true, fileInspectionReport: true })).toEqual(['report', 'schedule']);
    expect(visitActions({ scheduleVisit: false, fileInspectionReport: true })).toEqual(['report']);
    expect(visitActions({ scheduleVisit: false, fileInspectionReport: false })).toEqual([]);
  });
});

describe('the schedule form', () => {
  it('asks for a day and a window that ends after it starts', () => {
    expect(scheduleErrors({ date: null, windowStart: '', windowEnd: '' })).toEqual({
      date: 'تاریخ بازدید را انتخاب کنید',
      windowStart: 'ساعت را وارد کنید',
      windowEnd: 'ساعت را وارد کنید',
    });
    expect(scheduleErrors({ date: '2026-11-30', windowStart: '10:00', windowEnd: '09:00' })).toEqual({ windowEnd: 'پایان بازه باید بعد از شروع آن باشد' });
    expect(scheduleErrors({ date: '2026-11-30', windowStart: '09:00', windowEnd: '11:00' })).toEqual({});
    expect(scheduleErrors({ date: '2026-11-30', windowStart: '9', windowEnd: '25:00' })).toEqual({
      windowStart: 'ساعت را به شکل ۱۰:۳۰ وارد کنید',
      windowEnd: 'ساعت را به شکل ۱۰:۳۰ وارد کنید',
    });
  });

  it('takes times typed on a Persian keypad with or without a colon', () => {
    expect(['۱', '۱۰', '۱۰۳', '۱۰۳۰'].map(typedTime)).toEqual(['1', '10', '10:3', '10:30']);
    expect(typedTime('۱۰:۳۰')).toBe('10:30');
    expect(typedTime('9:30')).toBe('09:30');
    expect(typedTime('10:')).toBe('10:');
    expect(typedTime('10:305')).toBe('10:30');
  });
});

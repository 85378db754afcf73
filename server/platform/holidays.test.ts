import { describe, it, expect } from 'vitest';
import { holidaysOfYear, hijriMonthStarts, modelMonthStart, officialHolidays, provisionalHolidays, type OfficialHoliday } from './holidays.js';
import { newMoonsBetween, bestQ, VISIBILITY_THRESHOLD } from './crescent.js';
import { addWorkingDays, toJalali } from './calendar.js';

/**
 * The oracle: Iran's official holidays of 1405 typed by hand from the published list (ILNA, 30 October
 * 2025, reporting the official calendar of the Council for Public Culture), with the Gregorian date
 * and weekday of each. 25 days: 6 on a Thursday, 3 on a Friday. Not derived from the shipped data.
 */
const OFFICIAL_1405: ReadonlyArray<[jalali: string, date: string, weekday: string, titles: string]> = [
  ['1405/01/01', '2026-03-21', 'Sat', 'عید نوروز / عید سعید فطر'],
  ['1405/01/02', '2026-03-22', 'Sun', 'عید نوروز / تعطیل به مناسبت عید سعید فطر'],
  ['1405/01/03', '2026-03-23', 'Mon', 'عید نوروز'],
  ['1405/01/04', '2026-03-24', 'Tue', 'عید نوروز'],
  ['1405/01/12', '2026-04-01', 'Wed', 'روز جمهوری اسلامی'],
  ['1405/01/13', '2026-04-02', 'Thu', 'روز طبیعت'],
  ['1405/03/06', '2026-05-27', 'Wed', 'عید سعید قربان'],
  ['1405/03/14', '2026-06-04', 'Thu', 'رحلت حضرت امام خمینی / عید سعید غدیر خم'],
  ['1405/03/15', '2026-06-05', 'Fri', 'قیام ۱۵ خرداد'],
  ['1405/04/03', '2026-06-24', 'Wed', 'تاسوعای حسینی'],
  ['1405/04/04', '2026-06-25', 'Thu', 'عاشورای حسینی'],
  ['1405/05/13', '2026-08-04', 'Tue', 'اربعین حسینی'],
  ['1405/05/21', '2026-08-12', 'Wed', 'رحلت حضرت رسول اکرم (ص) و شهادت امام حسن مجتبی (ع)'],
  ['1405/05/22', '2026-08-13', 'Thu', 'شهادت امام رضا (ع)'],
  ['1405/05/30', '2026-08-21', 'Fri', 'شهادت امام حسن عسکری (ع)'],
  ['1405/06/08', '2026-08-30', 'Sun', 'میلاد حضرت رسول اکرم (ص) و امام جعفر صادق (ع)'],
  ['1405/08/22', '2026-11-13', 'Fri', 'شهادت حضرت فاطمه زهرا (س)'],
  ['1405/10/02', '2026-12-23', 'Wed', 'ولادت امام علی (ع)'],
  ['1405/10/16', '2027-01-06', 'Wed', 'مبعث حضرت رسول اکرم (ص)'],
  ['1405/11/04', '2027-01-24', 'Sun', 'ولادت حضرت قائم (عج)'],
  ['1405/11/22', '2027-02-11', 'Thu', 'پیروزی انقلاب اسلامی'],
  ['1405/12/09', '2027-02-28', 'Sun', 'شهادت امام علی (ع)'],
  ['1405/12/19', '2027-03-10', 'Wed', 'عید سعید فطر'],
  ['1405/12/20', '2027-03-11', 'Thu', 'تعطیل به مناسبت عید سعید فطر'],
  ['1405/12/29', '2027-03-20', 'Sat', 'روز ملی شدن صنعت نفت'],
];

/** Official first days of Hijri months from the moon-sighting reports (shared reference, typed again here). */
const SIGHTED_MONTH_STARTS: ReadonlyArray<[hijri: string, date: string]> = [
  ['1445-10', '2024-04-10'], ['1445-12', '2024-06-08'], ['1446-01', '2024-07-07'], ['1446-02', '2024-08-06'],
  ['1446-03', '2024-09-05'], ['1446-06', '2024-12-03'], ['1446-07', '2025-01-02'], ['1446-09', '2025-03-02'],
  ['1446-10', '2025-03-31'], ['1446-12', '2025-05-28'], ['1447-01', '2025-06-27'], ['1447-02', '2025-07-26'],
  ['1447-03', '2025-08-25'], ['1447-07', '2025-12-22'], ['1447-10', '2026-03-21'], ['1447-12', '2026-05-18'],
  ['1448-01', '2026-06-16'],
];

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const weekday = (iso: string) => WEEKDAYS[new Date(`${iso}T00:00:00Z`).getUTCDay()]!;
const jalaliText = (iso: string) => {
  const j = toJalali(iso);
  return `${j.year}/${String(j.month).padStart(2, '0')}/${String(j.day).padStart(2, '0')}`;
};
const ummAlQura = new Intl.DateTimeFormat('en-u-ca-islamic-umalqura-nu-latn', { timeZone: 'UTC', year: 'numeric', month: 'numeric', day: 'numeric' });
const dayDiff = (a: string, b: string) => Math.round((Date.parse(a) - Date.parse(b)) / 86_400_000);

describe('the official list of 1405', () => {
  const year = holidaysOfYear(1405);

  it('is the published list, with its source', () => {
    expect(year.status).toBe('official');
    expect(year.source).toContain('ایلنا');
  });

  it('holds every day and title of the published list, and nothing else', () => {
    expect(year.holidays.map((h) => [jalaliText(h.date), h.date, weekday(h.date), h.titleFa])).toEqual(OFFICIAL_1405);
  });

  it('matches the published counts: 25 days, 6 Thursdays, 3 Fridays; Farvardin 6, Mordad 4, Esfand 4; none in Ordibehesht, Mehr or Azar', () => {
    const dates = year.holidays.map((h) => h.date);
    expect(dates).toHaveLength(25);
    expect(dates.filter((d) => weekday(d) === 'Thu')).toHaveLength(6);
    expect(dates.filter((d) => weekday(d) === 'Fri')).toHaveLength(3);
    const perMonth = (m: number) => dates.filter((d) => toJalali(d).month === m).length;
    expect([1, 2, 5, 7, 9, 12].map(perMonth)).toEqual([6, 0, 4, 0, 0, 4]);
  });

  it('fixes the seven days Umm al-Qura put a day early', () => {
    const dates = new Set(year.holidays.map((h) => h.date));
    const moved: Array<[string, string]> = [
      ['2026-08-03', '2026-08-04'], // Arbaeen
      ['2026-08-11', '2026-08-12'], // 28 Safar
      ['2026-12-22', '2026-12-23'], // birth of Imam Ali
      ['2027-01-05', '2027-01-06'], // Mab'ath
      ['2027-01-23', '2027-01-24'], // 15 Sha'ban
      ['2027-03-09', '2027-03-10'], // Eid al-Fitr
    ];
    for (const [early, official] of moved) {
      expect(dates.has(early), early).toBe(false);
      expect(dates.has(official), official).toBe(true);
    }
    expect(dates.has('2027-03-11')).toBe(true); // second day of Eid al-Fitr
  });

  it('keeps the fixed solar days solar and the rest lunar; Persian letters only', () => {
    const kinds = Object.fromEntries(year.holidays.map((h) => [h.date, h.kind]));
    expect(kinds['2026-03-21']).toBe('solar');
    expect(kinds['2026-06-04']).toBe('solar');
    expect(kinds['2026-08-04']).toBe('lunar');
    for (const h of year.holidays) expect(h.titleFa).toMatch(/^[\u0600-\u06FF\u200C ()/]+$/);
    for (const h of year.holidays) expect(h.titleFa).not.toMatch(/[\u064A\u0643]/);
  });
});

describe('the official list of 1404', () => {
  it('has its 26 days, Eid al-Fitr on 11-12 Farvardin and 21 Ramadan 1447 on 20 Esfand', () => {
    const list = officialHolidays(1404);
    expect(holidaysOfYear(1404).status).toBe('official');
    expect(list).toHaveLength(26);
    const byDate = Object.fromEntries(list.map((h) => [jalaliText(h.date), h.titleFa]));
    expect(byDate['1404/01/11']).toBe('عید سعید فطر');
    expect(byDate['1404/01/12']).toBe('روز جمهوری اسلامی / تعطیل به مناسبت عید سعید فطر');
    expect(byDate['1404/02/04']).toBe('شهادت امام جعفر صادق (ع)');
    expect(byDate['1404/06/02']).toBe('شهادت امام رضا (ع)');
    expect(byDate['1404/12/20']).toBe('شهادت امام علی (ع)');
    expect(byDate['1404/12/29']).toBe('روز ملی شدن صنعت نفت');
  });
});

describe('the holiday rules on the official month starts', () => {
  const key = (h: OfficialHoliday) => `${h.date} ${h.titleEn}`;

  it('reproduce the published list of 1404 exactly', () => {
    expect(provisionalHolidays(1404).map(key)).toEqual(officialHolidays(1404).map(key));
  });

  it('reproduce 1405 but for 25 Shawwal (25 Farvardin), which the published list of 1405 leaves out', () => {
    const rules = provisionalHolidays(1405).map(key);
    const published = officialHolidays(1405).map(key);
    expect(rules.filter((k) => !published.includes(k))).toEqual(['2026-04-14 Martyrdom of Imam Jafar al-Sadiq']);
    expect(published.filter((k) => !rules.includes(k))).toEqual([]);
  });
});

describe('the crescent-visibility model', () => {
  const modelStarts = newMoonsBetween('2024-03-01', '2027-03-20').map(modelMonthStart);

  it('reproduces every officially sighted month start', () => {
    for (const [hijri, date] of SIGHTED_MONTH_STARTS) expect(modelStarts, hijri).toContain(date);
  });

  it('misses only two of the 33 official month starts on file, both autumn Jumada I, a day late', () => {
    const official = [...SIGHTED_MONTH_STARTS.map(([, d]) => d), ...hijriMonthStarts('2025-03-25', '2027-03-20').map((m) => m.start)];
    const missed = [...new Set(official)].filter((d) => !modelStarts.includes(d));
    expect(missed).toEqual(['2025-10-23', '2026-10-12']);
    expect(modelStarts).toContain('2025-10-24');
    expect(modelStarts).toContain('2026-10-13');
  });

  it('sees the Shawwal 1447 crescent on 29 Esfand 1404 and not the evening before', () => {
    expect(bestQ('2026-03-20')!).toBeGreaterThan(VISIBILITY_THRESHOLD);
    const before = bestQ('2026-03-19');
    expect(before === null || before < VISIBILITY_THRESHOLD).toBe(true);
  });
});

describe('a provisional year: 1407', () => {
  const year = holidaysOfYear(1407);
  const months = hijriMonthStarts('2028-02-01', '2029-04-20');

  it('is marked provisional and computed from the model', () => {
    expect(year.status).toBe('provisional');
    expect(months.every((m) => m.basis === 'computed')).toBe(true);
  });

  it('starts its Hijri months on these days (each within a day of Umm al-Qura, 29 or 30 days long)', () => {
    expect(months.map((m) => `${m.year}-${m.month} ${m.start}`)).toEqual([
      '1449-10 2028-02-27', '1449-11 2028-03-28', '1449-12 2028-04-26', '1450-1 2028-05-26', '1450-2 2028-06-24',
      '1450-3 2028-07-24', '1450-4 2028-08-22', '1450-5 2028-09-21', '1450-6 2028-10-20', '1450-7 2028-11-18',
      '1450-8 2028-12-18', '1450-9 2029-01-16', '1450-10 2029-02-15', '1450-11 2029-03-17', '1450-12 2029-04-15',
    ]);
    months.forEach((m, i) => {
      const parts = ummAlQura.formatToParts(new Date(`${m.start}T00:00:00Z`));
      const day = Number(parts.find((p) => p.type === 'day')!.value);
      expect([1, 2, 29, 30], m.start).toContain(day); // Umm al-Qura's 1st is the same day, the day before or after
      if (i > 0) expect([29, 30]).toContain(dayDiff(m.start, months[i - 1]!.start));
    });
  });

  it('agrees with the independent predictions for Dhu al-Qa\'da and Dhu al-Hijja 1449 (qamari-perdictions.txt)', () => {
    expect(months.find((m) => m.year === 1449 && m.month === 11)?.start).toBe('2028-03-28');
    expect(months.find((m) => m.year === 1449 && m.month === 12)?.start).toBe('2028-04-26');
  });

  it('places the holidays on those starts, with every fixed solar day', () => {
    const byDate = Object.fromEntries(year.holidays.map((h) => [jalaliText(h.date), h.titleEn]));
    for (const d of ['1407/01/01', '1407/01/02', '1407/01/03', '1407/01/04', '1407/01/12', '1407/01/13', '1407/03/14', '1407/03/15', '1407/11/22', '1407/12/29']) {
      expect(byDate[d], d).toBeDefined();
    }
    expect(byDate['1407/03/14']).toBe('Demise of Imam Khomeini / Tasua'); // 9 Muharram 1450 = 2028-06-03
    expect(byDate['1407/03/15']).toBe('15 Khordad Uprising / Ashura');
    expect(byDate['1407/04/23']).toBe('Arbaeen'); // 20 Safar 1450 = 2028-07-13
    expect(byDate['1407/11/27']).toBe('Eid al-Fitr'); // 1 Shawwal 1450 = 2029-02-15
    expect(byDate['1407/11/28']).toBe('Eid al-Fitr holiday');
    expect(year.holidays.every((h) => toJalali(h.date).year === 1407)).toBe(true);
  });
});

describe('every year has holidays', () => {
  it('1406 (not yet published) is provisional but uses the official month starts as far as they reach', () => {
    const y = holidaysOfYear(1406);
    expect(y.status).toBe('provisional');
    expect(y.holidays.slice(0, 4).map((h) => h.date)).toEqual(['2027-03-21', '2027-03-22', '2027-03-23', '2027-03-24']);
    expect(y.holidays.at(-1)!.date).toBe('2028-03-19'); // 29 Esfand 1406
  });

  it('a leap year has 29 Esfand, not 30 Esfand', () => {
    const dates = officialHolidays(1403).map((h) => h.date);
    expect(dates).toContain('2025-03-19'); // 29 Esfand 1403
    expect(dates).not.toContain('2025-03-20');
  });

  it('feeds addWorkingDays across Nowruz of a computed year (1408)', () => {
    const holidays = new Set([...officialHolidays(1407), ...officialHolidays(1408)].map((h) => h.date));
    const nowruz1408 = officialHolidays(1408).slice(0, 4).map((h) => h.date);
    expect(nowruz1408).toEqual(['2029-03-20', '2029-03-21', '2029-03-22', '2029-03-23']);
    const start = new Date('2029-03-17T08:30:00Z'); // Saturday 27 Esfand 1407, 12:00 Tehran
    // Sun 28 Esfand 1; Mon 29 Esfand off; Tue-Fri 1-4 Farvardin off; Sat 5 Farvardin 2.
    expect(addWorkingDays(start, 2, holidays).toISOString()).toBe('2029-03-24T20:29:59.999Z');
  });
});

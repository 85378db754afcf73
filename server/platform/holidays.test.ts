import { describe, it, expect } from 'vitest';
import { officialHolidays, type OfficialHoliday } from './holidays.js';
import { addWorkingDays, toJalali } from './calendar.js';

const hijri = new Intl.DateTimeFormat('en-u-ca-islamic-umalqura-nu-latn', {
  timeZone: 'UTC',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
});

/** Independent Hijri lookup for cross-checking. */
function hijriOf(iso: string): { month: number; day: number } {
  const parts = hijri.formatToParts(new Date(`${iso}T00:00:00Z`));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return { month: get('month'), day: get('day') };
}

function nextIso(iso: string): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

function byTitle(list: OfficialHoliday[], titleEn: string): OfficialHoliday[] {
  return list.filter((h) => h.titleEn.split(' / ').includes(titleEn));
}

describe('officialHolidays(1405)', () => {
  const list = officialHolidays(1405);
  const dates = list.map((h) => h.date);

  it('ICU supports the Umm al-Qura calendar (else we silently fall back to islamic-civil)', () => {
    expect(hijri.resolvedOptions().calendar).toBe('islamic-umalqura');
  });

  it('has a plausible number of days, sorted and unique, all inside 1405', () => {
    expect(list.length).toBeGreaterThanOrEqual(24);
    expect(list.length).toBeLessThanOrEqual(28);
    expect(dates).toEqual([...dates].sort());
    expect(new Set(dates).size).toBe(dates.length);
    for (const d of dates) expect(toJalali(d).year).toBe(1405);
    expect(dates[0]).toBe('2026-03-21');
  });

  it('contains the fixed solar holidays', () => {
    for (const d of ['2026-03-21', '2026-03-22', '2026-03-23', '2026-03-24']) {
      const h = list.find((x) => x.date === d);
      expect(h?.titleFa).toContain('عید نوروز');
      expect(h?.kind).toBe('solar');
    }
    const solar: Array<[string, string]> = [
      ['2026-04-01', 'روز جمهوری اسلامی'], // 12 Farvardin
      ['2026-04-02', 'روز طبیعت'], // 13 Farvardin
      ['2026-06-04', 'رحلت حضرت امام خمینی'], // 14 Khordad
      ['2026-06-05', 'قیام ۱۵ خرداد'], // 15 Khordad
      ['2027-02-11', 'پیروزی انقلاب اسلامی'], // 22 Bahman
      ['2027-03-20', 'روز ملی شدن صنعت نفت'], // 29 Esfand
    ];
    for (const [date, title] of solar) {
      expect(list.find((h) => h.date === date)?.titleFa.split(' / ')).toContain(title);
    }
    // 5 Farvardin is not a holiday.
    expect(dates).not.toContain('2026-03-25');
  });

  it('merges titles when two holidays fall on one day', () => {
    // 2 Shawwal 1447 (Umm al-Qura) is 1 Farvardin 1405; 18 Dhu al-Hijjah is 14 Khordad.
    expect(list.find((h) => h.date === '2026-03-21')).toEqual({
      date: '2026-03-21',
      titleFa: 'عید نوروز / تعطیل به مناسبت عید سعید فطر',
      titleEn: 'Nowruz / Eid al-Fitr holiday',
      kind: 'solar',
    });
    expect(list.find((h) => h.date === '2026-06-04')?.titleFa).toBe(
      'رحلت حضرت امام خمینی / عید سعید غدیر خم',
    );
  });

  it('places lunar holidays near their expected dates', () => {
    expect(byTitle(list, 'Tasua').map((h) => h.date)).toEqual(['2026-06-24']);
    expect(byTitle(list, 'Ashura').map((h) => h.date)).toEqual(['2026-06-25']);
    expect(byTitle(list, 'Ashura')[0]?.kind).toBe('lunar');
    expect(byTitle(list, 'Eid al-Adha').map((h) => h.date)).toEqual(['2026-05-27']);
    // Eid al-Fitr 1448 falls late in 1405; Eid al-Fitr 1447 (2026-03-20) belongs to 1404.
    expect(byTitle(list, 'Eid al-Fitr').map((h) => h.date)).toEqual(['2027-03-09']);
    expect(byTitle(list, 'Eid al-Fitr holiday').map((h) => h.date)).toEqual([
      '2026-03-21',
      '2027-03-10',
    ]);
  });

  it('every lunar holiday sits on its Hijri date', () => {
    const expected: Record<string, [number, number]> = {
      Tasua: [1, 9],
      Ashura: [1, 10],
      Arbaeen: [2, 20],
      'Martyrdom of Imam Hasan al-Askari': [3, 8],
      'Birth of the Prophet Muhammad and Imam Jafar al-Sadiq': [3, 17],
      'Martyrdom of Fatimah al-Zahra': [6, 3],
      'Birth of Imam Ali': [7, 13],
      "Mab'ath (the Prophet's mission)": [7, 27],
      'Birth of Imam Mahdi': [8, 15],
      'Martyrdom of Imam Ali': [9, 21],
      'Eid al-Fitr': [10, 1],
      'Eid al-Fitr holiday': [10, 2],
      'Martyrdom of Imam Jafar al-Sadiq': [10, 25],
      'Eid al-Adha': [12, 10],
      'Eid al-Ghadir': [12, 18],
    };
    for (const [title, [month, day]] of Object.entries(expected)) {
      const hits = byTitle(list, title);
      expect(hits.length, title).toBeGreaterThanOrEqual(1);
      for (const h of hits) expect(hijriOf(h.date), title).toEqual({ month, day });
    }
  });

  it('puts Imam Reza on the last day of a 30-day Safar', () => {
    // Safar 1448 has 30 days in Umm al-Qura: 28 Safar = 2026-08-11, 30 Safar = 2026-08-13.
    const reza = byTitle(list, 'Martyrdom of Imam Reza');
    expect(reza.map((h) => h.date)).toEqual(['2026-08-13']);
    expect(hijriOf('2026-08-13')).toEqual({ month: 2, day: 30 });
    expect(hijriOf(nextIso('2026-08-13'))).toEqual({ month: 3, day: 1 });
    expect(byTitle(list, 'Demise of the Prophet Muhammad and Martyrdom of Imam Hasan').map((h) => h.date)).toEqual([
      '2026-08-11',
    ]);
    expect(dates).not.toContain('2026-08-12'); // 29 Safar is not the last day here
  });

  it('uses correct Persian letters (no Arabic yeh/kaf)', () => {
    for (const h of list) {
      expect(h.titleFa).not.toMatch(/[\u064A\u0643]/);
      expect(h.titleFa).toMatch(/^[\u0600-\u06FF\u200C ()/]+$/);
    }
  });

  it('feeds addWorkingDays across Nowruz', () => {
    const holidays = new Set([...officialHolidays(1404), ...list].map((h) => h.date));
    const start = new Date('2026-03-19T11:30:00Z'); // Thu 2026-03-19 15:00 Tehran
    // Fri 20 (29 Esfand), Sat 21..Tue 24 (Nowruz) off; Wed 25 (1), Thu 26 (1.5), Fri 27, Sat 28 (2.5 >= 2).
    expect(addWorkingDays(start, 2, holidays).toISOString()).toBe('2026-03-28T20:29:59.999Z');
  });
});

describe('officialHolidays in other years', () => {
  it('1406 works', () => {
    const list = officialHolidays(1406);
    const dates = list.map((h) => h.date);
    expect(list.length).toBeGreaterThanOrEqual(24);
    expect(list.length).toBeLessThanOrEqual(28);
    expect(dates).toEqual([...dates].sort());
    expect(new Set(dates).size).toBe(dates.length);
    expect(dates.slice(0, 4)).toEqual(['2027-03-21', '2027-03-22', '2027-03-23', '2027-03-24']);
    expect(dates).toContain('2028-02-11'); // 22 Bahman 1406
    expect(dates[dates.length - 1]).toBe('2028-03-19'); // 29 Esfand 1406
    for (const d of dates) expect(toJalali(d).year).toBe(1406);
  });

  it('1404: Eid al-Fitr 1447 merges with 29 Esfand; Imam Reza on a 29-day Safar', () => {
    const list = officialHolidays(1404);
    expect(list.find((h) => h.date === '2026-03-20')?.titleEn).toBe(
      'Oil Industry Nationalization Day / Eid al-Fitr',
    );
    // Safar 1447 has 29 days: 28 Safar = 2025-08-22, 29 Safar (last) = 2025-08-23.
    expect(byTitle(list, 'Martyrdom of Imam Reza').map((h) => h.date)).toEqual(['2025-08-23']);
    expect(hijriOf('2025-08-23')).toEqual({ month: 2, day: 29 });
  });

  it('1403 (leap year): 29 Esfand is a holiday, Esfand 30 is not', () => {
    const dates = officialHolidays(1403).map((h) => h.date);
    expect(dates).toContain('2025-03-19'); // 29 Esfand 1403
    expect(dates).not.toContain('2025-03-20'); // 30 Esfand 1403 (20 Ramadan, not a holiday)
    expect(dates[dates.length - 1]).toBe('2025-03-19');
  });
});

/**
 * Iran's official public holidays (تعطیلات رسمی) for one Solar Hijri year.
 *
 * Lunar holidays are computed from the Umm al-Qura Islamic calendar of the
 * runtime's ICU. Iran fixes lunar holidays by moon sighting (رؤیت هلال), so the
 * real date can differ by a day from what is computed here; the result is a
 * starting table that the city admin reviews and edits.
 */
import { fromJalali } from './calendar.js';
import { parseDate } from '@internationalized/date';

export interface OfficialHoliday {
  /** YYYY-MM-DD Gregorian, Tehran-local. */
  date: string;
  titleFa: string;
  titleEn: string;
  kind: 'solar' | 'lunar';
}

interface HolidayRule {
  month: number;
  day: number;
  titleFa: string;
  titleEn: string;
}

/** Fixed Jalali dates. The last day of Esfand is deliberately absent: only 29 Esfand is a holiday. */
const SOLAR_RULES: readonly HolidayRule[] = [
  { month: 1, day: 1, titleFa: 'عید نوروز', titleEn: 'Nowruz' },
  { month: 1, day: 2, titleFa: 'عید نوروز', titleEn: 'Nowruz' },
  { month: 1, day: 3, titleFa: 'عید نوروز', titleEn: 'Nowruz' },
  { month: 1, day: 4, titleFa: 'عید نوروز', titleEn: 'Nowruz' },
  { month: 1, day: 12, titleFa: 'روز جمهوری اسلامی', titleEn: 'Islamic Republic Day' },
  { month: 1, day: 13, titleFa: 'روز طبیعت', titleEn: 'Nature Day (Sizdah Bedar)' },
  { month: 3, day: 14, titleFa: 'رحلت حضرت امام خمینی', titleEn: 'Demise of Imam Khomeini' },
  { month: 3, day: 15, titleFa: 'قیام ۱۵ خرداد', titleEn: '15 Khordad Uprising' },
  { month: 11, day: 22, titleFa: 'پیروزی انقلاب اسلامی', titleEn: 'Victory of the Islamic Revolution' },
  { month: 12, day: 29, titleFa: 'روز ملی شدن صنعت نفت', titleEn: 'Oil Industry Nationalization Day' },
];

/** Hijri month/day; day 0 stands for "last day of the month" (29 or 30). */
const LUNAR_RULES: readonly HolidayRule[] = [
  { month: 1, day: 9, titleFa: 'تاسوعای حسینی', titleEn: 'Tasua' },
  { month: 1, day: 10, titleFa: 'عاشورای حسینی', titleEn: 'Ashura' },
  { month: 2, day: 20, titleFa: 'اربعین حسینی', titleEn: 'Arbaeen' },
  {
    month: 2,
    day: 28,
    titleFa: 'رحلت حضرت رسول اکرم (ص) و شهادت امام حسن مجتبی (ع)',
    titleEn: 'Demise of the Prophet Muhammad and Martyrdom of Imam Hasan',
  },
  { month: 2, day: 0, titleFa: 'شهادت امام رضا (ع)', titleEn: 'Martyrdom of Imam Reza' },
  { month: 3, day: 8, titleFa: 'شهادت امام حسن عسکری (ع)', titleEn: 'Martyrdom of Imam Hasan al-Askari' },
  {
    month: 3,
    day: 17,
    titleFa: 'میلاد حضرت رسول اکرم (ص) و امام جعفر صادق (ع)',
    titleEn: 'Birth of the Prophet Muhammad and Imam Jafar al-Sadiq',
  },
  { month: 6, day: 3, titleFa: 'شهادت حضرت فاطمه زهرا (س)', titleEn: 'Martyrdom of Fatimah al-Zahra' },
  { month: 7, day: 13, titleFa: 'ولادت امام علی (ع)', titleEn: 'Birth of Imam Ali' },
  { month: 7, day: 27, titleFa: 'مبعث حضرت رسول اکرم (ص)', titleEn: "Mab'ath (the Prophet's mission)" },
  { month: 8, day: 15, titleFa: 'ولادت حضرت قائم (عج)', titleEn: 'Birth of Imam Mahdi' },
  { month: 9, day: 21, titleFa: 'شهادت امام علی (ع)', titleEn: 'Martyrdom of Imam Ali' },
  { month: 10, day: 1, titleFa: 'عید سعید فطر', titleEn: 'Eid al-Fitr' },
  { month: 10, day: 2, titleFa: 'تعطیل به مناسبت عید سعید فطر', titleEn: 'Eid al-Fitr holiday' },
  { month: 10, day: 25, titleFa: 'شهادت امام جعفر صادق (ع)', titleEn: 'Martyrdom of Imam Jafar al-Sadiq' },
  { month: 12, day: 10, titleFa: 'عید سعید قربان', titleEn: 'Eid al-Adha' },
  { month: 12, day: 18, titleFa: 'عید سعید غدیر خم', titleEn: 'Eid al-Ghadir' },
];

/** Umm al-Qura is the closest ICU calendar to Iran's; older ICU builds may only ship the arithmetic one. */
function islamicFormatter(): Intl.DateTimeFormat {
  const options: Intl.DateTimeFormatOptions = {
    timeZone: 'UTC',
    day: 'numeric',
    month: 'numeric',
    year: 'numeric',
  };
  const umalqura = new Intl.DateTimeFormat('en-u-ca-islamic-umalqura-nu-latn', options);
  if (umalqura.resolvedOptions().calendar === 'islamic-umalqura') return umalqura;
  return new Intl.DateTimeFormat('en-u-ca-islamic-civil-nu-latn', options);
}

let formatter: Intl.DateTimeFormat | undefined;

/** Hijri month and day of a civil date (formatted at UTC midnight, so no zone shift). */
function hijriMonthDay(isoDate: string): { month: number; day: number } {
  formatter ??= islamicFormatter();
  const parts = formatter.formatToParts(parseDate(isoDate).toDate('UTC'));
  const num = (type: 'month' | 'day'): number =>
    Number(parts.find((p) => p.type === type)?.value);
  return { month: num('month'), day: num('day') };
}

/** Iran's official public holidays falling within the given Solar Hijri year, sorted by date. */
export function officialHolidays(solarYear: number): OfficialHoliday[] {
  const byDate = new Map<string, OfficialHoliday>();
  const add = (date: string, rule: HolidayRule, kind: OfficialHoliday['kind']): void => {
    const existing = byDate.get(date);
    if (!existing) {
      byDate.set(date, { date, titleFa: rule.titleFa, titleEn: rule.titleEn, kind });
    } else {
      // Keep the first entry's kind (solar rules are added first, being fixed).
      existing.titleFa += ' / ' + rule.titleFa;
      existing.titleEn += ' / ' + rule.titleEn;
    }
  };

  for (const rule of SOLAR_RULES) add(fromJalali(solarYear, rule.month, rule.day), rule, 'solar');

  const first = parseDate(fromJalali(solarYear, 1, 1));
  const end = parseDate(fromJalali(solarYear + 1, 1, 1));
  let next = hijriMonthDay(first.toString());
  for (let day = first; day.compare(end) < 0; day = day.add({ days: 1 })) {
    const hijri = next;
    // Looking one day ahead tells us whether today is the month's last day.
    next = hijriMonthDay(day.add({ days: 1 }).toString());
    const isLastDay = next.month !== hijri.month;
    for (const rule of LUNAR_RULES) {
      if (rule.month === hijri.month && (rule.day === hijri.day || (rule.day === 0 && isLastDay))) {
        add(day.toString(), rule, 'lunar');
      }
    }
  }

  return [...byDate.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

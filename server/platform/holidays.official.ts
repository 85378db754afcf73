/**
 * Iran's official calendar (تقویم رسمی کشور) as published, kept as data with its source.
 *
 * The official calendar is drawn up by the University of Tehran's Geophysics Institute calendar
 * centre (مرکز تقویم مؤسسه ژئوفیزیک دانشگاه تهران), approved by the Council for Public Culture
 * (شورای فرهنگ عمومی) and published about five months before the year begins. Add a year here when
 * it is published (see docs/decisions/0018-official-holidays.md for how and where to check).
 */

/** Official first days of Hijri months, Tehran-local Gregorian dates. Key: `YYYY-MM` (Hijri). */
export const OFFICIAL_MONTH_STARTS: Readonly<Record<string, string>> = {
  // Moon-sighting reports collected in /work/shared/reference/iran-lunar-calendar.md (1445-1446).
  '1445-10': '2024-04-10',
  '1445-12': '2024-06-08',
  '1446-01': '2024-07-07',
  '1446-02': '2024-08-06',
  '1446-03': '2024-09-05',
  '1446-06': '2024-12-03',
  '1446-07': '2025-01-02',
  '1446-09': '2025-03-02',
  // Official calendar of 1404 (the Hijri column of each Jalali month), as encoded in the
  // persian-calendar project's tests (github.com/persian-calendar/calendar, MainTests.kt).
  '1446-10': '2025-03-31',
  '1446-11': '2025-04-29',
  '1446-12': '2025-05-28',
  '1447-01': '2025-06-27',
  '1447-02': '2025-07-26',
  '1447-03': '2025-08-25',
  '1447-04': '2025-09-24',
  '1447-05': '2025-10-23',
  '1447-06': '2025-11-22',
  '1447-07': '2025-12-22',
  '1447-08': '2026-01-21',
  '1447-09': '2026-02-19',
  // Official calendar of 1405 (pcci.ir copy of the published PDF, cited in the same project's tests;
  // 1 Shawwal 1447 = 1 Farvardin 1405 was also announced by the moon-sighting office).
  '1447-10': '2026-03-21',
  '1447-11': '2026-04-19',
  '1447-12': '2026-05-18',
  '1448-01': '2026-06-16',
  '1448-02': '2026-07-16',
  '1448-03': '2026-08-14',
  '1448-04': '2026-09-13',
  '1448-05': '2026-10-12',
  '1448-06': '2026-11-11',
  '1448-07': '2026-12-11',
  '1448-08': '2027-01-10',
  '1448-09': '2027-02-08',
  '1448-10': '2027-03-10',
};

/** What each holiday is called; one key per occasion, shared with the provisional rules. */
export const HOLIDAY_TITLES = {
  nowruz: { fa: 'عید نوروز', en: 'Nowruz' },
  republic: { fa: 'روز جمهوری اسلامی', en: 'Islamic Republic Day' },
  nature: { fa: 'روز طبیعت', en: 'Nature Day (Sizdah Bedar)' },
  khomeini: { fa: 'رحلت حضرت امام خمینی', en: 'Demise of Imam Khomeini' },
  khordad15: { fa: 'قیام ۱۵ خرداد', en: '15 Khordad Uprising' },
  revolution: { fa: 'پیروزی انقلاب اسلامی', en: 'Victory of the Islamic Revolution' },
  oil: { fa: 'روز ملی شدن صنعت نفت', en: 'Oil Industry Nationalization Day' },
  tasua: { fa: 'تاسوعای حسینی', en: 'Tasua' },
  ashura: { fa: 'عاشورای حسینی', en: 'Ashura' },
  arbaeen: { fa: 'اربعین حسینی', en: 'Arbaeen' },
  prophetDemise: {
    fa: 'رحلت حضرت رسول اکرم (ص) و شهادت امام حسن مجتبی (ع)',
    en: 'Demise of the Prophet Muhammad and Martyrdom of Imam Hasan',
  },
  reza: { fa: 'شهادت امام رضا (ع)', en: 'Martyrdom of Imam Reza' },
  askari: { fa: 'شهادت امام حسن عسکری (ع)', en: 'Martyrdom of Imam Hasan al-Askari' },
  mawlid: { fa: 'میلاد حضرت رسول اکرم (ص) و امام جعفر صادق (ع)', en: 'Birth of the Prophet Muhammad and Imam Jafar al-Sadiq' },
  fatima: { fa: 'شهادت حضرت فاطمه زهرا (س)', en: 'Martyrdom of Fatimah al-Zahra' },
  aliBirth: { fa: 'ولادت امام علی (ع)', en: 'Birth of Imam Ali' },
  mabath: { fa: 'مبعث حضرت رسول اکرم (ص)', en: "Mab'ath (the Prophet's mission)" },
  mahdi: { fa: 'ولادت حضرت قائم (عج)', en: 'Birth of Imam Mahdi' },
  aliMartyrdom: { fa: 'شهادت امام علی (ع)', en: 'Martyrdom of Imam Ali' },
  fitr: { fa: 'عید سعید فطر', en: 'Eid al-Fitr' },
  fitr2: { fa: 'تعطیل به مناسبت عید سعید فطر', en: 'Eid al-Fitr holiday' },
  sadiq: { fa: 'شهادت امام جعفر صادق (ع)', en: 'Martyrdom of Imam Jafar al-Sadiq' },
  adha: { fa: 'عید سعید قربان', en: 'Eid al-Adha' },
  ghadir: { fa: 'عید سعید غدیر خم', en: 'Eid al-Ghadir' },
} as const;

export type HolidayKey = keyof typeof HOLIDAY_TITLES;

export interface OfficialList {
  /** Where the list was read; shown to the admin and kept in the decision record. */
  source: string;
  /** [Jalali month, day, occasions...] in date order. */
  days: ReadonlyArray<readonly [number, number, ...HolidayKey[]]>;
}

export const OFFICIAL_LISTS: Readonly<Record<number, OfficialList>> = {
  1404: {
    source: 'تقویم رسمی ۱۴۰۴ مرکز تقویم دانشگاه تهران؛ فهرست ۲۶ روز تعطیل (gardshgar.com/holiday-1404)',
    days: [
      [1, 1, 'nowruz'],
      [1, 2, 'nowruz', 'aliMartyrdom'],
      [1, 3, 'nowruz'],
      [1, 4, 'nowruz'],
      [1, 11, 'fitr'],
      [1, 12, 'republic', 'fitr2'],
      [1, 13, 'nature'],
      [2, 4, 'sadiq'],
      [3, 14, 'khomeini'],
      [3, 15, 'khordad15'],
      [3, 16, 'adha'],
      [3, 24, 'ghadir'],
      [4, 14, 'tasua'],
      [4, 15, 'ashura'],
      [5, 23, 'arbaeen'],
      [5, 31, 'prophetDemise'],
      [6, 2, 'reza'],
      [6, 10, 'askari'],
      [6, 19, 'mawlid'],
      [9, 3, 'fatima'],
      [10, 13, 'aliBirth'],
      [10, 27, 'mabath'],
      [11, 15, 'mahdi'],
      [11, 22, 'revolution'],
      [12, 20, 'aliMartyrdom'],
      [12, 29, 'oil'],
    ],
  },
  1405: {
    source: 'تقویم رسمی ۱۴۰۵ مصوب شورای فرهنگ عمومی؛ فهرست ۲۵ روز تعطیل (ایلنا، ۸ آبان ۱۴۰۴، خبر ۱۷۰۷۰۵۱)',
    days: [
      [1, 1, 'nowruz', 'fitr'],
      [1, 2, 'nowruz', 'fitr2'],
      [1, 3, 'nowruz'],
      [1, 4, 'nowruz'],
      [1, 12, 'republic'],
      [1, 13, 'nature'],
      [3, 6, 'adha'],
      [3, 14, 'khomeini', 'ghadir'],
      [3, 15, 'khordad15'],
      [4, 3, 'tasua'],
      [4, 4, 'ashura'],
      [5, 13, 'arbaeen'],
      [5, 21, 'prophetDemise'],
      [5, 22, 'reza'],
      [5, 30, 'askari'],
      [6, 8, 'mawlid'],
      [8, 22, 'fatima'],
      [10, 2, 'aliBirth'],
      [10, 16, 'mabath'],
      [11, 4, 'mahdi'],
      [11, 22, 'revolution'],
      [12, 9, 'aliMartyrdom'],
      [12, 19, 'fitr'],
      [12, 20, 'fitr2'],
      [12, 29, 'oil'],
    ],
  },
};

/**
 * Persian name lists and the helpers that draw from them with the seeded generator, for the demo seed.
 *
 * Every string here is written with Persian «ی» (U+06CC) and «ک» (U+06A9), never the
 * Arabic Yeh (U+064A) / Arabic Kaf (U+0643); compound names use ZWNJ (U+200C), e.g. «نیک‌بخت».
 * Pure module: no I/O, no Math.random, no Date.
 */

import { mulberry32, type Rng } from '../platform/random.js';

// The demo's generator is the platform's (seed and scripts import it from here with the lists).
export { mulberry32, type Rng };

/** Integer in [min, max], both inclusive. */
export function randInt(rng: Rng, min: number, max: number): number {
  return min + Math.floor(rng() * (max - min + 1));
}

/** One element of a non-empty list (or one character of a string). */
export function pick<T>(rng: Rng, items: ArrayLike<T>): T {
  if (items.length === 0) throw new Error('pick: empty list');
  return items[Math.floor(rng() * items.length)] as T;
}

/** `count` distinct elements of `items`, in random order. */
export function pickDistinct<T>(rng: Rng, items: readonly T[], count: number): T[] {
  if (count > items.length) throw new Error('pickDistinct: not enough items');
  const pool = [...items];
  const out: T[] = [];
  for (let i = 0; i < count; i++) {
    const j = Math.floor(rng() * pool.length);
    out.push(pool[j] as T);
    pool.splice(j, 1);
  }
  return out;
}

/** A string of `length` random ASCII digits; `first` restricts the first digit. */
export function randomDigits(rng: Rng, length: number, first = '0123456789'): string {
  let s = '';
  for (let i = 0; i < length; i++) s += pick(rng, i === 0 ? first : '0123456789');
  return s;
}

const FA_DIGITS = '۰۱۲۳۴۵۶۷۸۹';
/** ASCII digits → Persian digits (only for display text such as addresses; identifiers stay ASCII). */
export function toPersianDigits(value: string | number): string {
  return String(value).replace(/[0-9]/g, (d) => FA_DIGITS[Number(d)] as string);
}

export const MALE_FIRST_NAMES: readonly string[] = [
  'محمد', 'علی', 'حسین', 'رضا', 'مهدی', 'حسن', 'امیر', 'مرتضی', 'مصطفی', 'جواد',
  'سعید', 'حمید', 'مجید', 'احمد', 'محسن', 'هادی', 'مسعود', 'ابراهیم', 'اکبر', 'اصغر',
  'عباس', 'محمدرضا', 'علیرضا', 'امیرحسین', 'محمدعلی', 'حمیدرضا', 'سجاد', 'میلاد', 'پویا', 'بهزاد',
  'فرهاد', 'داوود', 'یوسف', 'کاظم', 'جعفر', 'ناصر', 'منصور', 'رسول', 'مهران', 'کامران',
  'بهروز', 'مجتبی', 'ایمان', 'آرش', 'وحید', 'کیوان', 'نادر', 'یاسر',
];

export const FEMALE_FIRST_NAMES: readonly string[] = [
  'فاطمه', 'زهرا', 'مریم', 'زینب', 'معصومه', 'سمیه', 'نرگس', 'الهام', 'لیلا', 'مینا',
  'سارا', 'نسرین', 'شیما', 'مهسا', 'الهه', 'فرزانه', 'راضیه', 'اعظم', 'طاهره', 'منیژه',
  'پروین', 'سحر', 'نازنین', 'هانیه', 'ریحانه', 'کوثر', 'فرشته', 'سپیده', 'آزاده', 'مهناز',
  'نیلوفر', 'ملیکا',
];

/** All first names (male then female). */
export const FIRST_NAMES: readonly string[] = [...MALE_FIRST_NAMES, ...FEMALE_FIRST_NAMES];

/** Family names common in Isfahan. */
export const FAMILY_NAMES: readonly string[] = [
  'اصفهانی', 'نوربخش', 'کاظمی', 'رضایی', 'صالحی', 'جعفری', 'طباطبایی', 'موسوی', 'حسینی', 'احمدی',
  'محمدی', 'کریمی', 'میرلوحی', 'شفیعی', 'ابطحی', 'نجفی', 'زمانی', 'مهدوی', 'امینی', 'ترابی',
  'کیانی', 'سلطانی', 'قاسمی', 'عابدی', 'دهقانی', 'نیلفروشان', 'نیک‌بخت', 'ملک‌زاده', 'خوراسگانی', 'جزی',
  'نجف‌آبادی', 'شهشهانی', 'کلباسی', 'فروغی', 'صفوی', 'باقری', 'ریاحی', 'یزدانی', 'نادری', 'هاشمی',
  'میرزایی', 'عسگری', 'شاهمرادی', 'حیدری', 'کرمانی', 'خادمی', 'مختاری', 'اکبری', 'رحیمی', 'صادقی',
  'فاضلی', 'انصاری', 'قربانی', 'سبحانی', 'طاهری', 'مرادی', 'شریفی', 'اسماعیلی', 'توکلی', 'زارعی',
  'ملکی', 'منصوری', 'فرهادی', 'امامی', 'جوادی', 'نصیری', 'پورمحمدی', 'حاج‌حیدری', 'دستجردی', 'سیستانی',
];

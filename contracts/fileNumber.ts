/**
 * The property file number (شماره پرونده ملک) in its two forms. Stored, typed into the API and
 * exchanged with other systems it is ASCII: the city's code and a zero-padded sequence
 * (ISFAHAN-0000041). On screen and on paper a clerk reads and says it in Persian: the city's name
 * and the sequence in Persian digits, without the padding (اصفهان-۴۱). Either form finds the file
 * (docs/decisions/0017-persian-display.md).
 */
import { digitsEnToFa, digitsFaToEn } from '@persian-tools/persian-tools';

/**
 * The Persian name each city code's files carry: the cities the platform is set up for (the demo's
 * Isfahan, and the others `seed:synthetic` makes). A city added to `cities` adds its name here.
 */
export const FILE_NUMBER_CITY_FA: Readonly<Record<string, string>> = {
  ISFAHAN: 'اصفهان', MASHHAD: 'مشهد', SHIRAZ: 'شیراز', TABRIZ: 'تبریز', KARAJ: 'کرج', QOM: 'قم', AHVAZ: 'اهواز', KERMANSHAH: 'کرمانشاه',
  URMIA: 'ارومیه', RASHT: 'رشت', KERMAN: 'کرمان', YAZD: 'یزد', HAMEDAN: 'همدان', ARAK: 'اراک', ZANJAN: 'زنجان', SARI: 'ساری',
};

const SEQUENCE_DIGITS = 7;

/** ISFAHAN + 42 → ISFAHAN-0000042 (what is stored). */
export function formatFileNumber(cityCode: string, seq: number): string {
  return `${cityCode.toUpperCase()}-${String(seq).padStart(SEQUENCE_DIGITS, '0')}`;
}

/** ISFAHAN-0000041 → اصفهان-۴۱. A value not in the stored shape is only given Persian digits. */
export function fileNumberFa(fileNumber: string): string {
  const m = /^([A-Z]+)-(\d+)$/.exec(fileNumber);
  const city = m && FILE_NUMBER_CITY_FA[m[1]!];
  if (!m || !city) return digitsEnToFa(fileNumber);
  return `${city}-${digitsEnToFa(String(Number(m[2])))}`;
}

/** For the public verify page: the city and the last two digits only (ISFAHAN-0000041 → اصفهان-*****۴۱). */
export function maskedFileNumberFa(fileNumber: string): string {
  const m = /^([A-Z]+)-(\d+)$/.exec(fileNumber);
  if (!m) return '*'.repeat(fileNumber.length);
  return `${FILE_NUMBER_CITY_FA[m[1]!] ?? m[1]}-${'*'.repeat(SEQUENCE_DIGITS - 2)}${digitsEnToFa(m[2]!.slice(-2))}`;
}

const CODE_OF_CITY_FA = new Map(Object.entries(FILE_NUMBER_CITY_FA).map(([code, name]) => [name, code]));

/**
 * What a person typed, in either form and any digits (اصفهان-۴۱, اصفهان ۴۱, isfahan-41,
 * ISFAHAN-0000041), as the stored file number; null when it is not a file number.
 */
export function parseFileNumber(typed: string): string | null {
  const text = digitsFaToEn(typed.trim()).replace(/[٠-٩]/g, (d) => String(d.charCodeAt(0) - 0x0660));
  const m = /^(\p{L}+)\s*[-\u2010-\u2015\u2212\s]\s*(\d{1,7})$/u.exec(text);
  if (!m) return null;
  const name = m[1]!.replace(/ي/g, 'ی').replace(/ك/g, 'ک');
  const code = CODE_OF_CITY_FA.get(name) ?? (/^[A-Za-z]+$/.test(name) ? name.toUpperCase() : null);
  if (!code) return null;
  return formatFileNumber(code, Number(m[2]));
}

/**
 * Input normalisation, applied to every string a client sends (before schema validation) so that
 * what is stored and what is searched look alike: «علي» and «علی» are the same name, «۰۹۱۳...»
 * and «0913...» the same mobile.
 */
import { digitsArToEn, digitsFaToEn, toPersianChars } from '@persian-tools/persian-tools';

const ZWNJ = '\u200c';

/** Persian and Arabic-Indic digits to ASCII. */
export function toAsciiDigits(s: string): string {
  return digitsArToEn(digitsFaToEn(s));
}

/**
 * Arabic ي/ك/ى to Persian ی/ک, digits to ASCII, and tidy white space and ZWNJ: no ZWNJ beside a
 * space or at the ends, no doubled ZWNJ, one space between words, none at the ends.
 */
export function normalizeText(s: string): string {
  let out = toAsciiDigits(toPersianChars(s)).replace(/\u0649/g, 'ی');
  out = out
    .replace(/[\u200b\u200d\u200e\u200f\ufeff]/g, '') // other zero-width and direction marks
    .replace(/\u200c{2,}/g, ZWNJ)
    .replace(/[\t\r\f\v\u00a0\u2000-\u200a\u202f\u205f\u3000 ]+/g, ' ')
    .replace(/ ?\u200c ?/g, (m) => (m === ZWNJ ? ZWNJ : ' '))
    .replace(/ *\n */g, '\n')
    .trim()
    .replace(/^\u200c+|\u200c+$/g, '');
  return out;
}

/** A string to compare in search: normalised, lower-cased, ZWNJ read as a space. */
export function searchKey(s: string): string {
  return normalizeText(s).replace(/\u200c/g, ' ').toLowerCase();
}

/** Keys whose values are never touched (secrets are compared byte for byte). */
const SECRET_KEYS = new Set(['password', 'currentPassword', 'newPassword']);

/** Normalise every string inside a parsed JSON body or query, in place of a copy. */
export function normalizeInput<T>(value: T): T {
  return walk(value, '') as T;
}

function walk(value: unknown, key: string): unknown {
  if (typeof value === 'string') return SECRET_KEYS.has(key) ? value : normalizeText(value);
  if (Array.isArray(value)) return value.map((v) => walk(v, key));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = walk(v, k);
    return out;
  }
  return value;
}

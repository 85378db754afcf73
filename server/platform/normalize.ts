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

/** Printable ASCII words with single spaces between them, none at the ends: what normalizeText leaves as it is. */
const PLAIN_ASCII = /^(?:[\x21-\x7e]+(?: [\x21-\x7e]+)*)?$/;

/**
 * Unicode's composed form (NFC: «ا» + madda typed as two characters is «آ»), Arabic ي/ك/ى to
 * Persian ی/ک, digits to ASCII, no direction controls, and tidy white space and ZWNJ: no ZWNJ
 * beside a space or at the ends, no doubled ZWNJ, one space between words, none at the ends.
 */
export function normalizeText(s: string): string {
  if (PLAIN_ASCII.test(s)) return s; // codes, numbers, e-mail addresses: nothing to change (most inputs on the hot paths)
  // Invisible marks first, so that what they stood between is composed: other zero-width and
  // direction marks (not a [class]: a joiner in one reads as joining its neighbours), and the
  // direction embeddings, overrides and isolates (a name with U+202E shows what follows reversed,
  // on screens and letters).
  const visible = s.replace(/\u200b|\u200d|\u200e|\u200f|\ufeff/g, '').replace(/[\u202a-\u202e\u2066-\u2069]/g, '');
  let out = toAsciiDigits(toPersianChars(visible.normalize('NFC'))).replace(/\u0649/g, 'ی');
  out = out
    .replace(/[\t\r\f\v\u00a0\u2000-\u200a\u202f\u205f\u3000 ]+/g, ' ')
    .replace(/\u200c+(?=[ \n])|(?<=[ \n])\u200c+/g, '') // a ZWNJ only joins letters
    .replace(/\u200c{2,}/g, ZWNJ)
    .replace(/ {2,}/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/^[\s\u200c]+|[\s\u200c]+$/g, '');
  return out;
}

/**
 * Letters a clerk may type for one another in a name or an address, folded to one form in the
 * search key only (what is stored and shown keeps its spelling). Kept conservative: each pair is a
 * spelling variant of one letter, never two different letters of Persian. Arabic ي/ك/ى are already
 * Persian ی/ک after `normalizeText`.
 */
export const SEARCH_KEY_FOLDS: readonly (readonly [from: string, to: string])[] = [
  ['ة', 'ه'], // teh marbuta: «فاطمة» / «فاطمه»
  ['أ', 'ا'], // hamza above: «أحمد» / «احمد»
  ['إ', 'ا'], // hamza below: «إسماعیل» / «اسماعیل»
  ['آ', 'ا'], // madda, often left out on a keyboard: «آزاده» / «ازاده»
  ['ٱ', 'ا'], // wasla
  ['ؤ', 'و'], // «مؤمنی» / «مومنی»
  ['ئ', 'ی'], // «رئیسی» / «رییسی»
];

/**
 * Characters the search key drops: every space and ZWNJ («محمدحسین», «محمد‌حسین» and «محمد حسین» are
 * one name to a clerk), the tatweel, the short-vowel marks and tanwin (U+064B-U+0652, U+0670), the
 * madda and hamza as marks (U+0653-U+0655: «خانهٔ» is found by «خانه»), and
 * the punctuation of addresses. A finite list, so that SQL can compute the same key from a column
 * (see `searchKeyOf` in db/sql.ts).
 */
export const SEARCH_KEY_DROPS: readonly string[] = [
  ' ', '\n', '\u200c', 'ـ',
  '\u064b', '\u064c', '\u064d', '\u064e', '\u064f', '\u0650', '\u0651', '\u0652', '\u0670',
  // The madda and hamza typed as marks of their own (U+0653-U+0655): «ا» + madda is «آ», which the
  // key folds to «ا»; kept apart they are dropped to the same key, on text stored before NFC too.
  '\u0653', '\u0654', '\u0655',
  '،', ',', '؛', ';', '.', ':', '-', '(', ')', '«', '»', '"', "'",
];

const DROP = new RegExp(`[${SEARCH_KEY_DROPS.map((c) => c.replace(/[\\\]\-^]/g, '\\$&')).join('')}]`, 'g');
const FOLD = new Map(SEARCH_KEY_FOLDS);
const FOLD_RE = new RegExp(`[${[...FOLD.keys()].join('')}]`, 'g');

/**
 * The key a name or an address is stored and searched under (the `search_text` columns): the text
 * normalised, variant letters folded, spaces, ZWNJ, vowel marks and punctuation dropped,
 * lower-cased. Computed by this one function on write and on query, so any spelling a clerk types
 * finds any spelling stored. See docs/decisions/0019-identifiers-and-search-keys.md.
 */
export function searchKey(s: string): string {
  return normalizeText(s).replace(FOLD_RE, (c) => FOLD.get(c)!).replace(DROP, '').toLowerCase();
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
    // fromEntries defines own properties: a key named "__proto__" stays a key, never a prototype.
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v, k)]));
  }
  return value;
}

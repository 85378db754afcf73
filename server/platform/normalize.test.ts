import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { normalizeInput, normalizeText, searchKey, toAsciiDigits } from './normalize.js';

/** How many cases each property tries; reported in the issue note. */
const RUNS = 2000;

const FA_DIGITS = '۰۱۲۳۴۵۶۷۸۹';
const AR_DIGITS = '٠١٢٣٤٥٦٧٨٩';
const ZWNJ = '\u200c';

/** Persian letters (Persian ی/ک), digits, spaces and ZWNJ: the text of names and addresses. */
const PERSIAN_LETTERS = 'ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهی';
const persianWord = fc.array(fc.constantFrom(...PERSIAN_LETTERS), { minLength: 1, maxLength: 7 }).map((a) => a.join(''));
const persianText = fc.array(fc.oneof(persianWord, fc.integer({ min: 0, max: 99999 }).map(String)), { minLength: 1, maxLength: 5 }).map((w) => w.join(' '));
/** Any text at all, with the characters that normalisation touches mixed in. */
const messyText = fc
  .array(fc.oneof(fc.string({ maxLength: 4 }), fc.constantFrom('ي', 'ك', 'ى', ZWNJ, ZWNJ + ZWNJ, ' ', '  ', '\t', '\u00a0', '\u200f', '۳', '٣', 'ة', 'آ', 'ئ', '\n', 'ا', '\u0653', '\u0654', '\u202e', '\u2067')), { maxLength: 12 })
  .map((a) => a.join(''));

/** One word-joining, chosen per gap: nothing, a ZWNJ or a space (what a clerk may type between parts of a name). */
const joiner = fc.constantFrom('', ZWNJ, ' ');

describe('normalizeText', () => {
  it('is idempotent', () => {
    fc.assert(fc.property(messyText, (s) => normalizeText(normalizeText(s)) === normalizeText(s)), { numRuns: RUNS });
  });

  it('leaves no Arabic ي/ك/ى, no Persian or Arabic digits, no doubled ZWNJ and no space at the ends', () => {
    fc.assert(
      fc.property(messyText, (s) => {
        const n = normalizeText(s);
        return !/[يكى۰-۹٠-٩]/.test(n) && !n.includes(ZWNJ + ZWNJ) && n === n.trim() && !/ {2}/.test(n);
      }),
      { numRuns: RUNS },
    );
  });

  it('composes what was typed as a letter and a mark (NFC) and leaves no direction control', () => {
    expect(normalizeText('\u0627\u0653زادگان')).toBe('آزادگان');
    expect(normalizeText('\u0627\u0654حمد')).toBe('أحمد');
    expect(normalizeText('\u202eعلی\u202c رضایی')).toBe('علی رضایی');
    expect(normalizeText('ا\u202e\u0653')).toBe('آ'); // composed once the control between is gone
    fc.assert(
      fc.property(messyText, (s) => {
        const n = normalizeText(s);
        return n === n.normalize('NFC') && !/[\u202a-\u202e\u2066-\u2069\u200e\u200f]/.test(n);
      }),
      { numRuns: RUNS },
    );
  });

  it('reads Persian, Arabic-Indic and ASCII digits as the same', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }).map((s) => s.replace(/\D/g, '')), (digits) => {
        const fa = digits.replace(/\d/g, (d) => FA_DIGITS[Number(d)]!);
        const ar = digits.replace(/\d/g, (d) => AR_DIGITS[Number(d)]!);
        return toAsciiDigits(fa) === digits && toAsciiDigits(ar) === digits && normalizeText(fa) === normalizeText(digits);
      }),
      { numRuns: RUNS },
    );
  });

  it('leaves passwords alone and normalises every other string of a body', () => {
    expect(normalizeInput({ password: ' علي ۱ ', name: ' علي ۱ ', nested: [{ q: 'ك' }] })).toEqual({ password: ' علي ۱ ', name: 'علی 1', nested: [{ q: 'ک' }] });
  });

  it('keeps a key named __proto__ as a key (a found case of the properties), never as the prototype', () => {
    const out = normalizeInput(JSON.parse('{"__proto__":{"q":"ك"},"a":"ي"}') as Record<string, unknown>);
    expect(Object.keys(out)).toEqual(['__proto__', 'a']);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect((out as { q?: string }).q).toBeUndefined();
  });
});

describe('searchKey', () => {
  it('the six cross-spellings of «محمدحسین» (and each with itself) give one key: a hand-written table', () => {
    const forms = ['محمدحسین', `محمد${ZWNJ}حسین`, 'محمد حسین'];
    const table: [stored: string, searched: string][] = [
      [forms[0]!, forms[1]!], [forms[0]!, forms[2]!], [forms[1]!, forms[0]!],
      [forms[1]!, forms[2]!], [forms[2]!, forms[0]!], [forms[2]!, forms[1]!],
    ];
    for (const [stored, searched] of table) expect(searchKey(stored), `${stored} / ${searched}`).toBe(searchKey(searched));
    expect(searchKey('محمد حسین')).toBe('محمدحسین');
    expect(searchKey('محمدحسن')).not.toBe(searchKey('محمدحسین'));
  });

  it('folds the variants a clerk types, conservatively: a hand-written table', () => {
    const same: [string, string][] = [
      ['علي', 'علی'], ['كاظمي', 'کاظمی'], ['مصطفى', 'مصطفی'], ['فاطمة', 'فاطمه'], ['أحمد', 'احمد'], ['إسماعیل', 'اسماعیل'],
      ['آزاده', 'ازاده'], ['مؤمنی', 'مومنی'], ['رئیسی', 'رییسی'], ['محمّد', 'محمد'], ['خیابان کاوه، کوچه ۳۰', 'خیابان کاوه کوچه 30'],
      ['عبدالله', 'عبد الله'], ['ABC', 'abc'], ['محمـــد', 'محمد'],
      ['\u0627\u0653زادگان', 'آزادگان'], ['\u0627\u0653زادگان', 'ازادگان'], ['خانهٔ', 'خانه'], ['\u0627\u0655سماعیل', 'اسماعیل'],
    ];
    for (const [a, b] of same) expect(searchKey(a), `${a} / ${b}`).toBe(searchKey(b));
    // Different letters stay different.
    const different: [string, string][] = [['حسین', 'حسن'], ['رضا', 'رزا'], ['کاظم', 'گاظم'], ['سعید', 'سعیده'], ['پلاک ۱۲', 'پلاک ۲۱']];
    for (const [a, b] of different) expect(searchKey(a), `${a} / ${b}`).not.toBe(searchKey(b));
  });

  it('is idempotent and never holds a space, a ZWNJ or an Arabic letter variant', () => {
    fc.assert(
      fc.property(messyText, (s) => {
        const k = searchKey(s);
        return searchKey(k) === k && !/[\s\u200cيكىةأإآؤئ]/.test(k);
      }),
      { numRuns: RUNS },
    );
  });

  it('gives one key whatever joins the parts of a name (nothing, ZWNJ or space)', () => {
    fc.assert(
      fc.property(fc.array(persianWord, { minLength: 2, maxLength: 4 }), fc.array(joiner, { minLength: 3, maxLength: 3 }), fc.array(joiner, { minLength: 3, maxLength: 3 }), (parts, j1, j2) => {
        const one = parts.map((p, i) => (i === 0 ? p : j1[i - 1]! + p)).join('');
        const other = parts.map((p, i) => (i === 0 ? p : j2[i - 1]! + p)).join('');
        return searchKey(one) === searchKey(other);
      }),
      { numRuns: RUNS },
    );
  });

  it('gives one key for Arabic ي/ك and Persian ی/ک, and for Persian, Arabic or ASCII digits', () => {
    fc.assert(
      fc.property(persianText, (text) => {
        const arabic = text.replace(/ی/g, 'ي').replace(/ک/g, 'ك');
        const faDigits = text.replace(/\d/g, (d) => FA_DIGITS[Number(d)]!);
        const arDigits = arabic.replace(/\d/g, (d) => AR_DIGITS[Number(d)]!);
        const key = searchKey(text);
        return searchKey(arabic) === key && searchKey(faDigits) === key && searchKey(arDigits) === key;
      }),
      { numRuns: RUNS },
    );
  });

  it('a key of part of a name is found inside the key of the whole (what LIKE %key% relies on)', () => {
    fc.assert(
      fc.property(fc.array(persianWord, { minLength: 2, maxLength: 4 }), fc.array(joiner, { minLength: 3, maxLength: 3 }), fc.nat(), (parts, joins, pick) => {
        const whole = parts.map((p, i) => (i === 0 ? p : joins[i - 1]! + p)).join('');
        const part = parts[pick % parts.length]!;
        return searchKey(whole).includes(searchKey(part));
      }),
      { numRuns: RUNS },
    );
  });
});

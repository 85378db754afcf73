import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { verifyIranianNationalId } from '@persian-tools/persian-tools';
import {
  asciiDigits, canonicalMobile, canonicalNationalCode, canonicalPostalCode, canonicalTrackingCode, isLegalNationalId, isMobile,
  isNationalCode, isPostalCode,
} from './identifiers.js';

/** How many cases each property tries; reported in the issue note. */
const RUNS = 2000;

const FA = '۰۱۲۳۴۵۶۷۸۹';
const AR = '٠١٢٣٤٥٦٧٨٩';
const toFa = (s: string) => s.replace(/\d/g, (d) => FA[Number(d)]!);
const toAr = (s: string) => s.replace(/\d/g, (d) => AR[Number(d)]!);

/** The oracle, written from the published rule and independently of the code under test. */
function checkDigit(nine: string): string {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(nine[i]) * (10 - i);
  const r = sum % 11;
  return String(r < 2 ? r : 11 - r);
}

const digitString = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((a) => a.join(''));
const repeated = (s: string) => /^(\d)\1{9}$/.test(s);
const validCode = digitString(9)
  .map((nine) => nine + checkDigit(nine))
  .filter((c) => !repeated(c));
/** Ways people write digits: ASCII, Persian, Arabic-Indic. */
const script = fc.constantFrom((s: string) => s, toFa, toAr);

describe('national code (کد ملی): the check digit alone decides', () => {
  it('a hand-written table', () => {
    const table: [string, boolean, string][] = [
      ['0012345679', true, 'a leading-zero code'],
      ['9991234561', true, 'prefix 999 is not in the library region list: refused there, accepted here'],
      ['1287368484', true, 'an Isfahan code'],
      ['1287368485', false, 'the check digit off by one'],
      ['0000000000', false, 'one digit ten times (its check digit is valid)'],
      ['1111111111', false, 'one digit ten times'],
      ['128736848', false, 'nine digits are not canonical'],
      ['12873684840', false, 'eleven digits'],
      ['۱۲۸۷۳۶۸۴۸۴', false, 'Persian digits are not canonical (canonicalNationalCode converts them)'],
    ];
    for (const [code, valid, why] of table) expect(isNationalCode(code), why).toBe(valid);
    expect(verifyIranianNationalId('9991234561')).toBe(false); // why the library's validator is not used
  });

  it('accepts every 10-digit string with a valid check digit (not one repeated digit)', () => {
    fc.assert(fc.property(validCode, (code) => isNationalCode(code)), { numRuns: RUNS });
  });

  it('refuses every other last digit', () => {
    fc.assert(
      fc.property(digitString(9), fc.integer({ min: 1, max: 9 }), (nine, shift) => {
        const wrong = nine + String((Number(checkDigit(nine)) + shift) % 10);
        return !isNationalCode(wrong);
      }),
      { numRuns: RUNS },
    );
  });

  it('refuses one digit ten times and anything not 10 digits', () => {
    for (let d = 0; d <= 9; d++) expect(isNationalCode(String(d).repeat(10))).toBe(false);
    fc.assert(fc.property(fc.string({ maxLength: 14 }).filter((s) => !/^\d{10}$/.test(s)), (s) => !isNationalCode(s)), { numRuns: RUNS });
  });

  it('left-pads 8 and 9 digits with zeros, so a code that lost its leading zeros is found again', () => {
    expect(canonicalNationalCode('12345679')).toBe('0012345679');
    expect(canonicalNationalCode('۱۲۳۴۵۶۷۹')).toBe('0012345679');
    expect(canonicalNationalCode('012345679')).toBe('0012345679');
    expect(canonicalNationalCode('1234567')).toBe('1234567'); // too short: left for the validator to refuse
    expect(canonicalNationalCode('10380284790')).toBe('10380284790'); // a legal id is untouched
    fc.assert(
      fc.property(validCode.filter((c) => c.startsWith('0')), (code) => {
        const lost = code.replace(/^0{1,2}/, '');
        return lost.length >= 8 && canonicalNationalCode(lost) === code && isNationalCode(canonicalNationalCode(lost));
      }),
      { numRuns: RUNS },
    );
  });

  it('reads a code in any digits, grouped as on the card (۱۲۸-۷۳۶۸۴۸-۴), and is idempotent', () => {
    expect(canonicalNationalCode('۱۲۸-۷۳۶۸۴۸-۴')).toBe('1287368484');
    expect(canonicalNationalCode(' 128 736 8484 ')).toBe('1287368484');
    fc.assert(
      fc.property(validCode, script, fc.constantFrom('', ' ', '-'), (code, write, sep) => {
        const typed = write(`${code.slice(0, 3)}${sep}${code.slice(3, 9)}${sep}${code.slice(9)}`);
        const once = canonicalNationalCode(typed);
        return once === code && canonicalNationalCode(once) === once;
      }),
      { numRuns: RUNS },
    );
  });
});

describe('legal national id (شناسه ملی): its own rule', () => {
  it('a hand-written table', () => {
    expect(isLegalNationalId('10380284790')).toBe(true);
    expect(isLegalNationalId('10380284791')).toBe(false);
    expect(isLegalNationalId('1038028479')).toBe(false);
  });

  it('never accepts anything but 11 ASCII digits, and a changed last digit breaks it', () => {
    fc.assert(fc.property(fc.string({ maxLength: 14 }).filter((s) => !/^\d{11}$/.test(s)), (s) => !isLegalNationalId(s)), { numRuns: RUNS });
    fc.assert(
      fc.property(digitString(11), fc.integer({ min: 1, max: 9 }), (id, shift) => {
        const other = id.slice(0, 10) + String((Number(id[10]) + shift) % 10);
        return !(isLegalNationalId(id) && isLegalNationalId(other));
      }),
      { numRuns: RUNS },
    );
  });
});

describe('mobile (تلفن همراه): any common form, stored as 09xxxxxxxxx', () => {
  it('a hand-written table', () => {
    const table: [string, string][] = [
      ['09131234567', '09131234567'],
      ['+989131234567', '09131234567'],
      ['+98 913 123 4567', '09131234567'],
      ['0098-913-123-4567', '09131234567'],
      ['989131234567', '09131234567'],
      ['9131234567', '09131234567'],
      ['۰۹۱۳ ۱۲۳ ۴۵۶۷', '09131234567'],
      ['(0913) 123-4567', '09131234567'],
    ];
    for (const [typed, stored] of table) expect(canonicalMobile(typed), typed).toBe(stored);
    for (const bad of ['0913123456', '091312345678', '03131234567', '+9703131234567', '']) expect(isMobile(canonicalMobile(bad)), bad).toBe(false);
  });

  it('every prefix, script and grouping of a mobile gives the same stored form, idempotently', () => {
    fc.assert(
      fc.property(
        digitString(9),
        fc.constantFrom('0', '+98', '0098', '98', '', '+98 ', '0098-'),
        fc.constantFrom('', ' ', '-'),
        script,
        (rest, prefix, sep, write) => {
          const stored = `09${rest}`;
          const typed = write(`${prefix}9${rest.slice(0, 2)}${sep}${rest.slice(2, 5)}${sep}${rest.slice(5)}`);
          const once = canonicalMobile(typed);
          return once === stored && isMobile(once) && canonicalMobile(once) === once;
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('never turns a non-mobile into a valid one', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 16 }), (s) => {
        const c = canonicalMobile(s);
        // Whatever is accepted has exactly the ten digits 9xxxxxxxxx somewhere in what was typed.
        return !isMobile(c) || asciiDigits(s).replace(/\D/g, '').endsWith(c.slice(1));
      }),
      { numRuns: RUNS },
    );
  });
});

describe('postal code (کد پستی)', () => {
  it('a hand-written table', () => {
    const table: [string, boolean][] = [
      ['8174673441', true],
      ['1136913131', true],
      ['0174673441', false], // starts with 0
      ['5555555555', false], // one digit ten times
      ['817467344', false],
      ['81746734411', false],
    ];
    for (const [code, valid] of table) expect(isPostalCode(code), code).toBe(valid);
    expect(canonicalPostalCode('۸۱۷۴۶-۷۳۴۴۱')).toBe('8174673441');
  });

  it('accepts every 10-digit code not starting with 0 nor repeating one digit, in any digits and with the dash', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9 }), digitString(9), script, fc.constantFrom('', '-', ' '), (first, rest, write, sep) => {
        const code = `${first}${rest}`;
        if (repeated(code)) return !isPostalCode(code);
        const typed = write(`${code.slice(0, 5)}${sep}${code.slice(5)}`);
        const once = canonicalPostalCode(typed);
        return once === code && isPostalCode(once) && canonicalPostalCode(once) === once;
      }),
      { numRuns: RUNS },
    );
  });
});

describe('tracking code (کد رهگیری)', () => {
  it('drops spaces and dashes, in any digits', () => {
    fc.assert(
      fc.property(digitString(10), script, fc.constantFrom('', ' ', '-', ' - '), (code, write, sep) => {
        return canonicalTrackingCode(write(`${code.slice(0, 4)}${sep}${code.slice(4, 7)}${sep}${code.slice(7)}`)) === code;
      }),
      { numRuns: RUNS },
    );
  });
});

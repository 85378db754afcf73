import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readCaseSearch } from './requests.search.js';

const RUNS = 1000;
const fa = (s: string) => s.replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]!);
const ar = (s: string) => s.replace(/\d/g, (d) => '٠١٢٣٤٥٦٧٨٩'[Number(d)]!);

describe('reading the case list box', () => {
  it('a hand-written table', () => {
    const table: [typed: string, read: ReturnType<typeof readCaseSearch>][] = [
      ['۱۲۸۷۳۶۸۴۸۴', { tenDigits: '1287368484', nationalCode: '1287368484' }],
      ['۱۲۸-۷۳۶۸۴۸-۴', { tenDigits: '1287368484', nationalCode: '1287368484' }],
      ['۸۱۷۴۶ ۷۳۴۴۱', { tenDigits: '8174673441', nationalCode: '8174673441' }],
      ['۱۲۳۴۵۶۷۹', { nationalCode: '0012345679' }],
      ['10380284790', { nationalCode: '10380284790' }],
      ['۱۶۲۳۵/۲۴۲', { plate: { main: 16235, sub: 242 } }],
      ['۱۶۲۳۵ / ۲۴۲ / ۱۰', { plate: { main: 16235, sub: 242, registrySection: 10 } }],
      ['isfahan-0000033', { fileNumber: 'ISFAHAN-0000033', nameKey: 'isfahan0000033' }],
      ['محمد حسين', { nameKey: 'محمدحسین' }],
      ['۱۲۳', {}],
      ['!', {}],
    ];
    for (const [typed, read] of table) expect(readCaseSearch(typed), typed).toEqual(read);
  });

  it('any 10-digit code, in any digits, grouped with spaces or dashes, is read as those ten digits', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 10, maxLength: 10 }).map((a) => a.join('')),
        fc.constantFrom((s: string) => s, fa, ar),
        fc.constantFrom('', ' ', '-', ' - '),
        fc.integer({ min: 1, max: 8 }),
        (code, write, sep, cut) => readCaseSearch(write(code.slice(0, cut) + sep + code.slice(cut))).tenDigits === code,
      ),
      { numRuns: RUNS },
    );
  });
});

import { describe, expect, it } from 'vitest';
import { caseQuery, interpretSearch, normaliseTerm, propertyFilters } from './searchKind';

// 1287368484 and 0012345679 have a valid check digit; 1287368485 and 0012345678 do not.
describe('what a typed term could be', () => {
  it('reads Persian and Arabic-Indic digits, Persian dashes and stray spaces', () => {
    expect(normaliseTerm('  ۳–۱۲۵ - ١٤ ')).toBe('3-125 - 14');
    expect(interpretSearch('۶۱۵۷۱۴۴۵۶۵').term).toBe('6157144565');
  });

  it('takes ten digits as a tracking code, a national code when the check digit fits, and a postal code when it can be one', () => {
    expect(interpretSearch('1287368484').kinds).toEqual(['trackingCode', 'nationalCode', 'postalCode']);
    expect(interpretSearch('1287368485').kinds).toEqual(['trackingCode', 'postalCode']);
    expect(interpretSearch('0012345679').kinds).toEqual(['trackingCode', 'nationalCode']);
    expect(interpretSearch('0012345678').kinds).toEqual(['trackingCode']);
    expect(interpretSearch('1111111111').kinds).toEqual(['trackingCode']);
  });

  it('reads codes grouped with spaces or dashes, and a national code that lost its leading zeros', () => {
    expect(interpretSearch('۱۲۸-۷۳۶۸۴۸-۴')).toEqual({ term: '1287368484', kinds: ['trackingCode', 'nationalCode', 'postalCode'] });
    expect(interpretSearch('۸۱۷۴۶ ۷۳۴۴۱').term).toBe('8174673441');
    expect(interpretSearch('۱۲۳۴۵۶۷۹')).toEqual({ term: '0012345679', kinds: ['nationalCode'] });
    expect(interpretSearch('12345678').kinds).toEqual([]); // no valid check digit once padded
    // Four groups and more stay a renovation code.
    expect(interpretSearch('3-125-14-0').kinds).toEqual(['renovationCode']);
  });

  it('knows a company id, a renovation code, a plate and a file number by their shape', () => {
    expect(interpretSearch('10103456789').kinds).toEqual(['legalId']);
    expect(interpretSearch('۳-۹۹-۵۶-۰-۰-۰')).toEqual({ term: '3-99-56-0-0-0', kinds: ['renovationCode'] });
    expect(interpretSearch('16235 / 242')).toEqual({ term: '16235/242', kinds: ['plate'], plate: { main: 16235, sub: 242 } });
    expect(interpretSearch('16235/242/10').plate).toEqual({ main: 16235, sub: 242, registrySection: 10 });
    expect(interpretSearch('isfahan-0000033')).toEqual({ term: 'ISFAHAN-0000033', kinds: ['fileNumber'] });
    // As the pages show it: the city's name and the sequence in Persian digits.
    expect(interpretSearch('اصفهان-۳۳')).toEqual({ term: 'ISFAHAN-0000033', kinds: ['fileNumber'] });
    expect(interpretSearch('اصفهان ۳۳')).toEqual({ term: 'ISFAHAN-0000033', kinds: ['fileNumber'] });
  });

  it('takes words as a name or an address, and a stray number as nothing it can look up', () => {
    expect(interpretSearch('پروین  جوادی')).toEqual({ term: 'پروین جوادی', kinds: ['name'] });
    expect(interpretSearch('12345').kinds).toEqual([]);
    expect(interpretSearch('').kinds).toEqual([]);
  });
});

describe('the calls a search makes', () => {
  it('asks for property files once per identifier that fits, and for cases when the case list can match it', () => {
    const plan = interpretSearch('1287368484');
    expect(propertyFilters(plan)).toEqual([{ trackingCode: '1287368484' }, { nationalCode: '1287368484' }, { postalCode: '1287368484' }]);
    expect(caseQuery(plan)).toBe('1287368484');
  });

  it('finds a file number and a name through the property files and the cases', () => {
    expect(propertyFilters(interpretSearch('ISFAHAN-0000033'))).toEqual([{ fileNumber: 'ISFAHAN-0000033' }]);
    expect(propertyFilters(interpretSearch('اصفهان-۳۳'))).toEqual([{ fileNumber: 'ISFAHAN-0000033' }]);
    expect(caseQuery(interpretSearch('ISFAHAN-0000033'))).toBe('ISFAHAN-0000033');
    expect(propertyFilters(interpretSearch('جوادی'))).toEqual([{ q: 'جوادی' }]);
    expect(caseQuery(interpretSearch('جوادی'))).toBe('جوادی');
    expect(propertyFilters(interpretSearch('16235/242/10'))).toEqual([{ plateMain: 16235, plateSub: 242, registrySection: 10 }]);
  });
});

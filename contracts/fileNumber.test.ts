import { describe, expect, it } from 'vitest';
import { fileNumberFa, formatFileNumber, maskedFileNumberFa, parseFileNumber } from './fileNumber.js';

describe('the property file number', () => {
  it('is stored as the city code and seven padded digits', () => {
    expect(formatFileNumber('isfahan', 41)).toBe('ISFAHAN-0000041');
  });

  it('reads in Persian: the city name and the sequence in Persian digits, unpadded', () => {
    expect(fileNumberFa('ISFAHAN-0000041')).toBe('اصفهان-۴۱');
    expect(fileNumberFa('ISFAHAN-1234567')).toBe('اصفهان-۱۲۳۴۵۶۷');
    // Every city the platform is set up for reads in its own name.
    expect(fileNumberFa('SHIRAZ-0000007')).toBe('شیراز-۷');
    expect(fileNumberFa('KERMANSHAH-0000120')).toBe('کرمانشاه-۱۲۰');
    // An unknown city keeps its code; only the digits change.
    expect(fileNumberFa('BAM-0000007')).toBe('BAM-۰۰۰۰۰۰۷');
  });

  it('is masked on the public verify page down to its city and last two digits', () => {
    expect(maskedFileNumberFa('ISFAHAN-0000041')).toBe('اصفهان-*****۴۱');
    expect(maskedFileNumberFa('ISFAHAN-1234567')).toBe('اصفهان-*****۶۷');
    expect(maskedFileNumberFa('YAZD-0000041')).toBe('یزد-*****۴۱');
  });

  it('is found from either form, typed in any digits', () => {
    for (const typed of ['اصفهان-۴۱', 'اصفهان ۴۱', 'اصفهان - 41', 'اصفهان–٤١', 'اصفهان-0000041', 'ISFAHAN-0000041', 'isfahan-41', 'ISFAHAN-۰۰۰۰۰۴۱']) {
      expect(parseFileNumber(typed), typed).toBe('ISFAHAN-0000041');
    }
    // Arabic yeh and kaf typed on an Arabic keyboard are the same letters.
    expect(parseFileNumber('اصفهان-۴۱'.replace('ی', 'ي'))).toBe('ISFAHAN-0000041');
    expect(parseFileNumber('شيراز ۴۱')).toBe('SHIRAZ-0000041');
    expect(parseFileNumber('كرمانشاه-٤١')).toBe('KERMANSHAH-0000041');
  });

  it('round-trips every display form back to the stored value', () => {
    for (const city of ['ISFAHAN', 'QOM', 'SARI']) {
      for (const seq of [1, 9, 10, 41, 999, 1000000, 9999999]) {
        const stored = formatFileNumber(city, seq);
        expect(parseFileNumber(fileNumberFa(stored))).toBe(stored);
      }
    }
  });

  it('is not a name, an address or a bare number', () => {
    for (const typed of ['محمد حسین', 'اصفهان', '41', 'بم-۴۱', 'اصفهان-۱۲۳۴۵۶۷۸']) expect(parseFileNumber(typed), typed).toBeNull();
  });
});

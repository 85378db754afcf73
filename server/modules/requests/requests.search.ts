/**
 * What the case list's one search box (جست‌وجو) may have been given, read from what a clerk types:
 * a tracking code, a national code or legal id, a postal code (in any digits, grouped with spaces or
 * dashes), a registry plate (main/sub[/section]), a file number, or a name or a word of the address.
 * Pure, so the reading is tested on its own; `listCases` turns it into one OR of conditions.
 */
import { canonicalNationalCode, canonicalTrackingCode } from '../../../contracts/identifiers.js';
import { normalizeText, searchKey } from '../../platform/normalize.js';

export interface CaseSearch {
  /** 10 digits: a tracking code or a postal code. */
  tenDigits?: string;
  /** A national code (8 or 9 digits padded to 10) or a legal person's 11-digit id. */
  nationalCode?: string;
  plate?: { main: number; sub: number; registrySection?: number };
  fileNumber?: string;
  /** `searchKey` of a name or of words of an address. */
  nameKey?: string;
}

const DIGITS_AND_SEPARATORS = /^[\d\s\-\u2010-\u2015\u2212.]+$/;
const PLATE = /^(\d{1,7})\s*[/\\\u2044\u2215]\s*(\d{1,7})(?:\s*[/\\\u2044\u2215]\s*(\d{1,4}))?$/;
const FILE_NUMBER = /^[a-z]+-\d+$/i;
const HAS_LETTER = /\p{L}/u;

export function readCaseSearch(raw: string): CaseSearch {
  const text = normalizeText(raw);
  if (DIGITS_AND_SEPARATORS.test(text)) {
    const digits = canonicalTrackingCode(text);
    const out: CaseSearch = {};
    if (digits.length === 10) out.tenDigits = digits;
    if (digits.length >= 8 && digits.length <= 11) out.nationalCode = canonicalNationalCode(digits);
    return out;
  }
  const plate = PLATE.exec(text);
  if (plate) {
    return { plate: { main: Number(plate[1]), sub: Number(plate[2]), ...(plate[3] ? { registrySection: Number(plate[3]) } : {}) } };
  }
  const compact = text.replace(/\s+/g, '');
  if (FILE_NUMBER.test(compact)) return { fileNumber: compact.toUpperCase(), nameKey: searchKey(text) };
  const key = searchKey(text);
  return HAS_LETTER.test(text) && key.length >= 2 ? { nameKey: key } : {};
}

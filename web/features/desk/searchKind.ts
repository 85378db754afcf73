/**
 * What a term typed in the desk's one search box could be, and the API calls that find it.
 * A clerk types whatever the citizen hands over (a national card, a receipt, a deed, a
 * renovation-levy bill), in Persian or Latin digits; the box works out which identifiers fit and
 * asks for all of them at once.
 */
import { canonicalNationalCode, canonicalTrackingCode, isNationalCode, isPostalCode } from '../../../contracts/identifiers';
import { parseFileNumber, toAsciiDigits } from '../../i18n';

export type SearchKind =
  | 'trackingCode' // کد رهگیری: 10 digits
  | 'nationalCode' // کد ملی: 10 digits with a valid check digit
  | 'legalId' // شناسه ملی of a company: 11 digits
  | 'postalCode' // کد پستی: 10 digits, not starting with 0
  | 'renovationCode' // کد نوسازی: 3-125-14-0-0-0
  | 'plate' // پلاک ثبتی: main/sub or main/sub/section
  | 'fileNumber' // شماره پرونده: ISFAHAN-0000033
  | 'name'; // an owner's name or a word of the address

export interface SearchPlan {
  /** The term as the API takes it: ASCII digits, single spaces. */
  term: string;
  kinds: SearchKind[];
  plate?: { main: number; sub: number; registrySection?: number };
}

const TEN_DIGITS = /^\d{10}$/;
const RENOVATION_CODE = /^\d{1,6}(-\d{1,6}){2,6}$/;
const PLATE = /^(\d{1,7})\/(\d{1,7})(?:\/(\d{1,4}))?$/;
const FILE_NUMBER = /^[a-z]+-\d+$/i;
const HAS_LETTER = /\p{L}/u;

/** Dashes and slashes as typed on a Persian keyboard, digits in ASCII, spaces squeezed. */
export function normaliseTerm(raw: string): string {
  return toAsciiDigits(raw)
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/[\u2044\u2215\uFF0F]/g, '/')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Codes are written in groups on cards, bills and receipts (۱۲۸-۷۳۶۸۴۸-۴, ۸۱۷۴۶-۷۳۴۴۱): up to three groups read as one code. */
const GROUPED_DIGITS = /^\d+(?:[\s-]+\d+){0,2}$/;

export function interpretSearch(raw: string): SearchPlan {
  const term = normaliseTerm(raw);
  const compact = term.replace(/\s*([-/])\s*/g, '$1');
  const digits = GROUPED_DIGITS.test(term) ? canonicalTrackingCode(term) : compact;
  if (TEN_DIGITS.test(digits)) {
    const kinds: SearchKind[] = ['trackingCode'];
    if (isNationalCode(digits)) kinds.push('nationalCode');
    if (isPostalCode(digits)) kinds.push('postalCode');
    return { term: digits, kinds };
  }
  // A national code that lost its leading zeros (read from an old card or a spreadsheet).
  if (/^\d{8,9}$/.test(digits) && isNationalCode(canonicalNationalCode(digits))) return { term: canonicalNationalCode(digits), kinds: ['nationalCode'] };
  if (/^\d{11}$/.test(digits)) return { term: digits, kinds: ['legalId'] };
  if (RENOVATION_CODE.test(compact)) return { term: compact, kinds: ['renovationCode'] };
  const plate = PLATE.exec(compact);
  if (plate) {
    const registrySection = plate[3] ? Number(plate[3]) : undefined;
    return { term: compact, kinds: ['plate'], plate: { main: Number(plate[1]), sub: Number(plate[2]), ...(registrySection ? { registrySection } : {}) } };
  }
  if (FILE_NUMBER.test(compact)) return { term: compact.toUpperCase(), kinds: ['fileNumber'] };
  // The file number as it is shown and read out: اصفهان-۴۱.
  const fileNumber = parseFileNumber(term);
  if (fileNumber) return { term: fileNumber, kinds: ['fileNumber'] };
  if (HAS_LETTER.test(term) && term.length >= 2) return { term, kinds: ['name'] };
  return { term, kinds: [] };
}

/** Filters for GET /api/properties: one call per identifier, as the API ANDs the filters of one call. */
export type PropertyFilter =
  | { nationalCode: string }
  | { postalCode: string }
  | { trackingCode: string }
  | { renovationCode: string }
  | { fileNumber: string }
  | { plateMain: number; plateSub: number; registrySection?: number }
  | { q: string };

export function propertyFilters(plan: SearchPlan): PropertyFilter[] {
  return plan.kinds.flatMap((kind): PropertyFilter[] => {
    switch (kind) {
      case 'trackingCode':
        return [{ trackingCode: plan.term }];
      case 'nationalCode':
      case 'legalId':
        return [{ nationalCode: plan.term }];
      case 'postalCode':
        return [{ postalCode: plan.term }];
      case 'renovationCode':
        return [{ renovationCode: plan.term }];
      case 'plate':
        return plan.plate ? [{ plateMain: plan.plate.main, plateSub: plan.plate.sub, ...(plan.plate.registrySection ? { registrySection: plan.plate.registrySection } : {}) }] : [];
      case 'name':
        return [{ q: plan.term }];
      case 'fileNumber':
        return [{ fileNumber: plan.term }];
    }
  });
}

/**
 * `q` for GET /api/requests, which matches a tracking code, national code (applicant or owner),
 * postal code, plate or file number exactly, and a name or words of an address by search key.
 */
export function caseQuery(plan: SearchPlan): string | null {
  const byCase: SearchKind[] = ['trackingCode', 'nationalCode', 'legalId', 'postalCode', 'plate', 'fileNumber', 'name'];
  return plan.kinds.some((k) => byCase.includes(k)) ? plan.term : null;
}

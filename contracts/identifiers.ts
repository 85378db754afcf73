/**
 * The identifiers a citizen hands over at the desk, one rule each, shared by the server (input
 * canonicalisation and validation) and the web (form checks), so both accept exactly the same.
 * See docs/decisions/0019-identifiers-and-search-keys.md.
 *
 * `canonical*` functions are forgiving (Persian or Arabic digits, spaces, dashes, the forms people
 * write); `is*` functions are strict and take only the canonical form.
 */
import { digitsArToEn, digitsFaToEn, validateNationalIdChecksum, verifyIranianLegalId } from '@persian-tools/persian-tools';

/** Persian (۰-۹) and Arabic-Indic (٠-٩) digits to ASCII; everything else untouched. */
export function asciiDigits(s: string): string {
  return digitsArToEn(digitsFaToEn(s));
}

/** Spaces (any width), dashes of every kind and dots, as people group digits on cards and bills. */
const SEPARATORS = /[\s\u00a0\u200c\u200f\u200e\-\u2010-\u2015\u2212.]/g;

function digitsOnly(raw: string): string {
  return asciiDigits(raw).replace(SEPARATORS, '');
}

// ---- کد ملی (national code of a natural person) ------------------------------------------------

/**
 * A national code as stored: ASCII digits, no separators, and 8 or 9 digits left-padded with
 * zeros to 10 (codes read from old cards and spreadsheets lose their leading zeros). Anything else
 * is returned cleaned but unpadded, for the validator to refuse. An 11-digit legal id is untouched.
 */
export function canonicalNationalCode(raw: string): string {
  const d = digitsOnly(raw);
  return /^\d{8,9}$/.test(d) ? d.padStart(10, '0') : d;
}

/**
 * A valid national code: 10 ASCII digits whose last is the mod-11 check digit of the first nine,
 * and not one digit ten times. Only the check digit decides: the library's `verifyIranianNationalId`
 * also demands one of its listed region prefixes, which refuses about a third of the codes that pass
 * the check digit (real citizens turned away), so its checksum alone is used here.
 */
export function isNationalCode(code: string): boolean {
  return /^\d{10}$/.test(code) && !/^(\d)\1{9}$/.test(code) && validateNationalIdChecksum(code);
}

// ---- شناسه ملی (national id of a legal person: a company or institution) -------------------------

/** 11 ASCII digits with the legal-id check digit (its own rule, from the library). */
export function isLegalNationalId(id: string): boolean {
  return /^\d{11}$/.test(id) && verifyIranianLegalId(id) === true;
}

// ---- تلفن همراه (mobile number) -----------------------------------------------------------------

/**
 * A mobile number as stored, 09xxxxxxxxx, from any of +98 913 123 4567, 0098-913-1234567,
 * 989131234567, 9131234567 or 0913 123 4567. Anything else is returned cleaned, for the validator
 * to refuse. Operator prefixes are not checked (the library's normaliser does, and would refuse a
 * number from a newly issued range).
 */
export function canonicalMobile(raw: string): string {
  const d = asciiDigits(raw).replace(/[\s\u00a0\u200c\-\u2010-\u2015\u2212().]/g, '');
  const m = /^(?:\+98|0098|98|0)?(9\d{9})$/.exec(d);
  return m ? `0${m[1]}` : d;
}

export function isMobile(mobile: string): boolean {
  return /^09\d{9}$/.test(mobile);
}

// ---- کد پستی (postal code) ----------------------------------------------------------------------

/** ASCII digits without the dash people write in the middle (81746-73441). */
export function canonicalPostalCode(raw: string): string {
  return digitsOnly(raw);
}

/**
 * 10 digits, not starting with 0, not one digit ten times. The Post company's finer rule (no 0 or
 * 2 in the first five digits) could not be found in a publication of the Post company itself, so it
 * is not enforced: see the decision record.
 */
export function isPostalCode(code: string): boolean {
  return /^[1-9]\d{9}$/.test(code) && !/^(\d)\1{9}$/.test(code);
}

// ---- کد رهگیری (tracking code of a request) ------------------------------------------------------

/** Tracking codes are read aloud and written down in groups: digits only. */
export function canonicalTrackingCode(raw: string): string {
  return digitsOnly(raw);
}

/**
 * The small rules of a letter (نامه): its serial and number, whom an answer is addressed to, how its
 * dates and digits are printed, and how an identifier is masked for the public verification page.
 */
import { randomInt } from 'node:crypto';
import { digitsEnToFa } from '@persian-tools/persian-tools';

/**
 * Crockford's base32 (no I, L, O, U): a serial read off paper cannot confuse 0 with O or 1 with I.
 * Twelve symbols from a CSPRNG are 60 bits: a serial cannot be guessed or walked.
 */
const SERIAL_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const SERIAL = /^[0-9A-HJKMNP-TV-Z]{12}$/;

export function newSerial(): string {
  let serial = '';
  for (let i = 0; i < 12; i++) serial += SERIAL_ALPHABET[randomInt(SERIAL_ALPHABET.length)];
  return serial;
}

/** What a notary typed (lower case, groups with dashes, O for 0) as the stored serial; null if it cannot be one. */
export function readSerial(typed: string): string | null {
  const s = typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  return SERIAL.test(s) ? s : null;
}

/** ABCD-EFGH-JKMN: the serial as printed, in groups a person can read out. */
export function groupedSerial(serial: string): string {
  return serial.match(/.{1,4}/g)!.join('-');
}

/**
 * The district's register of outgoing letters (دبیرخانه): one gap-free sequence per district and
 * Solar Hijri year, so every letter the district sends has its own number, e.g. 1405/3/00042.
 */
export const letterRegister = (districtId: string, jalaliYear: number) => `letter:${districtId}:${jalaliYear}`;
export const letterNumber = (jalaliYear: number, districtNumber: number, seq: number) => `${jalaliYear}/${districtNumber}/${String(seq).padStart(5, '0')}`;

export const faDigits = (value: string | number): string => digitsEnToFa(String(value));

const jalaliFormat = new Intl.DateTimeFormat('fa-IR-u-ca-persian', { timeZone: 'Asia/Tehran', year: 'numeric', month: 'long', day: 'numeric' });

/**
 * A Jalali date as it is printed: ۸ آذر ۱۴۰۵. An instant is read on Tehran time; a calendar date
 * (YYYY-MM-DD, like valid_until) at Tehran noon, so no zone can move it a day.
 */
export function jalaliDate(value: string): string {
  return jalaliFormat.format(new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T12:00:00+03:30` : value));
}

/** `confirmed`: an inquiry answered at once from a clean property file. */
export const DECISION_FA: Record<string, string> = { approved: 'موافقت', rejected: 'عدم موافقت', confirmed: 'بدون مانع' };

export interface Addressee {
  /** First line of the letter: whom it is written to. */
  toFa: string;
  /** «عطف به نامه شماره …» when it answers an institution's letter. */
  referenceFa: string | null;
  /** The addressee is an institution (bank, notary, agency), which the public page may name. */
  institution: boolean;
}

const text = (form: Record<string, unknown>, key: string): string | null => {
  const v = form[key];
  if (v === undefined || v === null || v === '') return null;
  return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : JSON.stringify(v);
};

const reference = (letterNumber: string | null, date: string | null = null) =>
  letterNumber ? `عطف به نامه شماره ${faDigits(letterNumber)}${date ? ` مورخ ${jalaliDate(date)}` : ''}` : null;

/** «ریاست محترم بانک ملت، شعبه چهارباغ (کد ۱۲۳۴)»: the branch's name and code only when known. */
function bankTo(bank: string | null, branchName: string | null, branchCode: string | null): string {
  const code = branchCode && faDigits(branchCode);
  const branch = branchName ? `، شعبه ${branchName}${code ? ` (کد ${code})` : ''}` : code ? `، شعبه کد ${code}` : '';
  return `ریاست محترم ${bank ?? 'بانک استعلام‌کننده'}${branch}`;
}

/**
 * An inquiry is answered to the institution that asked (the bank, the notary office, the agency),
 * from what the desk entered on its form (or the API inquiry stands for, see inquiries.rules
 * `inquiryForm`); every other answer to the applicant. A part the form leaves empty is left out of
 * the letter, never written as a placeholder.
 */
export function addresseeOf(serviceCode: string, form: Record<string, unknown>, applicantName: string): Addressee {
  switch (serviceCode) {
    case 'bank_inquiry':
      return {
        toFa: bankTo(text(form, 'bankName'), text(form, 'branchName'), text(form, 'branchCode')),
        referenceFa: reference(text(form, 'bankLetterNumber'), text(form, 'bankLetterDate')),
        institution: true,
      };
    case 'notary_transfer_inquiry': {
      const office = text(form, 'notaryOfficeNumber');
      const city = text(form, 'notaryCity');
      return {
        toFa: ['سردفتر محترم دفتر اسناد رسمی', office && `شماره ${faDigits(office)}`, city].filter(Boolean).join(' '),
        referenceFa: reference(text(form, 'notaryLetterNumber'), text(form, 'notaryLetterDate')),
        institution: true,
      };
    }
    case 'agency_inquiry':
      return {
        toFa: text(form, 'agencyName') ?? 'اداره استعلام‌کننده',
        referenceFa: reference(text(form, 'agencyLetterNumber'), text(form, 'agencyLetterDate')),
        institution: true,
      };
    default:
      return { toFa: `متقاضی محترم، ${applicantName}`, referenceFa: null, institution: false };
  }
}

/** 8112345623 → 81******23: enough for a notary to match the paper in front of them, not to learn the address. */
export function masked(value: string | null, keep = 2): string | null {
  if (value === null) return null;
  if (value.length <= keep * 2) return '*'.repeat(value.length);
  return value.slice(0, keep) + value.slice(keep, -keep).replace(/[^-/]/g, '*') + value.slice(-keep);
}

/**
 * When an inquiry can be answered at once from the property file, without a person looking at it:
 * the file exists, no violation is open, no request that could change the answer is under way,
 * and the last inspection is recent enough for this kind of inquiry.
 */
export const INQUIRY_TYPES = {
  bank: { serviceCode: 'bank_inquiry', maxInspectionAgeDays: 365, titleFa: 'استعلام بانک' },
  notary_transfer: { serviceCode: 'notary_transfer_inquiry', maxInspectionAgeDays: 180, titleFa: 'استعلام دفترخانه برای نقل و انتقال' },
  agency: { serviceCode: 'agency_inquiry', maxInspectionAgeDays: 730, titleFa: 'استعلام ادارات' },
} as const;
export type InquiryType = keyof typeof INQUIRY_TYPES;

/** The inquiry type a service stands for (bank_inquiry → bank), or undefined for a service that is not an inquiry. */
export function inquiryTypeOfService(serviceCode: string): InquiryType | undefined {
  return (Object.keys(INQUIRY_TYPES) as InquiryType[]).find((type) => INQUIRY_TYPES[type].serviceCode === serviceCode);
}

/**
 * The fields of an inquiry's form that name the organisation asking, taken from its client record
 * and never from what a request says: a key cannot file an inquiry in another bank's name.
 */
export function organisationFields(type: InquiryType, client: { nameFa: string; officialCode: string; cityNameFa: string }): Record<string, string> {
  switch (type) {
    case 'bank':
      return { bankName: client.nameFa };
    case 'notary_transfer':
      return { notaryOfficeNumber: client.officialCode, notaryCity: client.cityNameFa };
    case 'agency':
      return { agencyName: client.nameFa };
  }
}

/** The organisation's own letter that asked, and the branch (a bank's) or unit (an agency's) it came from. */
export interface InquiryLetter {
  letterNumber: string | null;
  letterDate: string | null;
  branchName: string | null;
  branchCode: string | null;
}

/**
 * The desk's form an API inquiry stands for (its service's fields, services.data.ts): the case a
 * pending inquiry opens is filled with it, and an instant answer's letter is addressed from it
 * (letters.rules `addresseeOf`), so both say the same. The organisation is the API client; a
 * bank's branch code, when the inquiry gives none, is the client's official code.
 */
export function inquiryForm(
  type: InquiryType,
  client: { nameFa: string; officialCode: string; cityNameFa: string },
  letter: InquiryLetter,
  details: { purpose?: string; loanAmountRials?: number; buyerNationalCode?: string; transferType?: string; subject?: string } = {},
): Record<string, unknown> {
  switch (type) {
    case 'bank':
      return {
        ...organisationFields(type, client), branchName: letter.branchName ?? undefined, branchCode: letter.branchCode ?? client.officialCode,
        bankLetterNumber: letter.letterNumber ?? undefined, bankLetterDate: letter.letterDate ?? undefined,
        purpose: details.purpose, loanAmountRials: details.loanAmountRials,
      };
    case 'notary_transfer':
      return {
        ...organisationFields(type, client),
        notaryLetterNumber: letter.letterNumber ?? undefined, notaryLetterDate: letter.letterDate ?? undefined,
        buyerNationalCode: details.buyerNationalCode, transferType: details.transferType,
      };
    case 'agency':
      return {
        // The client's name with the unit that asked, when the inquiry names one.
        agencyName: letter.branchName ? `${client.nameFa}، ${letter.branchName}` : client.nameFa,
        agencyLetterNumber: letter.letterNumber ?? undefined, agencyLetterDate: letter.letterDate ?? undefined, subject: details.subject,
      };
  }
}

/**
 * The API field each form field is filled from (inquiryForm), to name what the caller sent when the
 * city's form refuses a value. The rest (bank, notary office and agency names and numbers) come
 * from the client's record, which the city admin corrects.
 */
const API_FIELD_OF_FORM: Readonly<Record<string, string>> = {
  bankLetterNumber: 'letterNumber', notaryLetterNumber: 'letterNumber', agencyLetterNumber: 'letterNumber',
  bankLetterDate: 'letterDate', notaryLetterDate: 'letterDate', agencyLetterDate: 'letterDate',
  branchName: 'branch.name', branchCode: 'branch.code', purpose: 'purpose', loanAmountRials: 'loanAmountRials',
  buyerNationalCode: 'buyerNationalCode', transferType: 'transferType', subject: 'subject',
};

export function apiFieldOfForm(formField: string): string {
  return API_FIELD_OF_FORM[formField] ?? 'client';
}

export interface FileFacts {
  /** The last filed inspection of the property, if any. */
  lastInspection: { visitedAt: string; violations: number } | null;
  /** Open (not closed) requests on the property other than inquiries. */
  openRequests: number;
}

export type NotInstantReason = 'no_inspection' | 'inspection_too_old' | 'open_violation' | 'pending_request';

export function decideInstant(type: InquiryType, facts: FileFacts, now: Date): { instant: true } | { instant: false; reasons: NotInstantReason[] } {
  const reasons: NotInstantReason[] = [];
  if (!facts.lastInspection) reasons.push('no_inspection');
  else {
    const ageDays = (now.getTime() - Date.parse(facts.lastInspection.visitedAt)) / 86_400_000;
    if (ageDays > INQUIRY_TYPES[type].maxInspectionAgeDays) reasons.push('inspection_too_old');
    if (facts.lastInspection.violations > 0) reasons.push('open_violation');
  }
  if (facts.openRequests > 0) reasons.push('pending_request');
  return reasons.length ? { instant: false, reasons } : { instant: true };
}

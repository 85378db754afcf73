import { Type } from 'typebox';
import { Id, NationalCode, Nullable, NullableTimestamp, PostalCode, Text, Timestamp } from '../../platform/schemas.js';

export const InquiryBody = Type.Object(
  {
    type: Type.Enum(['bank', 'notary_transfer', 'agency'] as const, { description: 'bank: before a mortgage or facility; notary_transfer: before a transfer; agency: other agencies' }),
    property: Type.Object(
      {
        postalCode: Type.Optional(PostalCode),
        renovationCode: Type.Optional(Type.String({ pattern: '^\\d+(-\\d+){2,6}$', description: 'کد نوسازی, e.g. 3-125-14-0-0-0' })),
        plate: Type.Optional(Type.Object({ main: Type.Integer({ minimum: 1, maximum: 1_000_000 }), sub: Type.Integer({ minimum: 0, maximum: 1_000_000 }), registrySection: Type.Integer({ minimum: 1, maximum: 1000 }) }, { additionalProperties: false })),
      },
      { additionalProperties: false, description: 'At least one identifier of the property' },
    ),
    subjectNationalCode: NationalCode,
    letterNumber: Type.String({ minLength: 1, maxLength: 60, description: "Your own letter's number: the answer letter refers to it («عطف به نامه شماره …»)" }),
    letterDate: Type.Optional(Type.String({ format: 'date', description: "Your own letter's date, YYYY-MM-DD (Gregorian): the answer letter prints it in Jalali after the number; left out when not given" })),
    branch: Type.Optional(
      Type.Object(
        {
          name: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'e.g. چهارباغ' })),
          code: Type.Optional(Type.String({ minLength: 1, maxLength: 20, description: "e.g. 1234; for a bank, your client record's official code when not given" })),
        },
        { additionalProperties: false, description: 'The branch (a bank) or unit (an agency) that asks; the answer letter is addressed to it. Not for notary inquiries: the office is your client record' },
      ),
    ),
    purpose: Type.Optional(Type.Enum(['mortgage', 'facility', 'guarantee'] as const)),
    loanAmountRials: Type.Optional(Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER })),
    buyerNationalCode: Type.Optional(NationalCode),
    transferType: Type.Optional(Type.Enum(['sale', 'gift', 'inheritance', 'settlement', 'exchange'] as const)),
    subject: Type.Optional(Text(2000, 3)),
  },
  {
    additionalProperties: false,
    examples: [{ type: 'bank', property: { postalCode: '8173645123' }, subjectNationalCode: '0499370899', letterNumber: 'ب/۱۴۰۵/۷۷۱', letterDate: '2026-11-20', branch: { name: 'چهارباغ', code: '1234' }, purpose: 'mortgage', loanAmountRials: 5_000_000_000 }],
  },
);

export const InquiryHeaders = Type.Object({
  'idempotency-key': Type.Optional(Type.String({ minLength: 8, maxLength: 100, description: 'Makes a retry safe: the same key and body give the first answer again' })),
});

export const Inquiry = Type.Object({
  id: Id,
  type: Type.String(),
  status: Type.Enum(['answered', 'pending', 'closed'] as const, {
    description: 'pending: its case is being worked; answered: see `answer`; closed: its case was cancelled without an answer (`closed` says when and why): send a new inquiry, with a new Idempotency-Key, if you still need one',
  }),
  createdAt: Timestamp,
  answeredAt: NullableTimestamp,
  closed: Nullable(Type.Object({ at: Timestamp, reason: Nullable(Type.String()) }, { description: 'When and why its case was cancelled; null unless status is closed' })),
  answer: Nullable(Type.Record(Type.String(), Type.Unknown(), { description: 'The structured answer: decision, file facts, validity' })),
  case: Nullable(Type.Object({ trackingCode: Type.String(), state: Type.String(), stepDueAt: NullableTimestamp }, { description: 'When the file could not answer alone: the case opened at a desk of the district' })),
  letter: Nullable(
    Type.Object(
      {
        serial: Type.String({ description: "The letter's public serial (in its QR code)" }),
        letterNumber: Type.String({ description: "The district's letter number, e.g. 1405/3/00042" }),
        verifyUrl: Type.String({ description: 'The public verification page of the letter' }),
        downloadUrl: Type.String({ description: 'GET it with your API key: the PDF' }),
        revokedAt: Type.Union([Timestamp, Type.Null()], { description: 'When the municipality revoked the letter (it no longer holds; the verification page says so too); null while it holds' }),
      },
      { description: 'The signed PDF letter of the answer (scope and validity stated); null while unanswered, or until it is printed (GET downloadUrl prints it)' },
    ),
  ),
});

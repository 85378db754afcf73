import { Type } from 'typebox';
import { IsoDate, Nullable, NullableTimestamp, Text, Timestamp } from '../../platform/schemas.js';

const Serial = Type.String({
  minLength: 12,
  maxLength: 20,
  description: "The letter's serial (شناسه نامه) from its QR code: 12 letters and digits, dashes allowed",
});
export const SerialParams = Type.Object({ serial: Serial }, { additionalProperties: false });
export const RevokeBody = Type.Object({ reason: Text(1000, 5) }, { additionalProperties: false });

const Sha256 = Type.String({ pattern: '^[0-9a-f]{64}$', description: 'SHA-256 of the issued PDF, hex' });

/**
 * What anyone holding the letter may check, with no sign-in; no names or national codes, identifiers
 * masked. An excavation permit has no property file (`property` null) and names the utility it was
 * issued to; an inquiry answered at once names the organisation that asked and the person asked about, masked.
 */
export const LetterVerification = Type.Object({
  serial: Type.String(),
  kind: Type.Enum(['final_answer', 'excavation_permit', 'inquiry_answer'] as const),
  kindFa: Type.String(),
  letterNumber: Type.String(),
  issuedAt: Timestamp,
  issuedAtFa: Type.String({ description: 'Jalali date, Persian digits' }),
  decision: Type.String(),
  decisionFa: Type.String(),
  service: Type.Object({ code: Type.String(), nameFa: Type.String() }),
  districtNumber: Type.Integer(),
  addresseeFa: Nullable(Type.String({ description: 'The institution the answer is addressed to (bank, notary office, agency); null for a person' })),
  subjectNationalCode: Type.Optional(Nullable(Type.String({ description: 'inquiry answers only: the national code of the person asked about, masked: 04******99' }))),
  property: Nullable(
    Type.Object({
      fileNumber: Type.String({ description: 'masked, in its Persian form: اصفهان-*****۴۱' }),
      postalCode: Nullable(Type.String({ description: 'masked: 81******23' })),
      renovationCode: Nullable(Type.String()),
      plateMain: Nullable(Type.Integer()),
      registrySection: Nullable(Type.Integer()),
    }),
  ),
  validity: Type.Object({
    purposeFa: Type.String({ description: 'What the answer may be used for, and nothing else' }),
    until: Nullable(IsoDate),
    untilFa: Nullable(Type.String()),
    expired: Type.Boolean(),
  }),
  revoked: Type.Boolean(),
  revokedAt: NullableTimestamp,
  revokeReasonFa: Nullable(Type.String()),
  sha256: Sha256,
});

export const LetterQuery = Type.Object(
  { print: Type.Optional(Type.Boolean({ description: 'The desk is printing a paper copy: audited as letter.print (one row per copy)' })) },
  { additionalProperties: false },
);

/** The case page's view of its answer letter. */
export const AnswerLetterStatus = Type.Object({
  serial: Nullable(Type.String({ description: "The letter's serial (شناسه نامه), reserved with the decision" })),
  serialGrouped: Nullable(Type.String({ description: 'The serial as printed, in groups of four: ABCD-EFGH-JKMN' })),
  letterNumber: Type.String(),
  issuedAt: Timestamp,
  status: Type.Enum(['pending', 'printed', 'failed'] as const, { description: 'pending: the letter job will print it shortly; failed: printing failed (a download tries again)' }),
  revoked: Type.Boolean(),
  revokedAt: NullableTimestamp,
  revokeReasonFa: Nullable(Type.String()),
  sha256: Nullable(Sha256),
  prints: Type.Integer({ description: 'Paper copies printed at the desk (letter.print audit rows)' }),
  verifyPath: Nullable(Type.String({ description: 'The public verification page, on this site' })),
  verifyUrl: Nullable(Type.String({ description: 'The public verification page as printed in the QR code' })),
  downloadUrl: Type.String(),
  printUrl: Type.String({ description: 'downloadUrl for printing: each GET is one audited copy' }),
});

import { Type, type Static } from 'typebox';
import { IsoDate, Nullable, NullableTimestamp, Text, Timestamp } from '../../platform/schemas.js';

const Serial = Type.String({
  minLength: 12,
  maxLength: 20,
  description: "The letter's serial (شناسه نامه) from its QR code: 12 letters and digits, dashes allowed",
});
export const SerialParams = Type.Object({ serial: Serial }, { additionalProperties: false });
export const RevokeBody = Type.Object({ reason: Text(1000, 5) }, { additionalProperties: false });

export const Sha256 = Type.String({ pattern: '^[0-9a-f]{64}$', description: 'SHA-256 of the issued PDF, hex' });

const LetterKind = Type.Enum(['final_answer', 'excavation_permit', 'inquiry_answer'] as const);

/**
 * A letter's public facts (what the verification page shows), written by the domain whose letter it
 * is when the letter is queued and kept on the letter row (`public_facts`), so verifying and
 * revoking read one row: no names or national codes, identifiers masked. An excavation permit has
 * no property file (`property` null) and names the utility it was issued to; an inquiry answered at
 * once names the organisation that asked and the person asked about, masked.
 */
export const LetterPublicFacts = Type.Object({
  kindFa: Type.String(),
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
  }),
});
export type LetterPublicFacts = Static<typeof LetterPublicFacts>;

/** What anyone holding the letter may check, with no sign-in: its public facts, whether it is revoked or expired, and the hash of the issued PDF. */
export const LetterVerification = Type.Object({
  serial: Type.String(),
  kind: LetterKind,
  kindFa: Type.String(),
  letterNumber: Type.String(),
  issuedAt: Timestamp,
  issuedAtFa: Type.String({ description: 'Jalali date, Persian digits' }),
  city: Type.Object({ nameFa: Type.String(), nameEn: Type.String() }, { description: 'The municipality that issued the letter' }),
  decision: LetterPublicFacts.properties.decision,
  decisionFa: LetterPublicFacts.properties.decisionFa,
  service: LetterPublicFacts.properties.service,
  districtNumber: LetterPublicFacts.properties.districtNumber,
  addresseeFa: LetterPublicFacts.properties.addresseeFa,
  subjectNationalCode: LetterPublicFacts.properties.subjectNationalCode,
  property: LetterPublicFacts.properties.property,
  validity: Type.Object({ ...LetterPublicFacts.properties.validity.properties, expired: Type.Boolean() }),
  revoked: Type.Boolean(),
  revokedAt: NullableTimestamp,
  revokeReasonFa: Nullable(Type.String()),
  sha256: Sha256,
});

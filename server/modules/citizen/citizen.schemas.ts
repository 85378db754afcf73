import { Type } from 'typebox';
import { Id, IsoDate, Mobile, Nullable, NullableTimestamp, Timestamp } from '../../platform/schemas.js';

export const OtpRequestBody = Type.Object({ mobile: Mobile }, { additionalProperties: false });
export const OtpVerifyBody = Type.Object({ mobile: Mobile, code: Type.String({ pattern: '^\\d{6}$' }) }, { additionalProperties: false });
export const ProposeBody = Type.Object({ date: IsoDate }, { additionalProperties: false });

export const OtpSent = Type.Object({ sent: Type.Boolean(), messageFa: Type.String(), expiresInSeconds: Type.Integer() });

export const CitizenOverview = Type.Object({
  mobile: Type.String(),
  properties: Type.Array(
    Type.Object({ id: Id, fileNumber: Type.String(), address: Type.String(), postalCode: Nullable(Type.String()), districtNumber: Type.Integer(), shareDang: Type.Number() }),
  ),
  requests: Type.Array(
    Type.Object({
      id: Id, trackingCode: Type.String(), serviceNameFa: Type.String(), state: Type.String(), stateLabelFa: Type.String(),
      createdAt: Timestamp, stepDueAt: NullableTimestamp, propertyFileNumber: Type.String(),
    }),
  ),
});

export const CitizenRequest = Type.Object({
  id: Id,
  trackingCode: Type.String(),
  serviceNameFa: Type.String(),
  state: Type.String(),
  stateLabelFa: Type.String(),
  createdAt: Timestamp,
  propertyFileNumber: Type.String(),
  propertyAddress: Type.String(),
  proposedVisitDate: Nullable(Type.String()),
  proposableDays: Type.Array(Type.String({ format: 'date' }), { description: 'the days a visit may be proposed for (what the proposal accepts); empty once the visit can no longer be proposed' }),
  timeline: Type.Array(Type.Object({ labelFa: Type.String(), at: Timestamp })),
  answer: Nullable(
    Type.Object({
      letterNumber: Type.String(), issuedAt: Timestamp, decision: Type.String(), text: Type.String(),
      conditions: Type.Array(Type.String(), { description: 'what the owner must meet for an approval to hold (شرایط)' }),
      validUntil: Nullable(Type.String()), deliveredAt: NullableTimestamp,
      letter: Nullable(
        Type.Object({
          serial: Nullable(Type.String()),
          status: Type.Enum(['pending', 'printed', 'failed'] as const, { description: 'pending: being prepared; the download prints it if need be' }),
          revoked: Type.Boolean(),
          downloadUrl: Type.String(),
        }),
      ),
    }),
  ),
});

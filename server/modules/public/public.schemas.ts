import { Type } from 'typebox';
import { NationalCode, NullableTimestamp, Timestamp, TrackingCode } from '../../platform/schemas.js';

export const TrackParams = Type.Object(
  { trackingCode: TrackingCode },
  { additionalProperties: false },
);
export const TrackQuery = Type.Object({ nationalCode: NationalCode }, { additionalProperties: false });

export const PublicTracking = Type.Object({
  trackingCode: Type.String(),
  service: Type.Object({ code: Type.String(), nameFa: Type.String(), nameEn: Type.String() }),
  state: Type.String(),
  stateLabelFa: Type.String(),
  stateLabelEn: Type.String(),
  registeredAt: Timestamp,
  stepDueAt: NullableTimestamp,
  closedAt: NullableTimestamp,
  office: Type.Object({ nameFa: Type.String(), phone: Type.String() }),
  timeline: Type.Array(Type.Object({ labelFa: Type.String(), labelEn: Type.String(), stateLabelFa: Type.String(), at: Timestamp })),
});

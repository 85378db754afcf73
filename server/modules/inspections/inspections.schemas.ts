import { Type } from 'typebox';
import { Id, IsoDate, Nullable, NullableTimestamp, Page, PageNumber } from '../../platform/schemas.js';

export const VisitQuery = Type.Object(
  {
    date: Type.Optional(IsoDate),
    page: PageNumber,
    pageSize: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
  },
  { additionalProperties: false },
);

export const Visit = Type.Object({
  requestId: Id,
  trackingCode: Type.String(),
  serviceNameFa: Type.String(),
  state: Type.String(),
  version: Type.Integer(),
  stepDueAt: NullableTimestamp,
  scheduledDate: Nullable(Type.String()),
  windowStart: Nullable(Type.String()),
  windowEnd: Nullable(Type.String()),
  fileNumber: Type.String(),
  address: Type.String(),
  lat: Nullable(Type.Number()),
  lng: Nullable(Type.Number()),
  /** Opens the location in the phone's map app (geo: URI, RFC 5870). */
  mapUrl: Nullable(Type.String()),
  applicantName: Type.String(),
  applicantMobile: Nullable(Type.String()),
  can: Type.Object(
    {
      scheduleVisit: Type.Boolean({ description: 'set or move the visit time (POST /api/requests/{id}/schedule-visit)' }),
      fileInspectionReport: Type.Boolean({ description: 'file the report (POST /api/requests/{id}/inspection-report)' }),
    },
    { description: "What the inspector may do with the visit now: the case answer's `can`, narrowed to the round's two actions" },
  ),
});

export const VisitList = Page(Visit);

export const VisitDays = Type.Object({
  from: IsoDate,
  days: Type.Array(IsoDate, { description: 'working days (no Fridays or official holidays) from today (Tehran), 120 days ahead, a visit may be set for' }),
});

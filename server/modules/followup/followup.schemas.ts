import { Type } from 'typebox';
import { Id, IsoDate, Nullable, PageNumber, Text, Timestamp } from '../../platform/schemas.js';

export const ChaseQuery = Type.Object(
  {
    districtId: Type.Optional(Id),
    risk: Type.Optional(Type.Enum(['overdue', 'at_risk'] as const)),
    page: PageNumber,
    pageSize: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
  },
  { additionalProperties: false },
);

const Count = Type.Object({ overdue: Type.Integer(), atRisk: Type.Integer() });

export const ChaseList = Type.Object({
  items: Type.Array(
    Type.Object({
      requestId: Id,
      trackingCode: Type.String(),
      serviceNameFa: Type.String(),
      state: Type.String(),
      stateLabelFa: Type.String(),
      districtNumber: Type.Integer(),
      risk: Type.Enum(['overdue', 'at_risk', 'on_time'] as const),
      stepStartedAt: Timestamp,
      stepDueAt: Timestamp,
      holder: Type.Object({ kind: Type.String(), titleFa: Type.String(), name: Nullable(Type.String()), phone: Nullable(Type.String()) }),
      lastFollowup: Nullable(Type.Object({ at: Timestamp, note: Type.String(), promisedDate: Nullable(Type.String()) })),
    }),
  ),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  byStep: Type.Array(Type.Intersect([Type.Object({ state: Type.String(), labelFa: Type.String() }), Count])),
  byOffice: Type.Array(Type.Intersect([Type.Object({ officeId: Id, nameFa: Type.String() }), Count])),
});

export const FollowupBody = Type.Object(
  { note: Text(2000, 3), contacted: Type.Optional(Text(200, 2)), promisedDate: Type.Optional(IsoDate) },
  { additionalProperties: false },
);

export const FollowupList = Type.Object({
  items: Type.Array(
    Type.Object({
      id: Id, state: Type.String(), stateLabelFa: Type.String(), note: Type.String(), contacted: Nullable(Type.String()),
      promisedDate: Nullable(Type.String()), by: Type.String(), at: Timestamp,
    }),
  ),
});

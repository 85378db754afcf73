import { Type } from 'typebox';
import { Id, IsoDate, Mobile, Nullable, NullableTimestamp, Page, PageQuery, Text, Timestamp, Version } from '../../platform/schemas.js';
import { STREET_TYPES } from './excavations.rules.js';

const StreetType = Type.Enum(STREET_TYPES, {
  description: 'main: خیابان اصلی, secondary: خیابان فرعی, local: معبر محلی, alley: کوچه, sidewalk: پیاده‌رو. Sets the restoration tariff',
});
const STATUSES = ['submitted', 'approved', 'rejected', 'cancelled'] as const;
const Status = Type.Enum(STATUSES);

/** Checked by the service with Turf (type, positions, inside Iran, no self-crossing), so every problem is one field error on `route`. */
const Route = Type.Object(
  { type: Type.String() },
  {
    additionalProperties: true,
    description:
      'GeoJSON (WGS84, [longitude, latitude]): a LineString along the trench, or a Polygon of the area dug (its length is taken as area / width); bare or as a Feature',
  },
);

export const ExcavationBody = Type.Object(
  {
    route: Route,
    widthMeters: Type.Number({ minimum: 0.1, maximum: 20 }),
    depthMeters: Type.Number({ minimum: 0.1, maximum: 10 }),
    streetType: StreetType,
    startDate: IsoDate,
    endDate: IsoDate,
    purpose: Text(500, 3),
    contractorName: Text(200, 2),
    contractorMobile: Mobile,
    districtNumber: Type.Integer({ minimum: 1, maximum: 99, description: 'The municipal district (منطقه) the route lies in' }),
  },
  {
    additionalProperties: false,
    examples: [
      {
        route: { type: 'LineString', coordinates: [[51.6689, 32.6521], [51.6689, 32.6531]] },
        widthMeters: 0.6, depthMeters: 1.2, streetType: 'secondary', startDate: '2026-12-05', endDate: '2026-12-12',
        purpose: 'تعویض لوله آب', contractorName: 'شرکت ساختمانی زاینده', contractorMobile: '09131234567', districtNumber: 3,
      },
    ],
  },
);

/** What the client is told of another permit in the same place at the same time: enough to coordinate, nothing more. */
const Overlap = Type.Object({ trackingCode: Type.String(), startDate: IsoDate, endDate: IsoDate });

const measured = {
  streetType: Type.String(),
  widthMeters: Type.Number(),
  depthMeters: Type.Number(),
  lengthMeters: Type.Number({ description: 'Trench length in metres, to the centimetre; for a polygon, its area / width' }),
  areaSquareMeters: Type.Number({ description: 'length × width' }),
  feeRials: Type.Integer({ description: 'Restoration fee (هزینه ترمیم): length × the tariff of the street type, whole rials' }),
  startDate: IsoDate,
  endDate: IsoDate,
  purpose: Type.String(),
  contractorName: Type.String(),
  contractorMobile: Type.String(),
  districtNumber: Type.Integer(),
  createdAt: Timestamp,
  decidedAt: NullableTimestamp,
  decisionNote: Nullable(Type.String()),
  conditions: Type.Array(Type.String()),
};

/** The open API's view: the client's own permit. */
export const ApiExcavation = Type.Object({
  id: Id,
  trackingCode: Type.String(),
  status: Status,
  ...measured,
  overlaps: Type.Array(Overlap, { description: 'Live permits (submitted or approved) of other works whose footprint and dates meet this one, found at submission' }),
  letter: Nullable(Type.Object({ number: Type.String(), downloadUrl: Type.String({ description: 'GET it with your key: the permit letter (PDF)' }) })),
});

/** The district's view of an overlapping permit, whichever side found the overlap. */
const StaffOverlap = Type.Object({ id: Id, trackingCode: Type.String(), startDate: IsoDate, endDate: IsoDate, status: Status, districtNumber: Type.Integer() });

export const Excavation = Type.Object({
  id: Id,
  trackingCode: Type.String(),
  status: Status,
  version: Type.Integer(),
  client: Type.Object({ id: Id, nameFa: Type.String() }),
  ...measured,
  tariffRialsPerMeter: Type.Integer(),
  overlaps: Type.Array(StaffOverlap, { description: 'Permits found overlapping when this one was submitted, and later ones that found this one' }),
  decidedBy: Nullable(Type.Object({ id: Id, name: Type.String() })),
  letter: Nullable(Type.Object({ number: Type.String(), serial: Nullable(Type.String({ description: 'null until the PDF is printed' })), downloadUrl: Type.String() })),
});

export const ExcavationDetail = Type.Object({
  ...Excavation.properties,
  route: Type.Object({ type: Type.String(), coordinates: Type.Array(Type.Unknown()) }, { description: 'GeoJSON LineString or Polygon, WGS84' }),
});

export const ExcavationListQuery = PageQuery(['createdAt', 'startDate'] as const, { status: Type.Optional(Status) });
export const ExcavationList = Page(Excavation);

export const DecideBody = Type.Object(
  {
    version: Version(),
    decision: Type.Enum(['approve', 'reject'] as const),
    note: Text(2000, 3),
    conditions: Type.Optional(Type.Array(Text(500, 3), { maxItems: 30, description: 'Conditions of the permit (or reasons of a rejection), printed on the letter' })),
  },
  { additionalProperties: false },
);

export const Tariff = Type.Object({
  streetType: StreetType,
  streetTypeFa: Type.String(),
  rialsPerMeter: Nullable(Type.Integer({ description: 'null: not set; permits on this kind of street cannot be asked for' })),
  updatedAt: NullableTimestamp,
});
export const TariffList = Type.Object({ items: Type.Array(Tariff) });
export const TariffParams = Type.Object({ streetType: StreetType }, { additionalProperties: false });
export const TariffBody = Type.Object({ rialsPerMeter: Type.Integer({ minimum: 1, maximum: 1_000_000_000_000 }) }, { additionalProperties: false });

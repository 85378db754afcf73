import { Type, type Static } from 'typebox';
import { FileNumber, Id, NationalCodeOrId, Nullable, OrNull, Page, PageQuery, PostalCode, Text, Timestamp, TrackingCode, Version } from '../../platform/schemas.js';
import { PersonSummary } from '../persons/index.js';

/** کاربری: what the land is used for. */
export const LAND_USES = ['مسکونی', 'تجاری', 'اداری', 'آموزشی', 'مختلط', 'صنعتی', 'فضای سبز', 'درمانی'] as const;
export type LandUse = (typeof LAND_USES)[number];

/** کد نوسازی: 3 to 7 dash-separated numbers, the first being the district's number. */
const RenovationCode = Type.String({
  pattern: '^\\d{1,6}(-\\d{1,6}){2,6}$',
  description: 'کد نوسازی, e.g. 3-125-14-0-0-0 (the first number is the district)',
});
/** پلاک ثبتی: main and sub plate numbers within a registry section (بخش ثبتی). */
const Plate = Type.Object(
  {
    main: Type.Integer({ minimum: 1, maximum: 1_000_000 }),
    sub: Type.Integer({ minimum: 1, maximum: 1_000_000 }),
    registrySection: Type.Integer({ minimum: 1, maximum: 1000 }),
  },
  { additionalProperties: false },
);
// Iran's bounding box: a point outside it is a typo (swapped lat/lng, a missing digit).
const Lat = Type.Number({ minimum: 24, maximum: 40 });
const Lng = Type.Number({ minimum: 44, maximum: 64 });
const LandArea = Type.Number({ exclusiveMinimum: 0, maximum: 10_000_000, description: 'm²' });
const Floors = Type.Integer({ minimum: 0, maximum: 200 });
const Units = Type.Integer({ minimum: 0, maximum: 10_000 });
const LandUseInput = Type.Unsafe<LandUse | null>({ type: ['string', 'null'], enum: [...LAND_USES, null] });
const Owner = Type.Object(
  {
    personId: Id,
    shareDang: Type.Number({ exclusiveMinimum: 0, maximum: 6, description: 'سهم به دانگ (6 dang = the whole), up to 3 decimals' }),
  },
  { additionalProperties: false },
);
const Owners = Type.Array(Owner, { minItems: 1, maxItems: 100 });

/** The clearable fields: absent or null means "none". */
const optionalFields = {
  renovationCode: Type.Optional(OrNull(RenovationCode)),
  plate: Type.Optional(OrNull(Plate)),
  postalCode: Type.Optional(OrNull(PostalCode)),
  lat: Type.Optional(OrNull(Lat)),
  lng: Type.Optional(OrNull(Lng)),
  landArea: Type.Optional(OrNull(LandArea)),
  landUse: Type.Optional(LandUseInput),
  floors: Type.Optional(OrNull(Floors)),
  units: Type.Optional(OrNull(Units)),
};

export const CreatePropertyBody = Type.Object(
  { districtId: Id, address: Text(500, 5), owners: Owners, ...optionalFields },
  { additionalProperties: false },
);
export type CreatePropertyInput = Static<typeof CreatePropertyBody>;

/** `version` is the one the editor loaded; `owners`, when given, replaces the whole list. */
export const UpdatePropertyBody = Type.Object(
  {
    version: Version('The property file version the editor loaded'),
    districtId: Type.Optional(Id),
    address: Type.Optional(Text(500, 5)),
    owners: Type.Optional(Owners),
    ...optionalFields,
  },
  { additionalProperties: false },
);
export type UpdatePropertyInput = Static<typeof UpdatePropertyBody>;

export const PROPERTY_SORTS = ['createdAt', 'fileNumber', 'updatedAt'] as const;
export const PropertySearchQuery = PageQuery(PROPERTY_SORTS, {
  q: Type.Optional(Text(100, 2)),
  nationalCode: Type.Optional(NationalCodeOrId),
  postalCode: Type.Optional(PostalCode),
  renovationCode: Type.Optional(RenovationCode),
  fileNumber: Type.Optional(FileNumber),
  plateMain: Type.Optional(Plate.properties.main),
  plateSub: Type.Optional(Plate.properties.sub),
  registrySection: Type.Optional(Plate.properties.registrySection),
  trackingCode: Type.Optional(TrackingCode),
  districtId: Type.Optional(Id),
});
export type PropertySearchInput = Static<typeof PropertySearchQuery>;

export const Property = Type.Object({
  id: Id,
  fileNumber: Type.String(),
  district: Type.Object({ id: Id, number: Type.Integer(), nameFa: Type.String() }),
  renovationCode: Nullable(Type.String()),
  plate: Nullable(Type.Object({ main: Type.Integer(), sub: Type.Integer(), registrySection: Type.Integer() })),
  postalCode: Nullable(Type.String()),
  address: Type.String(),
  lat: Nullable(Type.Number()),
  lng: Nullable(Type.Number()),
  landArea: Nullable(Type.Number()),
  landUse: Nullable(Type.String()),
  floors: Nullable(Type.Integer()),
  units: Nullable(Type.Integer()),
  /** Owners' national codes come masked (۰۰۱****۴۵۶) unless `can.seeIdentifiers`. */
  owners: Type.Array(Type.Object({ person: PersonSummary, shareDang: Type.Number() })),
  version: Type.Integer(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  can: Type.Object(
    {
      edit: Type.Boolean({ description: 'may save changes (PATCH): an open request of this desk on the file, or its own file with no other desk’s request' }),
      seeIdentifiers: Type.Boolean({ description: 'owners’ national codes in full; otherwise masked' }),
      registerRequest: Type.Boolean({ description: 'may register a request on this file (POST /api/requests): the desks, on any file of the city' }),
    },
    { description: 'What the caller may do with this file (docs/decisions/0016-property-file-access.md)' },
  ),
});
export type PropertyView = Static<typeof Property>;
export const PropertyPage = Page(Property);

/** A file as opened on its own page: with the latest requests on it that the reader may see. */
export const PropertyDetail = Type.Object({
  ...Property.properties,
  requests: Type.Array(
    Type.Object({ id: Id, trackingCode: Type.String(), serviceCode: Type.String(), state: Type.String(), createdAt: Timestamp }),
  ),
  requestsNotShown: Type.Object(
    { total: Type.Integer({ minimum: 0 }), open: Type.Integer({ minimum: 0 }) },
    { description: 'Requests on this file outside the reader’s scope (other desks’): how many, and how many still open; never which' },
  ),
});
export type PropertyDetailView = Static<typeof PropertyDetail>;

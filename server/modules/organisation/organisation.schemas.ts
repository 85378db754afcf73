import { Type } from 'typebox';
import { Id, Mobile, NationalCode, Nullable, PageQuery, Text, Timestamp } from '../../platform/schemas.js';
import { ROLES, SPECIALTIES } from '../../../contracts/roles.js';

/** Status of a desk: suspended is temporary (e.g. an inspection of the office), inactive is closed. */
export const OFFICE_STATUSES = ['active', 'suspended', 'inactive'] as const;
export const OfficeStatus = Type.Enum(OFFICE_STATUSES);
export const StaffRole = Type.Enum(ROLES);
export const Specialty = Type.Enum(SPECIALTIES);

const GovCode = Type.String({ pattern: '^\\d{8}$', description: 'کد دفتر پیشخوان: 8 digits' });
const Phone = Type.String({ pattern: '^0\\d{10}$', description: 'Landline with area code, e.g. 03136251234' });
const Username = Type.String({ pattern: '^[a-z0-9][a-z0-9._-]{2,40}$', description: 'lower-case letters, digits, . _ -' });
const SearchText = Text(100, 1);

export const DistrictRef = Type.Object({ id: Id, number: Type.Integer(), nameFa: Type.String() });
export const OfficeRef = Type.Object({ id: Id, govCode: Type.String(), nameFa: Type.String() });

export const District = Type.Object({
  id: Id,
  number: Type.Integer(),
  nameFa: Type.String(),
  nameEn: Type.String(),
  addressFa: Type.String(),
  phone: Type.String(),
  activeOffices: Type.Integer(),
  inspectors: Type.Integer({ description: 'active inspectors of the district' }),
  deskTarget: Type.Integer({ description: 'how many active desks the district should have (the plan: 8)' }),
});
export const DistrictPatchBody = Type.Object(
  { deskTarget: Type.Integer({ minimum: 0, maximum: 500, description: 'the planned number of active desks' }) },
  { additionalProperties: false },
);
export const DistrictList = Type.Object({ items: Type.Array(District) });

export const Office = Type.Object({
  id: Id,
  govCode: Type.String(),
  nameFa: Type.String(),
  district: DistrictRef,
  addressFa: Type.String(),
  phone: Type.String(),
  status: OfficeStatus,
  openingHoursFa: Type.String({ description: 'free text for citizens, e.g. «شنبه تا چهارشنبه ۷:۳۰ تا ۱۴:۳۰»; empty if not given' }),
  staffCount: Type.Integer({ description: 'active staff of the desk' }),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

export const OfficeQuery = PageQuery(['createdAt', 'govCode', 'nameFa', 'district'] as const, {
  districtId: Type.Optional(Id),
  status: Type.Optional(OfficeStatus),
  q: Type.Optional(SearchText),
});

export const OfficeCreateBody = Type.Object(
  {
    govCode: GovCode,
    nameFa: Text(200, 2),
    districtId: Id,
    addressFa: Text(500, 5),
    phone: Phone,
    status: Type.Optional(OfficeStatus),
    openingHoursFa: Type.Optional(Text(300)),
  },
  { additionalProperties: false },
);

export const OfficePatchBody = Type.Object(
  {
    nameFa: Type.Optional(Text(200, 2)),
    districtId: Type.Optional(Id),
    addressFa: Type.Optional(Text(500, 5)),
    phone: Type.Optional(Phone),
    status: Type.Optional(OfficeStatus),
    openingHoursFa: Type.Optional(Text(300)),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const StaffMember = Type.Object({
  id: Id,
  username: Type.String(),
  firstName: Type.String(),
  lastName: Type.String(),
  nationalCode: Nullable(Type.String({ description: 'null unless the caller manages staff or audits' })),
  mobile: Nullable(Type.String({ description: 'null unless the caller manages staff or audits' })),
  role: StaffRole,
  roleTitleFa: Type.String(),
  specialty: Nullable(Specialty),
  office: Nullable(OfficeRef),
  district: Nullable(DistrictRef),
  active: Type.Boolean(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

export const StaffQuery = PageQuery(['username', 'lastName', 'role', 'createdAt'] as const, {
  role: Type.Optional(StaffRole),
  districtId: Type.Optional(Id),
  officeId: Type.Optional(Id),
  q: Type.Optional(SearchText),
});

export const StaffCreateBody = Type.Object(
  {
    username: Username,
    firstName: Text(100, 1),
    lastName: Text(100, 1),
    nationalCode: NationalCode,
    mobile: Mobile,
    role: StaffRole,
    officeId: Type.Optional(Id),
    districtId: Type.Optional(Id),
    specialty: Type.Optional(Specialty),
    // Named `password` so the input normaliser leaves it byte for byte.
    password: Type.String({ minLength: 10, maxLength: 200 }),
  },
  { additionalProperties: false },
);

export const StaffPatchBody = Type.Object(
  {
    role: Type.Optional(StaffRole),
    officeId: Type.Optional(Nullable(Id)),
    districtId: Type.Optional(Nullable(Id)),
    specialty: Type.Optional(Nullable(Specialty)),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const InspectorQuery = Type.Object(
  { districtId: Type.Optional(Id), specialty: Type.Optional(Specialty) },
  { additionalProperties: false },
);

export const Inspector = Type.Object({
  id: Id,
  username: Type.String(),
  firstName: Type.String(),
  lastName: Type.String(),
  specialty: Specialty,
  district: DistrictRef,
  openAssignments: Type.Integer({ description: 'cases assigned and not yet visited' }),
});
export const InspectorList = Type.Object({ items: Type.Array(Inspector) });

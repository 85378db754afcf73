import { Type, type Static } from 'typebox';
import { Id, Mobile, NationalCodeOrId, Nullable, OrNull, Page, PageQuery, Text, Timestamp } from '../../platform/schemas.js';

/** شخص حقیقی (natural) / شخص حقوقی (legal: a company or institution). */
export const PERSON_KINDS = ['natural', 'legal'] as const;
export type PersonKind = (typeof PERSON_KINDS)[number];
const Kind = Type.Enum(PERSON_KINDS);

const Name = Text(100, 1);
const CompanyName = Text(200, 2);

export const CreatePersonBody = Type.Object(
  {
    kind: Kind,
    nationalCode: NationalCodeOrId,
    firstName: Type.Optional(Name),
    lastName: Type.Optional(Name),
    fatherName: Type.Optional(Name),
    companyName: Type.Optional(CompanyName),
    mobile: Type.Optional(Mobile),
  },
  { additionalProperties: false },
);
export type CreatePersonInput = Static<typeof CreatePersonBody>;

/** The national code and the kind never change: a wrong one is a different person. */
export const UpdatePersonBody = Type.Object(
  {
    firstName: Type.Optional(Name),
    lastName: Type.Optional(Name),
    fatherName: Type.Optional(OrNull(Name)),
    companyName: Type.Optional(CompanyName),
    mobile: Type.Optional(OrNull(Mobile)),
  },
  { additionalProperties: false },
);
export type UpdatePersonInput = Static<typeof UpdatePersonBody>;

export const PERSON_SORTS = ['createdAt', 'updatedAt', 'nationalCode', 'lastName'] as const;
export const PersonSearchQuery = PageQuery(PERSON_SORTS, {
  q: Type.Optional(Text(100, 2)),
  nationalCode: Type.Optional(NationalCodeOrId),
});
export type PersonSearchInput = Static<typeof PersonSearchQuery>;

export const Person = Type.Object({
  id: Id,
  kind: Kind,
  nationalCode: Type.String(),
  firstName: Nullable(Type.String()),
  lastName: Nullable(Type.String()),
  fatherName: Nullable(Type.String()),
  companyName: Nullable(Type.String()),
  mobile: Nullable(Type.String()),
  displayName: Type.String(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  can: Type.Object(
    {
      edit: Type.Boolean({ description: 'may correct names and mobile (PATCH)' }),
      seeIdentifiers: Type.Boolean({ description: 'national code and mobile in full; otherwise masked (a code the caller searched by is shown as typed)' }),
    },
    { description: 'What the caller may do with this person (docs/decisions/0016-property-file-access.md)' },
  ),
});
export type PersonView = Static<typeof Person>;
export const PersonPage = Page(Person);

/** How a person appears inside another record (a property file's owners); the national code masked as the record says. */
export const PersonSummary = Type.Object({ id: Id, kind: Kind, nationalCode: Type.String(), displayName: Type.String() });

import { Type } from 'typebox';
import { Nullable, Text, Timestamp, Id } from '../../platform/schemas.js';
import type { FormFieldType } from './services.data.js';

// A Record, so that a new field type in services.data.ts fails to compile until it is listed here.
const FIELD_TYPES: Record<FormFieldType, true> = {
  text: true, textarea: true, integer: true, number: true, date: true, select: true, boolean: true, national_code: true, mobile: true,
};

/** A field of a service's application form. Also checks the stored catalog at start-up. */
export const FormFieldSchema = Type.Object(
  {
    name: Type.String({ pattern: '^[a-z][a-zA-Z0-9]*$' }),
    labelFa: Type.String({ minLength: 1 }),
    labelEn: Type.String({ minLength: 1 }),
    type: Type.Enum(Object.keys(FIELD_TYPES) as FormFieldType[]),
    required: Type.Boolean(),
    options: Type.Optional(
      Type.Array(
        Type.Object({ value: Type.String({ pattern: '^[a-z][a-z0-9_]*$' }), labelFa: Type.String({ minLength: 1 }), labelEn: Type.String({ minLength: 1 }) }, { additionalProperties: false }),
      ),
    ),
    min: Type.Optional(Type.Number()),
    max: Type.Optional(Type.Number()),
    maxLength: Type.Optional(Type.Integer({ minimum: 1 })),
    helpFa: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);

export const RequiredDocumentSchema = Type.Object(
  {
    code: Type.String({ pattern: '^[a-z][a-z0-9_]*$' }),
    titleFa: Type.String({ minLength: 1 }),
    titleEn: Type.String({ minLength: 1 }),
    required: Type.Boolean(),
    appliesWhenFa: Type.Optional(Type.String({ minLength: 1, description: 'Set on a document needed only in some cases (a power of attorney): when it applies' })),
    appliesWhenEn: Type.Optional(Type.String({ minLength: 1 })),
  },
  { additionalProperties: false },
);

/** Working days per waiting state; a Thursday counts half, so SLAs come in half days. */
const SlaDays = Type.Record(Type.String(), Type.Number({ minimum: 0.5, maximum: 90, multipleOf: 0.5 }));

export const ServiceCodeParams = Type.Object(
  { code: Type.String({ pattern: '^[a-z][a-z0-9_]{1,63}$' }) },
  { additionalProperties: false },
);
export const OfficeIdParams = Type.Object({ officeId: Id }, { additionalProperties: false });

const summary = {
  code: Type.String(),
  nameFa: Type.String(),
  nameEn: Type.String(),
  descriptionFa: Type.String(),
  category: Type.String(),
  workflowCode: Type.String(),
  inspectorSpecialty: Nullable(Type.String()),
  feeRials: Type.Integer(),
  answerValidityDays: Type.Integer(),
  visitMinutes: Type.Integer({ description: "expected time on site for the service's visit, in minutes (the day planner's service time)" }),
  active: Type.Boolean(),
  enabledForMyOffice: Type.Optional(Type.Boolean({ description: 'only for desk staff: whether their desk offers it' })),
};

export const ServiceSummary = Type.Object(summary);
export const ServiceList = Type.Object({ items: Type.Array(ServiceSummary) });

const WorkflowView = Type.Object({
  code: Type.String(),
  titleFa: Type.String(),
  initial: Type.String(),
  terminal: Type.Array(Type.String()),
  waitingOnApplicant: Type.Array(Type.String()),
  transitions: Type.Array(
    Type.Object({
      action: Type.String(),
      from: Type.Array(Type.String()),
      to: Type.String(),
      roles: Type.Array(Type.String()),
      guards: Type.Array(Type.String()),
      public: Type.Boolean(),
    }),
  ),
});

export const ServiceDetail = Type.Object({
  ...summary,
  descriptionEn: Type.String(),
  answerPurposeFa: Type.String(),
  requiredDocuments: Type.Array(RequiredDocumentSchema),
  formFields: Type.Array(FormFieldSchema),
  slaDays: SlaDays,
  workflow: WorkflowView,
  updatedAt: Timestamp,
});

export const ServicePatchBody = Type.Object(
  {
    nameFa: Type.Optional(Text(200, 2)),
    descriptionFa: Type.Optional(Text(2000, 2)),
    feeRials: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000_000_000 })),
    slaDays: Type.Optional(SlaDays),
    active: Type.Optional(Type.Boolean()),
    answerValidityDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 3650 })),
    visitMinutes: Type.Optional(Type.Integer({ minimum: 5, maximum: 480 })),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const OfficeServicesBody = Type.Object(
  { serviceCodes: Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 200, uniqueItems: true }) },
  { additionalProperties: false },
);
export const OfficeServices = Type.Object({ officeId: Id, serviceCodes: Type.Array(Type.String()) });

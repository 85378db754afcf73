/** Schemas shared by every module: the error shape, paging and sorting, common identifiers. */
import { Type, type Static, type TSchema, type TUnsafe } from 'typebox';

export const FieldErrorSchema = Type.Object({
  field: Type.String(),
  code: Type.String(),
  message: Type.String(),
  messageFa: Type.String(),
});

export const ErrorResponse = Type.Object(
  {
    error: Type.Object({
      code: Type.String(),
      message: Type.String(),
      messageFa: Type.String(),
      fields: Type.Optional(Type.Array(FieldErrorSchema)),
      details: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
    }),
  },
  { $id: 'ErrorResponse' },
);

const errorRef = Type.Ref('ErrorResponse');

/** Response map for a route: the success schema(s) plus the one error shape for every failure status. */
export function responses<T extends Record<number, TSchema>>(ok: T) {
  return { ...ok, 400: errorRef, 401: errorRef, 403: errorRef, 404: errorRef, 409: errorRef, 429: errorRef } as T & Record<400 | 401 | 403 | 404 | 409 | 429, typeof errorRef>;
}

export const Id = Type.String({ format: 'uuid' });
export const IdParams = Type.Object({ id: Id }, { additionalProperties: false });
export const Timestamp = Type.String({ format: 'date-time' });
export const NullableTimestamp = Type.Union([Timestamp, Type.Null()]);
// Identifiers are rewritten to their stored form before the pattern is checked (`x-canonical`,
// platform/canonical.ts; rules in contracts/identifiers.ts); the services then check the digits.
export const NationalCode = Type.String({
  pattern: '^\\d{10}$',
  'x-canonical': 'nationalCode',
  description: 'کد ملی: 10 digits, ASCII or Persian, dashes and spaces ignored; 8 or 9 digits are left-padded with zeros',
});
/** کد ملی (10 digits) of a natural person or شناسه ملی (11 digits) of a legal one. */
export const NationalCodeOrId = Type.String({
  pattern: '^\\d{10,11}$',
  'x-canonical': 'nationalCode',
  description: 'کد ملی (10 digits; 8 or 9 are left-padded with zeros) or شناسه ملی (11 digits)',
});
export const LegalNationalId = Type.String({ pattern: '^\\d{11}$', description: 'شناسه ملی اشخاص حقوقی: 11 digits' });
export const Mobile = Type.String({
  pattern: '^09\\d{9}$',
  'x-canonical': 'mobile',
  description: 'stored as 09131234567; +98, 0098, 98, spaces and dashes accepted',
});
export const PostalCode = Type.String({ pattern: '^\\d{10}$', 'x-canonical': 'postalCode', description: 'کد پستی: 10 digits, a dash in the middle accepted' });
export const TrackingCode = Type.String({ pattern: '^\\d{10}$', 'x-canonical': 'trackingCode', description: 'کد رهگیری: 10 digits, spaces and dashes ignored' });
export const FileNumber = Type.String({
  pattern: '^[A-Z]+-\\d{7}$',
  'x-canonical': 'fileNumber',
  description: 'شماره پرونده ملک: ISFAHAN-0000041, or as shown in Persian (اصفهان-۴۱)',
});
export const IsoDate = Type.String({ format: 'date', description: 'YYYY-MM-DD (Gregorian; the web shows Jalali)' });
export const Text = (max = 500, min = 0) => Type.String({ minLength: min, maxLength: max });
export const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
/**
 * A value or null, written as `type: [t, 'null']` rather than a union: a wrong value then gets
 * the one precise field error ("must be 10 digits", "must be an integer or empty") instead of a
 * union's "not one of the allowed values". For input schemas; responses use `Nullable`.
 */
export function OrNull<T extends TSchema & { type: string }>(schema: T): TUnsafe<Static<T> | null> {
  return Type.Unsafe<Static<T> | null>({ ...schema, type: [schema.type, 'null'] });
}

/**
 * ?page= of every list: far past any list's end, yet small enough that its offset stays a number
 * both databases take (page 10^308 used to be a 500 on SQLite: issue 11, found by the fuzzer).
 */
export const PageNumber = Type.Integer({ minimum: 1, maximum: 10_000, default: 1 });
/**
 * The version of a record the caller saw (optimistic concurrency: a stale one is 409). Bounded by
 * the database's integer, so a number past it is refused on its own field, not by the database.
 */
export const Version = (description = 'The version the caller saw (optimistic concurrency)') => Type.Integer({ minimum: 1, maximum: 2_147_483_647, description });

/** ?page=&pageSize=&sort=&order= on every list, plus the list's own filters. */
export function PageQuery<const S extends readonly [string, ...string[]], E extends Record<string, TSchema> = Record<never, never>>(sortable: S, extra?: E) {
  return Type.Object(
    {
      page: PageNumber,
      pageSize: Type.Integer({ minimum: 1, maximum: 200, default: 20 }),
      sort: Type.Unsafe<S[number]>(Type.Enum(sortable, { default: sortable[0] })),
      order: Type.Enum(['asc', 'desc'] as const, { default: 'desc' }),
      ...((extra ?? {}) as E),
    },
    { additionalProperties: false },
  );
}

export function Page<T extends TSchema>(item: T) {
  return Type.Object({
    items: Type.Array(item),
    total: Type.Integer(),
    page: Type.Integer(),
    pageSize: Type.Integer(),
  });
}

export interface PageParams {
  page: number;
  pageSize: number;
}

export type { Static };

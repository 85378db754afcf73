import { Type } from 'typebox';
import { Id, IsoDate, PageQuery, Text, Timestamp } from '../../platform/schemas.js';

/** solar/lunar: the official calendar (seeded each year); special: a one-off closure, e.g. for air pollution. */
export const HOLIDAY_KINDS = ['solar', 'lunar', 'special'] as const;
const HolidayKind = Type.Enum(HOLIDAY_KINDS);

export const Holiday = Type.Object({
  id: Id,
  date: IsoDate,
  jalali: Type.Object({ year: Type.Integer(), month: Type.Integer(), day: Type.Integer() }),
  titleFa: Type.String(),
  titleEn: Type.String(),
  kind: Type.String(),
});

export const HolidayQuery = PageQuery(['date'] as const, {
  year: Type.Optional(Type.Integer({ minimum: 1300, maximum: 1500, description: 'Solar Hijri year, e.g. 1405' })),
});

export const HolidayCreateBody = Type.Object(
  { date: IsoDate, titleFa: Text(200, 2), titleEn: Text(200, 2), kind: Type.Optional(HolidayKind) },
  { additionalProperties: false },
);

export const HolidayPatchBody = Type.Object(
  {
    date: Type.Optional(IsoDate),
    titleFa: Type.Optional(Text(200, 2)),
    titleEn: Type.Optional(Text(200, 2)),
    kind: Type.Optional(HolidayKind),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const DueDateQuery = Type.Object(
  {
    from: Timestamp,
    days: Type.Number({ minimum: 0, maximum: 365, multipleOf: 0.5, description: 'working days; Thursday counts half' }),
  },
  { additionalProperties: false },
);

export const DueDate = Type.Object({
  dueAt: Timestamp,
  workingDays: Type.Number({ description: 'working days from `from` to `dueAt`; at least `days`, half a day more when a Thursday ends the count' }),
});

export const HOLIDAY_LIST_STATUSES = ['official', 'provisional', 'confirmed'] as const;

export const HolidayList = Type.Object({
  year: Type.Integer({ description: 'Solar Hijri year' }),
  status: Type.Enum(HOLIDAY_LIST_STATUSES, { description: 'official: the published list; provisional (موقت): computed, to be checked; confirmed: checked by the city admin' }),
  source: Type.String(),
  confirmedAt: Type.Union([Timestamp, Type.Null()]),
  confirmedByName: Type.Union([Type.String(), Type.Null()]),
  officialAvailable: Type.Boolean({ description: 'this release ships the official list of that year' }),
});

export const HolidayLists = Type.Object({
  items: Type.Array(HolidayList),
  unsettled: Type.Array(Type.Integer(), { description: 'of this year and the coming one, those whose list is missing or provisional: the city admin is warned' }),
});

export const YearParams = Type.Object({ year: Type.Integer({ minimum: 1300, maximum: 1500 }) }, { additionalProperties: false });

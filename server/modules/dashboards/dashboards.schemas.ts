import { Type } from 'typebox';
import { Id, IsoDate, Nullable, Timestamp } from '../../platform/schemas.js';

/** The tables of the dashboard, in the order they are shown. */
export const TABLE_KEYS = [
  'by_month', 'by_service', 'by_district', 'by_office', 'backlog_by_step', 'turnaround_by_step', 'sla_compliance',
  'inspector_workload', 'inquiries', 'desk_network', 'fees',
] as const;
export type TableKey = (typeof TABLE_KEYS)[number];

export const COLUMN_KINDS = ['text', 'count', 'percent', 'minutes', 'days', 'rials'] as const;
export type ColumnKind = (typeof COLUMN_KINDS)[number];

const ServiceCode = Type.String({ pattern: '^[a-z][a-z0-9_]{1,60}$', description: 'a service code of the catalog' });

const filterFields = {
  from: Type.Optional(IsoDate),
  to: Type.Optional(IsoDate),
  districtId: Type.Optional(Id),
  officeId: Type.Optional(Id),
  serviceCode: Type.Optional(ServiceCode),
};

export const FiguresQuery = Type.Object(filterFields, { additionalProperties: false });

export const ExportQuery = Type.Object({ table: Type.Enum(TABLE_KEYS), ...filterFields }, { additionalProperties: false });

export const ReportQuery = Type.Object(
  {
    month: Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$', description: "Jalali month, e.g. '1405-09' (Azar 1405)" }),
    districtId: Type.Optional(Id),
  },
  { additionalProperties: false },
);

export const DashboardTable = Type.Object({
  key: Type.Enum(TABLE_KEYS),
  titleFa: Type.String(),
  columns: Type.Array(Type.Object({ key: Type.String(), titleFa: Type.String(), kind: Type.Enum(COLUMN_KINDS) })),
  rows: Type.Array(Type.Record(Type.String(), Type.Union([Type.String(), Type.Number(), Type.Null()]))),
  chart: Nullable(
    Type.Object({
      type: Type.Enum(['bar', 'line', 'pie', 'stacked_bar'] as const),
      category: Type.String({ description: 'the column key of the categories' }),
      series: Type.Array(Type.String(), { description: 'column keys of the series' }),
    }),
  ),
});

export const Figures = Type.Object({
  filters: Type.Object({
    from: IsoDate,
    to: IsoDate,
    districtId: Nullable(Id),
    officeId: Nullable(Id),
    serviceCode: Nullable(Type.String()),
  }),
  generatedAt: Timestamp,
  tables: Type.Array(DashboardTable),
});

import { PostgresAdapter, sql, type Kysely } from 'kysely';

/**
 * Every number a user or a client can set, and those computed from them, kept finite and in the
 * range its route allows (issue 11, defect 3; decision 0022): "Infinity" and "1e309" once reached
 * the database on SQLite and broke every list that read them back. The edge refuses them now;
 * these constraints make sure no other path can store one.
 *
 * PostgreSQL: a CHECK constraint per column. SQLite cannot add a CHECK to an existing table, so a
 * BEFORE INSERT and a BEFORE UPDATE trigger per column raise the same name. Both bounds are always
 * given: on PostgreSQL NaN sorts above every number, so an upper bound is what refuses it (SQLite
 * stores NaN as NULL). On SQLite an integer column must also hold an integer (PostgreSQL's type
 * does that). The name `<table>__<column>__range` is what `db/sql.ts` reads to answer a 400.
 *
 * The bounds are written out here, not imported from the route schemas: a landed migration does
 * not change when a schema does. Rows already out of range stop the migration with their count,
 * so an operator repairs them (the same rows would break the lists anyway) instead of losing them.
 */
interface Range {
  table: string;
  column: string;
  min: number;
  max: number;
  /** The minimum itself is refused (an area must be more than zero). */
  exclusiveMin?: boolean;
  integer?: boolean;
}

/**
 * A permit's fee (length × tariff) stays a whole number of rials below 2^53, where JavaScript still
 * counts exactly. The dashboards' rollups are not listed: they are sums kept by the server alone,
 * written as signed deltas (an upsert's proposed row may be negative), from fees checked here.
 */
const MAX_RIALS_SUM = 9_000_000_000_000_000;

const RANGES: Range[] = [
  { table: 'districts', column: 'desk_target', min: 0, max: 500, integer: true },
  { table: 'services', column: 'fee_rials', min: 0, max: 1_000_000_000_000, integer: true },
  { table: 'services', column: 'answer_validity_days', min: 1, max: 3650, integer: true },
  { table: 'requests', column: 'fee_rials', min: 0, max: 1_000_000_000_000, integer: true },
  { table: 'properties', column: 'plate_main', min: 1, max: 1_000_000, integer: true },
  { table: 'properties', column: 'plate_sub', min: 1, max: 1_000_000, integer: true },
  { table: 'properties', column: 'registry_section', min: 1, max: 1000, integer: true },
  { table: 'properties', column: 'lat', min: 24, max: 40 },
  { table: 'properties', column: 'lng', min: 44, max: 64 },
  { table: 'properties', column: 'land_area', min: 0, max: 10_000_000, exclusiveMin: true },
  { table: 'properties', column: 'floors', min: 0, max: 200, integer: true },
  { table: 'properties', column: 'units', min: 0, max: 10_000, integer: true },
  { table: 'property_owners', column: 'share_milli_dang', min: 1, max: 6000, integer: true },
  { table: 'inspections', column: 'gps_lat', min: -90, max: 90 },
  { table: 'inspections', column: 'gps_lng', min: -180, max: 180 },
  { table: 'inspections', column: 'gps_accuracy_m', min: 0, max: 100_000 },
  { table: 'api_clients', column: 'rate_limit_per_minute', min: 1, max: 6000, integer: true },
  { table: 'holiday_lists', column: 'year', min: 1300, max: 1500, integer: true },
  { table: 'excavation_tariffs', column: 'rials_per_meter', min: 1, max: 1_000_000_000_000, integer: true },
  { table: 'excavation_permits', column: 'min_lng', min: -180, max: 180 },
  { table: 'excavation_permits', column: 'max_lng', min: -180, max: 180 },
  { table: 'excavation_permits', column: 'min_lat', min: -90, max: 90 },
  { table: 'excavation_permits', column: 'max_lat', min: -90, max: 90 },
  // A polygon's length is its area over the width: inside Iran, at 10 cm wide, below 10^14 m.
  { table: 'excavation_permits', column: 'length_m', min: 0, max: 1e14, exclusiveMin: true },
  { table: 'excavation_permits', column: 'width_m', min: 0.1, max: 20 },
  { table: 'excavation_permits', column: 'depth_m', min: 0.1, max: 10 },
  { table: 'excavation_permits', column: 'tariff_rials_per_meter', min: 1, max: 1_000_000_000_000, integer: true },
  { table: 'excavation_permits', column: 'fee_rials', min: 0, max: MAX_RIALS_SUM, integer: true },
];

const isPostgres = (db: Kysely<any>) => db.getExecutor().adapter instanceof PostgresAdapter;

const nameOf = (r: Range) => `${r.table}__${r.column}__range`;

/** The condition a stored value must meet, on `ref` (the column, or NEW.column in a trigger); NULL passes. */
function inRange(r: Range, ref: string): string {
  const low = `${ref} ${r.exclusiveMin ? '>' : '>='} ${r.min}`;
  return `(${ref} is null or (${low} and ${ref} <= ${r.max}))`;
}

export async function up(db: Kysely<any>): Promise<void> {
  // Every column checked before anything is created: SQLite runs DDL outside a transaction, so a
  // half-done run would leave triggers behind for the next one to trip on.
  const outside: string[] = [];
  for (const r of RANGES) {
    const res = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(r.table)} where not ${sql.raw(inRange(r, r.column))}`.execute(db);
    const n = Number(res.rows[0]?.n ?? 0);
    if (n > 0) outside.push(`${n} rows of ${r.table}.${r.column} are outside ${r.min}..${r.max} (or not finite)`);
  }
  if (outside.length > 0) throw new Error(`${outside.join('; ')}: repair them, then migrate again`);
  const pg = isPostgres(db);
  for (const r of RANGES) {
    if (pg) {
      await sql.raw(`alter table ${r.table} add constraint ${nameOf(r)} check ${inRange(r, r.column)}`).execute(db);
      continue;
    }
    const newValue = `NEW.${r.column}`;
    const ok = r.integer ? `(${newValue} is null or typeof(${newValue}) = 'integer') and ${inRange(r, newValue)}` : inRange(r, newValue);
    for (const [event, suffix] of [['insert', 'insert'], [`update of ${r.column}`, 'update']] as const) {
      await sql
        .raw(
          `create trigger ${nameOf(r)}_${suffix} before ${event} on ${r.table} for each row when not (${ok}) ` +
            `begin select raise(abort, '${nameOf(r)}'); end`,
        )
        .execute(db);
    }
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  const pg = isPostgres(db);
  for (const r of RANGES) {
    if (pg) await sql.raw(`alter table ${r.table} drop constraint ${nameOf(r)}`).execute(db);
    else for (const suffix of ['insert', 'update']) await sql.raw(`drop trigger ${nameOf(r)}_${suffix}`).execute(db);
  }
}

import { sql, type Kysely } from 'kysely';
import { isPostgres } from './dialect.js';
import { inTransaction } from './sql.js';

/**
 * The partitions of the two tables that grow with every request, on PostgreSQL (decision 0040): the
 * case timelines (`request_events`, by `created_at`) and the audit log (`audit_log`, by `at`). Each
 * has a partition a year (`request_events_y2026`, from '2026' to '2027' on the ISO text), split by a
 * hash of `city_id` into four (`request_events_y2026_c0` … `_c3`), and a default partition
 * (`request_events_default`) for rows of a year that has none. Years are made as they come, not
 * decades ahead: a generic plan (decision 0044) names, and PostgreSQL locks, every partition of the
 * table each time it runs, so each empty year made in advance costs every read (measured in decision
 * 0040). The server makes this year's and next year's at start-up and checks again every follow-up
 * pass, so a year is made a year before it starts; a seeder makes the years it writes before writing
 * them. On SQLite nothing is partitioned and this does nothing.
 */

/** The tables partitioned by year and city, each with the column its year is taken from. */
export const YEAR_CITY_TABLES = { request_events: 'created_at', audit_log: 'at' } as const;
export type YearCityTable = keyof typeof YEAR_CITY_TABLES;

/** Parts of a year, by a hash of the city. Changing it is a new migration, not an edit here. */
export const CITY_PARTS = 4;

/**
 * One year's partition of `table` and its parts, in the caller's transaction. Refused, with the
 * count, when the default partition already holds rows of that year (PostgreSQL would refuse the
 * partition): those rows must move first (operations.md, "Partitioned case timelines").
 */
export async function createYearPartition<DB>(db: Kysely<DB>, table: YearCityTable, year: number): Promise<void> {
  const column = sql.ref(YEAR_CITY_TABLES[table]);
  const stray = await sql<{ n: number | string }>`
    select count(*) as n from ${sql.table(`${table}_default`)} where ${column} >= ${String(year)} and ${column} < ${String(year + 1)}`.execute(db);
  const n = Number(stray.rows[0]?.n ?? 0);
  if (n > 0) throw new Error(`${table}_default holds ${n} rows of ${year}: move them out before the year's partition can be made (operations.md)`);
  await sql.raw(`create table ${table}_y${year} partition of ${table} for values from ('${year}') to ('${year + 1}') partition by hash (city_id)`).execute(db);
  for (let part = 0; part < CITY_PARTS; part++) {
    await sql.raw(`create table ${table}_y${year}_c${part} partition of ${table}_y${year} for values with (modulus ${CITY_PARTS}, remainder ${part})`).execute(db);
  }
}

/** A new layout's years: those the rows of `source` (the old table) are dated in, this year and next. */
export async function createYearsOf<DB>(db: Kysely<DB>, table: YearCityTable, source: string): Promise<void> {
  const now = new Date().getUTCFullYear();
  const dated = await sql<{ year: string }>`select distinct substr(${sql.ref(YEAR_CITY_TABLES[table])}, 1, 4) as year from ${sql.table(source)}`.execute(db);
  const years = new Set([...dated.rows.map((r) => Number(r.year)), now, now + 1]);
  for (const year of [...years].sort((a, b) => a - b)) await createYearPartition(db, table, year);
}

/**
 * Rename a partitioned table and every partition under it out of the way (`request_events_y2026` →
 * `request_events_old_y2026` for `to` = `request_events_old`), so a new layout can take the names.
 * Their indexes keep their names: drop those the new table will make.
 */
export async function renamePartitionTree<DB>(db: Kysely<DB>, table: YearCityTable, to: string): Promise<void> {
  const tree = await sql<{ name: string }>`
    select c.relname as name from pg_partition_tree(${table}) t join pg_class c on c.oid = t.relid where c.relkind in ('r', 'p')`.execute(db);
  for (const { name } of tree.rows) await sql`alter table ${sql.table(name)} rename to ${sql.table(to + name.slice(table.length))}`.execute(db);
}

/** The years from `from` to `to` that some table had no partition for, made; answers those years. Several servers may call it at once. */
export async function ensurePartitionYears<DB>(db: Kysely<DB>, from: number, to: number): Promise<number[]> {
  if (!isPostgres(db)) return [];
  const missing = async (q: Kysely<DB>) => {
    const years = Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);
    const { rows } = await sql<{ name: string }>`
      select c.relname as name from pg_inherits i join pg_class c on c.oid = i.inhrelid
      where i.inhparent in ('request_events'::regclass, 'audit_log'::regclass)`.execute(q);
    const made = new Set(rows.map((r) => r.name));
    return (Object.keys(YEAR_CITY_TABLES) as YearCityTable[]).flatMap((table) => years.filter((y) => !made.has(`${table}_y${y}`)).map((year) => ({ table, year })));
  };
  if ((await missing(db)).length === 0) return [];
  return inTransaction(db, async (trx) => {
    // Making a partition locks the whole table: while a long transaction (a backup, a report) holds
    // it, give up after a moment rather than queue every read behind the wait; the next pass tries
    // again, and the year is made a year before it starts.
    await sql`set local lock_timeout = '2s'`.execute(trx);
    // One maker at a time across servers; the second finds the years made.
    await sql`select pg_advisory_xact_lock(hashtext('request_events partitions'))`.execute(trx);
    const made = await missing(trx);
    for (const { table, year } of made) await createYearPartition(trx, table, year);
    return [...new Set(made.map((m) => m.year))].sort((a, b) => a - b);
  });
}

/** This year's partitions and next year's (UTC years, as the partitions' bounds are). */
export function ensurePartitionYearsAround<DB>(db: Kysely<DB>, now: Date): Promise<number[]> {
  const year = now.getUTCFullYear();
  return ensurePartitionYears(db, year, year + 1);
}

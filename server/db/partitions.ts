import { sql, type Kysely } from 'kysely';
import { isPostgres } from './dialect.js';
import { inTransaction } from './sql.js';

/**
 * The case timelines' partitions on PostgreSQL (decision 0040): a partition a year of `created_at`
 * (`request_events_y2026`, from '2026' to '2027' on the ISO text), split by a hash of `city_id`
 * into four (`request_events_y2026_c0` … `_c3`), and `request_events_default` for lines of a year
 * that has none. Years are made as they come, not decades ahead: a generic plan (decision 0044)
 * names, and PostgreSQL locks, every partition of the table each time it runs, so each empty year
 * made in advance costs every timeline read (measured in decision 0040). The server makes this
 * year's and next year's at start-up and checks again every follow-up pass, so a year is made a year
 * before it starts; a seeder makes the years it writes before writing them. On SQLite nothing is partitioned and this does nothing.
 */

/** Parts of a year, by a hash of the city. Changing it is a new migration, not an edit here. */
export const TIMELINE_CITY_PARTS = 4;

/**
 * One year's partition and its parts, in the caller's transaction. Refused, with the count, when
 * the default partition already holds lines of that year (PostgreSQL would refuse the partition):
 * those lines must move first (operations.md, "Partitioned case timelines").
 */
export async function createTimelineYear<DB>(db: Kysely<DB>, year: number): Promise<void> {
  const stray = await sql<{ n: number | string }>`
    select count(*) as n from request_events_default where created_at >= ${String(year)} and created_at < ${String(year + 1)}`.execute(db);
  const n = Number(stray.rows[0]?.n ?? 0);
  if (n > 0) throw new Error(`request_events_default holds ${n} timeline lines of ${year}: move them out before the year's partition can be made (operations.md)`);
  await sql.raw(`create table request_events_y${year} partition of request_events for values from ('${year}') to ('${year + 1}') partition by hash (city_id)`).execute(db);
  for (let part = 0; part < TIMELINE_CITY_PARTS; part++) {
    await sql.raw(`create table request_events_y${year}_c${part} partition of request_events_y${year} for values with (modulus ${TIMELINE_CITY_PARTS}, remainder ${part})`).execute(db);
  }
}

/** The years from `from` to `to` that have no partition yet, made; answers those made. Several servers may call it at once. */
export async function ensureTimelineYears<DB>(db: Kysely<DB>, from: number, to: number): Promise<number[]> {
  if (!isPostgres(db)) return [];
  const missing = async (q: Kysely<DB>) => {
    const years = Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);
    const { rows } = await sql<{ name: string }>`
      select c.relname as name from pg_inherits i join pg_class c on c.oid = i.inhrelid where i.inhparent = 'request_events'::regclass`.execute(q);
    const made = new Set(rows.map((r) => r.name));
    return years.filter((y) => !made.has(`request_events_y${y}`));
  };
  if ((await missing(db)).length === 0) return [];
  return inTransaction(db, async (trx) => {
    // Making a partition locks the whole table: while a long transaction (a backup, a report) holds
    // it, give up after a moment rather than queue every timeline read behind the wait; the next
    // pass tries again, and the year is made a year before it starts.
    await sql`set local lock_timeout = '2s'`.execute(trx);
    // One maker at a time across servers; the second finds the years made.
    await sql`select pg_advisory_xact_lock(hashtext('request_events partitions'))`.execute(trx);
    const years = await missing(trx);
    for (const year of years) await createTimelineYear(trx, year);
    return years;
  });
}

/** This year's partition and next year's (UTC years, as the partitions' bounds are). */
export function ensureTimelineYearsAround<DB>(db: Kysely<DB>, now: Date): Promise<number[]> {
  const year = now.getUTCFullYear();
  return ensureTimelineYears(db, year, year + 1);
}

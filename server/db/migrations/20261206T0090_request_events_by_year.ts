import { PostgresAdapter, sql, type Kysely } from 'kysely';

/**
 * PostgreSQL only: the case timelines (`request_events`, append-only, the largest table: six to ten
 * lines a case) partitioned by year of `created_at` (decision 0040). A year is a partition
 * (`request_events_y2026`: from '2026' to '2027' as text, which orders ISO timestamps under any
 * collation), 2020 to 2039, and a default partition for anything outside. The timeline query
 * bounds `created_at` from below by its case's year (requests.queries.ts `timelineQuery`), so the
 * years before a case are never read; an old year can be detached and archived whole.
 *
 * The primary key becomes (id, created_at): PostgreSQL requires the partition key in every unique
 * key. Ids are UUIDv7 made by the app, so id alone stays unique in practice. SQLite has no
 * partitioning: nothing changes there, and the same queries run on both.
 *
 * The rows are copied into the new table inside the migration's transaction: seconds for a city
 * (a year of Isfahan is about 700,000 lines), but the table is locked while it runs; see
 * operations.md before migrating a country-sized database.
 */
const FIRST_YEAR = 2020;
const LAST_YEAR = 2039;

const isPostgres = (db: Kysely<any>) => db.getExecutor().adapter instanceof PostgresAdapter;

export async function up(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return;
  // The timeline query reads from the case's year on: a line dated before it would disappear from the case page.
  const early = await sql<{ n: number | string }>`
    select count(*) as n from request_events e join requests r on r.id = e.request_id
    where e.created_at < substr(r.created_at, 1, 4)`.execute(db);
  const n = Number(early.rows[0]?.n ?? 0);
  if (n > 0) throw new Error(`${n} timeline lines (request_events) are dated before the year their case was opened: correct their created_at, then migrate again`);

  // Index names are the schema's: the old table's index is renamed out of the way; the keys get names of their own.
  await sql`alter table request_events rename to request_events_unpartitioned`.execute(db);
  await sql`alter index request_events_request_idx rename to request_events_unpartitioned_request_idx`.execute(db);
  // Every column as it stands (a later column added by an earlier migration comes along), not its keys.
  await sql`create table request_events (like request_events_unpartitioned including defaults including constraints) partition by range (created_at)`.execute(db);
  await sql`alter table request_events add constraint request_events_by_year_pkey primary key (id, created_at)`.execute(db);
  await sql`alter table request_events add foreign key (request_id) references requests (id)`.execute(db);
  await sql`alter table request_events add foreign key (actor_staff_id) references staff (id)`.execute(db);
  for (let year = FIRST_YEAR; year <= LAST_YEAR; year++) {
    await sql.raw(`create table request_events_y${year} partition of request_events for values from ('${year}') to ('${year + 1}')`).execute(db);
  }
  await sql`create table request_events_default partition of request_events default`.execute(db);
  await sql`create index request_events_request_idx on request_events (request_id, id)`.execute(db);
  await sql`insert into request_events select * from request_events_unpartitioned`.execute(db);
  await sql`drop table request_events_unpartitioned`.execute(db);
  await sql`analyze request_events`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return;
  await sql`alter table request_events rename to request_events_partitioned`.execute(db);
  await sql`alter index request_events_request_idx rename to request_events_partitioned_request_idx`.execute(db);
  await sql`create table request_events (like request_events_partitioned including defaults including constraints)`.execute(db);
  await sql`alter table request_events add constraint request_events_pkey primary key (id)`.execute(db);
  await sql`alter table request_events add foreign key (request_id) references requests (id)`.execute(db);
  await sql`alter table request_events add foreign key (actor_staff_id) references staff (id)`.execute(db);
  await sql`insert into request_events select * from request_events_partitioned`.execute(db);
  await sql`drop table request_events_partitioned`.execute(db);
  await sql`create index request_events_request_idx on request_events (request_id, id)`.execute(db);
}

import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../dialect.js';
import { createYearsOf, renamePartitionTree } from '../partitions.js';
import { createByYear, dropIndexes, finishCopy } from './20261207T0210_audit_log_by_year.js';

/**
 * Every audit row carries its city (`city_id`): the city of the staff member who acted, or for a
 * row without one the city it concerns (a bank's inquiry, a citizen's step on a case, a printed
 * letter; platform/audit.ts); null for a row with neither (a citizen's sign-in, a failed sign-in
 * under an unknown name), which every city's auditors see. The rows already written are given their
 * actor's city from the staff records; those without an actor keep none. On
 * PostgreSQL the log is then partitioned by city within the year, as the timelines are (migration
 * 0220, decision 0040 amended): each year's partition (`audit_log_y2026`) is split by a hash of
 * `city_id` into four (`audit_log_y2026_c0` … `_c3`, server/db/partitions.ts), and a city's auditor
 * reads only its city's part and the one the rows without a city hash to. Years are made as they
 * come (the years the rows are dated in, this year and next; the server makes the later ones), no
 * longer 2020-2039 at once (0210): every partition is locked each time a generic plan on the log
 * runs, empty or not.
 *
 * Keys: PostgreSQL wants every partition key in every unique key, and a primary key's columns may
 * not be null: the key becomes `unique nulls not distinct (seq, at, city_id)`, so a row without a
 * city is held to it as well. `seq` stays an identity the database gives and goes on from where the
 * old one stopped.
 *
 * The hash of a row written from now on covers its city. The rows written before were hashed
 * without one, and their hashes are held by the chain: the verifier accepts such a row when its
 * content without the city matches and its city is its actor's, from the staff record
 * (`auditRowHolds`), so a row moved to another city's view fails the check like a changed row.
 * SQLite has no partitioning: the column is added and filled from the staff records. Going down
 * restores 0210's layout and keeps the column (see `down`); coming up again fills what is missing.
 */
const COLUMNS = ['seq', 'at', 'actor_staff_id', 'actor_role', 'actor_office_id', 'action', 'entity_type', 'entity_id', 'ip', 'details', 'row_hash', 'chain_seq', 'prev_hash', 'hash'];

export async function up(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) {
    if (!(await hasCityColumn(db, sql`pragma_table_info('audit_log') where name = 'city_id'`))) await sql`alter table audit_log add column city_id text`.execute(db);
    await sql`update audit_log set city_id = (select city_id from staff where staff.id = audit_log.actor_staff_id) where city_id is null and actor_staff_id is not null`.execute(db);
    await cityIndex(db);
    return;
  }
  await moveAside(db, 'audit_log_by_year');
  const kept = await hasCityColumn(db, sql`pg_attribute where attrelid = 'audit_log_by_year'::regclass and attname = 'city_id' and not attisdropped`);
  await sql`create table audit_log (like audit_log_by_year including defaults including identity) partition by range (at)`.execute(db);
  if (!kept) await sql`alter table audit_log add column city_id text`.execute(db);
  await sql`alter table audit_log add constraint audit_log_by_city_key unique nulls not distinct (seq, at, city_id)`.execute(db);
  await sql`create table audit_log_default partition of audit_log default`.execute(db);
  await createYearsOf(db, 'audit_log', 'audit_log_by_year');
  // The verifier's walk, place by place.
  await sql`create index audit_log_chain_idx on audit_log (chain_seq)`.execute(db);
  const city = kept ? sql`coalesce(a.city_id, s.city_id)` : sql`s.city_id`;
  await sql`
    insert into audit_log (${sql.join(COLUMNS.map((c) => sql.ref(c)))}, city_id) overriding system value
    select ${sql.join(COLUMNS.map((c) => sql.ref(`a.${c}`)))}, ${city} from audit_log_by_year a left join staff s on s.id = a.actor_staff_id`.execute(db);
  await finishCopy(db, 'audit_log_by_year');
  await cityIndex(db);
}

/** Whether the log already has its cities (kept by this migration's way down). */
async function hasCityColumn(db: Kysely<any>, where: ReturnType<typeof sql>): Promise<boolean> {
  return Number((await sql<{ n: number | string }>`select count(*) as n from ${where}`.execute(db)).rows[0]!.n) > 0;
}

/**
 * The audit page's order within a city, and within the rows without one (audit.queries.ts): a city's
 * rows are a few among many in its part of a year, so walking the part in `seq` order for a page
 * read every other city's rows too.
 */
async function cityIndex(db: Kysely<any>): Promise<void> {
  await sql`create index audit_log_city_idx on audit_log (city_id, seq)`.execute(db);
}

/**
 * Back to 0210's layout (by year alone on PostgreSQL), keeping the column: the hash of a row without
 * an actor covers the city it was given, which no staff record could give it again.
 */
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index audit_log_city_idx`.execute(db);
  if (!isPostgres(db)) return;
  await moveAside(db, 'audit_log_by_city');
  await createByYear(db, 'audit_log_by_city');
  const columns = sql.join([...COLUMNS, 'city_id'].map((c) => sql.ref(c)));
  await sql`insert into audit_log (${columns}) overriding system value select ${columns} from audit_log_by_city`.execute(db);
  await finishCopy(db, 'audit_log_by_city');
}

/** The log and its partitions renamed out of the way, their indexes and key dropped: their names are the new table's, and the copy needs none. */
async function moveAside(db: Kysely<any>, to: string): Promise<void> {
  await renamePartitionTree(db, 'audit_log', to);
  await dropIndexes(db);
  await sql`drop index audit_log_chain_idx`.execute(db);
}

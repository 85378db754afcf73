import { PostgresAdapter, sql, type Kysely } from 'kysely';

/**
 * PostgreSQL only: the audit log (`audit_log`, append-only apart from the sealer's links; a row for
 * every write and every read of a person's record, so as large as the case timelines) partitioned
 * by year of `at`, as `request_events` is (decision 0040, amended). A year is a partition
 * (`audit_log_y2026`: from '2026' to '2027' as text, which orders ISO timestamps under any
 * collation), 2020 to 2039, and a default partition for anything outside. A search of the log with
 * a time range reads only its years, the sealer writes each link into its row's year, and an old
 * year can be detached and archived whole once its chain is kept (operations.md).
 *
 * Keys: the primary key becomes (seq, at), as PostgreSQL requires the partition key in every
 * unique key; `seq` stays an identity the database gives, so it stays unique. `chain_seq` loses
 * its unique constraint for the same reason and keeps a plain index: that each place in the chain
 * is held once was never left to the constraint, the verifier walks the chain place by place and
 * a second row at a place breaks it (platform/audit.ts). SQLite has no partitioning: nothing
 * changes there, and the same queries run on both.
 *
 * The rows are copied inside the migration's transaction, as 0090 copies the timelines; the
 * identity goes on from where the old one stopped, so no number is given twice.
 */
const FIRST_YEAR = 2020;
const LAST_YEAR = 2039;

const isPostgres = (db: Kysely<any>) => db.getExecutor().adapter instanceof PostgresAdapter;

/** The indexes besides the keys, on the table named `audit_log` (a partitioned one: on every partition). */
async function createIndexes(db: Kysely<any>): Promise<void> {
  await sql`create index audit_log_entity_idx on audit_log (entity_type, entity_id)`.execute(db);
  await sql`create index audit_log_actor_idx on audit_log (actor_staff_id, seq)`.execute(db);
  await sql`create index audit_log_at_idx on audit_log (at)`.execute(db);
  // What the sealer reads: the rows not yet chained, in order.
  await sql`create index audit_log_pending_idx on audit_log (seq) where chain_seq is null`.execute(db);
}

export async function dropIndexes(db: Kysely<any>): Promise<void> {
  for (const name of ['audit_log_entity_idx', 'audit_log_actor_idx', 'audit_log_at_idx', 'audit_log_pending_idx']) await sql`drop index ${sql.ref(name)}`.execute(db);
}

/** Rename the log out of the way, its indexes dropped (their names are the new table's; the copy needs none). */
async function moveAside(db: Kysely<any>, to: string): Promise<void> {
  await sql`alter table audit_log rename to ${sql.table(to)}`.execute(db);
  await dropIndexes(db);
}

/** Copy the rows into the new `audit_log`, carry the identity on from where the old one stopped, drop the old table. */
async function copyFrom(db: Kysely<any>, from: string): Promise<void> {
  await sql`insert into audit_log overriding system value select * from ${sql.table(from)}`.execute(db);
  await finishCopy(db, from);
}

/** After the copy: the identity carried on from where the old table's stopped, the old table dropped, the indexes made. */
export async function finishCopy(db: Kysely<any>, from: string): Promise<void> {
  await sql`
    select setval(pg_get_serial_sequence('audit_log', 'seq'), n) from (
      select greatest(
        coalesce(pg_sequence_last_value(pg_get_serial_sequence(${from}, 'seq')::regclass), 0),
        coalesce((select max(seq) from audit_log), 0)) as n) last
    where n > 0`.execute(db);
  await sql`drop table ${sql.table(from)}`.execute(db);
  await createIndexes(db);
  await sql`analyze audit_log`.execute(db);
}

export async function up(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return;
  await moveAside(db, 'audit_log_unpartitioned');
  await createByYear(db, 'audit_log_unpartitioned');
  await copyFrom(db, 'audit_log_unpartitioned');
}

/** The log as this migration lays it out, empty, with the columns of the table `like`: a partition a year, 2020-2039, and the default. */
export async function createByYear(db: Kysely<any>, like: string): Promise<void> {
  await sql`create table audit_log (like ${sql.table(like)} including defaults including identity) partition by range (at)`.execute(db);
  await sql`alter table audit_log add constraint audit_log_by_year_pkey primary key (seq, at)`.execute(db);
  for (let year = FIRST_YEAR; year <= LAST_YEAR; year++) {
    await sql.raw(`create table audit_log_y${year} partition of audit_log for values from ('${year}') to ('${year + 1}')`).execute(db);
  }
  await sql`create table audit_log_default partition of audit_log default`.execute(db);
  // The verifier's walk, place by place.
  await sql`create index audit_log_chain_idx on audit_log (chain_seq)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return;
  await moveAside(db, 'audit_log_partitioned');
  await sql`drop index audit_log_chain_idx`.execute(db);
  await sql`create table audit_log (like audit_log_partitioned including defaults including identity)`.execute(db);
  await sql`alter table audit_log add constraint audit_log_pkey primary key (seq)`.execute(db);
  await sql`alter table audit_log add constraint audit_log_chain_seq_key unique (chain_seq)`.execute(db);
  await copyFrom(db, 'audit_log_partitioned');
}

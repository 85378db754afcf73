import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../dialect.js';
import { createYearsOf, renamePartitionTree } from '../partitions.js';

/**
 * Every timeline line (`request_events`) carries its case's city (`city_id`), and on PostgreSQL the
 * table is partitioned by city as well as by year (decision 0040, amended): each year's partition
 * (`request_events_y2026`) is split by a hash of `city_id` into four (`request_events_y2026_c0` …
 * `_c3`, server/db/partitions.ts). The timeline queries name the case's city as well as its year,
 * so a case page reads one part of each year from its case's on. A hash and not a list of cities: a
 * new municipality needs no new partition, and the parts of a year stay near one size however
 * unequal the cities are. An old year still detaches whole.
 *
 * Years are made as they come, no longer 2020-2039 at once (0090): the years the lines are dated
 * in, this year and next; the server makes each later year before it starts. Every partition is
 * locked each time a generic plan on the table runs, empty or not, so twenty empty years ahead cost
 * every timeline read (decision 0040, amended). Going down restores 0090's layout.
 *
 * The primary key becomes (id, created_at, city_id), since PostgreSQL requires every partition key
 * in every unique key; ids are UUIDv7 made by the app, so id alone stays unique in practice. The
 * default partition (lines of a year with no partition) is not split.
 *
 * SQLite has no partitioning: the table is rebuilt with the column, and the same queries run on
 * both. Either way the lines are copied, with their case's city, inside one transaction (the
 * migrator's on PostgreSQL, one of its own on SQLite); see operations.md before migrating a
 * country-sized database.
 */
/** 0090's years, restored on the way down. */
const FIRST_YEAR = 2020;
const LAST_YEAR = 2039;

const COLUMNS = ['id', 'request_id', 'action', 'from_state', 'to_state', 'actor_staff_id', 'actor_role', 'actor_name', 'note', 'public', 'data', 'created_at'];

export async function up(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) await relayoutPostgres(db, true);
  else await rebuildSqlite(db, true);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) await relayoutPostgres(db, false);
  else await rebuildSqlite(db, false);
}

/** Build the table anew beside the old one, partitioned by year and (with `byCity`) by city within the year; copy; drop the old. */
async function relayoutPostgres(db: Kysely<any>, byCity: boolean): Promise<void> {
  // The old table and every partition under it renamed out of the way (request_events_y2026 →
  // request_events_old_y2026), its keys and index dropped: their names are the new table's, and the copy needs none.
  await renamePartitionTree(db, 'request_events', 'request_events_old');
  const key = await sql<{ name: string }>`select conname as name from pg_constraint where conrelid = 'request_events_old'::regclass and contype = 'p'`.execute(db);
  await sql`alter table request_events_old drop constraint ${sql.ref(key.rows[0]!.name)}`.execute(db);
  await sql`drop index request_events_request_idx`.execute(db);

  await sql`create table request_events (like request_events_old including defaults including constraints) partition by range (created_at)`.execute(db);
  if (byCity) {
    await sql`alter table request_events add column city_id text not null references cities (id)`.execute(db);
    await sql`alter table request_events add constraint request_events_by_city_pkey primary key (id, created_at, city_id)`.execute(db);
  } else {
    await sql`alter table request_events drop column city_id`.execute(db);
    await sql`alter table request_events add constraint request_events_by_year_pkey primary key (id, created_at)`.execute(db);
  }
  await sql`alter table request_events add foreign key (request_id) references requests (id)`.execute(db);
  await sql`alter table request_events add foreign key (actor_staff_id) references staff (id)`.execute(db);
  await sql`create table request_events_default partition of request_events default`.execute(db);
  if (byCity) {
    await createYearsOf(db, 'request_events', 'request_events_old');
  } else {
    for (let year = FIRST_YEAR; year <= LAST_YEAR; year++) {
      await sql.raw(`create table request_events_y${year} partition of request_events for values from ('${year}') to ('${year + 1}')`).execute(db);
    }
  }
  await sql`create index request_events_request_idx on request_events (request_id, id)`.execute(db);

  const columns = sql.join(COLUMNS.map((c) => sql.ref(`e.${c}`)));
  if (byCity) await sql`insert into request_events select ${columns}, r.city_id from request_events_old e join requests r on r.id = e.request_id`.execute(db);
  else await sql`insert into request_events select ${columns} from request_events_old e`.execute(db);
  await sql`drop table request_events_old`.execute(db);
  await sql`analyze request_events`.execute(db);
}

/**
 * SQLite cannot add a NOT NULL column without a default: the table is rebuilt (copy, drop, rename)
 * in a transaction of its own (the migrator gives SQLite none), so a failure leaves the old table as
 * it was. Nothing refers to its rows. A line whose case is gone (a bulk load runs with foreign keys
 * off) has no city to take: refused, with the count, rather than dropped.
 */
async function rebuildSqlite(outer: Kysely<any>, withCity: boolean): Promise<void> {
  await outer.transaction().execute(async (db) => {
    let table = db.schema
      .createTable('request_events_next')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('request_id', 'text', (c) => c.notNull().references('requests.id'))
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('from_state', 'text')
      .addColumn('to_state', 'text', (c) => c.notNull())
      .addColumn('actor_staff_id', 'text', (c) => c.references('staff.id'))
      .addColumn('actor_role', 'text', (c) => c.notNull())
      .addColumn('actor_name', 'text', (c) => c.notNull())
      .addColumn('note', 'text')
      .addColumn('public', 'integer', (c) => c.notNull())
      .addColumn('data', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull());
    if (withCity) table = table.addColumn('city_id', 'text', (c) => c.notNull().references('cities.id'));
    await table.execute();
    const copied = withCity
      ? db
          .insertInto('request_events_next')
          .columns([...COLUMNS, 'city_id'])
          .expression(db.selectFrom('request_events as e').innerJoin('requests as r', 'r.id', 'e.request_id').select([...COLUMNS.map((c) => `e.${c}`), 'r.city_id']))
      : db.insertInto('request_events_next').columns(COLUMNS).expression(db.selectFrom('request_events').select(COLUMNS));
    await copied.execute();
    const count = async (t: string) => Number((await sql<{ n: number }>`select count(*) as n from ${sql.table(t)}`.execute(db)).rows[0]!.n);
    const lost = (await count('request_events')) - (await count('request_events_next'));
    if (lost > 0) throw new Error(`${lost} timeline lines (request_events) belong to no case (requests): they have no city; remove or correct them, then migrate again`);
    await db.schema.dropTable('request_events').execute();
    await db.schema.alterTable('request_events_next').renameTo('request_events').execute();
    await db.schema.createIndex('request_events_request_idx').on('request_events').columns(['request_id', 'id']).execute();
  });
}

import { PostgresAdapter, sql, type Kysely } from 'kysely';

/**
 * An answer's letter number (`1405/3/00042`: year, district, the district's count) is unique within
 * its city, not across the country: each municipality numbers its own letters, and two cities
 * both have a district 3. The initial schema made `responses.letter_number` unique on its own, so
 * the second city's first answer in a district number the first city had used was refused.
 * `responses` gets its case's `city_id`, and the number is unique per city.
 *
 * PostgreSQL drops the constraint in place. SQLite cannot drop a column's UNIQUE, so the table is
 * rebuilt (copy, drop, rename) with foreign keys off: `letters` and `letter_jobs` refer to it.
 */
const COLUMNS = [
  'id', 'request_id', 'letter_number', 'issued_at', 'issued_by', 'decision', 'text', 'conditions', 'valid_until', 'delivered_at', 'delivered_to_name',
  'delivered_to_national_code', 'delivered_by', 'delivered_letter_serial',
];

const isPostgres = (db: Kysely<any>) => db.getExecutor().adapter instanceof PostgresAdapter;

export async function up(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    await sql`alter table responses add column city_id text references cities (id)`.execute(db);
    await sql`update responses set city_id = requests.city_id from requests where requests.id = responses.request_id`.execute(db);
    await sql`alter table responses alter column city_id set not null`.execute(db);
    await sql`alter table responses drop constraint responses_letter_number_key`.execute(db);
  } else {
    await rebuildSqlite(db, 'per_city');
  }
  await db.schema.createIndex('responses_city_letter_number_uq').on('responses').columns(['city_id', 'letter_number']).unique().execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('responses_city_letter_number_uq').execute();
  if (isPostgres(db)) {
    await sql`alter table responses add constraint responses_letter_number_key unique (letter_number)`.execute(db);
    await sql`alter table responses drop column city_id`.execute(db);
  } else {
    await rebuildSqlite(db, 'country_wide');
  }
}

async function rebuildSqlite(db: Kysely<any>, numbers: 'per_city' | 'country_wide'): Promise<void> {
  const perCity = numbers === 'per_city';
  await sql`pragma foreign_keys = off`.execute(db);
  try {
    let table = db.schema
      .createTable('responses_next')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('request_id', 'text', (c) => c.notNull().unique().references('requests.id'))
      .addColumn('letter_number', 'text', (c) => (perCity ? c.notNull() : c.notNull().unique()))
      .addColumn('issued_at', 'text', (c) => c.notNull())
      .addColumn('issued_by', 'text', (c) => c.notNull().references('staff.id'))
      .addColumn('decision', 'text', (c) => c.notNull())
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('conditions', 'text')
      .addColumn('valid_until', 'text')
      .addColumn('delivered_at', 'text')
      .addColumn('delivered_to_name', 'text')
      .addColumn('delivered_to_national_code', 'text')
      .addColumn('delivered_by', 'text', (c) => c.references('staff.id'))
      .addColumn('delivered_letter_serial', 'text');
    if (perCity) table = table.addColumn('city_id', 'text', (c) => c.notNull().references('cities.id'));
    await table.execute();
    const copied = perCity
      ? db
          .insertInto('responses_next')
          .columns([...COLUMNS, 'city_id'])
          .expression(db.selectFrom('responses').innerJoin('requests', 'requests.id', 'responses.request_id').select([...COLUMNS.map((c) => `responses.${c}`), 'requests.city_id']))
      : db.insertInto('responses_next').columns(COLUMNS).expression(db.selectFrom('responses').select(COLUMNS));
    await copied.execute();
    await db.schema.dropTable('responses').execute();
    await db.schema.alterTable('responses_next').renameTo('responses').execute();
    const broken = await sql<{ table: string }>`pragma foreign_key_check`.execute(db);
    if (broken.rows.length > 0) throw new Error(`responses rebuilt with ${broken.rows.length} broken references (first in ${broken.rows[0]!.table})`);
  } finally {
    await sql`pragma foreign_keys = on`.execute(db);
  }
}

import type { Kysely } from 'kysely';

/** A chase of a late case by the district's follow-up officer (مسئول پیگیری). */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('followups')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('request_id', 'text', (c) => c.notNull().references('requests.id'))
    .addColumn('staff_id', 'text', (c) => c.notNull().references('staff.id'))
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('contacted', 'text')
    .addColumn('promised_date', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('followups_request_idx').on('followups').columns(['request_id', 'created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('followups').execute();
}

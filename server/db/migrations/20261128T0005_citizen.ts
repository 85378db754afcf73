import type { Kysely } from 'kysely';

/** Citizen sign-in by one-time SMS code, citizen sessions, and the visit date a citizen proposes. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('citizen_otps')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('mobile', 'text', (c) => c.notNull())
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('consumed_at', 'text')
    .addColumn('ip', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('citizen_otps_mobile_idx').on('citizen_otps').columns(['mobile', 'created_at']).execute();
  await db.schema.createIndex('citizen_otps_ip_idx').on('citizen_otps').columns(['ip', 'created_at']).execute();
  await db.schema
    .createTable('citizen_sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('mobile', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.alterTable('requests').addColumn('proposed_visit_date', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('requests').dropColumn('proposed_visit_date').execute();
  await db.schema.dropTable('citizen_sessions').execute();
  await db.schema.dropTable('citizen_otps').execute();
}

import type { Kysely } from 'kysely';

/**
 * Failed-attempt counters for sign-in (per account, per address, per address range): shared by
 * every app server through the database, so a second node does not double an attacker's guesses.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('throttles')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('window_started_at', 'text', (c) => c.notNull())
    .addColumn('next_at', 'text')
    .addColumn('locked_until', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('throttles_locked_idx').on('throttles').columns(['locked_until']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('throttles').execute();
}

import type { Kysely } from 'kysely';

/**
 * The escalation worker asks, every minute, for open cases past their step's due time: a range on
 * step_due_at (NULL once a case is closed). Without this index that is a scan of every case.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('requests_step_due_idx').on('requests').columns(['step_due_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('requests_step_due_idx').execute();
}

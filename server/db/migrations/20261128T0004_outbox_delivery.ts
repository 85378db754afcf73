import type { Kysely } from 'kysely';

/** Delivery bookkeeping for the outbox worker: a claim lease and the provider's message id. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('outbox').addColumn('locked_until', 'text').execute();
  await db.schema.alterTable('outbox').addColumn('provider_message_id', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('outbox').dropColumn('provider_message_id').execute();
  await db.schema.alterTable('outbox').dropColumn('locked_until').execute();
}

import type { Kysely } from 'kysely';

/**
 * The letter of an inquiry answered at once (kind 'inquiry_answer'): it belongs to the inquiry,
 * not to a case, so it has no request or response. One letter of a kind per inquiry.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('letters').addColumn('inquiry_id', 'text', (c) => c.references('inquiries.id')).execute();
  await db.schema.createIndex('letters_inquiry_kind_idx').on('letters').columns(['inquiry_id', 'kind']).unique().execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('letters_inquiry_kind_idx').execute();
  await db.deleteFrom('letters').where('inquiry_id', 'is not', null).execute();
  await db.schema.alterTable('letters').dropColumn('inquiry_id').execute();
}

import type { Kysely } from 'kysely';

/** Issued letters (PDF): metadata and the published hash here, bytes in the content-addressed store. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('letters')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('serial', 'text', (c) => c.notNull().unique())
    .addColumn('request_id', 'text', (c) => c.notNull().references('requests.id'))
    .addColumn('response_id', 'text', (c) => c.notNull().references('responses.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('letter_number', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('issued_at', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .addColumn('revoked_by', 'text', (c) => c.references('staff.id'))
    .addColumn('revoke_reason', 'text')
    .execute();
  // One letter of a kind per answer: a retried or concurrent generation finds the first one.
  await db.schema.createIndex('letters_response_kind_idx').on('letters').columns(['response_id', 'kind']).unique().execute();
  await db.schema.createIndex('letters_request_idx').on('letters').column('request_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('letters').execute();
}

import type { Kysely } from 'kysely';

/**
 * Letters are printed by a background job, not inside the answer (decision 0013). A letter job
 * (letter_jobs) is written in the transaction of the decision, with the letter's serial and number
 * reserved there; a worker claims it with a lease, prints it, and records the letter (letters).
 * One job per answer, permit or instant inquiry answer. The hand-over records which letter (serial)
 * the owner received.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('letter_jobs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('serial', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('request_id', 'text', (c) => c.references('requests.id'))
    .addColumn('response_id', 'text', (c) => c.references('responses.id'))
    .addColumn('excavation_id', 'text', (c) => c.references('excavation_permits.id'))
    .addColumn('inquiry_id', 'text', (c) => c.references('inquiries.id'))
    .addColumn('letter_number', 'text', (c) => c.notNull())
    .addColumn('issued_at', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('locked_until', 'text')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('printed_at', 'text')
    .execute();
  // One job per thing a letter answers: a retried decision or a legacy letter's late job finds the first.
  await db.schema.createIndex('letter_jobs_response_idx').on('letter_jobs').column('response_id').unique().execute();
  await db.schema.createIndex('letter_jobs_excavation_idx').on('letter_jobs').column('excavation_id').unique().execute();
  await db.schema.createIndex('letter_jobs_inquiry_idx').on('letter_jobs').column('inquiry_id').unique().execute();
  await db.schema.createIndex('letter_jobs_request_idx').on('letter_jobs').column('request_id').execute();
  await db.schema.createIndex('letter_jobs_due_idx').on('letter_jobs').columns(['status', 'next_attempt_at']).execute();
  await db.schema.alterTable('responses').addColumn('delivered_letter_serial', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('responses').dropColumn('delivered_letter_serial').execute();
  await db.schema.dropTable('letter_jobs').execute();
}

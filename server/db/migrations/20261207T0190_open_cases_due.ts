import { sql, type Kysely } from 'kysely';

/**
 * requests_open_due_idx: the open cases by their whole-case due time, a partial index (closed cases
 * are not in it). `mk_cases_past_due{clock="case"}` counts a range of it; without it each scrape
 * read every case ever opened (at 10^6 cases, seconds holding SQLite's one connection). The step
 * clock needs none: a closed case has no step due time, so requests_step_due_idx holds open cases only.
 */
export async function up(db: Kysely<any>): Promise<void> {
  // `due_at is not null` too: a count of open cases past due implies it (both databases see that a
  // comparison excludes null), and other reads of open cases, which do not, keep their own indexes.
  await db.schema.createIndex('requests_open_due_idx').on('requests').column('due_at').where(sql.ref('closed_at'), 'is', null).where(sql.ref('due_at'), 'is not', null).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('requests_open_due_idx').execute();
}

import type { Kysely } from 'kysely';
import type { Db } from '../database.js';

/**
 * Letters as one service (issue 12, item 4; decision 0027). A letter and its job keep the letter's
 * public facts (what /verify shows, as JSON) and the city and district whose letter it is (who may
 * revoke it), written by the letter's domain when it is queued; so verifying and revoking read the
 * letter row alone, never the case, inquiry or permit behind it.
 *
 * Existing letters and jobs are back-filled with the facts their domain writes for a new letter (the
 * same functions, loaded here on demand, so the two can never differ): what the verification page
 * showed before the migration it shows after. A letter whose subject is gone keeps null facts and
 * stays unverifiable, as it was.
 */
const TABLES = ['letters', 'letter_jobs'] as const;
const COLUMNS = ['public_facts', 'city_id', 'district_id'] as const;

export async function up(db: Kysely<any>): Promise<void> {
  for (const table of TABLES) {
    for (const column of COLUMNS) await db.schema.alterTable(table).addColumn(column, 'text').execute();
  }
  const [{ answerLetterRecord }, { inquiryLetterRecord }, { permitLetterRecord }] = await Promise.all([
    import('../../modules/requests/index.js'),
    import('../../modules/inquiries/index.js'),
    import('../../modules/excavations/index.js'),
  ]);
  const recordOf = (row: { kind: string; request_id: string | null; excavation_id: string | null; inquiry_id: string | null }) =>
    row.kind === 'final_answer' ? answerLetterRecord(db as Db, row.request_id!)
    : row.kind === 'inquiry_answer' ? inquiryLetterRecord(db as Db, row.inquiry_id!)
    : permitLetterRecord(db as Db, row.excavation_id!);
  for (const table of TABLES) {
    const rows = await db.selectFrom(table).select(['id', 'kind', 'request_id', 'excavation_id', 'inquiry_id']).execute();
    for (const row of rows) {
      const record = await recordOf(row);
      if (!record) continue;
      await db
        .updateTable(table)
        .set({ public_facts: JSON.stringify(record.publicFacts), city_id: record.owner.cityId, district_id: record.owner.districtId })
        .where('id', '=', row.id)
        .execute();
    }
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of TABLES) {
    for (const column of COLUMNS) await db.schema.alterTable(table).dropColumn(column).execute();
  }
}

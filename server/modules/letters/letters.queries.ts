/** Typed queries for issued letters: one table, no other domain's. Staff reach a letter through its district (platform/access.ts); the public by serial. */
import type { Db } from '../../db/database.js';
import type { LetterTable } from '../../db/schema.js';

/**
 * The letter of a kind printed for what it answers: a case's answer (by response, or by case), a
 * permit, an instant inquiry answer.
 */
export function findLetterOf(db: Db, kind: LetterTable['kind'], of: 'response_id' | 'request_id' | 'excavation_id' | 'inquiry_id', id: string) {
  return db.selectFrom('letters').selectAll().where(of, '=', id).where('kind', '=', kind).executeTakeFirst();
}

/** A second writer of the same answer's (or permit's) letter, a concurrent retry, leaves the first in place. */
export async function insertLetterOnce(trx: Db, letter: LetterTable): Promise<boolean> {
  const result = await trx
    .insertInto('letters')
    .values(letter)
    .onConflict((oc) => oc.columns([letter.inquiry_id !== null ? 'inquiry_id' : letter.excavation_id !== null ? 'excavation_id' : 'response_id', 'kind']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
}

/** A letter by its public serial. */
export function findLetterBySerial(db: Db, serial: string) {
  return db
    .selectFrom('letters')
    .innerJoin('cities', 'cities.id', 'letters.city_id')
    .selectAll('letters')
    .select(['cities.name_fa as city_name_fa', 'cities.name_en as city_name_en'])
    .where('letters.serial', '=', serial)
    .executeTakeFirst();
}

/** Revoke only what is not yet revoked: of two concurrent revocations exactly one succeeds. */
export async function revokeOnce(trx: Db, id: string, by: string, reason: string, at: string): Promise<boolean> {
  const result = await trx
    .updateTable('letters')
    .set({ revoked_at: at, revoked_by: by, revoke_reason: reason })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** How many times the desk has printed the letter: its letter.print rows in the audit log. */
export async function countPrints(db: Db, letterId: string): Promise<number> {
  const row = await db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('entity_type', '=', 'letter')
    .where('entity_id', '=', letterId)
    .where('action', '=', 'letter.print')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Gap-free sequences (property file numbers, letter numbers) that hold under concurrency on both
 * databases: an upsert that increments and returns in one statement.
 */
import { sql } from 'kysely';
import type { Db } from '../db/database.js';

export async function nextCounter(trx: Db, name: string): Promise<number> {
  const row = await trx
    .insertInto('counters')
    .values({ name, value: 1 })
    .onConflict((oc) => oc.column('name').doUpdateSet({ value: sql`counters.value + 1` }))
    .returning('value')
    .executeTakeFirstOrThrow();
  return row.value;
}

/** Property file number (شماره پرونده ملک): city code and a zero-padded sequence, e.g. ISFAHAN-0000042. */
export { formatFileNumber } from '../../contracts/fileNumber.js';

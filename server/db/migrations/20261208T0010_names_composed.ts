import type { Kysely } from 'kysely';
import { normalizeText } from '../../platform/normalize.js';
import { rebuild as rebuildSearchKeys } from './20261206T0021_search_keys.js';

/**
 * Names and addresses stored as today's input normalisation leaves them: composed (NFC: «ا» and a
 * madda typed apart are «آ») and with no direction controls (a name holding U+202E showed what
 * followed it reversed, on screens and letters). Then every search key is made again, as the key
 * now drops the madda and hamza marks (U+0653-U+0655). Pages by id; a row is written only when it
 * changes. Down changes nothing: the old forms are not worth restoring.
 */
const PAGE = 500;

export async function up(db: Kysely<any>): Promise<void> {
  const tidy = (v: string | null) => (v === null ? null : normalizeText(v));
  for (let after = ''; ; ) {
    const persons = await db.selectFrom('persons').select(['id', 'first_name', 'last_name', 'company_name']).where('id', '>', after).orderBy('id').limit(PAGE).execute();
    for (const p of persons) {
      const next = { first_name: tidy(p.first_name), last_name: tidy(p.last_name), company_name: tidy(p.company_name) };
      if (next.first_name !== p.first_name || next.last_name !== p.last_name || next.company_name !== p.company_name) {
        await db.updateTable('persons').set(next).where('id', '=', p.id).execute();
      }
    }
    if (persons.length < PAGE) break;
    after = persons[persons.length - 1]!.id;
  }
  for (let after = ''; ; ) {
    const files = await db.selectFrom('properties').select(['id', 'address']).where('id', '>', after).orderBy('id').limit(PAGE).execute();
    for (const f of files) {
      const address = normalizeText(f.address);
      if (address !== f.address) await db.updateTable('properties').set({ address }).where('id', '=', f.id).execute();
    }
    if (files.length < PAGE) break;
    after = files[files.length - 1]!.id;
  }
  await rebuildSearchKeys(db);
}

export async function down(): Promise<void> {}

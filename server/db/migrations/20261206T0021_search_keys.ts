import type { Kysely } from 'kysely';
import { searchKey } from '../../platform/normalize.js';

/**
 * Search keys without spaces or ZWNJ (decision 0019): «محمدحسین», «محمد‌حسین» and «محمد حسین» find
 * one another. The `search_text` columns of persons and property files keep their meaning (the
 * `searchKey` of a name; of an address and the owners' names) and are rebuilt here with the new
 * key, in pages by id. The key function is the application's own, so the stored keys are exactly
 * what the queries compare with; a later change to `searchKey` ships its own rebuild.
 */
const PAGE = 500;

export async function up(db: Kysely<any>): Promise<void> {
  await rebuild(db);
}

/** The old keys (ZWNJ read as a space) are not restored: the new ones are a superset match for every query. */
export async function down(db: Kysely<any>): Promise<void> {
  await rebuild(db);
}

/** Every stored key made again with today's `searchKey` (also run by later migrations that change the key). */
export async function rebuild(db: Kysely<any>): Promise<void> {
  // The persons module is loaded on demand: imported at the top, it would load (through platform/)
  // the database module while the database module is still loading this migration.
  const { displayName } = await import('../../modules/persons/index.js');
  for (let after = ''; ; ) {
    const persons = await db
      .selectFrom('persons')
      .select(['id', 'kind', 'first_name', 'last_name', 'company_name', 'search_text'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(PAGE)
      .execute();
    for (const p of persons) {
      const key = searchKey(displayName(p));
      if (key !== p.search_text) await db.updateTable('persons').set({ search_text: key }).where('id', '=', p.id).execute();
    }
    if (persons.length < PAGE) break;
    after = persons[persons.length - 1]!.id;
  }

  for (let after = ''; ; ) {
    const files = await db
      .selectFrom('properties')
      .select(['id', 'address', 'search_text'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(PAGE)
      .execute();
    const owners = files.length
      ? await db
          .selectFrom('property_owners as po')
          .innerJoin('persons as p', 'p.id', 'po.person_id')
          .select(['po.property_id', 'p.kind', 'p.first_name', 'p.last_name', 'p.company_name'])
          .where('po.property_id', 'in', files.map((f) => f.id))
          .orderBy('po.share_milli_dang', 'desc') // the order the service writes them in
          .orderBy('p.national_code')
          .execute()
      : [];
    const namesOf = new Map<string, string[]>();
    for (const o of owners) namesOf.set(o.property_id, [...(namesOf.get(o.property_id) ?? []), displayName(o)]);
    for (const f of files) {
      const key = searchKey([f.address, ...(namesOf.get(f.id) ?? [])].join(' '));
      if (key !== f.search_text) await db.updateTable('properties').set({ search_text: key }).where('id', '=', f.id).execute();
    }
    if (files.length < PAGE) break;
    after = files[files.length - 1]!.id;
  }
}

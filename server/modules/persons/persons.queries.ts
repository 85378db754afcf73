import { sql, type Insertable, type Updateable } from 'kysely';
import { containsKey } from '../../db/sql.js';
import type { Db } from '../../db/database.js';
import type { PersonTable } from '../../db/schema.js';
import type { Actor } from '../../platform/actor.js';
import { personHasCaseOrFile, personIdentifiersVisible, personsInScope } from '../../platform/scope.js';
import type { PERSON_SORTS } from './persons.schemas.js';

/** Unscoped on purpose: a duplicate must be found wherever it is, to point at it. */
export function findPersonIdByNationalCode(db: Db, nationalCode: string) {
  return db.selectFrom('persons').select('id').where('national_code', '=', nationalCode).executeTakeFirst();
}

export function findPersonInScope(db: Db, actor: Actor, id: string) {
  return db.selectFrom('persons').selectAll().where('id', '=', id).where(personsInScope(actor)).executeTakeFirst();
}

/** `atIntake`: persons the clerk found by national code, wherever they were registered (personsInScope). */
export function findPersonsInScope(db: Db, actor: Actor, ids: readonly string[], opts: { atIntake?: boolean } = {}) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('persons').selectAll().where('id', 'in', ids).where(personsInScope(actor, opts)).execute();
}

/** Of these persons, the ones whose national code and mobile the actor sees in full. */
export async function findPersonsWithIdentifiers(db: Db, actor: Actor, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.selectFrom('persons').select('persons.id').where('persons.id', 'in', ids).where(personIdentifiersVisible(actor)).execute();
  return new Set(rows.map((r) => r.id));
}

/**
 * Whether `cityId` keeps the person's mobile: the city whose desk registered them, or, for a record
 * no desk registered, a city when the person touches no other (no case or file elsewhere).
 */
export async function keepsMobile(db: Db, personId: string, cityId: string): Promise<boolean> {
  const row = await db
    .selectFrom('persons')
    .leftJoin('offices', 'offices.id', 'persons.created_by_office_id')
    .select((eb) => ['offices.city_id as registeredIn', personHasCaseOrFile(eb, { op: '!=', cityId }).as('elsewhere')])
    .where('persons.id', '=', personId)
    .executeTakeFirst();
  if (!row) return false;
  return row.registeredIn !== null ? row.registeredIn === cityId : !row.elsewhere;
}

export async function insertPerson(trx: Db, row: Insertable<PersonTable>): Promise<void> {
  await trx.insertInto('persons').values(row).execute();
}

export async function updatePersonRow(trx: Db, id: string, set: Updateable<PersonTable>): Promise<void> {
  await trx.updateTable('persons').set(set).where('id', '=', id).execute();
}

export interface PersonFilters {
  /** A `searchKey` of a name. */
  q?: string;
  nationalCode?: string;
}

export interface Paging<S extends string> {
  page: number;
  pageSize: number;
  sort: S;
  order: 'asc' | 'desc';
}

const PERSON_SORT_COLUMNS = {
  createdAt: sql.ref('persons.created_at'),
  updatedAt: sql.ref('persons.updated_at'),
  nationalCode: sql.ref('persons.national_code'),
  // Legal persons have no last name; they sort among natural ones by company name.
  lastName: sql`coalesce(persons.last_name, persons.company_name)`,
} satisfies Record<(typeof PERSON_SORTS)[number], unknown>;

export async function searchPersonRows(db: Db, actor: Actor, f: PersonFilters, paging: Paging<keyof typeof PERSON_SORT_COLUMNS>) {
  // The exact national code is the look-up at intake, which finds the person wherever they were registered; a name finds only the city's.
  let base = db.selectFrom('persons').where(personsInScope(actor, { atIntake: Boolean(f.nationalCode) }));
  if (f.nationalCode) base = base.where('persons.national_code', '=', f.nationalCode);
  if (f.q) base = base.where(containsKey('persons.search_text', f.q));
  const [rows, count] = await Promise.all([
    base
      .selectAll()
      .orderBy(PERSON_SORT_COLUMNS[paging.sort], paging.order)
      .orderBy('persons.id', paging.order)
      .limit(paging.pageSize)
      .offset((paging.page - 1) * paging.pageSize)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

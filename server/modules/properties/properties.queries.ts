import { type Expression, type ExpressionBuilder, type Insertable, type SqlBool, type Updateable } from 'kysely';
import type { Db } from '../../db/database.js';
import type { Database, PropertyOwnerTable, PropertyTable } from '../../db/schema.js';
import type { Actor } from '../../platform/actor.js';
import { propertiesInScope, propertyIdentifiersVisible, requestsInScope } from '../../platform/scope.js';
import { containsKey } from '../../db/sql.js';
import type { Paging } from '../persons/index.js';
import type { PROPERTY_SORTS } from './properties.schemas.js';

export function findDistrictInCity(db: Db, cityId: string, districtId: string) {
  return db
    .selectFrom('districts')
    .select(['id', 'number', 'name_fa'])
    .where('id', '=', districtId)
    .where('city_id', '=', cityId)
    .executeTakeFirst();
}

export function findCityCode(db: Db, cityId: string) {
  return db.selectFrom('cities').select('code').where('id', '=', cityId).executeTakeFirstOrThrow();
}

export interface PropertyIdentifiers {
  postalCode: string | null;
  renovationCode: string | null;
  plate: { main: number; sub: number; registrySection: number } | null;
}

/**
 * Files in the city that share an identifier with these, oldest first. Unscoped on purpose: a
 * duplicate is a duplicate wherever it lies, and the desk needs the pointer to it.
 */
export function findDuplicates(db: Db, cityId: string, ids: PropertyIdentifiers, exceptId: string | null) {
  let q = db
    .selectFrom('properties')
    .select(['id', 'file_number', 'postal_code', 'renovation_code', 'registry_section', 'plate_main', 'plate_sub'])
    .where('city_id', '=', cityId);
  if (exceptId) q = q.where('id', '!=', exceptId);
  return q
    .where((eb) => {
      const matches: Expression<SqlBool>[] = [];
      if (ids.postalCode) matches.push(eb('postal_code', '=', ids.postalCode));
      if (ids.renovationCode) matches.push(eb('renovation_code', '=', ids.renovationCode));
      if (ids.plate) {
        matches.push(
          eb.and([
            eb('registry_section', '=', ids.plate.registrySection),
            eb('plate_main', '=', ids.plate.main),
            eb('plate_sub', '=', ids.plate.sub),
          ]),
        );
      }
      return eb.or(matches);
    })
    .orderBy('created_at')
    .execute();
}

export async function insertProperty(trx: Db, row: Insertable<PropertyTable>): Promise<void> {
  await trx.insertInto('properties').values(row).execute();
}

export async function replaceOwners(trx: Db, propertyId: string, owners: Insertable<PropertyOwnerTable>[]): Promise<void> {
  await trx.deleteFrom('property_owners').where('property_id', '=', propertyId).execute();
  await trx.insertInto('property_owners').values(owners).execute();
}

/** Updates only if nobody saved in between; returns whether it did. */
export async function updatePropertyAtVersion(trx: Db, id: string, version: number, set: Updateable<PropertyTable>): Promise<boolean> {
  const res = await trx
    .updateTable('properties')
    .set({ ...set, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function setSearchText(trx: Db, id: string, searchText: string): Promise<void> {
  await trx.updateTable('properties').set({ search_text: searchText }).where('id', '=', id).execute();
}

export function findAddressesOwnedBy(db: Db, personId: string) {
  return db
    .selectFrom('properties')
    .innerJoin('property_owners', 'property_owners.property_id', 'properties.id')
    .select(['properties.id', 'properties.address'])
    .where('property_owners.person_id', '=', personId)
    .execute();
}

function selectPropertyRow(db: Db) {
  return db
    .selectFrom('properties')
    .innerJoin('districts', 'districts.id', 'properties.district_id')
    .selectAll('properties')
    .select(['districts.number as district_number', 'districts.name_fa as district_name_fa']);
}
export type PropertyRow = Awaited<ReturnType<ReturnType<typeof selectPropertyRow>['executeTakeFirstOrThrow']>>;

export function findPropertyInScope(db: Db, actor: Actor, id: string) {
  return selectPropertyRow(db).where('properties.id', '=', id).where(propertiesInScope(actor)).executeTakeFirst();
}

/** Owners of these files with the person summary, largest share first. */
export function findOwners(db: Db, propertyIds: readonly string[]) {
  if (propertyIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('property_owners')
    .innerJoin('persons', 'persons.id', 'property_owners.person_id')
    .select([
      'property_owners.property_id', 'property_owners.share_milli_dang', 'persons.id', 'persons.kind', 'persons.national_code',
      'persons.first_name', 'persons.last_name', 'persons.company_name',
    ])
    .where('property_owners.property_id', 'in', propertyIds)
    .orderBy('property_owners.share_milli_dang', 'desc')
    .orderBy('persons.national_code')
    .execute();
}
export type OwnerRow = Awaited<ReturnType<typeof findOwners>>[number];

export function findRequestsOfProperty(db: Db, actor: Actor, propertyId: string, limit: number) {
  return db
    .selectFrom('requests')
    .select(['id', 'tracking_code', 'service_code', 'state', 'created_at'])
    .where('property_id', '=', propertyId)
    .where(requestsInScope(actor))
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/** Of these files, the ones whose owners' identifiers the actor sees in full (and a desk may edit). */
export async function findFilesWithIdentifiers(db: Db, actor: Actor, propertyIds: readonly string[]): Promise<Set<string>> {
  if (propertyIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('properties')
    .select('properties.id')
    .where('properties.id', 'in', propertyIds)
    .where(propertyIdentifiersVisible(actor))
    .execute();
  return new Set(rows.map((r) => r.id));
}

/** How many requests on the file lie outside the actor's scope (other desks'), and how many of them are open. */
export async function countRequestsOutOfScope(db: Db, actor: Actor, propertyId: string) {
  const row = await db
    .selectFrom('requests')
    .select((eb) => [
      eb.fn.countAll<number>().as('total'),
      eb.fn.sum<number>(eb.case().when('requests.closed_at', 'is', null).then(1).else(0).end()).as('open'),
    ])
    .where('requests.property_id', '=', propertyId)
    .where((eb) => eb.not(requestsInScope(actor)(eb)))
    .executeTakeFirstOrThrow();
  return { total: Number(row.total), open: Number(row.open ?? 0) };
}

export interface PropertyFilters {
  /** A `searchKey` of an address or an owner's name. */
  q?: string;
  nationalCode?: string;
  postalCode?: string;
  renovationCode?: string;
  fileNumber?: string;
  plateMain?: number;
  plateSub?: number;
  registrySection?: number;
  trackingCode?: string;
  districtId?: string;
}

function matching(actor: Actor, f: PropertyFilters) {
  return (eb: ExpressionBuilder<Database, 'properties'>): Expression<SqlBool> => {
    const conditions: Expression<SqlBool>[] = [propertiesInScope(actor)(eb)];
    if (f.districtId) conditions.push(eb('properties.district_id', '=', f.districtId));
    if (f.postalCode) conditions.push(eb('properties.postal_code', '=', f.postalCode));
    if (f.renovationCode) conditions.push(eb('properties.renovation_code', '=', f.renovationCode));
    if (f.fileNumber) conditions.push(eb('properties.file_number', '=', f.fileNumber));
    if (f.plateMain !== undefined) conditions.push(eb('properties.plate_main', '=', f.plateMain));
    if (f.plateSub !== undefined) conditions.push(eb('properties.plate_sub', '=', f.plateSub));
    if (f.registrySection !== undefined) conditions.push(eb('properties.registry_section', '=', f.registrySection));
    const owners = () =>
      eb
        .selectFrom('property_owners as po')
        .innerJoin('persons as p', 'p.id', 'po.person_id')
        .select(eb.lit(1).as('one'))
        .whereRef('po.property_id', '=', 'properties.id');
    if (f.nationalCode) conditions.push(eb.exists(owners().where('p.national_code', '=', f.nationalCode)));
    if (f.q) {
      // Owners' names are also matched on the person, for files whose search text predates them (the seed's).
      conditions.push(eb.or([containsKey('properties.search_text', f.q), eb.exists(owners().where(containsKey('p.search_text', f.q)))]));
    }
    if (f.trackingCode) {
      // Only a request the actor may see leads to its property.
      conditions.push(
        eb.exists(
          eb
            .selectFrom('requests')
            .select(eb.lit(1).as('one'))
            .whereRef('requests.property_id', '=', 'properties.id')
            .where('requests.tracking_code', '=', f.trackingCode)
            .where(requestsInScope(actor)),
        ),
      );
    }
    return eb.and(conditions);
  };
}

const PROPERTY_SORT_COLUMNS = {
  createdAt: 'properties.created_at',
  fileNumber: 'properties.file_number',
  updatedAt: 'properties.updated_at',
} as const satisfies Record<(typeof PROPERTY_SORTS)[number], string>;

export async function searchPropertyRows(db: Db, actor: Actor, f: PropertyFilters, paging: Paging<keyof typeof PROPERTY_SORT_COLUMNS>) {
  const [rows, count] = await Promise.all([
    selectPropertyRow(db)
      .where(matching(actor, f))
      .orderBy(PROPERTY_SORT_COLUMNS[paging.sort], paging.order)
      .orderBy('properties.id', paging.order)
      .limit(paging.pageSize)
      .offset((paging.page - 1) * paging.pageSize)
      .execute(),
    db
      .selectFrom('properties')
      .where(matching(actor, f))
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

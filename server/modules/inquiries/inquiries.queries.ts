import type { Db } from '../../db/database.js';
import type { FileFacts } from './inquiries.rules.js';

export interface PropertyIdentifiers {
  postalCode?: string;
  renovationCode?: string;
  plate?: { main: number; sub: number; registrySection: number };
}

/** The client's inquiry sent with this Idempotency-Key, if any. */
export function inquiryByKeyQuery(db: Db, clientId: string, idempotencyKey: string) {
  return db.selectFrom('inquiries').selectAll().where('client_id', '=', clientId).where('idempotency_key', '=', idempotencyKey);
}

/**
 * The property file every identifier given points at, in the client's city (postal code,
 * renovation code, plate: all of those sent must be the one file's); undefined without one. A
 * postal code of one file and the plate of another match nothing: an answer about the wrong
 * property is worse than none.
 */
export function propertyByIdentifiersQuery(db: Db, cityId: string, ids: PropertyIdentifiers) {
  if (!ids.postalCode && !ids.renovationCode && !ids.plate) return undefined;
  return db
    .selectFrom('properties')
    .innerJoin('districts', 'districts.id', 'properties.district_id')
    .select([
      'properties.id', 'properties.district_id', 'properties.file_number', 'properties.land_use', 'properties.land_area', 'properties.floors',
      'properties.units', 'districts.number as district_number',
    ])
    .where('properties.city_id', '=', cityId)
    .$if(ids.postalCode !== undefined, (q) => q.where('properties.postal_code', '=', ids.postalCode!))
    .$if(ids.renovationCode !== undefined, (q) => q.where('properties.renovation_code', '=', ids.renovationCode!))
    .$if(ids.plate !== undefined, (q) =>
      q
        .where('properties.plate_main', '=', ids.plate!.main)
        .where('properties.plate_sub', '=', ids.plate!.sub)
        .where('properties.registry_section', '=', ids.plate!.registrySection),
    );
}

export async function findPropertyByIdentifiers(db: Db, cityId: string, ids: PropertyIdentifiers) {
  return propertyByIdentifiersQuery(db, cityId, ids)?.executeTakeFirst();
}

/** What an instant answer is decided on: the file's last visit and its open cases, as builders. */
export function fileFactsQueries(db: Db, propertyId: string) {
  const last = db
    .selectFrom('inspections')
    .innerJoin('requests', 'requests.id', 'inspections.request_id')
    .select(['inspections.visited_at', 'inspections.violations'])
    .where('requests.property_id', '=', propertyId)
    .where('inspections.submitted_at', 'is not', null)
    .orderBy('inspections.visited_at', 'desc')
    .limit(1);
  const open = db
    .selectFrom('requests')
    .innerJoin('services', 'services.id', 'requests.service_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('requests.property_id', '=', propertyId)
    .where('requests.closed_at', 'is', null)
    .where('services.workflow_code', '!=', 'inquiry');
  return { last, open };
}

export async function fileFacts(db: Db, propertyId: string): Promise<FileFacts> {
  const q = fileFactsQueries(db, propertyId);
  const last = await q.last.executeTakeFirst();
  const open = await q.open.executeTakeFirstOrThrow();
  return {
    lastInspection: last?.visited_at ? { visitedAt: last.visited_at, violations: (JSON.parse(last.violations ?? '[]') as unknown[]).length } : null,
    openRequests: Number(open.n),
  };
}

export function ownersOf(db: Db, propertyId: string) {
  return db
    .selectFrom('property_owners')
    .innerJoin('persons', 'persons.id', 'property_owners.person_id')
    .select(['persons.id', 'persons.national_code', 'property_owners.share_milli_dang'])
    .where('property_owners.property_id', '=', propertyId)
    .orderBy('property_owners.share_milli_dang', 'desc')
    .execute();
}

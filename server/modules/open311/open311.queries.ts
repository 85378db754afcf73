import type { Db } from '../../db/database.js';
import type { Open311RequestTable } from '../../db/schema.js';

export function listCities(db: Db) {
  return db.selectFrom('cities').select(['id', 'code']).orderBy('code').execute();
}

/** When the catalog last changed: the discovery document's changeset. */
export async function catalogChangedAt(db: Db): Promise<string | null> {
  const row = await db.selectFrom('services').select((eb) => eb.fn.max('updated_at').as('at')).executeTakeFirst();
  return row?.at ?? null;
}

export interface ServiceRequestFilter {
  trackingCodes?: string[];
  serviceCodes?: string[];
  /** Closed: the case reached a final state (closed_at is set). */
  closed?: boolean;
  /** requested_datetime window, ISO UTC, inclusive. */
  from?: string;
  to?: string;
  limit: number;
}

/**
 * A city's cases as Open311 shows them, newest first. Only what may be published is selected:
 * no person's row is joined, so no name or national code can reach a public answer.
 */
export function findServiceRequests(db: Db, cityId: string, f: ServiceRequestFilter) {
  return db
    .selectFrom('requests')
    .innerJoin('services', 'services.id', 'requests.service_id')
    .innerJoin('districts', 'districts.id', 'requests.district_id')
    .innerJoin('cities', 'cities.id', 'requests.city_id')
    .innerJoin('offices', 'offices.id', 'requests.office_id')
    .innerJoin('properties', 'properties.id', 'requests.property_id')
    .leftJoin('open311_requests', 'open311_requests.request_id', 'requests.id')
    .select([
      'requests.tracking_code', 'requests.service_code', 'requests.state', 'requests.created_at', 'requests.updated_at', 'requests.closed_at',
      'requests.step_due_at', 'services.name_fa as service_name_fa', 'services.name_en as service_name_en', 'services.category',
      'districts.name_fa as district_name_fa', 'districts.name_en as district_name_en', 'cities.name_fa as city_name_fa', 'cities.name_en as city_name_en',
      'offices.name_fa as office_name_fa', 'offices.phone as office_phone', 'properties.address', 'properties.renovation_code',
      'properties.postal_code', 'properties.lat', 'properties.lng', 'open311_requests.description', 'open311_requests.media_url',
    ])
    .where('requests.city_id', '=', cityId)
    .$if(f.trackingCodes !== undefined, (q) => q.where('requests.tracking_code', 'in', f.trackingCodes!))
    .$if(f.serviceCodes !== undefined, (q) => q.where('requests.service_code', 'in', f.serviceCodes!))
    .$if(f.closed === true, (q) => q.where('requests.closed_at', 'is not', null))
    .$if(f.closed === false, (q) => q.where('requests.closed_at', 'is', null))
    .$if(f.from !== undefined, (q) => q.where('requests.created_at', '>=', f.from!))
    .$if(f.to !== undefined, (q) => q.where('requests.created_at', '<=', f.to!))
    .orderBy('requests.created_at', 'desc')
    .orderBy('requests.tracking_code')
    .limit(f.limit)
    .execute();
}

export type ServiceRequestRow = Awaited<ReturnType<typeof findServiceRequests>>[number];

export function findTokenRequest(db: Db, cityId: string, token: string) {
  return db
    .selectFrom('open311_requests')
    .innerJoin('requests', 'requests.id', 'open311_requests.request_id')
    .select(['open311_requests.token', 'requests.tracking_code'])
    .where('open311_requests.token', '=', token)
    .where('requests.city_id', '=', cityId)
    .executeTakeFirst();
}

export async function insertOpen311Request(db: Db, row: Open311RequestTable): Promise<void> {
  await db.insertInto('open311_requests').values(row).execute();
}

export function findApplicant(db: Db, nationalCode: string) {
  return db.selectFrom('persons').select('id').where('national_code', '=', nationalCode).executeTakeFirst();
}

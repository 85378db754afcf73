import type { Updateable } from 'kysely';
import type { Db } from '../../db/database.js';
import type { ServiceTable } from '../../db/schema.js';

export function listServices(db: Db, cityId: string) {
  return db.selectFrom('services').selectAll().where('city_id', '=', cityId).orderBy('code').execute();
}

/** Every city's services: what start-up validation walks. */
export function allServices(db: Db) {
  return db.selectFrom('services').selectAll().orderBy('city_id').orderBy('code').execute();
}

export function findService(db: Db, cityId: string, code: string) {
  return db.selectFrom('services').selectAll().where('city_id', '=', cityId).where('code', '=', code).executeTakeFirst();
}

export function findServicesByCode(db: Db, cityId: string, codes: string[]) {
  if (codes.length === 0) return Promise.resolve([]);
  return db.selectFrom('services').select(['id', 'code']).where('city_id', '=', cityId).where('code', 'in', codes).execute();
}

export async function updateService(db: Db, id: string, patch: Updateable<ServiceTable>): Promise<void> {
  await db.updateTable('services').set(patch).where('id', '=', id).execute();
}

export async function officeServiceCodes(db: Db, officeId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('office_services')
    .innerJoin('services', 'services.id', 'office_services.service_id')
    .select('services.code')
    .where('office_services.office_id', '=', officeId)
    .orderBy('services.code')
    .execute();
  return rows.map((r) => r.code);
}

export async function replaceOfficeServices(db: Db, officeId: string, serviceIds: string[]): Promise<void> {
  await db.deleteFrom('office_services').where('office_id', '=', officeId).execute();
  if (serviceIds.length > 0) {
    await db.insertInto('office_services').values(serviceIds.map((serviceId) => ({ office_id: officeId, service_id: serviceId }))).execute();
  }
}

/** Typed queries for excavation permits and tariffs. Staff reach permits through `excavationsInScope`; clients their own. */
import type { Db } from '../../db/database.js';
import type { ExcavationPermitTable, StreetType } from '../../db/schema.js';
import type { Actor } from '../../platform/actor.js';
import { excavationsInScope } from '../../platform/scope.js';
import type { Bbox } from './excavations.geometry.js';

export function districtByNumber(db: Db, cityId: string, number: number) {
  return db.selectFrom('districts').select(['id', 'number']).where('city_id', '=', cityId).where('number', '=', number).executeTakeFirst();
}

export function tariffsOf(db: Db, cityId: string) {
  return db.selectFrom('excavation_tariffs').selectAll().where('city_id', '=', cityId).execute();
}

export async function tariffOf(db: Db, cityId: string, streetType: StreetType): Promise<number | undefined> {
  const row = await db.selectFrom('excavation_tariffs').select('rials_per_meter').where('city_id', '=', cityId).where('street_type', '=', streetType).executeTakeFirst();
  return row?.rials_per_meter;
}

export async function setTariff(trx: Db, cityId: string, streetType: StreetType, rialsPerMeter: number, at: string): Promise<void> {
  await trx
    .insertInto('excavation_tariffs')
    .values({ city_id: cityId, street_type: streetType, rials_per_meter: rialsPerMeter, updated_at: at })
    .onConflict((oc) => oc.columns(['city_id', 'street_type']).doUpdateSet({ rials_per_meter: rialsPerMeter, updated_at: at }))
    .execute();
}

/**
 * The prefilter of the overlap check: live permits of the city whose dates meet the period and
 * whose footprint's bbox meets the given one. Turf then decides on the shapes themselves.
 */
export function overlapCandidates(db: Db, cityId: string, period: { startDate: string; endDate: string }, box: Bbox) {
  return db
    .selectFrom('excavation_permits')
    .select(['id', 'geometry', 'width_m'])
    .where('city_id', '=', cityId)
    .where('status', 'in', ['submitted', 'approved'])
    .where('start_date', '<=', period.endDate)
    .where('end_date', '>=', period.startDate)
    .where('min_lng', '<=', box.maxLng)
    .where('max_lng', '>=', box.minLng)
    .where('min_lat', '<=', box.maxLat)
    .where('max_lat', '>=', box.minLat)
    .execute();
}

export async function insertPermit(trx: Db, row: ExcavationPermitTable): Promise<void> {
  await trx.insertInto('excavation_permits').values(row).execute();
}

/** A permit with what is shown with it: its district's number, the client's name, the decider's name, the letter's serial. */
function permitsWithNames(db: Db) {
  return db
    .selectFrom('excavation_permits')
    .innerJoin('districts', 'districts.id', 'excavation_permits.district_id')
    .innerJoin('api_clients', 'api_clients.id', 'excavation_permits.client_id')
    .leftJoin('staff', 'staff.id', 'excavation_permits.decided_by')
    .leftJoin('letters', (j) => j.onRef('letters.excavation_id', '=', 'excavation_permits.id').on('letters.kind', '=', 'excavation_permit'))
    // The serial is reserved with the approval (letter job) before the letter is printed.
    .leftJoin('letter_jobs', 'letter_jobs.excavation_id', 'excavation_permits.id')
    .selectAll('excavation_permits')
    .select((eb) => [
      'districts.number as district_number', 'api_clients.name_fa as client_name_fa', 'staff.first_name as decider_first_name',
      'staff.last_name as decider_last_name', eb.fn.coalesce('letters.serial', 'letter_jobs.serial').as('letter_serial'),
    ]);
}
export type PermitRow = Awaited<ReturnType<ReturnType<typeof permitsWithNames>['executeTakeFirstOrThrow']>>;

export function findClientPermit(db: Db, clientId: string, id: string) {
  return permitsWithNames(db).where('excavation_permits.id', '=', id).where('excavation_permits.client_id', '=', clientId).executeTakeFirst();
}

export function findClientPermitByKey(db: Db, clientId: string, idempotencyKey: string) {
  return permitsWithNames(db).where('excavation_permits.client_id', '=', clientId).where('excavation_permits.idempotency_key', '=', idempotencyKey).executeTakeFirst();
}

export function findPermitInScope(db: Db, actor: Actor, id: string) {
  return permitsWithNames(db).where('excavation_permits.id', '=', id).where(excavationsInScope(actor)).executeTakeFirst();
}

export interface PermitFilter {
  status?: ExcavationPermitTable['status'];
  sort: 'createdAt' | 'startDate';
  order: 'asc' | 'desc';
  page: number;
  pageSize: number;
}

export async function searchPermits(db: Db, actor: Actor, f: PermitFilter) {
  let base = db.selectFrom('excavation_permits').where(excavationsInScope(actor));
  if (f.status) base = base.where('excavation_permits.status', '=', f.status);
  const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const column = f.sort === 'startDate' ? 'excavation_permits.start_date' : 'excavation_permits.created_at';
  const page = await base
    .select('excavation_permits.id')
    .orderBy(column, f.order)
    .orderBy('excavation_permits.id', f.order)
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
  const ids = page.map((r) => r.id);
  const rows = ids.length ? await permitsWithNames(db).where('excavation_permits.id', 'in', ids).execute() : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  return { rows: ids.map((id) => byId.get(id)!), total: Number(total.n) };
}

/** Permits by id, as an overlap is shown. */
export function overlapFacts(db: Db, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('excavation_permits')
    .innerJoin('districts', 'districts.id', 'excavation_permits.district_id')
    .select(['excavation_permits.id', 'tracking_code', 'start_date', 'end_date', 'status', 'districts.number as district_number', 'overlaps'])
    .where('excavation_permits.id', 'in', ids)
    .execute();
}

/** Permits submitted later that found one of these overlapping: the other side of the flag. */
export function permitsNaming(db: Db, cityId: string, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('excavation_permits')
    .innerJoin('districts', 'districts.id', 'excavation_permits.district_id')
    .select(['excavation_permits.id', 'tracking_code', 'start_date', 'end_date', 'status', 'districts.number as district_number', 'overlaps'])
    .where('excavation_permits.city_id', '=', cityId)
    // Ids are UUIDs: nothing in them is a LIKE wildcard.
    .where((eb) => eb.or(ids.map((id) => eb('overlaps', 'like', `%"${id}"%`))))
    .execute();
}

/** The decision, only on the version the approver saw and only while undecided: of two decisions exactly one wins. */
export async function decideOnce(
  trx: Db,
  id: string,
  version: number,
  patch: Pick<ExcavationPermitTable, 'status' | 'decided_by' | 'decided_at' | 'decision_note' | 'conditions' | 'letter_number'>,
): Promise<boolean> {
  const result = await trx
    .updateTable('excavation_permits')
    .set({ ...patch, version: version + 1, updated_at: patch.decided_at! })
    .where('id', '=', id)
    .where('version', '=', version)
    .where('status', '=', 'submitted')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

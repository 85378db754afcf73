import { sql, type Insertable, type Updateable } from 'kysely';
import type { Db } from '../../db/database.js';
import type { HolidayListTable, HolidayTable } from '../../db/schema.js';
import { prepared } from '../../db/prepared.js';

export async function listHolidays(
  db: Db,
  cityId: string,
  range: { from?: string; to?: string },
  paging: { page: number; pageSize: number; order: 'asc' | 'desc' },
) {
  let q = db.selectFrom('holidays').where('city_id', '=', cityId);
  if (range.from) q = q.where('date', '>=', range.from);
  if (range.to) q = q.where('date', '<', range.to);
  const [rows, count] = await Promise.all([
    q.selectAll().orderBy('date', paging.order).limit(paging.pageSize).offset((paging.page - 1) * paging.pageSize).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export function holidayDates(db: Db, cityId: string) {
  return db.selectFrom('holidays').select('date').where('city_id', '=', cityId).execute();
}

export function findHoliday(db: Db, cityId: string, id: string) {
  return db.selectFrom('holidays').selectAll().where('city_id', '=', cityId).where('id', '=', id).executeTakeFirst();
}

export function findHolidayOn(db: Db, cityId: string, date: string) {
  return db.selectFrom('holidays').select('id').where('city_id', '=', cityId).where('date', '=', date).executeTakeFirst();
}

/** Insert unless the city already has a holiday that day; `undefined` means it had. */
export function insertHoliday(db: Db, row: Insertable<HolidayTable>) {
  return db
    .insertInto('holidays')
    .values(row)
    .onConflict((oc) => oc.columns(['city_id', 'date']).doNothing())
    .returning('id')
    .executeTakeFirst();
}

export async function updateHoliday(db: Db, id: string, patch: Updateable<HolidayTable>): Promise<void> {
  await db.updateTable('holidays').set(patch).where('id', '=', id).execute();
}

export async function deleteHoliday(db: Db, id: string): Promise<void> {
  await db.deleteFrom('holidays').where('id', '=', id).execute();
}

// ---------------------------------------------------------------- holiday lists (one per city and year)

/**
 * The city's holiday dates and the years it holds a list for, in one statement (a row is one or the
 * other): what every due date needs, read on every write that moves a clock. The builder; the read
 * is the prepared statement below (`holidayCalendar`).
 */
export function holidayCalendarQuery(db: Db, cityId: string) {
  return db
    .selectFrom('holidays')
    .select([sql.ref<string | null>('date').as('date'), sql<number | null>`null`.as('year')])
    .where('city_id', '=', cityId)
    .unionAll(db.selectFrom('holiday_lists').select([sql<string | null>`null`.as('date'), sql.ref<number | null>('year').as('year')]).where('city_id', '=', cityId));
}

// Read on every intake and every step (their due dates): built once (db/prepared.ts).
const holidayCalendarStatement = prepared((db, v: { cityId: string }) => holidayCalendarQuery(db, v.cityId));

export function holidayCalendar(db: Db, cityId: string) {
  return holidayCalendarStatement.execute(db, { cityId });
}

export function holidayLists(db: Db, cityId: string) {
  return db.selectFrom('holiday_lists').selectAll().where('city_id', '=', cityId).orderBy('year').execute();
}

export function findHolidayList(db: Db, cityId: string, year: number) {
  return db.selectFrom('holiday_lists').selectAll().where('city_id', '=', cityId).where('year', '=', year).executeTakeFirst();
}

export function allHolidayLists(db: Db) {
  return db.selectFrom('holiday_lists').select(['city_id', 'year', 'status']).execute();
}

export async function insertHolidayList(db: Db, row: Insertable<HolidayListTable>): Promise<void> {
  await db.insertInto('holiday_lists').values(row).execute();
}

export async function updateHolidayList(db: Db, id: string, patch: Updateable<HolidayListTable>): Promise<void> {
  await db.updateTable('holiday_lists').set(patch).where('id', '=', id).execute();
}

/** The official (solar and lunar) days of a date range; one-off closures stay. */
export async function deleteOfficialDays(db: Db, cityId: string, from: string, to: string): Promise<void> {
  await db.deleteFrom('holidays').where('city_id', '=', cityId).where('date', '>=', from).where('date', '<', to).where('kind', 'in', ['solar', 'lunar']).execute();
}

export function holidayDatesBetween(db: Db, cityId: string, from: string, to: string) {
  return db.selectFrom('holidays').select('date').where('city_id', '=', cityId).where('date', '>=', from).where('date', '<', to).execute();
}

export function cityIds(db: Db) {
  return db.selectFrom('cities').select('id').execute();
}

export function activeCityAdmins(db: Db) {
  return db.selectFrom('staff').select(['id', 'city_id']).where('role', '=', 'city_admin').where('active', '=', 1).orderBy('username').execute();
}

export function staffName(db: Db, id: string) {
  return db.selectFrom('staff').select(['first_name', 'last_name']).where('id', '=', id).executeTakeFirst();
}

export function existingOutboxKeys(db: Db, keys: string[]) {
  if (keys.length === 0) return Promise.resolve([]);
  return db.selectFrom('outbox').select('idempotency_key').where('idempotency_key', 'in', keys).execute();
}

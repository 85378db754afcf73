import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../../db/database.js';
import type { HolidayTable } from '../../db/schema.js';

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

import { sql } from 'kysely';
import type { Db } from '../../db/database.js';

export function findStaffByUsername(db: Db, username: string) {
  return db.selectFrom('staff').selectAll().where('username', '=', username).executeTakeFirst();
}

export function findMe(db: Db, staffId: string) {
  return db
    .selectFrom('staff')
    .innerJoin('cities', 'cities.id', 'staff.city_id')
    .leftJoin('offices', 'offices.id', 'staff.office_id')
    .leftJoin('districts', 'districts.id', 'staff.district_id')
    .select([
      'staff.id', 'staff.username', 'staff.first_name', 'staff.last_name', 'staff.role', 'staff.specialty',
      'cities.id as city_id', 'cities.code as city_code', 'cities.name_fa as city_name_fa',
      'offices.id as office_id', 'offices.gov_code as office_gov_code', 'offices.name_fa as office_name_fa',
      'districts.id as district_id', 'districts.number as district_number', 'districts.name_fa as district_name_fa',
    ])
    .where('staff.id', '=', staffId)
    .executeTakeFirst();
}

/** Accounts locked now, with the staff member when the username is one. */
export function findLockedAccounts(db: Db, nowIso: string) {
  return db
    .selectFrom('throttles')
    .leftJoin('staff', (j) => j.on(sql<boolean>`throttles.key = 'account:' || staff.username`))
    .select(['throttles.key', 'throttles.failures', 'throttles.locked_until', 'staff.id as staff_id', 'staff.first_name', 'staff.last_name'])
    .where('throttles.key', 'like', 'account:%')
    .where('throttles.locked_until', '>', nowIso)
    .orderBy('throttles.locked_until', 'desc')
    .execute();
}

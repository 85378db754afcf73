import { sql, type ExpressionBuilder, type Expression, type Insertable, type SqlBool, type Updateable } from 'kysely';
import type { Db } from '../../db/database.js';
import type { Database, OfficeTable, StaffTable } from '../../db/schema.js';
import { searchKey } from '../../platform/normalize.js';
import { containsKey, searchKeyOf } from '../../db/sql.js';

export interface Paging<S extends string> {
  page: number;
  pageSize: number;
  sort: S;
  order: 'asc' | 'desc';
}

/** Substring match on the `searchKey` of a column, LIKE wildcards in the user's text taken literally. */
function contains(column: string | Expression<string>, text: string): Expression<SqlBool> {
  const value = typeof column === 'string' ? sql.ref<string>(column) : column;
  return containsKey(searchKeyOf(value), searchKey(text));
}

// ---- districts ----------------------------------------------------------------------------------

export function listDistricts(db: Db, cityId: string) {
  return db
    .selectFrom('districts')
    .select((eb) => [
      'districts.id', 'districts.number', 'districts.name_fa', 'districts.name_en', 'districts.address_fa', 'districts.phone', 'districts.desk_target',
      eb
        .selectFrom('offices')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('offices.district_id', '=', 'districts.id')
        .where('offices.status', '=', 'active')
        .as('active_offices'),
      eb
        .selectFrom('staff')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('staff.district_id', '=', 'districts.id')
        .where('staff.role', '=', 'inspector')
        .where('staff.active', '=', 1)
        .as('inspectors'),
    ])
    .where('districts.city_id', '=', cityId)
    .orderBy('districts.number')
    .execute();
}

export function findDistrict(db: Db, cityId: string, id: string) {
  return db.selectFrom('districts').selectAll().where('city_id', '=', cityId).where('id', '=', id).executeTakeFirst();
}

export async function setDeskTarget(db: Db, id: string, deskTarget: number): Promise<void> {
  await db.updateTable('districts').set({ desk_target: deskTarget }).where('id', '=', id).execute();
}

// ---- offices ------------------------------------------------------------------------------------

export interface OfficeFilter {
  districtId?: string;
  status?: OfficeTable['status'];
  q?: string;
}

const OFFICE_SORT = {
  createdAt: 'offices.created_at',
  govCode: 'offices.gov_code',
  nameFa: 'offices.name_fa',
  district: 'districts.number',
} as const;

function officesWhere(cityId: string, f: OfficeFilter) {
  return (eb: ExpressionBuilder<Database, 'offices'>): Expression<SqlBool> => {
    const conditions: Expression<SqlBool>[] = [eb('offices.city_id', '=', cityId)];
    if (f.districtId) conditions.push(eb('offices.district_id', '=', f.districtId));
    if (f.status) conditions.push(eb('offices.status', '=', f.status));
    if (f.q) conditions.push(eb.or([contains('offices.name_fa', f.q), contains('offices.gov_code', f.q)]));
    return eb.and(conditions);
  };
}

function selectOffices(db: Db) {
  return db
    .selectFrom('offices')
    .innerJoin('districts', 'districts.id', 'offices.district_id')
    .select((eb) => [
      'offices.id', 'offices.gov_code', 'offices.name_fa', 'offices.address_fa', 'offices.phone', 'offices.status', 'offices.opening_hours_fa',
      'offices.created_at', 'offices.updated_at',
      'districts.id as district_id', 'districts.number as district_number', 'districts.name_fa as district_name_fa',
      eb
        .selectFrom('staff')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('staff.office_id', '=', 'offices.id')
        .where('staff.active', '=', 1)
        .as('staff_count'),
    ]);
}
export type OfficeRow = NonNullable<Awaited<ReturnType<typeof findOffice>>>;

export async function listOffices(db: Db, cityId: string, filter: OfficeFilter, paging: Paging<keyof typeof OFFICE_SORT>) {
  const where = officesWhere(cityId, filter);
  const [rows, count] = await Promise.all([
    selectOffices(db)
      .where(where)
      .orderBy(OFFICE_SORT[paging.sort], paging.order)
      .orderBy('offices.id', paging.order)
      .limit(paging.pageSize)
      .offset((paging.page - 1) * paging.pageSize)
      .execute(),
    db.selectFrom('offices').select((eb) => eb.fn.countAll<number>().as('n')).where(where).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export function findOffice(db: Db, cityId: string, id: string) {
  return selectOffices(db).where('offices.city_id', '=', cityId).where('offices.id', '=', id).executeTakeFirst();
}

/** Insert unless the government code is taken; `undefined` means it was. */
export function insertOffice(db: Db, row: Insertable<OfficeTable>) {
  return db.insertInto('offices').values(row).onConflict((oc) => oc.column('gov_code').doNothing()).returning('id').executeTakeFirst();
}

export async function updateOffice(db: Db, id: string, patch: Updateable<OfficeTable>): Promise<void> {
  await db.updateTable('offices').set(patch).where('id', '=', id).execute();
}

/** A desk's staff belong to the desk's district; when the desk moves, they move with it. */
export async function moveOfficeStaff(db: Db, officeId: string, districtId: string, at: string): Promise<void> {
  await db.updateTable('staff').set({ district_id: districtId, updated_at: at }).where('office_id', '=', officeId).execute();
}

// ---- staff --------------------------------------------------------------------------------------

export interface StaffFilter {
  role?: string;
  districtId?: string;
  officeId?: string;
  q?: string;
}

const STAFF_SORT = {
  username: 'staff.username',
  lastName: 'staff.last_name',
  role: 'staff.role',
  createdAt: 'staff.created_at',
} as const;

function staffWhere(cityId: string, f: StaffFilter) {
  return (eb: ExpressionBuilder<Database, 'staff'>): Expression<SqlBool> => {
    const conditions: Expression<SqlBool>[] = [eb('staff.city_id', '=', cityId)];
    if (f.role) conditions.push(eb('staff.role', '=', f.role));
    if (f.districtId) conditions.push(eb('staff.district_id', '=', f.districtId));
    if (f.officeId) conditions.push(eb('staff.office_id', '=', f.officeId));
    if (f.q) {
      conditions.push(
        eb.or([contains('staff.username', f.q), contains(sql<string>`${sql.ref('staff.first_name')} || ' ' || ${sql.ref('staff.last_name')}`, f.q)]),
      );
    }
    return eb.and(conditions);
  };
}

/** Every column a staff member is shown with; never the password hash. */
function selectStaff(db: Db) {
  return db
    .selectFrom('staff')
    .leftJoin('offices', 'offices.id', 'staff.office_id')
    .leftJoin('districts', 'districts.id', 'staff.district_id')
    .select([
      'staff.id', 'staff.username', 'staff.first_name', 'staff.last_name', 'staff.national_code', 'staff.mobile', 'staff.role',
      'staff.specialty', 'staff.active', 'staff.created_at', 'staff.updated_at',
      'offices.id as office_id', 'offices.gov_code as office_gov_code', 'offices.name_fa as office_name_fa',
      'districts.id as district_id', 'districts.number as district_number', 'districts.name_fa as district_name_fa',
    ]);
}
export type StaffRow = NonNullable<Awaited<ReturnType<typeof findStaff>>>;

export async function listStaff(db: Db, cityId: string, filter: StaffFilter, paging: Paging<keyof typeof STAFF_SORT>) {
  const where = staffWhere(cityId, filter);
  const [rows, count] = await Promise.all([
    selectStaff(db)
      .where(where)
      .orderBy(STAFF_SORT[paging.sort], paging.order)
      .orderBy('staff.id', paging.order)
      .limit(paging.pageSize)
      .offset((paging.page - 1) * paging.pageSize)
      .execute(),
    db.selectFrom('staff').select((eb) => eb.fn.countAll<number>().as('n')).where(where).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export function findStaff(db: Db, cityId: string, id: string) {
  return selectStaff(db).where('staff.city_id', '=', cityId).where('staff.id', '=', id).executeTakeFirst();
}

/** Insert unless the username is taken; `undefined` means it was. */
export function insertStaff(db: Db, row: Insertable<StaffTable>) {
  return db.insertInto('staff').values(row).onConflict((oc) => oc.column('username').doNothing()).returning('id').executeTakeFirst();
}

export async function updateStaff(db: Db, id: string, patch: Updateable<StaffTable>): Promise<void> {
  await db.updateTable('staff').set(patch).where('id', '=', id).execute();
}

export async function endSessionsOf(db: Db, staffId: string): Promise<number> {
  const result = await db.deleteFrom('sessions').where('staff_id', '=', staffId).executeTakeFirst();
  return Number(result.numDeletedRows);
}

// ---- inspectors ---------------------------------------------------------------------------------

/**
 * Active inspectors with their open assignments, lightest load first (the order a reviewer picks
 * from). The open assignments are the kept counts (`inspector_open_visits`, decision 0053), which
 * the intake's assignment and the dashboards read too, so the three screens agree.
 */
export function listInspectors(db: Db, cityId: string, filter: { districtId?: string; specialty?: string }) {
  let q = db
    .selectFrom('staff')
    .innerJoin('districts', 'districts.id', 'staff.district_id')
    .leftJoin('inspector_open_visits as visits', 'visits.inspector_id', 'staff.id')
    .select((eb) => [
      'staff.id', 'staff.username', 'staff.first_name', 'staff.last_name', 'staff.specialty',
      'districts.id as district_id', 'districts.number as district_number', 'districts.name_fa as district_name_fa',
      eb.fn.coalesce('visits.open_visits', eb.lit(0)).as('open_assignments'),
    ])
    .where('staff.city_id', '=', cityId)
    .where('staff.role', '=', 'inspector')
    .where('staff.active', '=', 1);
  if (filter.districtId !== undefined) q = q.where('staff.district_id', '=', filter.districtId);
  if (filter.specialty) q = q.where('staff.specialty', '=', filter.specialty);
  return q.orderBy('open_assignments').orderBy('staff.username').execute();
}

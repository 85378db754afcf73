import { isPostgres, type Db } from '../../db/database.js';
import type { Insertable } from 'kysely';
import type { VisitPlanStopTable, VisitPlanTable } from '../../db/schema.js';
import { OPEN_VISIT_STATES } from '../../../contracts/workflow.js';

/** The inspectors whose home district is one of these, with where their day starts and their leave on `date`, if any. */
export function inspectorsOfDistricts(db: Db, cityId: string, districtIds: readonly string[], date: string) {
  return db
    .selectFrom('staff')
    .innerJoin('districts', 'districts.id', 'staff.district_id')
    .leftJoin('inspector_leave', (j) =>
      j
        .onRef('inspector_leave.staff_id', '=', 'staff.id')
        .on('inspector_leave.from_date', '<=', date)
        .on('inspector_leave.to_date', '>=', date)
        .on('inspector_leave.cancelled_at', 'is', null),
    )
    .select([
      'staff.id', 'staff.first_name', 'staff.last_name', 'staff.specialty', 'staff.district_id', 'staff.covers_district_ids', 'staff.daily_visit_cap',
      'staff.starts_from', 'staff.home_lat', 'staff.home_lng', 'districts.number as district_number', 'districts.office_lat', 'districts.office_lng',
      'inspector_leave.kind as leave_kind', 'inspector_leave.note as leave_note',
    ])
    .where('staff.city_id', '=', cityId)
    .where('staff.role', '=', 'inspector')
    .where('staff.active', '=', 1)
    .where('staff.district_id', 'in', districtIds)
    .orderBy('districts.number')
    .orderBy('staff.username')
    .execute();
}
export type InspectorRow = Awaited<ReturnType<typeof inspectorsOfDistricts>>[number];

function visitsBase(db: Db) {
  return db
    .selectFrom('requests')
    .innerJoin('inspections', (j) => j.onRef('inspections.request_id', '=', 'requests.id').on('inspections.active', '=', 1))
    .innerJoin('services', 'services.id', 'requests.service_id')
    .innerJoin('properties', 'properties.id', 'requests.property_id')
    .innerJoin('districts', 'districts.id', 'requests.district_id')
    .innerJoin('persons', 'persons.id', 'requests.applicant_person_id')
    .leftJoin('staff as holder', 'holder.id', 'requests.assigned_inspector_id')
    .select([
      'requests.id', 'requests.tracking_code', 'requests.state', 'requests.version', 'requests.district_id', 'requests.assigned_inspector_id',
      'requests.proposed_visit_date', 'services.name_fa as service_name_fa', 'services.inspector_specialty', 'services.visit_minutes',
      'properties.address', 'properties.lat', 'properties.lng', 'districts.number as district_number', 'inspections.scheduled_date',
      'inspections.window_start', 'inspections.window_end', 'inspections.submitted_at', 'persons.kind', 'persons.first_name', 'persons.last_name',
      'persons.company_name', 'persons.mobile', 'holder.district_id as holder_district_id',
    ]);
}
export type VisitRow = Awaited<ReturnType<ReturnType<typeof visitsBase>['execute']>>[number];

/**
 * The visits waiting for `date` that the inspectors of these districts hold (wherever the property
 * is: a neighbouring district they cover): those with an appointment that day, and those with none
 * yet (or a past one missed) whose owner did not ask for a later day. A visit in these districts
 * held by another district's inspector is in that district's plan.
 */
export function waitingVisits(db: Db, cityId: string, districtIds: readonly string[], date: string) {
  return visitsBase(db)
    .where('requests.city_id', '=', cityId)
    .where('holder.district_id', 'in', districtIds)
    .where('requests.state', 'in', OPEN_VISIT_STATES)
    .where('inspections.submitted_at', 'is', null)
    .where((eb) =>
      eb.or([
        eb('inspections.scheduled_date', '=', date),
        eb.and([
          eb.or([eb('inspections.scheduled_date', 'is', null), eb('inspections.scheduled_date', '<', date)]),
          eb.or([eb('requests.proposed_visit_date', 'is', null), eb('requests.proposed_visit_date', '<=', date)]),
        ]),
      ]),
    )
    .orderBy('requests.created_at')
    .execute();
}

/** These cases as the plan shows them, whatever their state now (a planned visit may be done or cancelled since). */
export function visitsByIds(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([] as VisitRow[]);
  return visitsBase(db).where('requests.id', 'in', ids).execute();
}

/** One visit by case id, in the actor's city (the service checks reach first). */
export function visitById(db: Db, cityId: string, id: string) {
  return visitsBase(db).where('requests.id', '=', id).where('requests.city_id', '=', cityId).executeTakeFirst();
}

/** Every plan of the city on that day (a handful: one per group of districts). */
export function plansOfDay(db: Db, cityId: string, date: string) {
  return db.selectFrom('visit_plans').selectAll().where('city_id', '=', cityId).where('date', '=', date).execute();
}

export function findPlan(db: Db, cityId: string, planId: string) {
  return db.selectFrom('visit_plans').selectAll().where('city_id', '=', cityId).where('id', '=', planId).executeTakeFirst();
}

export function stopsOfPlans(db: Db, planIds: readonly string[]) {
  if (planIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('visit_plan_stops').selectAll().where('plan_id', 'in', planIds).orderBy('inspector_id').orderBy('seq').execute();
}

/** Row locks on the districts (PostgreSQL; SQLite has one writer anyway): plans that share a district are written one after the other. */
export async function lockDistricts(db: Db, districtIds: readonly string[]) {
  await db.updateTable('districts').set((eb) => ({ desk_target: eb.ref('desk_target') })).where('id', 'in', districtIds).execute();
}

export async function deletePlans(db: Db, planIds: readonly string[]) {
  if (planIds.length === 0) return;
  await db.deleteFrom('visit_plan_stops').where('plan_id', 'in', planIds).execute();
  await db.deleteFrom('visit_plans').where('id', 'in', planIds).execute();
}

export async function insertPlan(db: Db, plan: Insertable<VisitPlanTable>, stops: Insertable<VisitPlanStopTable>[]) {
  await db.insertInto('visit_plans').values(plan).execute();
  if (stops.length) await db.insertInto('visit_plan_stops').values(stops).execute();
}

/**
 * Re-time the stops a hand move touched (the moved visit and the waiting visits of the two routes);
 * stops already done keep their rows and times.
 */
export async function replaceStops(db: Db, planId: string, moved: string, stops: Insertable<VisitPlanStopTable>[]) {
  const ids = [moved, ...stops.map((s) => s.request_id)];
  await db.deleteFrom('visit_plan_stops').where('plan_id', '=', planId).where('request_id', 'in', ids).execute();
  if (stops.length) await db.insertInto('visit_plan_stops').values(stops).execute();
}

/** Bump a plan's version if it is still `version`: false when someone changed it meanwhile. */
export async function bumpPlanVersion(db: Db, planId: string, version: number, patch: { travel_seconds: number; unassigned: string; routes: string; updated_at: string }) {
  const r = await db.updateTable('visit_plans').set({ ...patch, version: version + 1 }).where('id', '=', planId).where('version', '=', version).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** The stops of one inspector's day, in order, across the day's plans. */
export function stopsOfInspector(db: Db, cityId: string, inspectorId: string, date: string) {
  return db
    .selectFrom('visit_plan_stops')
    .innerJoin('visit_plans', 'visit_plans.id', 'visit_plan_stops.plan_id')
    .selectAll('visit_plan_stops')
    .where('visit_plans.city_id', '=', cityId)
    .where('visit_plans.date', '=', date)
    .where('visit_plan_stops.inspector_id', '=', inspectorId)
    .orderBy('visit_plan_stops.seq')
    .execute();
}

// ---------------------------------------------------------------- leave and settings

export function listLeave(db: Db, cityId: string, districtIds: readonly string[], from: string) {
  return db
    .selectFrom('inspector_leave')
    .innerJoin('staff', 'staff.id', 'inspector_leave.staff_id')
    .select(['inspector_leave.id', 'inspector_leave.staff_id', 'inspector_leave.from_date', 'inspector_leave.to_date', 'inspector_leave.kind', 'inspector_leave.note', 'staff.first_name', 'staff.last_name'])
    .where('inspector_leave.city_id', '=', cityId)
    .where('staff.district_id', 'in', districtIds)
    .where('inspector_leave.to_date', '>=', from)
    .where('inspector_leave.cancelled_at', 'is', null)
    .orderBy('inspector_leave.from_date')
    .execute();
}

export function findLeave(db: Db, cityId: string, id: string) {
  return db
    .selectFrom('inspector_leave')
    .innerJoin('staff', 'staff.id', 'inspector_leave.staff_id')
    .select(['inspector_leave.id', 'inspector_leave.staff_id', 'inspector_leave.from_date', 'inspector_leave.to_date', 'inspector_leave.cancelled_at', 'staff.district_id'])
    .where('inspector_leave.city_id', '=', cityId)
    .where('inspector_leave.id', '=', id)
    .executeTakeFirst();
}

/**
 * The inspector's leave in force that shares a day with `from`..`to`, the first by its start. On
 * PostgreSQL the inspector's staff row is locked first, so two entries made at once are checked one
 * after the other (SQLite runs one writing transaction at a time).
 */
export async function overlappingLeave(trx: Db, staffId: string, from: string, to: string) {
  if (isPostgres(trx)) await trx.selectFrom('staff').select('id').where('id', '=', staffId).forUpdate().execute();
  return trx
    .selectFrom('inspector_leave')
    .select(['id', 'from_date', 'to_date'])
    .where('staff_id', '=', staffId)
    .where('cancelled_at', 'is', null)
    .where('from_date', '<=', to)
    .where('to_date', '>=', from)
    .orderBy('from_date')
    .executeTakeFirst();
}

/** An inspector of the city with their district (for reach and settings). */
export function findInspector(db: Db, cityId: string, id: string) {
  return db
    .selectFrom('staff')
    .innerJoin('districts', 'districts.id', 'staff.district_id')
    .select([
      'staff.id', 'staff.first_name', 'staff.last_name', 'staff.specialty', 'staff.district_id', 'staff.covers_district_ids', 'staff.daily_visit_cap',
      'staff.starts_from', 'staff.home_lat', 'staff.home_lng', 'districts.number as district_number',
    ])
    .where('staff.city_id', '=', cityId)
    .where('staff.role', '=', 'inspector')
    .where('staff.id', '=', id)
    .executeTakeFirst();
}

export function districtsOfCity(db: Db, cityId: string) {
  return db.selectFrom('districts').select(['id', 'number', 'office_lat', 'office_lng']).where('city_id', '=', cityId).orderBy('number').execute();
}

// ---------------------------------------------------------------- reminders

/** Confirmed appointments on a day, in every city (the reminder job runs for all). */
export function appointmentsOn(db: Db, date: string) {
  return db
    .selectFrom('requests')
    .innerJoin('inspections', (j) => j.onRef('inspections.request_id', '=', 'requests.id').on('inspections.active', '=', 1))
    .select(['requests.id', 'requests.tracking_code', 'inspections.window_start', 'inspections.window_end'])
    .where('requests.state', '=', 'visit_scheduled')
    .where('inspections.scheduled_date', '=', date)
    .where('inspections.submitted_at', 'is', null)
    .execute();
}

export function existingOutboxKeys(db: Db, keys: string[]) {
  if (keys.length === 0) return Promise.resolve([]);
  return db.selectFrom('outbox').select('idempotency_key').where('idempotency_key', 'in', keys).execute();
}

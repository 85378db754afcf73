import type { Kysely } from 'kysely';

/**
 * Planning the inspectors' days (issue 13, decision 0035): what the planner needs to know of an
 * inspector (the districts they may cover besides their own, a daily cap on visits, where their day
 * starts), of a district (where its office is), of a service (the expected time on site), the
 * inspectors' leave, and the plans themselves: one per day and group of districts, its stops in
 * route order and the visits it could not place, with why.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('staff').addColumn('covers_district_ids', 'text', (c) => c.notNull().defaultTo('[]')).execute();
  await db.schema.alterTable('staff').addColumn('daily_visit_cap', 'integer', (c) => c.notNull().defaultTo(12)).execute();
  await db.schema.alterTable('staff').addColumn('starts_from', 'text', (c) => c.notNull().defaultTo('office')).execute();
  await db.schema.alterTable('staff').addColumn('home_lat', 'double precision').execute();
  await db.schema.alterTable('staff').addColumn('home_lng', 'double precision').execute();
  await db.schema.alterTable('districts').addColumn('office_lat', 'double precision').execute();
  await db.schema.alterTable('districts').addColumn('office_lng', 'double precision').execute();
  await db.schema.alterTable('services').addColumn('visit_minutes', 'integer', (c) => c.notNull().defaultTo(30)).execute();

  await db.schema
    .createTable('inspector_leave')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('city_id', 'text', (c) => c.notNull())
    .addColumn('staff_id', 'text', (c) => c.notNull().references('staff.id'))
    .addColumn('from_date', 'text', (c) => c.notNull())
    .addColumn('to_date', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('cancelled_at', 'text')
    .addColumn('cancelled_by', 'text')
    .execute();
  await db.schema.createIndex('inspector_leave_staff_idx').on('inspector_leave').columns(['staff_id', 'from_date']).execute();

  await db.schema
    .createTable('visit_plans')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('city_id', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('district_ids', 'text', (c) => c.notNull()) // JSON array, sorted
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('seed', 'integer', (c) => c.notNull())
    .addColumn('travel_seconds', 'double precision', (c) => c.notNull())
    .addColumn('unassigned', 'text', (c) => c.notNull()) // JSON: [{ requestId, reason }]
    .addColumn('routes', 'text', (c) => c.notNull()) // JSON: [{ inspectorId, travelSeconds, returnSecond }]
    .addColumn('planned_at', 'text', (c) => c.notNull())
    .addColumn('planned_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('visit_plans_day_idx').on('visit_plans').columns(['city_id', 'date']).execute();

  await db.schema
    .createTable('visit_plan_stops')
    .addColumn('plan_id', 'text', (c) => c.notNull().references('visit_plans.id'))
    .addColumn('request_id', 'text', (c) => c.notNull().references('requests.id'))
    .addColumn('inspector_id', 'text', (c) => c.notNull().references('staff.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('arrive_second', 'integer', (c) => c.notNull())
    .addColumn('start_second', 'integer', (c) => c.notNull())
    .addColumn('end_second', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('visit_plan_stops_pk', ['plan_id', 'request_id'])
    .execute();
  await db.schema.createIndex('visit_plan_stops_inspector_idx').on('visit_plan_stops').columns(['inspector_id', 'plan_id']).execute();
  await db.schema.createIndex('visit_plan_stops_request_idx').on('visit_plan_stops').columns(['request_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('visit_plan_stops').execute();
  await db.schema.dropTable('visit_plans').execute();
  await db.schema.dropTable('inspector_leave').execute();
  await db.schema.alterTable('services').dropColumn('visit_minutes').execute();
  await db.schema.alterTable('districts').dropColumn('office_lng').execute();
  await db.schema.alterTable('districts').dropColumn('office_lat').execute();
  for (const column of ['home_lng', 'home_lat', 'starts_from', 'daily_visit_cap', 'covers_district_ids']) {
    await db.schema.alterTable('staff').dropColumn(column).execute();
  }
}

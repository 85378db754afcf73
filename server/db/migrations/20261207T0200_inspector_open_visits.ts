import { sql, type Kysely } from 'kysely';

/**
 * inspector_open_visits: each inspector's open visits (cases assigned to them in `inspector_assigned`
 * or `visit_scheduled`), kept by the step that changes them, in its transaction (requests.engine.ts).
 * The automatic assignment reads the district's inspectors' loads from it instead of counting their
 * open visits in `requests` on every intake: at 10^6 cases that count was 1.6 ms of an intake's
 * 7.5, and it grew with the district's backlog. Filled here from the cases as they stand.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('inspector_open_visits')
    .addColumn('inspector_id', 'text', (c) => c.primaryKey().references('staff.id'))
    .addColumn('city_id', 'text', (c) => c.notNull().references('cities.id'))
    .addColumn('open_visits', 'integer', (c) => c.notNull())
    .execute();
  await sql`insert into inspector_open_visits (inspector_id, city_id, open_visits)
    select assigned_inspector_id, city_id, count(*) from requests
     where assigned_inspector_id is not null and state in ('inspector_assigned', 'visit_scheduled')
     group by assigned_inspector_id, city_id`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('inspector_open_visits').execute();
}

import type { Kysely } from 'kysely';

/**
 * What the dashboards read, measured on a year of Isfahan's cases (bench): a month's finished
 * steps are read from one covering index that starts with the city and the day (no table lookups,
 * and one city's rows only when a database holds many cities); the backlog reads only the open
 * states' rows (an index led by the state, so a month's reads keep to the day order); an inspector's visits in a range and open assignments are index ranges.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('rollup_steps_city_day_idx')
    .on('rollup_steps')
    .columns(['city_id', 'day', 'step', 'bucket', 'district_id', 'service_code', 'office_id', 'steps', 'late', 'minutes'])
    .execute();
  await db.schema.createIndex('rollup_cases_state_idx').on('rollup_cases').columns(['state', 'city_id', 'district_id', 'cases']).execute();
  await db.schema.createIndex('inspections_inspector_submitted_idx').on('inspections').columns(['inspector_id', 'submitted_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('inspections_inspector_submitted_idx').execute();
  await db.schema.dropIndex('rollup_cases_state_idx').execute();
  await db.schema.dropIndex('rollup_steps_city_day_idx').execute();
}

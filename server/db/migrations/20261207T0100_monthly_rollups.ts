import { sql, type Kysely } from 'kysely';
import { jalaliMonthOf } from '../../platform/calendar.js';

/**
 * The month level of the dashboards' rollups (decision 0045), beside the day level of migration 0011:
 * - rollup_cases_monthly: cases by Jalali month of intake x office x service x current state, kept
 *   in the same transaction as the day row (reports/rollups.ts `writeRollups`). Filled here from
 *   the day rows, so an existing database reads the same figures from either level.
 * - rollup_steps_monthly: a whole month's finished steps x office x service x step, with the month's
 *   duration histogram in one text column (`bucket:steps` pairs), and rollup_steps_monthly_districts,
 *   the same summed over each district's desks. Written once, when the month is over, by the month
 *   sealer, which records the month in rollup_sealed_months; until then the
 *   dashboards read that month's day rows. Nothing to fill here: the sealer's first pass seals every
 *   past month.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('rollup_cases_monthly')
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('office_id', 'text', (c) => c.notNull())
    .addColumn('service_code', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('city_id', 'text', (c) => c.notNull())
    .addColumn('district_id', 'text', (c) => c.notNull())
    .addColumn('cases', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('fee_rials', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('paid_rials', 'bigint', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('rollup_cases_monthly_pk', ['month', 'office_id', 'service_code', 'state'])
    .execute();
  await db.schema
    .createIndex('rollup_cases_monthly_city_idx')
    .on('rollup_cases_monthly')
    .columns(['city_id', 'month', 'state', 'district_id', 'office_id', 'service_code', 'cases', 'fee_rials', 'paid_rials'])
    .execute();

  await db.schema
    .createTable('rollup_steps_monthly')
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('office_id', 'text', (c) => c.notNull())
    .addColumn('service_code', 'text', (c) => c.notNull())
    .addColumn('step', 'text', (c) => c.notNull())
    .addColumn('city_id', 'text', (c) => c.notNull())
    .addColumn('district_id', 'text', (c) => c.notNull())
    .addColumn('steps', 'integer', (c) => c.notNull())
    .addColumn('late', 'integer', (c) => c.notNull())
    .addColumn('minutes', 'bigint', (c) => c.notNull())
    .addColumn('buckets', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('rollup_steps_monthly_pk', ['month', 'office_id', 'service_code', 'step'])
    .execute();
  await db.schema.createIndex('rollup_steps_monthly_city_idx').on('rollup_steps_monthly').columns(['city_id', 'month', 'step']).execute();
  // The same, summed over the district's desks: what the figures read when no desk is asked for.
  await db.schema
    .createTable('rollup_steps_monthly_districts')
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('district_id', 'text', (c) => c.notNull())
    .addColumn('service_code', 'text', (c) => c.notNull())
    .addColumn('step', 'text', (c) => c.notNull())
    .addColumn('city_id', 'text', (c) => c.notNull())
    .addColumn('steps', 'integer', (c) => c.notNull())
    .addColumn('late', 'integer', (c) => c.notNull())
    .addColumn('minutes', 'bigint', (c) => c.notNull())
    .addColumn('buckets', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('rollup_steps_monthly_districts_pk', ['month', 'district_id', 'service_code', 'step'])
    .execute();
  await db.schema.createIndex('rollup_steps_monthly_districts_city_idx').on('rollup_steps_monthly_districts').columns(['city_id', 'month', 'step']).execute();

  await db.schema
    .createTable('rollup_sealed_months')
    .addColumn('city_id', 'text', (c) => c.notNull().references('cities.id'))
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('sealed_at', 'text', (c) => c.notNull())
    .addColumn('rows', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('rollup_sealed_months_pk', ['city_id', 'month'])
    .execute();

  // The month of each intake day, once per day; then the day rows summed into their month.
  const days = await db.selectFrom('rollup_cases').select('day').distinct().execute();
  if (days.length === 0) return;
  await db.schema.createTable('rollup_month_of_day').temporary().addColumn('day', 'text', (c) => c.primaryKey()).addColumn('month', 'text', (c) => c.notNull()).execute();
  for (let i = 0; i < days.length; i += 500) {
    await db.insertInto('rollup_month_of_day').values(days.slice(i, i + 500).map(({ day }) => ({ day, month: jalaliMonthOf(day) }))).execute();
  }
  await sql`
    insert into rollup_cases_monthly (month, office_id, service_code, state, city_id, district_id, cases, fee_rials, paid_rials)
    select m.month, c.office_id, c.service_code, c.state, min(c.city_id), min(c.district_id), sum(c.cases), sum(c.fee_rials), sum(c.paid_rials)
    from rollup_cases c join rollup_month_of_day m on m.day = c.day
    group by m.month, c.office_id, c.service_code, c.state`.execute(db);
  await db.schema.dropTable('rollup_month_of_day').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('rollup_sealed_months').execute();
  await db.schema.dropTable('rollup_steps_monthly_districts').execute();
  await db.schema.dropTable('rollup_steps_monthly').execute();
  await db.schema.dropTable('rollup_cases_monthly').execute();
}

import { sql, type Kysely } from 'kysely';

/**
 * The cases' month level by desk alone (decision 0050): rollup_cases_monthly_desks, Jalali month of
 * intake x desk, over every service and state: what the fee table and the desks' volume read. A
 * transition moves a case between states of the same desk and month, so it leaves these rows as
 * they are; only an intake or a payment writes one. Filled here from rollup_cases_monthly.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('rollup_cases_monthly_desks')
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('office_id', 'text', (c) => c.notNull())
    .addColumn('city_id', 'text', (c) => c.notNull())
    .addColumn('district_id', 'text', (c) => c.notNull())
    .addColumn('cases', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('fee_rials', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('paid_rials', 'bigint', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('rollup_cases_monthly_desks_pk', ['month', 'office_id'])
    .execute();
  await db.schema
    .createIndex('rollup_cases_monthly_desks_city_idx')
    .on('rollup_cases_monthly_desks')
    .columns(['city_id', 'month', 'office_id', 'district_id', 'cases', 'fee_rials', 'paid_rials'])
    .execute();
  await sql`
    insert into rollup_cases_monthly_desks (month, office_id, city_id, district_id, cases, fee_rials, paid_rials)
    select month, office_id, min(city_id), min(district_id), sum(cases), sum(fee_rials), sum(paid_rials)
    from rollup_cases_monthly
    group by month, office_id`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('rollup_cases_monthly_desks').execute();
}

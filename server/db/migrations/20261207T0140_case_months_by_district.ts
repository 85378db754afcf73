import { sql, type Kysely } from 'kysely';

/**
 * The cases' month level summed over each district's desks (decision 0049):
 * rollup_cases_monthly_districts, Jalali month of intake x district x service x current state, kept in
 * the same transaction as the desk's month row by the same `writeRollups`. The figures that ask for
 * no desk read it: a district has tens of desks. Filled here from rollup_cases_monthly.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('rollup_cases_monthly_districts')
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('district_id', 'text', (c) => c.notNull())
    .addColumn('service_code', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('city_id', 'text', (c) => c.notNull())
    .addColumn('cases', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('fee_rials', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('paid_rials', 'bigint', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('rollup_cases_monthly_districts_pk', ['month', 'district_id', 'service_code', 'state'])
    .execute();
  await db.schema
    .createIndex('rollup_cases_monthly_districts_city_idx')
    .on('rollup_cases_monthly_districts')
    .columns(['city_id', 'month', 'state', 'district_id', 'service_code', 'cases', 'fee_rials', 'paid_rials'])
    .execute();
  await sql`
    insert into rollup_cases_monthly_districts (month, district_id, service_code, state, city_id, cases, fee_rials, paid_rials)
    select month, district_id, service_code, state, min(city_id), sum(cases), sum(fee_rials), sum(paid_rials)
    from rollup_cases_monthly
    group by month, district_id, service_code, state`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('rollup_cases_monthly_districts').execute();
}

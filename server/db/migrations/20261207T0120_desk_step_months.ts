import type { Kysely } from 'kysely';
import { addHistogram, emptyHistogram, histogramText, type Histogram } from '../../modules/reports/index.js';

/**
 * The desks' month level of the steps without the service (decision 0046): rollup_steps_monthly_desks,
 * one row per sealed month x office x step with the month's histogram, beside rollup_steps_monthly
 * (office x service x step), which only a figure asking for a service and a desk at once reads now.
 * Filled here from rollup_steps_monthly, month by month, so the months already sealed read the same.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('rollup_steps_monthly_desks')
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('office_id', 'text', (c) => c.notNull())
    .addColumn('step', 'text', (c) => c.notNull())
    .addColumn('city_id', 'text', (c) => c.notNull())
    .addColumn('district_id', 'text', (c) => c.notNull())
    .addColumn('steps', 'integer', (c) => c.notNull())
    .addColumn('late', 'integer', (c) => c.notNull())
    .addColumn('minutes', 'bigint', (c) => c.notNull())
    .addColumn('buckets', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('rollup_steps_monthly_desks_pk', ['month', 'office_id', 'step'])
    .execute();
  await db.schema.createIndex('rollup_steps_monthly_desks_city_idx').on('rollup_steps_monthly_desks').columns(['city_id', 'month', 'step']).execute();

  const sealed = await db.selectFrom('rollup_sealed_months').select(['city_id', 'month']).orderBy('city_id').orderBy('month').execute();
  for (const { city_id, month } of sealed) {
    const rows = await db
      .selectFrom('rollup_steps_monthly')
      .select(['office_id', 'step', 'district_id', 'steps', 'late', 'minutes', 'buckets'])
      .where('city_id', '=', city_id)
      .where('month', '=', month)
      .execute();
    const desks = new Map<string, { month: string; office_id: string; step: string; city_id: string; district_id: string; steps: number; late: number; minutes: number; histogram: Histogram }>();
    for (const r of rows) {
      const key = `${r.office_id}|${r.step}`;
      let row = desks.get(key);
      if (!row) desks.set(key, (row = { month, office_id: r.office_id, step: r.step, city_id, district_id: r.district_id, steps: 0, late: 0, minutes: 0, histogram: emptyHistogram() }));
      row.steps += Number(r.steps);
      row.late += Number(r.late);
      row.minutes += Number(r.minutes);
      addHistogram(row.histogram, r.buckets);
    }
    const values = [...desks.values()].map(({ histogram, ...r }) => ({ ...r, buckets: histogramText(histogram) }));
    for (let i = 0; i < values.length; i += 500) await db.insertInto('rollup_steps_monthly_desks').values(values.slice(i, i + 500)).execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('rollup_steps_monthly_desks').execute();
}

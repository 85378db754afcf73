import type { Kysely } from 'kysely';
import { addHistogram, emptyHistogram, histogramText, type Histogram } from '../../modules/reports/index.js';

/**
 * The steps' month level for the whole city (decision 0050): rollup_steps_monthly_cities, one row a
 * sealed month and step with its histogram, written by the month sealer. The figures by step of a
 * city year read a dozen rows a month instead of every district's and service's. Filled here from
 * rollup_steps_monthly_districts for the months sealed.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('rollup_steps_monthly_cities')
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('step', 'text', (c) => c.notNull())
    .addColumn('city_id', 'text', (c) => c.notNull())
    .addColumn('steps', 'integer', (c) => c.notNull())
    .addColumn('late', 'integer', (c) => c.notNull())
    .addColumn('minutes', 'bigint', (c) => c.notNull())
    .addColumn('buckets', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('rollup_steps_monthly_cities_pk', ['city_id', 'month', 'step'])
    .execute();

  const sealed = await db.selectFrom('rollup_sealed_months').select(['city_id', 'month']).orderBy('city_id').orderBy('month').execute();
  for (const { city_id, month } of sealed) {
    const rows = await db
      .selectFrom('rollup_steps_monthly_districts')
      .select(['step', 'steps', 'late', 'minutes', 'buckets'])
      .where('city_id', '=', city_id)
      .where('month', '=', month)
      .execute();
    const steps = new Map<string, { steps: number; late: number; minutes: number; histogram: Histogram }>();
    for (const r of rows) {
      let row = steps.get(r.step);
      if (!row) steps.set(r.step, (row = { steps: 0, late: 0, minutes: 0, histogram: emptyHistogram() }));
      row.steps += Number(r.steps);
      row.late += Number(r.late);
      row.minutes += Number(r.minutes);
      addHistogram(row.histogram, r.buckets);
    }
    const values = [...steps].map(([step, { histogram, ...r }]) => ({ month, step, city_id, ...r, buckets: histogramText(histogram) }));
    if (values.length > 0) await db.insertInto('rollup_steps_monthly_cities').values(values).execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('rollup_steps_monthly_cities').execute();
}

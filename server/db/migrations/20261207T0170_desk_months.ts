import type { Kysely } from 'kysely';
import { addHistogram, emptyHistogram, sealDeskMonths } from '../../modules/reports/index.js';

/**
 * The desk table's month row (decision 0050): rollup_desk_months, one row a sealed month and desk
 * with what the desk table shows (its own time with its histogram, its returns, its answers'
 * histogram), written by the month sealer. A city year's desk table read four rows of steps a desk
 * and month; it reads one. Filled here from rollup_steps_monthly_desks for the months sealed.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('rollup_desk_months')
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('office_id', 'text', (c) => c.notNull())
    .addColumn('city_id', 'text', (c) => c.notNull())
    .addColumn('district_id', 'text', (c) => c.notNull())
    .addColumn('desk_steps', 'integer', (c) => c.notNull())
    .addColumn('desk_minutes', 'bigint', (c) => c.notNull())
    .addColumn('desk_buckets', 'text', (c) => c.notNull())
    .addColumn('returns', 'integer', (c) => c.notNull())
    .addColumn('return_minutes', 'bigint', (c) => c.notNull())
    .addColumn('answer_buckets', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('rollup_desk_months_pk', ['month', 'office_id'])
    .execute();
  await db.schema.createIndex('rollup_desk_months_city_idx').on('rollup_desk_months').columns(['city_id', 'month']).execute();

  const sealed = await db.selectFrom('rollup_sealed_months').select(['city_id', 'month']).orderBy('city_id').orderBy('month').execute();
  for (const { city_id, month } of sealed) {
    const rows = await db
      .selectFrom('rollup_steps_monthly_desks')
      .select(['office_id', 'district_id', 'step', 'steps', 'minutes', 'buckets'])
      .where('city_id', '=', city_id)
      .where('month', '=', month)
      .execute();
    const steps = rows.map(({ buckets, ...r }) => {
      const histogram = emptyHistogram();
      addHistogram(histogram, buckets as string);
      return { ...r, histogram };
    });
    await sealDeskMonths(db, city_id as string, month as string, steps);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('rollup_desk_months').execute();
}

import { sql, type Kysely } from 'kysely';
import { sealCounts } from '../../modules/reports/index.js';

/**
 * The month level of the inquiries and of the inspectors' visits (decision 0050), sealed with the
 * steps once a month is over: rollup_inquiries_monthly (month x district x type: answered at once,
 * through a case) and rollup_visits_monthly (month x inspector: inspections filed). Filled here
 * for the months already sealed. Beside them:
 *   - inquiries_pending_city_idx, inquiries_pending_district_idx: the inquiries still pending,
 *     which the figures count live (pending is the one count a month's inquiries still change);
 *   - inspections_inspector_idx gains submitted_at: an inspector's open assignments (active, not
 *     filed) are a range of it, not every inspection they ever had.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('rollup_inquiries_monthly')
    .addColumn('city_id', 'text', (c) => c.notNull())
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('district_id', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('instant', 'integer', (c) => c.notNull())
    .addColumn('by_case', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('rollup_inquiries_monthly_pk', ['city_id', 'month', 'district_id', 'type'])
    .execute();
  await db.schema
    .createTable('rollup_visits_monthly')
    .addColumn('city_id', 'text', (c) => c.notNull())
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('inspector_id', 'text', (c) => c.notNull())
    .addColumn('visits', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('rollup_visits_monthly_pk', ['city_id', 'month', 'inspector_id'])
    .execute();
  await db.schema.createIndex('inquiries_pending_city_idx').on('inquiries').columns(['city_id', 'created_at', 'type']).where(sql.ref('status'), '=', 'pending').execute();
  await db.schema.createIndex('inquiries_pending_district_idx').on('inquiries').columns(['district_id', 'created_at', 'type']).where(sql.ref('status'), '=', 'pending').execute();
  await db.schema.dropIndex('inspections_inspector_idx').execute();
  await db.schema.createIndex('inspections_inspector_idx').on('inspections').columns(['inspector_id', 'active', 'submitted_at']).execute();

  const sealed = await db.selectFrom('rollup_sealed_months').select(['city_id', 'month']).orderBy('city_id').orderBy('month').execute();
  for (const { city_id, month } of sealed) await sealCounts(db, city_id as string, month as string);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('inspections_inspector_idx').execute();
  await db.schema.createIndex('inspections_inspector_idx').on('inspections').columns(['inspector_id', 'active']).execute();
  await db.schema.dropIndex('inquiries_pending_district_idx').execute();
  await db.schema.dropIndex('inquiries_pending_city_idx').execute();
  await db.schema.dropTable('rollup_visits_monthly').execute();
  await db.schema.dropTable('rollup_inquiries_monthly').execute();
}

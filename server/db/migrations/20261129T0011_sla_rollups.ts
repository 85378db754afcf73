import type { Kysely } from 'kysely';

/**
 * Follow-up, SLA and the city's figures:
 * - a case's overall due time, the time it waited on the citizen (paused clock), and the fee paid at the desk;
 * - each district's desk target and each office's opening hours;
 * - escalations already done per step (so nothing is sent twice);
 * - rollups the dashboards read instead of scanning the cases: cases per intake day x office x service x state,
 *   and finished steps per end day x office x service x step x duration bucket.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('requests').addColumn('due_at', 'text').execute();
  await db.schema.alterTable('requests').addColumn('paused_seconds', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('requests').addColumn('fee_payment_ref', 'text').execute();
  await db.schema.alterTable('requests').addColumn('fee_paid_at', 'text').execute();
  await db.schema.alterTable('districts').addColumn('desk_target', 'integer', (c) => c.notNull().defaultTo(8)).execute();
  await db.schema.alterTable('offices').addColumn('opening_hours_fa', 'text', (c) => c.notNull().defaultTo('')).execute();

  await db.schema
    .createTable('escalations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('request_id', 'text', (c) => c.notNull().references('requests.id'))
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('step_started_at', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('notified_staff_id', 'text')
    .addColumn('reassigned_to', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('escalations_once', ['request_id', 'step_started_at', 'level'])
    .execute();

  await db.schema
    .createTable('rollup_cases')
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('office_id', 'text', (c) => c.notNull())
    .addColumn('service_code', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('city_id', 'text', (c) => c.notNull())
    .addColumn('district_id', 'text', (c) => c.notNull())
    .addColumn('cases', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('fee_rials', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('paid_rials', 'bigint', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('rollup_cases_pk', ['day', 'office_id', 'service_code', 'state'])
    .execute();
  await db.schema.createIndex('rollup_cases_district_idx').on('rollup_cases').columns(['district_id', 'day']).execute();

  await db.schema
    .createTable('rollup_steps')
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('office_id', 'text', (c) => c.notNull())
    .addColumn('service_code', 'text', (c) => c.notNull())
    .addColumn('step', 'text', (c) => c.notNull())
    .addColumn('bucket', 'integer', (c) => c.notNull())
    .addColumn('city_id', 'text', (c) => c.notNull())
    .addColumn('district_id', 'text', (c) => c.notNull())
    .addColumn('steps', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('late', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('minutes', 'bigint', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('rollup_steps_pk', ['day', 'office_id', 'service_code', 'step', 'bucket'])
    .execute();
  await db.schema.createIndex('rollup_steps_district_idx').on('rollup_steps').columns(['district_id', 'day']).execute();

  await db.schema.createIndex('inspections_submitted_idx').on('inspections').columns(['submitted_at']).execute();
  await db.schema.createIndex('inquiries_created_idx').on('inquiries').columns(['created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('rollup_steps').execute();
  await db.schema.dropTable('rollup_cases').execute();
  await db.schema.dropTable('escalations').execute();
  await db.schema.dropIndex('inquiries_created_idx').execute();
  await db.schema.dropIndex('inspections_submitted_idx').execute();
  for (const c of ['due_at', 'paused_seconds', 'fee_payment_ref', 'fee_paid_at']) await db.schema.alterTable('requests').dropColumn(c).execute();
  await db.schema.alterTable('districts').dropColumn('desk_target').execute();
  await db.schema.alterTable('offices').dropColumn('opening_hours_fa').execute();
}

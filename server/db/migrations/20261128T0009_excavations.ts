import type { Kysely } from 'kysely';

/**
 * Excavation permits (مجوز حفاری) asked for by utilities through the open API, the city's
 * restoration tariffs, and letters that belong to a permit rather than to a case's answer.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('excavation_tariffs')
    .addColumn('city_id', 'text', (c) => c.notNull().references('cities.id'))
    .addColumn('street_type', 'text', (c) => c.notNull())
    .addColumn('rials_per_meter', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('excavation_tariffs_pk', ['city_id', 'street_type'])
    .execute();

  await db.schema
    .createTable('excavation_permits')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('city_id', 'text', (c) => c.notNull().references('cities.id'))
    .addColumn('client_id', 'text', (c) => c.notNull().references('api_clients.id'))
    .addColumn('district_id', 'text', (c) => c.notNull().references('districts.id'))
    .addColumn('tracking_code', 'text', (c) => c.notNull().unique())
    .addColumn('geometry', 'text', (c) => c.notNull())
    .addColumn('min_lng', 'double precision', (c) => c.notNull())
    .addColumn('min_lat', 'double precision', (c) => c.notNull())
    .addColumn('max_lng', 'double precision', (c) => c.notNull())
    .addColumn('max_lat', 'double precision', (c) => c.notNull())
    .addColumn('length_m', 'double precision', (c) => c.notNull())
    .addColumn('width_m', 'double precision', (c) => c.notNull())
    .addColumn('depth_m', 'double precision', (c) => c.notNull())
    .addColumn('street_type', 'text', (c) => c.notNull())
    .addColumn('start_date', 'text', (c) => c.notNull())
    .addColumn('end_date', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('contractor_name', 'text', (c) => c.notNull())
    .addColumn('contractor_mobile', 'text', (c) => c.notNull())
    .addColumn('tariff_rials_per_meter', 'bigint', (c) => c.notNull())
    .addColumn('fee_rials', 'bigint', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('overlaps', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text', (c) => c.references('staff.id'))
    .addColumn('decided_at', 'text')
    .addColumn('decision_note', 'text')
    .addColumn('conditions', 'text')
    .addColumn('letter_number', 'text')
    .addColumn('idempotency_key', 'text')
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addUniqueConstraint('excavation_permits_idempotency_uq', ['client_id', 'idempotency_key'])
    .execute();
  // The overlap prefilter: live permits of the city whose period has not ended before ours starts.
  await db.schema.createIndex('excavation_permits_period_idx').on('excavation_permits').columns(['city_id', 'end_date']).execute();
  await db.schema.createIndex('excavation_permits_district_idx').on('excavation_permits').columns(['district_id', 'status', 'created_at']).execute();
  await db.schema.createIndex('excavation_permits_client_idx').on('excavation_permits').columns(['client_id', 'created_at']).execute();

  await rebuildLetters(db, 'with_permits');
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.deleteFrom('letters').where('excavation_id', 'is not', null).execute();
  await rebuildLetters(db, 'answers_only');
  await db.schema.dropTable('excavation_permits').execute();
  await db.schema.dropTable('excavation_tariffs').execute();
}

const LETTER_COLUMNS = [
  'id', 'serial', 'request_id', 'response_id', 'kind', 'letter_number', 'sha256', 'size_bytes', 'issued_at', 'created_at', 'revoked_at', 'revoked_by', 'revoke_reason',
];

/**
 * A permit's letter has no case and no answer: request_id and response_id become nullable and
 * excavation_id is added. SQLite cannot drop a NOT NULL in place, so the table is rebuilt (the
 * same on both databases: copy, drop, rename, index again).
 */
async function rebuildLetters(db: Kysely<any>, shape: 'with_permits' | 'answers_only'): Promise<void> {
  const withPermits = shape === 'with_permits';
  let table = db.schema
    .createTable('letters_next')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('serial', 'text', (c) => c.notNull().unique())
    .addColumn('request_id', 'text', (c) => (withPermits ? c : c.notNull()).references('requests.id'))
    .addColumn('response_id', 'text', (c) => (withPermits ? c : c.notNull()).references('responses.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('letter_number', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('issued_at', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .addColumn('revoked_by', 'text', (c) => c.references('staff.id'))
    .addColumn('revoke_reason', 'text');
  if (withPermits) table = table.addColumn('excavation_id', 'text', (c) => c.references('excavation_permits.id'));
  await table.execute();
  await db.insertInto('letters_next').columns(LETTER_COLUMNS).expression(db.selectFrom('letters').select(LETTER_COLUMNS)).execute();
  await db.schema.dropTable('letters').execute();
  await db.schema.alterTable('letters_next').renameTo('letters').execute();
  // One letter of a kind per answer (and per permit): a retried or concurrent print finds the first.
  await db.schema.createIndex('letters_response_kind_idx').on('letters').columns(['response_id', 'kind']).unique().execute();
  await db.schema.createIndex('letters_request_idx').on('letters').column('request_id').execute();
  if (withPermits) await db.schema.createIndex('letters_excavation_kind_idx').on('letters').columns(['excavation_id', 'kind']).unique().execute();
}

import type { Kysely } from 'kysely';

/* Written with Kysely's schema builder so one migration runs on SQLite and PostgreSQL.
   Types chosen to mean the same on both: text ids and times, integer flags, double precision. */
export async function up(db: Kysely<any>): Promise<void> {

  await db.schema
    .createTable('cities')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name_fa', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('province_fa', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('districts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('city_id', 'text', (c) => c.notNull().references('cities.id'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('name_fa', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('address_fa', 'text', (c) => c.notNull())
    .addColumn('phone', 'text', (c) => c.notNull())
    .addUniqueConstraint('districts_city_number_uq', ['city_id', 'number'])
    .execute();

  await db.schema
    .createTable('offices')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('city_id', 'text', (c) => c.notNull().references('cities.id'))
    .addColumn('district_id', 'text', (c) => c.notNull().references('districts.id'))
    .addColumn('gov_code', 'text', (c) => c.notNull().unique())
    .addColumn('name_fa', 'text', (c) => c.notNull())
    .addColumn('address_fa', 'text', (c) => c.notNull())
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('offices_district_idx').on('offices').columns(['district_id', 'status']).execute();

  await db.schema
    .createTable('staff')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('city_id', 'text', (c) => c.notNull().references('cities.id'))
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('first_name', 'text', (c) => c.notNull())
    .addColumn('last_name', 'text', (c) => c.notNull())
    .addColumn('national_code', 'text', (c) => c.notNull())
    .addColumn('mobile', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('office_id', 'text', (c) => c.references('offices.id'))
    .addColumn('district_id', 'text', (c) => c.references('districts.id'))
    .addColumn('specialty', 'text')
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('staff_role_district_idx').on('staff').columns(['role', 'district_id']).execute();
  await db.schema.createIndex('staff_office_idx').on('staff').column('office_id').execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('staff_id', 'text', (c) => c.notNull().references('staff.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('ip', 'text', (c) => c.notNull())
    .addColumn('user_agent', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sessions_staff_idx').on('sessions').column('staff_id').execute();

  await db.schema
    .createTable('persons')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('national_code', 'text', (c) => c.notNull().unique())
    .addColumn('first_name', 'text')
    .addColumn('last_name', 'text')
    .addColumn('father_name', 'text')
    .addColumn('company_name', 'text')
    .addColumn('mobile', 'text')
    .addColumn('search_text', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('persons_mobile_idx').on('persons').column('mobile').execute();

  await db.schema
    .createTable('properties')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('city_id', 'text', (c) => c.notNull().references('cities.id'))
    .addColumn('district_id', 'text', (c) => c.notNull().references('districts.id'))
    .addColumn('file_number', 'text', (c) => c.notNull().unique())
    .addColumn('renovation_code', 'text')
    .addColumn('plate_main', 'integer')
    .addColumn('plate_sub', 'integer')
    .addColumn('registry_section', 'integer')
    .addColumn('postal_code', 'text')
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('lat', 'double precision')
    .addColumn('lng', 'double precision')
    .addColumn('land_area', 'double precision')
    .addColumn('land_use', 'text')
    .addColumn('floors', 'integer')
    .addColumn('units', 'integer')
    .addColumn('search_text', 'text', (c) => c.notNull())
    .addColumn('created_by_office_id', 'text', (c) => c.references('offices.id'))
    .addColumn('created_by_staff_id', 'text', (c) => c.notNull().references('staff.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // One file per property: each identifier is unique within a city (NULLs do not collide).
  await db.schema.createIndex('properties_postal_uq').on('properties').columns(['city_id', 'postal_code']).unique().execute();
  await db.schema
    .createIndex('properties_renovation_uq')
    .on('properties')
    .columns(['city_id', 'renovation_code'])
    .unique()
    .execute();
  await db.schema
    .createIndex('properties_plate_uq')
    .on('properties')
    .columns(['city_id', 'registry_section', 'plate_main', 'plate_sub'])
    .unique()
    .execute();
  await db.schema.createIndex('properties_district_idx').on('properties').column('district_id').execute();

  await db.schema
    .createTable('property_owners')
    .addColumn('property_id', 'text', (c) => c.notNull().references('properties.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('persons.id'))
    .addColumn('share_milli_dang', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('property_owners_pk', ['property_id', 'person_id'])
    .execute();
  await db.schema.createIndex('property_owners_person_idx').on('property_owners').column('person_id').execute();

  await db.schema
    .createTable('services')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('city_id', 'text', (c) => c.notNull().references('cities.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name_fa', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('description_fa', 'text', (c) => c.notNull())
    .addColumn('description_en', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('workflow_code', 'text', (c) => c.notNull())
    .addColumn('inspector_specialty', 'text')
    .addColumn('required_documents', 'text', (c) => c.notNull())
    .addColumn('form_fields', 'text', (c) => c.notNull())
    .addColumn('inspection_checklist', 'text', (c) => c.notNull())
    .addColumn('sla_days', 'text', (c) => c.notNull())
    .addColumn('fee_rials', 'bigint', (c) => c.notNull())
    .addColumn('answer_validity_days', 'integer', (c) => c.notNull())
    .addColumn('answer_purpose_fa', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('services_city_code_uq', ['city_id', 'code'])
    .execute();

  await db.schema
    .createTable('office_services')
    .addColumn('office_id', 'text', (c) => c.notNull().references('offices.id'))
    .addColumn('service_id', 'text', (c) => c.notNull().references('services.id'))
    .addPrimaryKeyConstraint('office_services_pk', ['office_id', 'service_id'])
    .execute();

  await db.schema
    .createTable('requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('city_id', 'text', (c) => c.notNull().references('cities.id'))
    .addColumn('district_id', 'text', (c) => c.notNull().references('districts.id'))
    .addColumn('office_id', 'text', (c) => c.notNull().references('offices.id'))
    .addColumn('property_id', 'text', (c) => c.notNull().references('properties.id'))
    .addColumn('applicant_person_id', 'text', (c) => c.notNull().references('persons.id'))
    .addColumn('service_id', 'text', (c) => c.notNull().references('services.id'))
    .addColumn('service_code', 'text', (c) => c.notNull())
    .addColumn('tracking_code', 'text', (c) => c.notNull().unique())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('form', 'text', (c) => c.notNull())
    .addColumn('documents', 'text', (c) => c.notNull())
    .addColumn('fee_rials', 'bigint', (c) => c.notNull())
    .addColumn('assigned_inspector_id', 'text', (c) => c.references('staff.id'))
    .addColumn('recommendation', 'text')
    .addColumn('recommendation_note', 'text')
    .addColumn('decision', 'text')
    .addColumn('decision_note', 'text')
    .addColumn('step_started_at', 'text', (c) => c.notNull())
    .addColumn('step_due_at', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull().references('staff.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .addColumn('cancel_reason', 'text')
    .execute();
  await db.schema.createIndex('requests_office_idx').on('requests').columns(['office_id', 'state', 'created_at']).execute();
  await db.schema.createIndex('requests_district_idx').on('requests').columns(['district_id', 'state', 'created_at']).execute();
  await db.schema.createIndex('requests_inspector_idx').on('requests').columns(['assigned_inspector_id', 'state']).execute();
  await db.schema.createIndex('requests_property_idx').on('requests').column('property_id').execute();
  await db.schema.createIndex('requests_applicant_idx').on('requests').column('applicant_person_id').execute();
  await db.schema.createIndex('requests_city_created_idx').on('requests').columns(['city_id', 'created_at']).execute();

  await db.schema
    .createTable('request_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('request_id', 'text', (c) => c.notNull().references('requests.id'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('from_state', 'text')
    .addColumn('to_state', 'text', (c) => c.notNull())
    .addColumn('actor_staff_id', 'text', (c) => c.references('staff.id'))
    .addColumn('actor_role', 'text', (c) => c.notNull())
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('public', 'integer', (c) => c.notNull())
    .addColumn('data', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('request_events_request_idx').on('request_events').columns(['request_id', 'id']).execute();

  await db.schema
    .createTable('inspections')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('request_id', 'text', (c) => c.notNull().references('requests.id'))
    .addColumn('inspector_id', 'text', (c) => c.notNull().references('staff.id'))
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('assigned_at', 'text', (c) => c.notNull())
    .addColumn('assigned_by', 'text', (c) => c.notNull().references('staff.id'))
    .addColumn('scheduled_date', 'text')
    .addColumn('window_start', 'text')
    .addColumn('window_end', 'text')
    .addColumn('findings', 'text')
    .addColumn('measurements', 'text')
    .addColumn('checklist', 'text')
    .addColumn('violations', 'text')
    .addColumn('gps_lat', 'double precision')
    .addColumn('gps_lng', 'double precision')
    .addColumn('gps_accuracy_m', 'double precision')
    .addColumn('visited_at', 'text')
    .addColumn('submitted_at', 'text')
    .execute();
  await db.schema.createIndex('inspections_request_idx').on('inspections').columns(['request_id', 'active']).execute();
  await db.schema.createIndex('inspections_inspector_idx').on('inspections').columns(['inspector_id', 'active']).execute();

  await db.schema
    .createTable('responses')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('request_id', 'text', (c) => c.notNull().unique().references('requests.id'))
    .addColumn('letter_number', 'text', (c) => c.notNull().unique())
    .addColumn('issued_at', 'text', (c) => c.notNull())
    .addColumn('issued_by', 'text', (c) => c.notNull().references('staff.id'))
    .addColumn('decision', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('conditions', 'text')
    .addColumn('valid_until', 'text')
    .addColumn('delivered_at', 'text')
    .addColumn('delivered_to_name', 'text')
    .addColumn('delivered_to_national_code', 'text')
    .addColumn('delivered_by', 'text', (c) => c.references('staff.id'))
    .execute();

  await db.schema
    .createTable('holidays')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('city_id', 'text', (c) => c.notNull().references('cities.id'))
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('title_fa', 'text', (c) => c.notNull())
    .addColumn('title_en', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addUniqueConstraint('holidays_city_date_uq', ['city_id', 'date'])
    .execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('seq', 'integer', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_staff_id', 'text')
    .addColumn('actor_role', 'text')
    .addColumn('actor_office_id', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text')
    .addColumn('ip', 'text')
    .addColumn('details', 'text')
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_log_entity_idx').on('audit_log').columns(['entity_type', 'entity_id']).execute();
  await db.schema.createIndex('audit_log_actor_idx').on('audit_log').columns(['actor_staff_id', 'seq']).execute();
  await db.schema.createIndex('audit_log_at_idx').on('audit_log').column('at').execute();

  await db.schema
    .createTable('audit_head')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  await db.insertInto('audit_head').values({ id: 1, seq: 0, hash: '0'.repeat(64) }).execute();

  await db.schema
    .createTable('outbox')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('event_type', 'text', (c) => c.notNull())
    .addColumn('aggregate_type', 'text', (c) => c.notNull())
    .addColumn('aggregate_id', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .execute();
  await db.schema.createIndex('outbox_pending_idx').on('outbox').columns(['status', 'next_attempt_at']).execute();

  await db.schema
    .createTable('counters')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', 'integer', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'counters', 'outbox', 'audit_head', 'audit_log', 'holidays', 'responses', 'inspections', 'request_events',
    'requests', 'office_services', 'services', 'property_owners', 'properties', 'persons', 'sessions', 'staff',
    'offices', 'districts', 'cities',
  ]) {
    await db.schema.dropTable(t).execute();
  }
}

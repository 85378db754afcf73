import type { Kysely } from 'kysely';

/** Other organisations' software (banks, notary offices, utilities, agencies): clients, keys, inquiries. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('api_clients')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('city_id', 'text', (c) => c.notNull().references('cities.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name_fa', 'text', (c) => c.notNull())
    .addColumn('official_code', 'text', (c) => c.notNull())
    .addColumn('allowed_ips', 'text')
    .addColumn('rate_limit_per_minute', 'integer', (c) => c.notNull())
    .addColumn('webhook_url', 'text')
    .addColumn('webhook_secret', 'text')
    .addColumn('webhook_events', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('api_keys')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('client_id', 'text', (c) => c.notNull().references('api_clients.id'))
    .addColumn('prefix', 'text', (c) => c.notNull().unique())
    .addColumn('key_hash', 'text', (c) => c.notNull())
    .addColumn('scopes', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_used_at', 'text')
    .execute();
  await db.schema.createIndex('api_keys_client_idx').on('api_keys').column('client_id').execute();
  await db.schema
    .createTable('inquiries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('client_id', 'text', (c) => c.notNull().references('api_clients.id'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('idempotency_key', 'text')
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('property_id', 'text', (c) => c.references('properties.id'))
    .addColumn('subject_national_code', 'text', (c) => c.notNull())
    .addColumn('request_id', 'text', (c) => c.references('requests.id'))
    .addColumn('answer', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('answered_at', 'text')
    .addUniqueConstraint('inquiries_idempotency_uq', ['client_id', 'idempotency_key'])
    .execute();
  await db.schema.createIndex('inquiries_request_idx').on('inquiries').column('request_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('inquiries').execute();
  await db.schema.dropTable('api_keys').execute();
  await db.schema.dropTable('api_clients').execute();
}

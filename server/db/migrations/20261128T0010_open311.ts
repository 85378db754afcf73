import type { Kysely } from 'kysely';

/**
 * Open311 GeoReport v2: what a service request sent through the Open311 API adds to its case, the
 * token that leads to its id, and the texts the spec publishes (description, media_url).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('open311_requests')
    .addColumn('request_id', 'text', (c) => c.primaryKey().references('requests.id'))
    .addColumn('token', 'text', (c) => c.notNull().unique())
    .addColumn('client_id', 'text', (c) => c.notNull().references('api_clients.id'))
    .addColumn('description', 'text')
    .addColumn('media_url', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('open311_requests_client_idx').on('open311_requests').columns(['client_id', 'created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('open311_requests').execute();
}

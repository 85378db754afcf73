import { sql } from 'kysely';
import { isPostgres, type Db } from '../db/database.js';

/**
 * The app's tables, for counting rows: Kysely's own left out, and PostgreSQL's partitions (a
 * partition's rows are counted in its table: request_events and audit_log are partitioned by year and city).
 */
export async function appTables(db: Db): Promise<string[]> {
  const partitions = new Set(
    isPostgres(db) ? (await sql<{ name: string }>`select relname as name from pg_class where relispartition`.execute(db)).rows.map((r) => r.name) : [],
  );
  return (await db.introspection.getTables()).map((x) => x.name).filter((n) => !n.startsWith('kysely_') && !partitions.has(n));
}

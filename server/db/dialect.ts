import { PostgresAdapter, type Kysely } from 'kysely';

/** Which database a connection talks to. Its own module, so code the migrations use can ask without importing them. */
export function isPostgres<DB>(db: Kysely<DB>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** Small SQL helpers that read the same on SQLite and PostgreSQL. */
import { sql, type RawBuilder, type SqlBool } from 'kysely';

/**
 * `column` contains `key` (already a `searchKey`), LIKE's own wildcards in the key taken
 * literally. The escape character is spelled out because SQLite has no default one.
 */
export function containsKey(column: string, key: string): RawBuilder<SqlBool> {
  const pattern = `%${key.replace(/[!%_]/g, '!$&')}%`;
  return sql<SqlBool>`${sql.ref(column)} like ${pattern} escape '!'`;
}

/** A unique index refused the row (SQLite's SQLITE_CONSTRAINT_UNIQUE/PRIMARYKEY, PostgreSQL's 23505). */
export function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

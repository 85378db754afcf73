/** Small SQL helpers that read the same on SQLite and PostgreSQL. */
import { sql, type Expression, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import { SEARCH_KEY_DROPS, SEARCH_KEY_FOLDS } from '../platform/normalize.js';
import { isPostgres } from './dialect.js';
import type { Database } from './schema.js';

/**
 * `column` contains `key` (already a `searchKey`), LIKE's own wildcards in the key taken
 * literally. The escape character is spelled out because SQLite has no default one.
 */
export function containsKey(column: string | Expression<string>, key: string): RawBuilder<SqlBool> {
  return matchesPattern(column, containsPattern(key));
}

/** The LIKE pattern of "contains `key`" that `containsKey` uses, for a statement prepared once (db/prepared.ts) that takes the pattern as its value. */
export function containsPattern(key: string): string {
  return `%${key.replace(/[!%_]/g, '!$&')}%`;
}

/** `column like pattern`, with `containsPattern`'s escape character. */
export function matchesPattern(column: string | Expression<string>, pattern: string): RawBuilder<SqlBool> {
  const value = typeof column === 'string' ? sql.ref(column) : column;
  return sql<SqlBool>`${value} like ${pattern} escape '!'`;
}

/**
 * `searchKey` computed in SQL from a column that holds normalised text (`normalizeText` runs on
 * every input), for the few small tables searched without a stored key (offices, staff): the same
 * folds and drops as `searchKey`, as nested replace() calls that read the same on both databases.
 */
export function searchKeyOf(value: Expression<string>): RawBuilder<string> {
  let out: RawBuilder<string> = sql<string>`lower(${value})`;
  for (const [from, to] of SEARCH_KEY_FOLDS) out = sql<string>`replace(${out}, ${sql.lit(from)}, ${sql.lit(to)})`;
  for (const c of SEARCH_KEY_DROPS) out = sql<string>`replace(${out}, ${sql.lit(c)}, '')`;
  return out;
}

/**
 * `column` is one of `values`, for lists as long as a page of 1,000: on PostgreSQL one array
 * parameter (`= any($1)`), so one statement text and a generic plan that looks each value up; 1,000
 * placeholders, planned generically (decision 0044), took about a second a page in the rollup
 * rebuild at 10^6 cases, against 36 ms so. On SQLite an IN list.
 */
export function isAnyOf(db: Kysely<Database>, column: string, values: readonly string[]): RawBuilder<SqlBool> {
  return isPostgres(db) ? sql<SqlBool>`${sql.ref(column)} = any(${[...values]}::text[])` : sql<SqlBool>`${sql.ref(column)} in (${sql.join(values)})`;
}

/** A unique index refused the row (SQLite's SQLITE_CONSTRAINT_UNIQUE/PRIMARYKEY, PostgreSQL's 23505). */
export function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/**
 * The table and column whose range constraint refused a row (migration 20261206T0040, decision
 * 0022): PostgreSQL's CHECK (23514) or SQLite's trigger, both named `<table>__<column>__range`.
 * Null for any other error.
 */
export function rangeViolation(err: unknown): { table: string; column: string } | null {
  const e = err as { code?: unknown; constraint?: unknown; message?: unknown } | null;
  const name = e?.code === '23514' ? e.constraint : e?.code === 'SQLITE_CONSTRAINT_TRIGGER' ? e.message : undefined;
  const match = typeof name === 'string' ? /^([a-z0-9_]+?)__([a-z0-9_]+?)__range$/.exec(name) : null;
  return match ? { table: match[1]!, column: match[2]! } : null;
}

/** PostgreSQL could not hold the number in the column's type (22003: e.g. beyond bigint). */
export function isNumberOutOfRange(err: unknown): boolean {
  return (err as { code?: unknown } | null)?.code === '22003';
}

/**
 * Run `fn` in the caller's transaction when `db` already is one, otherwise in a new one that
 * commits when `fn` returns. Whoever opens the outermost transaction owns the commit
 * (decisions/0021): a service called inside another's write joins it, so both commit together
 * or not at all. Inside `fn`, read and write only through the handle it is given: on SQLite a
 * query on the outer `db` would wait for this very transaction to end.
 */
export function inTransaction<DB, T>(db: Kysely<DB>, fn: (trx: Kysely<DB>) => Promise<T>): Promise<T> {
  return db.isTransaction ? fn(db) : db.transaction().execute(fn);
}

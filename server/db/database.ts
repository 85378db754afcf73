import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { LRUCache } from 'lru-cache';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql, type LogEvent, type SqliteDatabase, type Transaction } from 'kysely';
import type { Database } from './schema.js';
import { migrationProvider } from './migrations/index.js';
import { isPostgres } from './dialect.js';
import { checkpointInBackground } from './checkpoints.js';

export type Db = Kysely<Database>;
export type Trx = Transaction<Database>;

// int8 (bigint, count(*)) as JS numbers: rials and counts stay far below 2^53.
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));

export interface DbOptions {
  databaseUrl: string | null;
  sqlitePath: string;
  /** PostgreSQL schema to use (tests give each file its own). */
  pgSchema?: string;
  /** Sees every statement run (BEGIN included): the query counter of the cost tests (db/query-counter.ts). */
  log?: (event: LogEvent) => void;
  /**
   * A read replica's pool (PostgreSQL): read-only sessions, so a replica route can never write even
   * if DATABASE_READ_URL names a primary; and bounded waits (connect 2 s, a statement 30 s), so a
   * replica that stops answering costs a request that long before the primary answers it instead.
   */
  readOnly?: boolean;
  /** SQLite: the write-ahead log checkpointed by a worker thread, not inside commits (the server's connection; db/checkpoints.ts). */
  backgroundCheckpoints?: boolean;
}

export function createDb(opts: DbOptions): Db {
  if (opts.databaseUrl) {
    const settings = [
      '-c plan_cache_mode=force_generic_plan', // the prepared statements' plans are made once (preparingStatements)
      ...(opts.pgSchema ? [`-c search_path=${opts.pgSchema}`] : []),
      ...(opts.readOnly ? ['-c default_transaction_read_only=on'] : []),
    ];
    const pool = new pg.Pool({
      connectionString: opts.databaseUrl,
      max: 10,
      options: settings.join(' '),
      ...(opts.readOnly ? { connectionTimeoutMillis: 2000, query_timeout: 30_000 } : {}),
    });
    // An idle connection the server closes (a restart, a failover, an administrator's terminate)
    // is an 'error' event on the pool; unheard, it would end the process. The pool drops that
    // connection and opens another when one is needed; a query in flight gets its own error.
    pool.on('error', (err: Error & { code?: string }) => {
      console.warn(JSON.stringify({ level: 'warn', msg: 'an idle database connection was closed by the server; the pool replaces it', code: err.code ?? null }));
    });
    preparingStatements(pool);
    return new Kysely<Database>({ dialect: new PostgresDialect({ pool }), ...(opts.log ? { log: opts.log } : {}) });
  }
  if (opts.sqlitePath !== ':memory:') fs.mkdirSync(path.dirname(opts.sqlitePath), { recursive: true });
  const sqlite = new SQLite(opts.sqlitePath);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  const stopCheckpoints = opts.backgroundCheckpoints && opts.sqlitePath !== ':memory:' ? checkpointInBackground(sqlite) : null;
  const database = keepingStatements(sqlite, () => void stopCheckpoints?.());
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database }), ...(opts.log ? { log: opts.log } : {}) });
  sqliteConnections.set(db, sqlite);
  return db;
}

const sqliteConnections = new WeakMap<Db, SQLite.Database>();

/**
 * The SQLite connection under a Db made by createDb (undefined on PostgreSQL): for the bulk loader,
 * which writes through it while Kysely is idle (seed/bulk.ts).
 */
export function sqliteConnection(db: Db): SQLite.Database | undefined {
  return sqliteConnections.get(db);
}

/** Statements a connection keeps prepared: reads and writes (not DDL or transaction control). */
const PREPARABLE = /^\s*(select|insert|update|delete|with)\b/i;

/**
 * Each connection of the pool prepares its statements on the server (a named statement by SQL
 * text, the first 500 a connection sees), and with `plan_cache_mode = force_generic_plan` (set on
 * the pool) PostgreSQL plans each once a connection instead of on every call. Planning was most of a
 * desk's list and search: 11 and 18 ms against under 1 ms of execution (the joins of the page), on
 * 20,000 cases (docs/performance.md, decision 0044). A prepared `select *` fails once if a migration
 * changed its table's columns on that connection (SQLSTATE 0A000, "cached plan must not change
 * result type"): it is prepared again under a new name.
 */
function preparingStatements(pool: pg.Pool, max = 500): void {
  pool.on('connect', (client) => {
    const names = new Map<string, string>();
    let made = 0;
    const query = client.query.bind(client) as (config: unknown, values?: unknown, callback?: unknown) => Promise<unknown>;
    const named = (text: string) => {
      const name = `mk_${made++}`;
      names.set(text, name);
      return name;
    };
    client.query = ((config: unknown, values?: unknown, callback?: unknown) => {
      if (typeof config !== 'string' || !Array.isArray(values) || callback !== undefined || !PREPARABLE.test(config)) return query(config, values, callback);
      const name = names.get(config) ?? (names.size < max ? named(config) : null);
      if (!name) return query(config, values);
      return query({ name, text: config, values }).catch((err: { code?: string }) => {
        if (err.code !== '0A000') throw err;
        return query({ name: named(config), text: config, values });
      });
    }) as typeof client.query;
  });
}

/**
 * better-sqlite3 as Kysely sees it, with each statement prepared once and kept (the 500 most
 * recently used). Kysely prepares every query anew, which was 13% of the server's CPU on the
 * bench's reads (docs/performance.md). A kept statement still in use (a streamed read) is not
 * handed out twice: that call gets a fresh one. SQLite re-prepares a kept statement by itself
 * when the schema changes under it.
 */
function keepingStatements(sqlite: SQLite.Database, onClose: () => void): SqliteDatabase {
  const kept = new LRUCache<string, SQLite.Statement>({ max: 500 });
  return {
    close: () => {
      onClose();
      sqlite.close();
    },
    prepare(text: string) {
      const statement = kept.get(text);
      if (statement && !statement.busy) return statement;
      const fresh = sqlite.prepare(text);
      if (!statement) kept.set(text, fresh);
      return fresh;
    },
  };
}

export { isPostgres };

/**
 * Keep the query planner's statistics fresh. SQLite has no autovacuum-analyze: without
 * statistics it can pick a city-wide index for a district's queue (100x slower at a year of
 * cases), so this runs at start and hourly. PostgreSQL's autovacuum does this by itself.
 */
export async function optimizeDb<DB>(db: Kysely<DB>, atStart = false): Promise<void> {
  if (isPostgres(db)) return;
  await sql.raw(atStart ? 'PRAGMA optimize=0x10002' : 'PRAGMA optimize').execute(db);
}

/**
 * After a bulk load (seed:synthetic, the bench's data), what a database that had lived with its
 * rows would have. On PostgreSQL a `VACUUM (ANALYZE)`: the planner's statistics (until autovacuum
 * comes to the new tables it takes them for empty), and the visibility map and hint bits, without
 * which every count reads the table as well as the index and the first read of each page writes
 * it (a run right after a load measured the desk's list at a twentieth of its speed). On SQLite the
 * same as optimizeDb at start.
 */
export async function analyzeAll<DB>(db: Kysely<DB>): Promise<void> {
  if (isPostgres(db)) await sql.raw('VACUUM (ANALYZE)').execute(db);
  else await optimizeDb(db, true);
}

/** Bring the schema up to date; throws (and the caller exits non-zero) if a migration fails. */
export async function migrate<DB>(db: Kysely<DB>, opts: { pgSchema?: string } = {}): Promise<string[]> {
  // With several schemas in one database (tests), the migrator must look for its tables in ours.
  const migrator = new Migrator({ db, provider: migrationProvider, ...(opts.pgSchema ? { migrationTableSchema: opts.pgSchema } : {}) });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    const what = failed ? `migration ${failed.migrationName} failed` : 'migration failed';
    throw new Error(`${what}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  return (results ?? []).map((r) => r.migrationName);
}

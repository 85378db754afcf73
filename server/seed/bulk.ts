/**
 * Bulk loading for the synthetic data (seed/synthetic.ts): rows go into the tables as fast as
 * each database takes them, in one transaction.
 *   - SQLite: the app's own connection (the Db's, idle meanwhile), switched for the load to bulk
 *     PRAGMAs (no fsync, a large page cache, no foreign-key checks: the generator makes the
 *     references) and to a rollback journal in memory instead of the write-ahead log, then back;
 *     one transaction, prepared multi-row INSERTs reused for every full batch. In WAL mode the
 *     commit wrote every page of the load into the log first (7.5 s of a 52-s load at 10^5 cases,
 *     and a log as large as the file, 13 GB at 10^6) and a checkpoint then copied it again. The
 *     switch needs the only connection to the file; with another one open it stays in WAL mode,
 *     as before. A load that dies half-way leaves the file to be thrown away (it was a fresh one).
 *   - PostgreSQL: `COPY ... FROM STDIN` (text format) through pg-copy-streams on a client of its
 *     own, in one transaction. Rows are encoded when handed over and sent while the caller makes
 *     the next batch (PostgreSQL parses on its own core); at most a couple of batches wait.
 * The secondary indexes of the tables named at open are dropped first and built again before the
 * commit (a sort beats millions of random B-tree inserts); unique ones are checked when rebuilt.
 * Indexes behind constraints (primary keys, UNIQUE columns) stay.
 * A row's columns are its keys, the same for every row of a table.
 */
import { availableParallelism } from 'node:os';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Insertable } from 'kysely';
import type { Database } from '../db/schema.js';
import { sqliteConnection, type Db } from '../db/database.js';

export type Row<T extends keyof Database> = Insertable<Database[T]>;
type Value = string | number | null;

export interface BulkWriter {
  /** Queue rows of a table; resolves when the writer is ready for more. */
  write<T extends keyof Database>(table: T, rows: readonly Row<T>[]): Promise<void>;
  /** Commit everything written. */
  commit(): Promise<void>;
  /** Roll back and close (after a failure). */
  abort(): Promise<void>;
}

/** Where PostgreSQL's COPY connects (its own client); SQLite has none: it writes through the Db's connection. */
export interface BulkTarget {
  databaseUrl: string | null;
  pgSchema?: string;
}

/** `db`: the app's handle on the same database (SQLite writes through its connection). */
export function openBulkWriter(target: BulkTarget, db: Db, tables: readonly (keyof Database)[]): Promise<BulkWriter> {
  if (target.databaseUrl) return pgWriter(target.databaseUrl, tables, target.pgSchema);
  const connection = sqliteConnection(db);
  if (!connection) throw new Error('the bulk loader writes SQLite through a Db made by createDb');
  return Promise.resolve(sqliteWriter(connection, tables));
}

const columnsOf = (row: object): string[] => Object.keys(row);
const valueOf = (v: unknown): Value => (v === undefined ? null : (v as Value));

// SQLite binds at most 32,766 parameters a statement; 400 rows a statement is past the point of gains.
const SQLITE_MAX_PARAMS = 32_000;
const SQLITE_MAX_ROWS = 400;

/** The connection's settings the load changes, to put back after it. */
const BULK_PRAGMAS = ['journal_mode', 'synchronous', 'cache_size', 'temp_store', 'foreign_keys', 'threads'] as const;

function sqliteWriter(db: SQLite.Database, tables: readonly string[]): BulkWriter {
  const before = BULK_PRAGMAS.map((name) => [name, db.pragma(name, { simple: true })] as const);
  const restore = () => {
    for (const [name, value] of before) db.pragma(`${name} = ${String(value)}`);
  };
  db.pragma('journal_mode = MEMORY');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -524288'); // 512 MB
  db.pragma('temp_store = MEMORY');
  db.pragma('foreign_keys = OFF');
  // The index builds at commit sort with helper threads: at 2·10^4 cases on 2 cores, 2.0 s → 0.95 s.
  db.pragma(`threads = ${Math.min(4, availableParallelism())}`);
  db.exec('BEGIN');
  const indexes = db
    .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (${tables.map(() => '?').join(',')})`)
    .all(...tables) as { name: string; sql: string }[];
  for (const i of indexes) db.exec(`DROP INDEX ${i.name}`);
  const statements = new Map<string, SQLite.Statement>();
  const statement = (table: string, columns: string[], rows: number) => {
    const key = `${table}|${rows}`;
    let s = statements.get(key);
    if (!s) {
      const one = `(${columns.map(() => '?').join(',')})`;
      s = db.prepare(`INSERT INTO ${table} (${columns.join(',')}) VALUES ${new Array<string>(rows).fill(one).join(',')}`);
      statements.set(key, s);
    }
    return s;
  };
  return {
    write(table, rows) {
      if (rows.length === 0) return Promise.resolve();
      const columns = columnsOf(rows[0]!);
      const per = Math.max(1, Math.min(SQLITE_MAX_ROWS, Math.floor(SQLITE_MAX_PARAMS / columns.length)));
      const params: Value[] = [];
      for (let i = 0; i < rows.length; i += per) {
        const chunk = rows.slice(i, i + per);
        params.length = 0;
        for (const row of chunk) {
          const r = row as Record<string, unknown>;
          for (const c of columns) params.push(valueOf(r[c]));
        }
        statement(table, columns, chunk.length).run(params);
      }
      return Promise.resolve();
    },
    commit() {
      for (const i of indexes) db.exec(i.sql);
      db.exec('COMMIT');
      restore();
      return Promise.resolve();
    },
    abort() {
      if (db.inTransaction) db.exec('ROLLBACK');
      restore();
      return Promise.resolve();
    },
  };
}

/** COPY text format: backslash, tab, newline and carriage return escaped; \N for null. */
function copyText(v: Value): string {
  if (v === null) return '\\N';
  if (typeof v === 'number') return String(v);
  return /[\\\t\n\r]/.test(v) ? v.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r')) : v;
}

async function pgWriter(url: string, tables: readonly string[], schema?: string): Promise<BulkWriter> {
  const client = new pg.Client({ connectionString: url, ...(schema ? { options: `-c search_path=${schema}` } : {}) });
  await client.connect();
  await client.query('BEGIN');
  // This transaction's commit need not wait for the disk: a crash loses the load, which is rerun.
  await client.query('SET LOCAL synchronous_commit = off');
  await client.query("SET LOCAL maintenance_work_mem = '512MB'");
  const indexes = (
    await client.query<{ name: string; sql: string }>(
      `SELECT i.indexname AS name, i.indexdef AS sql FROM pg_indexes i
        WHERE i.schemaname = current_schema() AND i.tablename = ANY($1)
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname AND c.connamespace = current_schema()::regnamespace)`,
      [tables],
    )
  ).rows;
  for (const i of indexes) await client.query(`DROP INDEX ${i.name}`);
  let queue: Promise<void> = Promise.resolve();
  let waiting = 0;
  const state: { failed: Error | null } = { failed: null };
  /** A COPY that failed fails the next call (the transaction is lost). */
  const rethrow = () => {
    if (state.failed) throw state.failed;
  };
  const copy = (table: string, columns: string[], text: string) =>
    new Promise<void>((resolve, reject) => {
      const stream = client.query(copyFrom(`COPY ${table} (${columns.join(',')}) FROM STDIN`));
      stream.on('finish', resolve);
      stream.on('error', reject);
      stream.end(text);
    });
  return {
    async write(table, rows) {
      rethrow();
      if (rows.length === 0) return;
      const columns = columnsOf(rows[0]!);
      const lines: string[] = [];
      for (const row of rows) {
        const r = row as Record<string, unknown>;
        lines.push(columns.map((c) => copyText(valueOf(r[c]))).join('\t'));
      }
      const text = `${lines.join('\n')}\n`;
      waiting++;
      queue = queue.then(
        () => copy(table, columns, text).catch((e: unknown) => void (state.failed ??= e instanceof Error ? e : new Error(String(e)))).finally(() => void waiting--),
      );
      if (waiting > 16) await queue;
      rethrow();
    },
    async commit() {
      await queue;
      rethrow();
      // pg_indexes shows a partitioned table's index as "ON ONLY" the parent, which would leave the
      // partitions without it: built again on the whole table.
      for (const i of indexes) await client.query(i.sql.replace(/ ON ONLY /, ' ON '));
      await client.query('COMMIT');
      await client.end();
    },
    async abort() {
      await queue;
      await client.query('ROLLBACK').catch(() => undefined);
      await client.end();
    },
  };
}

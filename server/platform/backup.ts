/**
 * Backups and restores of the database (`npm run backup`, `npm run restore`; decision 0025).
 *
 * SQLite: SQLite's online backup (better-sqlite3 `db.backup()`) from a connection of its own. The
 * copy is taken in one step, inside one read transaction: in WAL mode that is a consistent
 * snapshot while the app keeps writing (writers are not blocked). PostgreSQL: `pg_dump` in its
 * custom format, which reads everything in one repeatable-read snapshot.
 *
 * A restore goes into a new, empty database. One that already holds tables is refused unless
 * forced, so a slip of the finger cannot overwrite the live city.
 *
 * Files (documents, thumbnails, letters) are not in the database backup: they live in the blob store
 * (a folder or an S3 bucket), are never rewritten, and are copied by the store's own means.
 * `filesMissingFromStore` checks a database against a store: every file its rows name is there.
 */
import fs from 'node:fs';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import type { Db } from '../db/database.js';
import type { BlobStore } from './storage.js';

const run = promisify(execFile);

export type Target = { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string; schema?: string };

export interface BackupResult {
  file: string;
  bytes: number;
}

/** `miz-e-khedmat-20261206T004200Z.sqlite` (or `.dump`): sorts by time, says what it holds. */
export function backupFileName(kind: Target['kind'], at: Date): string {
  const stamp = at.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  return `miz-e-khedmat-${stamp}.${kind === 'sqlite' ? 'sqlite' : 'dump'}`;
}

/** Back the database up to `file` (a new file; an existing one is refused). */
export async function backupDatabase(source: Target, file: string): Promise<BackupResult> {
  if (fs.existsSync(file)) throw new Error(`${file} already exists; a backup never overwrites another`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const partial = `${file}.partial`;
  fs.rmSync(partial, { force: true });
  if (source.kind === 'sqlite') {
    if (!fs.existsSync(source.path)) throw new Error(`no database at ${source.path}`);
    const db = new SQLite(source.path, { fileMustExist: true });
    try {
      db.pragma('busy_timeout = 5000');
      // Every page in one step: one read transaction, so one consistent snapshot (SQLite restarts a
      // step-by-step backup whenever another connection writes, which under load may be forever).
      await db.backup(partial, { progress: () => 2 ** 30 });
    } finally {
      db.close();
    }
    settleSqliteCopy(partial);
  } else {
    const args = ['--format=custom', '--no-owner', '--no-privileges', `--file=${partial}`];
    if (source.schema) args.push(`--schema=${source.schema}`);
    await run('pg_dump', [...args, source.url]);
  }
  // Renamed only once complete: a file with the final name is always a whole backup.
  fs.renameSync(partial, file);
  return { file, bytes: fs.statSync(file).size };
}

/** Restore `file` into `target`, which must be empty unless `force`. */
export async function restoreDatabase(file: string, target: Target, opts: { force?: boolean } = {}): Promise<void> {
  if (!fs.existsSync(file)) throw new Error(`no backup at ${file}`);
  const tables = await tableCount(target);
  if (tables > 0 && !opts.force) {
    throw new Error(`the target database already holds ${tables} tables; restore into a new database, or pass --force to replace it`);
  }
  if (target.kind === 'sqlite') {
    checkSqlite(file);
    fs.mkdirSync(path.dirname(target.path), { recursive: true });
    const partial = `${target.path}.restoring`;
    fs.copyFileSync(file, partial);
    // A forced restore replaces the file whole; stale WAL pages of the old one must not be replayed onto it.
    for (const suffix of ['-wal', '-shm']) fs.rmSync(target.path + suffix, { force: true });
    fs.renameSync(partial, target.path);
  } else {
    const args = ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', `--dbname=${target.url}`];
    if (opts.force) args.push('--clean', '--if-exists');
    await run('pg_restore', [...args, file]);
  }
}

/** Tables in the target (0: empty or not there yet). */
async function tableCount(target: Target): Promise<number> {
  if (target.kind === 'sqlite') {
    if (!fs.existsSync(target.path)) return 0;
    const db = new SQLite(target.path, { readonly: true, fileMustExist: true });
    try {
      return (db.prepare("select count(*) as n from sqlite_master where type = 'table'").get() as { n: number }).n;
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: target.url });
  await client.connect();
  try {
    const res = await client.query<{ n: string }>(
      "select count(*) as n from information_schema.tables where table_schema not in ('pg_catalog', 'information_schema')",
    );
    return Number(res.rows[0]!.n);
  } finally {
    await client.end();
  }
}

/**
 * The copy inherits WAL mode from the live file; a backup is one self-contained file, so it is
 * switched back to a rollback journal (its -wal and -shm go away) and then checked.
 */
function settleSqliteCopy(file: string): void {
  const db = new SQLite(file, { fileMustExist: true });
  try {
    db.pragma('journal_mode = DELETE');
  } finally {
    db.close();
  }
  checkSqlite(file);
}

/** A SQLite backup that fails its integrity check is no backup. */
function checkSqlite(file: string): void {
  const db = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    const result = db.pragma('integrity_check', { simple: true });
    if (result !== 'ok') throw new Error(`${file} fails its integrity check: ${String(result)}`);
  } finally {
    db.close();
  }
}

export interface FilesReport {
  /** Files named by the rows (a file named by several rows counts each time). */
  checked: number;
  /** The SHA-256 of each named file the store does not hold. */
  missing: string[];
}

const FILES_PAGE = 500;
/** HEAD requests in flight at once against the store (an S3 bucket answers each in a few ms). */
const FILES_IN_FLIGHT = 16;

/**
 * Every file the database names (documents and their thumbnails, letters), looked up in the store.
 * Rows are read a page at a time by primary key, so a city of millions of documents is not held in memory.
 */
export async function filesMissingFromStore(db: Db, store: BlobStore): Promise<FilesReport> {
  const report: FilesReport = { checked: 0, missing: [] };
  const check = async (shas: string[]) => {
    for (let i = 0; i < shas.length; i += FILES_IN_FLIGHT) {
      const batch = shas.slice(i, i + FILES_IN_FLIGHT);
      const held = await Promise.all(batch.map((sha) => store.has(sha)));
      batch.forEach((sha, j) => !held[j] && report.missing.push(sha));
    }
    report.checked += shas.length;
  };
  for (let after = ''; ; ) {
    const rows = await db.selectFrom('documents').select(['id', 'sha256', 'thumbnail_sha256']).where('id', '>', after).orderBy('id').limit(FILES_PAGE).execute();
    await check(rows.flatMap((r) => (r.thumbnail_sha256 ? [r.sha256, r.thumbnail_sha256] : [r.sha256])));
    if (rows.length < FILES_PAGE) break;
    after = rows[rows.length - 1]!.id;
  }
  for (let after = ''; ; ) {
    const rows = await db.selectFrom('letters').select(['id', 'sha256']).where('id', '>', after).orderBy('id').limit(FILES_PAGE).execute();
    await check(rows.map((r) => r.sha256));
    if (rows.length < FILES_PAGE) break;
    after = rows[rows.length - 1]!.id;
  }
  return report;
}

/**
 * A throw-away database per test file: a temp SQLite file, or (TEST_DB=postgres) a PostgreSQL
 * database of its own, dropped afterwards.
 *
 * Migrating and seeding the demo city for every file cost each file a second or two, so a seeded
 * database is built once into a template and each file gets a copy (decision 0029): a copy of the
 * SQLite file, or `CREATE DATABASE ... TEMPLATE` on PostgreSQL. A template is keyed by what it
 * was built from (the sources of the migrations and of its builder, and the builder's own key,
 * such as the seed's start time), so it is reused by later runs until one of those changes.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { createDb, migrate, type Db } from '../db/database.js';

export const TEST_DB = process.env.TEST_DB === 'postgres' ? 'postgres' : 'sqlite';
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

/** The schema the app's tables live in inside each test database (the backup test dumps just it). */
const PG_SCHEMA = 'miz';
/** Templates and copies of earlier runs older than this are dropped (a live run rebuilds in seconds). */
const STALE_MS = 24 * 3600_000;
const ROOT = path.resolve(import.meta.dirname, '../..');
const SQLITE_TEMPLATES = path.join(os.tmpdir(), 'miz-test-templates');

export interface TestDb {
  db: Db;
  databaseUrl: string | null;
  sqlitePath: string;
  pgSchema?: string;
  drop(): Promise<void>;
}

export interface Template {
  /** What the builder depends on besides its sources, such as the seed's start time. */
  key: string;
  /** Source files the builder runs (relative to the repository); their imports are followed. */
  sources: string[];
  /** Fills a freshly migrated database. */
  build(db: Db): Promise<void>;
}

/** A migrated, empty database (for tests of the migrations themselves). */
export async function createTestDb(): Promise<TestDb> {
  return copyOfTemplate({ key: 'migrated', sources: [], build: async () => undefined });
}

/** A database of this file's own, copied from the template (built first if this run is the first to need it). */
export async function copyOfTemplate(template: Template): Promise<TestDb> {
  const name = `${templateHash(template)}`;
  sweepOnce();
  return TEST_DB === 'postgres' ? pgCopy(name, template) : sqliteCopy(name, template);
}

// ---------------------------------------------------------------- SQLite

async function sqliteCopy(name: string, template: Template): Promise<TestDb> {
  const file = path.join(SQLITE_TEMPLATES, `${name}.sqlite`);
  if (!fs.existsSync(file)) await underFileLock(`${file}.lock`, () => fs.existsSync(file), () => buildSqliteTemplate(file, template));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `miz-test-${process.pid}-`));
  const sqlitePath = path.join(dir, 'test.sqlite');
  fs.copyFileSync(file, sqlitePath);
  fs.utimesSync(file, new Date(), new Date());
  const db = createDb({ databaseUrl: null, sqlitePath });
  return {
    db, databaseUrl: null, sqlitePath,
    drop: async () => {
      await db.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function buildSqliteTemplate(file: string, template: Template): Promise<void> {
  const building = `${file}.${process.pid}.building`;
  const db = createDb({ databaseUrl: null, sqlitePath: building });
  try {
    await migrate(db);
    await template.build(db);
  } finally {
    await db.destroy();
  }
  // Closing the last connection checkpoints the WAL into the file and removes it; the file alone is the database.
  if (fs.existsSync(`${building}-wal`)) throw new Error(`template ${building}: the WAL was not checkpointed`);
  fs.renameSync(building, file);
}

/**
 * Run `build` unless `done()` while holding a lock file, so several vitest workers starting at
 * once build a template once; a lock left by a process that died is taken over.
 */
async function underFileLock(lock: string, done: () => boolean, build: () => Promise<void>): Promise<void> {
  fs.mkdirSync(path.dirname(lock), { recursive: true });
  for (;;) {
    if (done()) return;
    let fd: number;
    try {
      fd = fs.openSync(lock, 'wx');
    } catch {
      const owner = Number.parseInt(fs.readFileSync(lock, 'utf8') || '0', 10);
      if (owner && !alive(owner)) fs.rmSync(lock, { force: true });
      await sleep(100);
      continue;
    }
    try {
      fs.writeSync(fd, String(process.pid));
      fs.closeSync(fd);
      if (!done()) await build();
      return;
    } finally {
      fs.rmSync(lock, { force: true });
    }
  }
}

// ---------------------------------------------------------------- PostgreSQL

function pgUrl(database: string): string {
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${database}`;
  return url.href;
}

/** A connection of its own to the test server's admin database, for the length of `fn`. */
export async function withAdmin<T>(fn: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  try {
    return await fn(admin);
  } finally {
    await admin.end();
  }
}

async function pgCopy(name: string, template: Template): Promise<TestDb> {
  const tpl = `mk_tpl_${name}`;
  const database = `mk_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  await withAdmin(async (admin) => {
    await ensurePgTemplate(admin, tpl, template);
    try {
      await admin.query(`CREATE DATABASE ${database} TEMPLATE ${tpl}`);
    } catch (err) {
      // Swept by another run between our look and our copy: build it again, once.
      if ((err as { code?: string }).code !== '3D000') throw err;
      await ensurePgTemplate(admin, tpl, template);
      await admin.query(`CREATE DATABASE ${database} TEMPLATE ${tpl}`);
    }
  });
  const url = pgUrl(database);
  const db = createDb({ databaseUrl: url, sqlitePath: '', pgSchema: PG_SCHEMA });
  return {
    db, databaseUrl: url, sqlitePath: '', pgSchema: PG_SCHEMA,
    drop: async () => {
      await db.destroy();
      await withAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`));
    },
  };
}

/** Build the template under an advisory lock (released by the server if this process dies). */
async function ensurePgTemplate(admin: pg.Client, tpl: string, template: Template): Promise<void> {
  const exists = async () => (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [tpl])).rowCount === 1;
  if (await exists()) return;
  await admin.query('SELECT pg_advisory_lock(hashtext($1))', [tpl]);
  try {
    if (await exists()) return;
    const building = `${tpl}_b${process.pid}`;
    await admin.query(`DROP DATABASE IF EXISTS ${building} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${building}`);
    const db = createDb({ databaseUrl: pgUrl(building), sqlitePath: '', pgSchema: PG_SCHEMA });
    try {
      await db.schema.createSchema(PG_SCHEMA).execute();
      await migrate(db, { pgSchema: PG_SCHEMA });
      await template.build(db);
    } finally {
      await db.destroy();
    }
    // Renamed when whole: a template under its final name is always complete. No connections
    // allowed, since a copy fails while anyone is connected to its template.
    await admin.query(`ALTER DATABASE ${building} RENAME TO ${tpl}`);
    await admin.query(`ALTER DATABASE ${tpl} WITH ALLOW_CONNECTIONS false`);
  } finally {
    await admin.query('SELECT pg_advisory_unlock(hashtext($1))', [tpl]);
  }
}

// ---------------------------------------------------------------- keys and sweeping

/** Hash of the template's key, the migrations' and the builder's sources (following relative imports) and the lockfile. */
function templateHash(template: Template): string {
  const files = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file) || !fs.existsSync(file)) return;
    files.add(file);
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)) {
      visit(path.resolve(path.dirname(file), m[1]!).replace(/\.js$/, '.ts'));
    }
  };
  for (const source of ['server/db/migrations/index.ts', 'server/db/database.ts', ...template.sources]) visit(path.join(ROOT, source));
  const hash = createHash('sha256').update(`${TEST_DB}\0${template.key}\0`);
  for (const file of [...files].sort()) hash.update(`${path.relative(ROOT, file)}\0`).update(fs.readFileSync(file));
  hash.update(fs.readFileSync(path.join(ROOT, 'package-lock.json')));
  return hash.digest('hex').slice(0, 16);
}

/** Whether a process of this machine still runs (one we may not signal counts as running). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

let swept = false;

/**
 * Once per process, drop what earlier runs left: copies whose process is gone (a run killed before
 * its `afterAll`), and templates unused for a day. Best effort: failing to sweep fails no test.
 */
function sweepOnce(): void {
  if (swept) return;
  swept = true;
  const ownerGone = (name: string) => {
    const pid = Number(/^(?:miz-test|mk_test)[-_](\d+)[-_]/.exec(name)?.[1] ?? /_b(\d+)$/.exec(name)?.[1] ?? 0);
    return pid > 0 && !alive(pid);
  };
  try {
    for (const entry of fs.readdirSync(os.tmpdir())) {
      if (entry.startsWith('miz-test-') && ownerGone(entry)) fs.rmSync(path.join(os.tmpdir(), entry), { recursive: true, force: true });
    }
    for (const entry of fs.existsSync(SQLITE_TEMPLATES) ? fs.readdirSync(SQLITE_TEMPLATES) : []) {
      const file = path.join(SQLITE_TEMPLATES, entry);
      if (Date.now() - fs.statSync(file).mtimeMs > STALE_MS) fs.rmSync(file, { force: true });
    }
  } catch {
    // another process swept the same entry first
  }
  if (TEST_DB !== 'postgres') return;
  void withAdmin(async (admin) => {
    // A template's age: the newest modification of its files (its copies are made under it, not in it).
    const { rows } = await admin.query<{ datname: string; idle_ms: number | null }>(
      `SELECT datname, (SELECT EXTRACT(EPOCH FROM now() - max((pg_stat_file('base/' || d.oid || '/PG_VERSION')).modification)) * 1000) AS idle_ms
         FROM pg_database d WHERE datname LIKE 'mk\\_t%'`,
    );
    for (const { datname, idle_ms } of rows) {
      const stale = datname.startsWith('mk_tpl_') && !/_b\d+$/.test(datname) ? (idle_ms ?? 0) > STALE_MS : ownerGone(datname);
      if (stale) await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`).catch(() => undefined);
    }
  }).catch(() => undefined);
}

/**
 * The real server as a child process (its bundle, dist/server/main.mjs, as `npm start` runs it), on a
 * database of its own, for the tests that kill it or stop it. SQLite: a temp file. PostgreSQL
 * (TEST_DB=postgres): a fresh database on the test server, so the server needs no test-only
 * setting (a schema would need a search path the server cannot be given).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { ensureServerBuilt, SERVER_BUNDLE } from '../../scripts/build.js';
import { createDb, type Db } from '../db/database.js';
import { TEST_DATABASE_URL, TEST_DB } from './db.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface ServerDatabase {
  /** What the server is told (DATABASE_URL or SQLITE_PATH, DATA_DIR). */
  env: Record<string, string>;
  /** A connection of the test's own, to check what the server wrote. */
  db: Db;
  drop(): Promise<void>;
}

async function adminQuery(query: string): Promise<void> {
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  try {
    await admin.query(query);
  } finally {
    await admin.end();
  }
}

export async function serverDatabase(): Promise<ServerDatabase> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'miz-server-'));
  if (TEST_DB === 'postgres') {
    const name = `server_${randomBytes(6).toString('hex')}`;
    await adminQuery(`CREATE DATABASE ${name}`);
    const url = new URL(TEST_DATABASE_URL);
    url.pathname = `/${name}`;
    const databaseUrl = url.toString();
    const db = createDb({ databaseUrl, sqlitePath: '' });
    return {
      env: { DATABASE_URL: databaseUrl, DATA_DIR: dir }, db,
      drop: async () => {
        await db.destroy();
        await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const sqlitePath = path.join(dir, 'server.sqlite');
  const db = createDb({ databaseUrl: null, sqlitePath });
  return {
    env: { DATABASE_URL: '', SQLITE_PATH: sqlitePath, DATA_DIR: dir }, db,
    drop: async () => {
      await db.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A port nobody listens on now (the server is started on it again after each kill). */
export async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

export interface ServerProcess {
  url: string;
  /** The process started (with WORKERS > 1, the cluster's primary); the benchmark reads its memory from /proc. */
  pid: number;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  /** Everything the server printed so far (the tail, for failure messages). */
  output(): string;
  /** Resolves when a line of the server's output matches. */
  waitForLine(pattern: RegExp, timeoutMs?: number): Promise<string>;
  signal(sig: NodeJS.Signals): void;
}

/** Start the server and wait until it listens; 60 s at most unless told (the first start seeds the demo). */
export async function startServer(env: Record<string, string>, timeoutMs = 60_000): Promise<ServerProcess> {
  const port = Number(env.PORT);
  ensureServerBuilt();
  const child = spawn(process.execPath, ['--enable-source-maps', SERVER_BUNDLE], {
    cwd: ROOT,
    env: { ...process.env, HOST: '127.0.0.1', METRICS_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const watchers = new Set<(line: string) => void>();
  const onData = (chunk: Buffer) => {
    const text = chunk.toString();
    out = (out + text).slice(-200_000);
    for (const line of text.split('\n')) for (const w of watchers) w(line);
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  let endedBy: NodeJS.Signals | null = null;
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code, signal) => {
      endedBy = signal;
      resolve(code);
    }),
  );
  const waitForLine = (pattern: RegExp, timeoutMs = 60_000) =>
    new Promise<string>((resolve, reject) => {
      const done = (fn: () => void) => {
        clearTimeout(timer);
        watchers.delete(watch);
        fn();
      };
      const watch = (line: string) => {
        if (pattern.test(line)) done(() => resolve(line));
      };
      const timer = setTimeout(() => done(() => reject(new Error(`no line matching ${pattern} in ${timeoutMs} ms:\n${out}`))), timeoutMs);
      watchers.add(watch);
      void exited.then((code) => done(() => reject(new Error(`server exited (${code ?? endedBy}) before printing ${pattern}:\n${out}`))));
    });
  await waitForLine(/is serving on/, timeoutMs);
  return { url: `http://127.0.0.1:${port}`, pid: child.pid!, exited, output: () => out, waitForLine, signal: (sig) => child.kill(sig) };
}

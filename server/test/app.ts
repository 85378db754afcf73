/**
 * Build the real app on a throw-away copy of a database seeded with the Isfahan demo, with a clock the
 * test controls, and sign in through the API like a browser would.
 */
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp, type AppDeps } from '../app.js';
import { parseConfig } from '../config.js';
import { manualClock } from '../platform/clock.js';
import { DEMO_PASSWORD, seedDemo } from '../seed/seed.js';
import type { Db } from '../db/database.js';
import { copyOfTemplate, type Template } from './db.js';

export interface TestApp {
  app: FastifyInstance;
  db: Db;
  clock: ReturnType<typeof manualClock>;
  /** Where the throw-away database lives (a SQLite file, or a PostgreSQL schema). */
  database: { url: string | null; sqlitePath: string; pgSchema?: string };
  close(): Promise<void>;
}

/** Sunday 2026-11-29 09:00 Tehran: a working day, no holiday near. */
export const TEST_START = '2026-11-29T05:30:00.000Z';

/** The demo seeded at `start`: built once per run (and kept for the next while its sources stay the same), copied for each file. */
export function demoTemplate(start: string = TEST_START): Template {
  return { key: `demo@${start}`, sources: ['server/seed/seed.ts'], build: (db) => seedDemo(db, manualClock(start)) };
}

export async function createTestApp(start: string = TEST_START, deps: Omit<AppDeps, 'db' | 'clock'> = {}, env: Record<string, string> = {}): Promise<TestApp> {
  const tdb = await copyOfTemplate(demoTemplate(start));
  const clock = manualClock(start);
  // No base-map tiles unless a test asks for them: a test never reaches a tile server on the internet.
  const config = parseConfig({ LOG_LEVEL: 'silent', DATA_DIR: '/tmp/miz-test-data', MAP_TILE_URL: 'none', ...env });
  const app = await buildApp(config, { ...deps, db: tdb.db, clock });
  await app.ready();
  return {
    app, db: tdb.db, clock,
    database: { url: tdb.databaseUrl, sqlitePath: tdb.sqlitePath, ...(tdb.pgSchema ? { pgSchema: tdb.pgSchema } : {}) },
    close: async () => {
      await app.close();
      await tdb.drop();
    },
  };
}

/** A signed-in client: every call carries the session cookie. */
export interface Client {
  username: string;
  cookie: string;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  put(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  patch(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  delete(url: string): Promise<LightMyRequestResponse>;
}

/** Sign-in is rate-limited per address and username, so a test reuses one session per person. */
const sessions = new WeakMap<FastifyInstance, Map<string, Client>>();

export async function signIn(app: FastifyInstance, username: string, password = DEMO_PASSWORD): Promise<Client> {
  const cached = sessions.get(app)?.get(`${username}\0${password}`);
  if (cached && (await cached.get('/api/auth/me')).statusCode === 200) return cached;
  const client = await freshSignIn(app, username, password);
  if (!sessions.has(app)) sessions.set(app, new Map());
  sessions.get(app)!.set(`${username}\0${password}`, client);
  return client;
}

/** A new session every time (for tests of sessions themselves). */
export async function freshSignIn(app: FastifyInstance, username: string, password = DEMO_PASSWORD): Promise<Client> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`sign-in of ${username} failed: ${res.statusCode} ${res.body}`);
  const setCookie = res.headers['set-cookie'];
  const cookie = (Array.isArray(setCookie) ? setCookie[0]! : setCookie!).split(';')[0]!;
  const call = (method: InjectOptions['method'], url: string, payload?: unknown) =>
    app.inject({ method, url, headers: { cookie }, ...(payload === undefined ? {} : { payload: payload as object }) });
  return {
    username, cookie,
    get: (url) => call('GET', url),
    post: (url, body) => call('POST', url, body ?? {}),
    put: (url, body) => call('PUT', url, body ?? {}),
    patch: (url, body) => call('PATCH', url, body ?? {}),
    delete: (url) => call('DELETE', url),
  };
}

/** Usernames of the demo organisation, looked up instead of hard-coding generated office codes. */
export async function usernameOf(db: Db, role: string, where: { districtNumber?: number; nth?: number; specialty?: string } = {}): Promise<string> {
  let q = db
    .selectFrom('staff')
    .leftJoin('districts', 'districts.id', 'staff.district_id')
    .select('staff.username')
    .where('staff.role', '=', role)
    .orderBy('staff.username');
  if (where.districtNumber !== undefined) q = q.where('districts.number', '=', where.districtNumber);
  if (where.specialty) q = q.where('staff.specialty', '=', where.specialty);
  const rows = await q.execute();
  const row = rows[where.nth ?? 0];
  if (!row) throw new Error(`no ${role} for ${JSON.stringify(where)}`);
  return row.username;
}

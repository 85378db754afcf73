/**
 * The synthetic generator (decision 0042) on a small set, on the database of the run: every case
 * hangs together (person, property file, desk of its city, a timeline that ends in its state),
 * tracking codes are unique, the population and the skew are there, the audit chain verifies, the
 * rollups equal a direct count, and the app itself works on the result.
 */
import fs from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestState } from '../../contracts/workflow.js';
import { buildApp } from '../app.js';
import { parseConfig } from '../config.js';
import { getWorkflow } from '../modules/catalog/index.js';
import { verifyAuditChain } from '../platform/audit.js';
import { manualClock } from '../platform/clock.js';
import { isValidTrackingCode } from '../platform/ids.js';
import { isNationalCode } from '../../contracts/identifiers.js';
import { TEST_START, signIn } from '../test/app.js';
import { createTestDb, type TestDb } from '../test/db.js';
import { directCaseRows, rollupCases } from '../test/rollups.js';
import { generateSynthetic, type SyntheticResult } from './synthetic.js';
import { tableScans } from '../db/explain.js';
import { sqliteConnection } from '../db/database.js';
import { hotQueries } from '../test/hot-queries.js';

const CASES = 2_000;
let tdb: TestDb;
let app: FastifyInstance;
let result: SyntheticResult;
let indexesBefore: string[];
/** SQLite: the connection's settings before the load, and the write-ahead log's size after it. */
let sqliteBefore: Record<string, unknown> | null = null;
let walAfterLoad = 0;
const SETTINGS = ['journal_mode', 'synchronous', 'cache_size', 'temp_store', 'foreign_keys', 'threads'];
const settingsOf = (connection: NonNullable<ReturnType<typeof sqliteConnection>>) => Object.fromEntries(SETTINGS.map((p) => [p, connection.pragma(p, { simple: true })]));

/** Every index of the database (on PostgreSQL each partition's own included), by name. */
async function indexNames(): Promise<string[]> {
  const query = tdb.pgSchema
    ? sql<{ name: string }>`select indexname as name from pg_indexes where schemaname = current_schema() order by 1`
    : sql<{ name: string }>`select name from sqlite_master where type = 'index' order by 1`;
  return (await query.execute(tdb.db)).rows.map((r) => r.name);
}

beforeAll(async () => {
  tdb = await createTestDb();
  indexesBefore = await indexNames();
  const connection = sqliteConnection(tdb.db);
  if (connection) sqliteBefore = settingsOf(connection);
  result = await generateSynthetic(
    tdb.db,
    { databaseUrl: tdb.databaseUrl, ...(tdb.pgSchema ? { pgSchema: tdb.pgSchema } : {}) },
    { cases: CASES, cities: 2, months: 3, seed: 7, now: new Date(TEST_START) },
  );
  if (connection) walAfterLoad = fs.existsSync(`${tdb.sqlitePath}-wal`) ? fs.statSync(`${tdb.sqlitePath}-wal`).size : 0;
  app = await buildApp(parseConfig({ LOG_LEVEL: 'silent', DATA_DIR: '/tmp/miz-test-data', MAP_TILE_URL: 'none' }), { db: tdb.db, clock: manualClock(TEST_START) });
  await app.ready();
}, 180_000);
afterAll(async () => {
  await app?.close();
  await tdb?.drop();
});

const count = async (table: 'requests' | 'persons' | 'properties' | 'request_events' | 'letters' | 'inquiries' | 'audit_log') =>
  Number((await tdb.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

describe('generateSynthetic', () => {
  it('loads through the app’s own connection on SQLite, past the write-ahead log, and leaves it as it found it', () => {
    // PostgreSQL loads through a COPY client of its own; the app's pool is not touched.
    expect(sqliteConnection(tdb.db) !== undefined).toBe(tdb.databaseUrl === null);
    if (!sqliteBefore) return;
    expect(sqliteBefore).toMatchObject({ journal_mode: 'wal', foreign_keys: 1 });
    expect(settingsOf(sqliteConnection(tdb.db)!)).toEqual(sqliteBefore);
    // The rows went straight into the file: the log holds at most what came after them (the rollups).
    expect(walAfterLoad).toBeLessThan(fs.statSync(tdb.sqlitePath).size / 4);
  });

  it('writes the cases asked for, in two cities, with persons, files, letters, inquiries and audit rows', async () => {
    expect(result).toMatchObject({ cities: 2, cases: CASES });
    expect(await count('requests')).toBe(CASES);
    expect(new Set((await tdb.db.selectFrom('requests').select('city_id').execute()).map((r) => r.city_id)).size).toBe(2);
    // About a person for every three cases, a file for every one and a half.
    expect(await count('persons')).toBeGreaterThanOrEqual(CASES / 4);
    expect(await count('persons')).toBeLessThanOrEqual(CASES / 2.5);
    expect(await count('properties')).toBeGreaterThanOrEqual(CASES / 2);
    expect(await count('properties')).toBeLessThanOrEqual(CASES);
    expect(await count('request_events')).toBe(result.events);
    expect(result.letters).toBeGreaterThan(0);
    expect(await count('letters')).toBe(result.letters);
    expect(result.inquiries).toBeGreaterThan(0);
    expect(await count('inquiries')).toBe(result.inquiries);
    for (const p of await tdb.db.selectFrom('persons').select('national_code').execute()) expect(isNationalCode(p.national_code), p.national_code).toBe(true);
  });

  it('answers an inquiry with its case’s final answer, and leaves it pending while the case has none', async () => {
    const rows = await tdb.db
      .selectFrom('inquiries')
      .leftJoin('responses', 'responses.request_id', 'inquiries.request_id')
      .select(['inquiries.id', 'inquiries.status', 'inquiries.answered_at', 'inquiries.answer', 'responses.issued_at', 'responses.letter_number'])
      .execute();
    expect(rows.some((r) => r.status === 'answered')).toBe(true);
    expect(rows.some((r) => r.status === 'pending')).toBe(true);
    for (const r of rows) {
      if (r.issued_at === null) expect([r.status, r.answered_at, r.answer], r.id).toEqual(['pending', null, null]);
      else {
        expect([r.status, r.answered_at], r.id).toEqual(['answered', r.issued_at]);
        expect(JSON.parse(r.answer!).letterNumber, r.id).toBe(r.letter_number);
      }
    }
  });

  it('numbers each city’s answers on its own: a letter number can be in both cities, never twice in one', async () => {
    const rows = await tdb.db
      .selectFrom('responses')
      .innerJoin('requests', 'requests.id', 'responses.request_id')
      .select(['responses.id', 'responses.city_id', 'responses.letter_number', 'requests.city_id as caseCity'])
      .execute();
    for (const r of rows) expect(r.city_id, r.id).toBe(r.caseCity);
    const citiesOf = new Map<string, Set<string>>();
    for (const r of rows) citiesOf.set(r.letter_number, (citiesOf.get(r.letter_number) ?? new Set()).add(r.city_id));
    const shared = [...citiesOf].find(([, cities]) => cities.size === 2)?.[0];
    expect(shared, 'both cities have a district 1 and count its letters from 1').toBeDefined();
    // The database itself refuses a number taken in the same city.
    const a = rows.find((r) => r.letter_number === shared)!;
    const sameCity = rows.find((r) => r.city_id === a.city_id && r.letter_number !== shared)!;
    await expect(tdb.db.updateTable('responses').set({ letter_number: shared! }).where('id', '=', sameCity.id).execute()).rejects.toThrow(/unique|UNIQUE/);
  });

  it('every case has its applicant, a file owned by them and a desk of its city and district', async () => {
    const broken = await tdb.db
      .selectFrom('requests')
      .leftJoin('persons', 'persons.id', 'requests.applicant_person_id')
      .leftJoin('properties', 'properties.id', 'requests.property_id')
      .leftJoin('offices', 'offices.id', 'requests.office_id')
      .leftJoin('property_owners', (j) => j.onRef('property_owners.property_id', '=', 'requests.property_id').onRef('property_owners.person_id', '=', 'requests.applicant_person_id'))
      .select(['requests.id', 'persons.id as person', 'properties.city_id as propertyCity', 'properties.district_id as propertyDistrict', 'offices.city_id as officeCity', 'offices.district_id as officeDistrict', 'property_owners.person_id as owner', 'requests.city_id', 'requests.district_id'])
      .execute();
    expect(broken).toHaveLength(CASES);
    for (const r of broken) {
      expect(r.person, r.id).not.toBeNull();
      expect(r.owner, r.id).not.toBeNull();
      expect([r.propertyCity, r.officeCity], r.id).toEqual([r.city_id, r.city_id]);
      expect([r.propertyDistrict, r.officeDistrict], r.id).toEqual([r.district_id, r.district_id]);
    }
  });

  it("names each city's own notaries and agencies on its cases' forms, never another city", async () => {
    const rows = await tdb.db.selectFrom('requests').innerJoin('cities', 'cities.id', 'requests.city_id').select(['requests.form', 'cities.name_fa', 'cities.province_fa']).execute();
    const cityNames = new Set(rows.map((r) => r.name_fa));
    expect(cityNames.size).toBe(2);
    let named = 0;
    for (const r of rows) {
      const form = JSON.parse(r.form) as Record<string, unknown>;
      if (typeof form.notaryCity === 'string') {
        expect(form.notaryCity).toBe(r.name_fa);
        named++;
      }
      for (const other of cityNames) if (other !== r.name_fa && other !== r.province_fa) expect(JSON.stringify(form)).not.toContain(other);
    }
    expect(named).toBeGreaterThan(0);
  });

  it('every timeline starts at intake and ends in its case’s state; tracking codes are valid and unique', async () => {
    const cases = await tdb.db
      .selectFrom('requests')
      .innerJoin('services', 'services.id', 'requests.service_id')
      .select(['requests.id', 'requests.state', 'requests.closed_at', 'requests.tracking_code', 'services.workflow_code'])
      .execute();
    const events = await tdb.db.selectFrom('request_events').select(['request_id', 'action', 'from_state', 'to_state']).orderBy('request_id').orderBy('created_at').orderBy('id').execute();
    const byCase = new Map<string, typeof events>();
    for (const e of events) byCase.set(e.request_id, [...(byCase.get(e.request_id) ?? []), e]);
    const states = new Set<string>();
    for (const c of cases) {
      const timeline = byCase.get(c.id)!;
      expect(timeline[0], c.id).toMatchObject({ action: 'register', from_state: null, to_state: 'registered' });
      for (let i = 1; i < timeline.length; i++) expect(timeline[i]!.from_state, c.id).toBe(timeline[i - 1]!.to_state);
      expect(timeline.at(-1)!.to_state, c.id).toBe(c.state);
      expect(c.closed_at !== null, c.id).toBe(getWorkflow(c.workflow_code).terminal.includes(c.state as RequestState));
      expect(isValidTrackingCode(c.tracking_code)).toBe(true);
      states.add(c.state);
    }
    expect(new Set(cases.map((c) => c.tracking_code)).size).toBe(CASES);
    for (const s of ['delivered', 'cancelled', 'district_review']) expect(states, s).toContain(s);
    // All the services are there.
    expect(new Set((await tdb.db.selectFrom('requests').select('service_code').execute()).map((r) => r.service_code)).size).toBe(
      new Set((await tdb.db.selectFrom('services').select('code').execute()).map((s) => s.code)).size,
    );
  });

  it('is skewed: the busiest desk takes several times the median desk', async () => {
    const perDesk = (await tdb.db.selectFrom('requests').select(['office_id', (eb) => eb.fn.countAll().as('n')]).groupBy('office_id').execute()).map((r) => Number(r.n)).sort((a, b) => a - b);
    const median = perDesk[Math.floor(perDesk.length / 2)]!;
    expect(perDesk.at(-1)!).toBeGreaterThanOrEqual(3 * median);
  });

  it('writes one audit chain that verifies, a row for every step', async () => {
    const report = await verifyAuditChain(tdb.db);
    expect(report).toMatchObject({ ok: true, brokenAt: null });
    expect(report.rows).toBe(result.events);
    expect(await count('audit_log')).toBe(result.audit);
  });

  it('rebuilds rollups that equal a direct count over the cases', async () => {
    const rows = await rollupCases(tdb.db);
    expect(rows).toEqual(await directCaseRows(tdb.db));
    expect(rows.reduce((n, r) => n + r.cases, 0)).toBe(CASES);
  });

  it('leaves every index as it found it (the bulk load drops and rebuilds them; on PostgreSQL each partition’s too), and the hot queries use them', async () => {
    expect(await indexNames()).toEqual(indexesBefore);
    expect(await tableScans(tdb.db, await hotQueries(tdb.db))).toEqual([]);
  });

  it('the app runs on it: public tracking, a desk’s list, a case page and the dashboards', async () => {
    const kase = await tdb.db
      .selectFrom('requests')
      .innerJoin('persons', 'persons.id', 'requests.applicant_person_id')
      .innerJoin('staff', (j) => j.onRef('staff.office_id', '=', 'requests.office_id').on('staff.role', '=', 'office_operator'))
      .select(['requests.id', 'requests.tracking_code', 'requests.office_id', 'persons.national_code', 'staff.username'])
      .orderBy('requests.created_at', 'desc')
      .executeTakeFirstOrThrow();
    const tracked = await app.inject({ method: 'GET', url: `/api/public/requests/${kase.tracking_code}?nationalCode=${kase.national_code}` });
    expect(tracked.statusCode, tracked.body).toBe(200);
    expect(tracked.body).toContain(kase.tracking_code);

    const desk = await signIn(app, kase.username);
    const list = await desk.get('/api/requests?pageSize=50');
    expect(list.statusCode, list.body).toBe(200);
    const items = list.json().items as { id: string }[];
    expect(items.length).toBeGreaterThan(0);
    const own = new Set((await tdb.db.selectFrom('requests').select('id').where('office_id', '=', kase.office_id).execute()).map((r) => r.id));
    for (const i of items) expect(own.has(i.id)).toBe(true);
    const page = await desk.get(`/api/requests/${kase.id}`);
    expect(page.statusCode, page.body).toBe(200);
    expect(page.json().timeline.length).toBeGreaterThan(0);

    const adminName = (await tdb.db.selectFrom('staff').select('username').where('role', '=', 'city_admin').orderBy('username').executeTakeFirstOrThrow()).username;
    const admin = await signIn(app, adminName);
    const figures = await admin.get('/api/dashboards/figures?from=2026-10-23&to=2026-11-21');
    expect(figures.statusCode, figures.body).toBe(200);
    const tables = figures.json().tables as { rows: Record<string, unknown>[] }[];
    expect(tables.some((t) => t.rows.length > 0)).toBe(true);
  });
});

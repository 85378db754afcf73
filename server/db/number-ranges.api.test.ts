/**
 * No number out of its range can be stored, whatever path writes it (issue 11, defect 3; migration
 * 20261206T0040, decision 0022): written straight through Kysely, past every route schema, an
 * infinite, NaN or out-of-range value is refused by the database itself; and when such a refusal
 * is reached through the API it is a 400 on the field, with nothing written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Migrator } from 'kysely';
import { migrate } from './database.js';
import { migrationProvider } from './migrations/index.js';
import { createTestDb } from '../test/db.js';
import { createTestApp, signIn, usernameOf, type Client, type TestApp } from '../test/app.js';
import { districtProperty, registerCase, visitAndReport } from '../test/factories.js';
import { newApiClient, newApiKey } from '../test/inquiries.js';

let t: TestApp;
let admin: Client;

beforeAll(async () => {
  t = await createTestApp();
  admin = await signIn(t.app, 'admin');
  // The demo has no cases or clients: one inspected case (a request and its inspection) and one client.
  const desk = await signIn(t.app, await usernameOf(t.db, 'office_operator', { districtNumber: 3 }));
  await visitAndReport(t, await registerCase(desk, await districtProperty(t.db, 3)));
  await newApiClient(admin);
});
afterAll(async () => t?.close());

/**
 * The oracle, written by hand: a column of a seeded row, a value it may hold, and values it may
 * not (beyond the route's bounds, or not a finite number).
 */
const CASES: Array<{ table: string; column: string; ok: number; bad: number[] }> = [
  { table: 'districts', column: 'desk_target', ok: 9, bad: [-1, 501, 2.5] },
  { table: 'services', column: 'fee_rials', ok: 1_500_000, bad: [-1, 1e12 + 1] },
  { table: 'services', column: 'answer_validity_days', ok: 180, bad: [0, 3651] },
  { table: 'requests', column: 'fee_rials', ok: 0, bad: [-5, 1e13] },
  { table: 'properties', column: 'plate_main', ok: 12, bad: [0, 1_000_001] },
  { table: 'properties', column: 'registry_section', ok: 5, bad: [0, 1001] },
  { table: 'properties', column: 'lat', ok: 32.65, bad: [23.9, 40.1] },
  { table: 'properties', column: 'lng', ok: 51.67, bad: [43.9, 64.1] },
  { table: 'properties', column: 'land_area', ok: 250.5, bad: [0, -3, 10_000_001] },
  { table: 'properties', column: 'floors', ok: 4, bad: [-1, 201] },
  { table: 'properties', column: 'units', ok: 8, bad: [-1, 10_001] },
  { table: 'property_owners', column: 'share_milli_dang', ok: 6000, bad: [0, 6001] },
  { table: 'inspections', column: 'gps_lat', ok: 32.6, bad: [-91, 91] },
  { table: 'inspections', column: 'gps_lng', ok: 51.6, bad: [-181, 181] },
  { table: 'inspections', column: 'gps_accuracy_m', ok: 12, bad: [-1, 100_001] },
  { table: 'api_clients', column: 'rate_limit_per_minute', ok: 60, bad: [0, 6001] },
  { table: 'holiday_lists', column: 'year', ok: 1405, bad: [1299, 1501] },
  { table: 'excavation_tariffs', column: 'rials_per_meter', ok: 2_000_000, bad: [0, 1e12 + 1] },
];
const NOT_FINITE = [Infinity, -Infinity, NaN];

/** Some row of the table, by all its columns (the tables above have no single id in common). */
async function someRow(table: string): Promise<Record<string, unknown>> {
  const row = await t.db.selectFrom(table as 'districts').selectAll().limit(1).executeTakeFirst();
  if (!row) throw new Error(`the demo has no ${table} row`);
  return row;
}

const KEYS: Record<string, string[]> = {
  property_owners: ['property_id', 'person_id'],
  excavation_tariffs: ['city_id', 'street_type'],
};

async function write(table: string, row: Record<string, unknown>, column: string, value: number) {
  let q = t.db.updateTable(table as 'districts').set({ [column]: value } as never);
  for (const key of KEYS[table] ?? ['id']) q = q.where(key as 'id', '=', row[key] as string);
  return q.executeTakeFirst();
}

async function read(table: string, row: Record<string, unknown>, column: string) {
  let q = t.db.selectFrom(table as 'districts').select(column as 'id');
  for (const key of KEYS[table] ?? ['id']) q = q.where(key as 'id', '=', row[key] as string);
  return ((await q.executeTakeFirstOrThrow()) as Record<string, unknown>)[column];
}

describe('the database refuses numbers out of range, written past the routes', () => {
  for (const c of CASES) {
    it(`${c.table}.${c.column}`, async () => {
      const row = await someRow(c.table);
      await write(c.table, row, c.column, c.ok);
      expect(await read(c.table, row, c.column)).toBe(c.ok);
      for (const value of [...c.bad, ...NOT_FINITE]) {
        const refused = await write(c.table, row, c.column, value).then(
          () => false,
          () => true,
        );
        const stored = await read(c.table, row, c.column);
        // SQLite has no NaN: it stores NULL, which a nullable column may hold; anything else is refused.
        if (Number.isNaN(value) && !refused) expect(stored).toBeNull();
        else expect(refused, `${c.table}.${c.column} = ${value} was stored`).toBe(true);
        if (refused) expect(stored).toBe(c.ok);
      }
    });
  }

  it('a new row is checked as well as a changed one', async () => {
    const city = (await t.db.selectFrom('cities').select('id').executeTakeFirstOrThrow()).id;
    const insert = (year: number) =>
      t.db.insertInto('holiday_lists').values({ id: `test-${year}`, city_id: city, year, status: 'provisional', source: 'test', confirmed_by: null, confirmed_at: null, updated_at: '2026-12-06T00:00:00Z' }).execute();
    await expect(insert(Infinity)).rejects.toThrow();
    await expect(insert(1501)).rejects.toThrow();
    await insert(1490);
  });
});

describe('through the API, a refusal by the database is a 400 on the field, with nothing written', () => {
  it('a permit whose fee would pass 9×10^15 rials (an 11 km trench at the highest tariff): 400 on feeRials, no permit', async () => {
    expect((await admin.put('/api/excavation-tariffs/main', { rialsPerMeter: 1_000_000_000_000 })).statusCode).toBe(200);
    const client = await newApiClient(admin, { kind: 'utility', nameFa: 'شرکت گاز استان اصفهان', officialCode: '10270', rateLimitPerMinute: 1000 });
    const key = await newApiKey(admin, client.id, ['excavation']);
    const permits = async () => (await t.db.selectFrom('excavation_permits').select('id').execute()).length;
    const before = await permits();
    const res = await t.app.inject({
      method: 'POST', url: '/api/v1/excavations', headers: { authorization: `Bearer ${key}` },
      payload: {
        route: { type: 'LineString', coordinates: [[51.66, 32.6], [51.66, 32.7]] }, widthMeters: 0.6, depthMeters: 1.2, streetType: 'main',
        startDate: '2026-12-05', endDate: '2026-12-12', purpose: 'خط لوله گاز', contractorName: 'شرکت ساختمانی زاینده', contractorMobile: '09131234567', districtNumber: 3,
      },
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.fields).toEqual([expect.objectContaining({ field: 'feeRials', code: 'out_of_range' })]);
    expect(await permits()).toBe(before);
  });
});

describe('the migration over rows already out of range', () => {
  it('stops with the column and the count, and runs once the row is repaired', async () => {
    const tdb = await createTestDb();
    try {
      const migrator = new Migrator({ db: tdb.db, provider: migrationProvider, ...(tdb.pgSchema ? { migrationTableSchema: tdb.pgSchema } : {}) });
      // Back to just before the constraints (the later migrations are undone on the way).
      const down = await migrator.migrateTo('20261206T0030_throttles');
      expect(down.error).toBeUndefined();
      expect(down.results?.at(-1)).toMatchObject({ migrationName: '20261206T0040_number_ranges', direction: 'Down', status: 'Success' });
      await tdb.db.insertInto('cities').values({ id: 'c1', code: 'TEST', name_fa: 'آزمون', name_en: 'Test', province_fa: 'آزمون', created_at: '2026-12-06T00:00:00Z' }).execute();
      await tdb.db.insertInto('districts').values({ id: 'd1', city_id: 'c1', number: 1, name_fa: 'یک', name_en: 'One', address_fa: '-', phone: '-', desk_target: 501 }).execute();
      await expect(migrate(tdb.db, { pgSchema: tdb.pgSchema })).rejects.toThrow(/1 rows of districts\.desk_target are outside 0\.\.500/);
      await tdb.db.updateTable('districts').set({ desk_target: 8 }).where('id', '=', 'd1').execute();
      expect((await migrate(tdb.db, { pgSchema: tdb.pgSchema }))[0]).toBe('20261206T0040_number_ranges');
      await expect(tdb.db.updateTable('districts').set({ desk_target: 501 }).where('id', '=', 'd1').execute()).rejects.toThrow();
    } finally {
      await tdb.drop();
    }
  });
});

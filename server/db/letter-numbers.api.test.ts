/**
 * Migration 20261207T0110: an answer's letter number is unique within its city. Taken down and up
 * again over an answered case, the answer keeps its number, gains its case's city, and the letter
 * job that refers to it still finds it (SQLite rebuilds the table with foreign keys off).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Migrator, sql } from 'kysely';
import { isPostgres, migrate } from './database.js';
import { migrationProvider } from './migrations/index.js';
import { createTestApp, signIn, type TestApp } from '../test/app.js';
import { completeInspectionCase, districtProperty } from '../test/factories.js';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
  await completeInspectionCase(t, await signIn(t.app, 'o10573449-op1'), await districtProperty(t.db, 3), 3);
}, 60_000);
afterAll(async () => t?.close());

describe('letter numbers per city (migration 20261207T0110)', () => {
  it('go down and up over an answered case, keeping the answer, its number and what refers to it', async () => {
    const before = await t.db
      .selectFrom('responses')
      .innerJoin('requests', 'requests.id', 'responses.request_id')
      .select(['responses.id', 'responses.letter_number', 'responses.city_id', 'requests.city_id as caseCity'])
      .execute();
    expect(before).toHaveLength(1);
    expect(before[0]!.city_id).toBe(before[0]!.caseCity);
    const jobs = await t.db.selectFrom('letter_jobs').select(['id', 'response_id']).where('response_id', '=', before[0]!.id).execute();
    expect(jobs.length).toBeGreaterThan(0);

    const migrator = new Migrator({ db: t.db, provider: migrationProvider, ...(t.database.pgSchema ? { migrationTableSchema: t.database.pgSchema } : {}) });
    const down = await migrator.migrateTo('20261207T0100_monthly_rollups');
    expect(down.error).toBeUndefined();
    // Every migration after 0100 goes down, newest first, and up again.
    const later = Object.keys(await migrationProvider.getMigrations()).sort().filter((name) => name > '20261207T0100_monthly_rollups');
    expect(later[0]).toBe('20261207T0110_letter_numbers_per_city');
    expect(down.results?.map((r) => [r.migrationName, r.direction, r.status])).toEqual([...later].reverse().map((name) => [name, 'Down', 'Success']));
    const columns = async () => (await t.db.introspection.getTables()).find((x) => x.name === 'responses')!.columns.map((c) => c.name);
    expect(await columns()).not.toContain('city_id');

    expect(await migrate(t.db, { pgSchema: t.database.pgSchema })).toEqual(later);
    expect(await columns()).toContain('city_id');
    const after = await t.db.selectFrom('responses').select(['id', 'letter_number', 'city_id']).execute();
    expect(after).toEqual([{ id: before[0]!.id, letter_number: before[0]!.letter_number, city_id: before[0]!.caseCity }]);
    const joined = await t.db.selectFrom('letter_jobs').innerJoin('responses', 'responses.id', 'letter_jobs.response_id').select('letter_jobs.id').execute();
    expect(joined.map((j) => j.id).sort()).toEqual(jobs.map((j) => j.id).sort());
    if (!isPostgres(t.db)) {
      expect((await sql`pragma foreign_key_check`.execute(t.db)).rows).toEqual([]);
      expect((await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(t.db)).rows[0]!.foreign_keys).toBe(1);
    }
  }, 60_000);
});

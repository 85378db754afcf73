/**
 * The timeline query, the hottest read of the largest table (decision 0040): on PostgreSQL the
 * timelines are partitioned by year and by city within the year, and the query reads only its
 * case's city's part of the years from its case's on; on SQLite (no partitioning) the same query
 * still goes by the case's index.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Migrator, sql } from 'kysely';
import { createTestApp, signIn, usernameOf, type Client, type TestApp } from '../../test/app.js';
import { districtProperty, registerCase } from '../../test/factories.js';
import { isPostgres, migrate } from '../../db/database.js';
import { migrationProvider } from '../../db/migrations/index.js';
import { planAsRun } from '../../test/plans.js';
import { trackedRequestQuery } from '../public/index.js';
import { timelineQuery } from './requests.queries.js';
import { ensurePartitionYears } from '../../db/partitions.js';
import { newId } from '../../platform/ids.js';
import { partitionTree as partitionTreeOf, yearsMade as yearsMadeOf } from '../../test/partitions.js';

let t: TestApp;
let op: Client;
let caseId: string;

beforeAll(async () => {
  t = await createTestApp();
  op = await signIn(t.app, await usernameOf(t.db, 'office_operator', { districtNumber: 7 }));
  caseId = (await registerCase(op, await districtProperty(t.db, 7))).id;
});
afterAll(async () => t?.close());

const plan = (publicOnly: boolean) => planAsRun(t.db, timelineQuery(t.db, caseId, publicOnly));

describe('the timeline query', () => {
  it("reads the case's whole timeline, in order", async () => {
    const lines = await timelineQuery(t.db, caseId, false).execute();
    const page = (await op.get(`/api/requests/${caseId}`)).json<{ timeline: { id: string }[] }>();
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.map((l) => l.id)).toEqual(page.timeline.map((l) => l.id));
  });

  it("PostgreSQL: reads only the case's city's part of its year and later ones (partitions pruned); SQLite: goes by the case index", async () => {
    // The test clock opens the case in 2026.
    expect((await t.db.selectFrom('requests').select('created_at').where('id', '=', caseId).executeTakeFirstOrThrow()).created_at).toMatch(/^2026-/);
    if (!isPostgres(t.db)) {
      expect(await plan(false)).toMatch(/SEARCH request_events USING INDEX request_events_request_idx \(request_id=\?\)/);
      return;
    }
    const years = await yearsMade();
    expect(years).toEqual(expect.arrayContaining([2026, 2027]));
    expect(await partitionTree()).toEqual(partitionsByCity(years));
    const home = await sql<{ partition: string }>`select distinct tableoid::regclass::text as partition from request_events where request_id = ${caseId}`.execute(t.db);
    expect(home.rows).toHaveLength(1);
    const part = /^request_events_y2026_(c[0-3])$/.exec(home.rows[0]!.partition)![1]!;

    const kase = await t.db
      .selectFrom('requests')
      .innerJoin('persons', 'persons.id', 'requests.applicant_person_id')
      .select(['requests.tracking_code', 'requests.city_id', 'persons.national_code'])
      .where('requests.id', '=', caseId)
      .executeTakeFirstOrThrow();
    const plans = [
      await plan(false), await plan(true), await planAsRun(t.db, timelineQuery(t.db, caseId, false, kase.city_id)),
      await planAsRun(t.db, trackedRequestQuery(t.db, kase.tracking_code, kase.national_code)),
    ];
    // With the city found from the case, the other cities' parts are opened and never read; with the city given, they are left out as the plan starts.
    expect(plans[0]).toMatch(/request_events_y2026_c\d+ request_events_\d+ \(never executed\)/);
    expect(plans[2]).toMatch(/Subplans Removed: [1-9]/);
    expect(plans[2]).not.toMatch(new RegExp(`request_events_y\\d{4}_(?!${part})c\\d`));
    for (const text of plans) {
      // The case page's query (MergeAppend) names every partition; the public tracking's join (Append) only those left after the pruning as it starts.
      const scans = [...text.matchAll(/on (request_events_\w+) (?:request_events|line)_\d+ \((never executed|actual rows=(\d+))/g)].map((m) => ({ partition: m[1]!, ran: m[2] !== 'never executed' }));
      const read = scans.filter((s) => s.ran).map((s) => s.partition);
      expect(read, text).toEqual([...years.filter((y) => y >= 2026).map((y) => `request_events_y${y}_${part}`), 'request_events_default']);
      expect(text).toMatch(new RegExp(`Index Scan using request_events_y2026_${part}_request_id_id_idx on request_events_y2026_${part} \\w+ \\(actual rows=[1-9]`));
    }
  });

  it('PostgreSQL: a year is made with its four parts, for the timelines and the audit log, when asked, once however many servers ask, and refused while the default partition holds its lines', async () => {
    // Years well after any the migration or the seed made (this year and next, the test clock's).
    const y = new Date().getUTCFullYear() + 10;
    if (!isPostgres(t.db)) {
      expect(await ensurePartitionYears(t.db, y, y)).toEqual([]);
      return;
    }
    const made = await Promise.all([ensurePartitionYears(t.db, y, y + 1), ensurePartitionYears(t.db, y + 1, y + 1), ensurePartitionYears(t.db, y, y + 1)]);
    expect(made.flat().sort()).toEqual([y, y + 1]);
    expect(await yearsMade()).toEqual(expect.arrayContaining([y, y + 1]));
    expect((await partitionTree()).filter((p) => p.includes(`y${y + 1}`))).toEqual([`request_events_y${y + 1}`, ...[0, 1, 2, 3].map((c) => `  request_events_y${y + 1}_c${c}`)]);
    // The audit log's years with them.
    expect((await partitionTreeOf(t.db, 'audit_log')).filter((p) => p.includes(`y${y + 1}`))).toEqual([`audit_log_y${y + 1}`, ...[0, 1, 2, 3].map((c) => `  audit_log_y${y + 1}_c${c}`)]);

    // A line of a year with no partition waits in the default one; the year cannot be made over it.
    const line = { ...(await t.db.selectFrom('request_events').selectAll().where('request_id', '=', caseId).executeTakeFirstOrThrow()), id: newId(), created_at: `${y + 3}-03-01T08:00:00.000Z` };
    await t.db.insertInto('request_events').values(line).execute();
    const where = async () => (await sql<{ p: string }>`select tableoid::regclass::text as p from request_events where id = ${line.id}`.execute(t.db)).rows[0]!.p;
    expect(await where()).toBe('request_events_default');
    await expect(ensurePartitionYears(t.db, y + 3, y + 3)).rejects.toThrow(new RegExp(`request_events_default holds 1 rows of ${y + 3}`));
    expect(await yearsMade()).not.toContain(y + 3);
    await t.db.deleteFrom('request_events').where('id', '=', line.id).execute();
    expect(await ensurePartitionYears(t.db, y + 2, y + 3)).toEqual([y + 2, y + 3]);
    await t.db.insertInto('request_events').values(line).execute();
    expect(await where()).toMatch(new RegExp(`^request_events_y${y + 3}_c[0-3]$`));
    await t.db.deleteFrom('request_events').where('id', '=', line.id).execute();
  });

  // Last: it takes the database down a migration and back.
  it('the migrations move every line into the partitions and back, with its case city, and refuse a line dated before its case', async () => {
    const total = Number((await t.db.selectFrom('request_events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const before = await lineIds();
    expect(before.length).toBeGreaterThan(0);
    const migrator = new Migrator({ db: t.db, provider: migrationProvider, ...(t.database.pgSchema ? { migrationTableSchema: t.database.pgSchema } : {}) });

    // Back to lines without a city (0220 undone): by year only on PostgreSQL.
    const byYear = await migrator.migrateTo('20261207T0210_audit_log_by_year');
    expect(byYear.error).toBeUndefined();
    expect(byYear.results?.map((r) => `${r.migrationName} ${r.direction} ${r.status}`).at(-1)).toBe('20261207T0220_request_events_by_city Down Success');
    expect(byYear.results?.every((r) => r.status === 'Success')).toBe(true);
    expect(await lineIds()).toEqual(before);
    expect(await hasCityColumn()).toBe(false);
    if (isPostgres(t.db)) expect(await partitionTree()).toEqual(partitionsByYear);
    if (!isPostgres(t.db)) {
      // SQLite: a line whose case is gone (a bulk load writes with foreign keys off) has no city to take: refused, with the count, and nothing changed.
      const orphan = { ...(await sql<Record<string, unknown>>`select * from request_events where request_id = ${caseId} limit 1`.execute(t.db)).rows[0]!, id: newId(), request_id: newId() };
      await sql`pragma foreign_keys = off`.execute(t.db);
      await sql`insert into request_events (${sql.join(Object.keys(orphan).map((c) => sql.ref(c)))}) values (${sql.join(Object.values(orphan))})`.execute(t.db);
      await sql`pragma foreign_keys = on`.execute(t.db);
      await expect(migrator.migrateTo('20261207T0220_request_events_by_city')).resolves.toMatchObject({ error: expect.objectContaining({ message: expect.stringMatching(/^1 timeline lines \(request_events\) belong to no case/) }) });
      expect(await hasCityColumn()).toBe(false);
      expect(await lineIds()).toEqual(before);
      expect((await t.db.introspection.getTables()).map((x) => x.name)).not.toContain('request_events_next');
      await sql`delete from request_events where id = ${orphan.id}`.execute(t.db);
    }

    // Back before any partitioning (0090 undone).
    const down = await migrator.migrateTo('20261206T0080_case_list_indexes');
    expect(down.error).toBeUndefined();
    // The later migrations are undone on the way; the last one undone is 0090.
    expect(down.results?.at(-1)).toMatchObject({ migrationName: '20261206T0090_request_events_by_year', direction: 'Down', status: 'Success' });
    expect(await lineIds()).toEqual(before);
    if (isPostgres(t.db)) {
      expect(await partitionTree()).toEqual([]);
      // A line dated in the year before its case was opened would vanish from the case page: refused, with the count.
      const first = before[0]!;
      const at = (await t.db.selectFrom('request_events').select('created_at').where('id', '=', first).executeTakeFirstOrThrow()).created_at;
      await t.db.updateTable('request_events').set({ created_at: '2025-12-31T23:59:59.000Z' }).where('id', '=', first).execute();
      await expect(migrate(t.db, { pgSchema: t.database.pgSchema })).rejects.toThrow(/1 timeline lines \(request_events\) are dated before the year their case was opened/);
      await t.db.updateTable('request_events').set({ created_at: at }).where('id', '=', first).execute();
    }
    expect((await migrate(t.db, { pgSchema: t.database.pgSchema }))[0]).toBe('20261206T0090_request_events_by_year');
    expect(await lineIds()).toEqual(before);
    expect(await hasCityColumn()).toBe(true);
    expect((await timelineQuery(t.db, caseId, false).execute()).map((l) => l.id)).toEqual(before);
    // Every line got its case's city.
    const cities = await t.db
      .selectFrom('request_events')
      .innerJoin('requests', 'requests.id', 'request_events.request_id')
      .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.sum<number>(eb.case().when('request_events.city_id', '=', eb.ref('requests.city_id')).then(1).else(0).end()).as('same')])
      .executeTakeFirstOrThrow();
    expect([Number(cities.n), Number(cities.same)]).toEqual([total, total]);
    if (isPostgres(t.db)) {
      // The years the lines are dated in, this year and next (the real clock's: a migration knows no other).
      const now = new Date().getUTCFullYear();
      const dated = await sql<{ year: string }>`select distinct substr(created_at, 1, 4) as year from request_events`.execute(t.db);
      const years = [...new Set([...dated.rows.map((r) => Number(r.year)), now, now + 1])].sort((a, b) => a - b);
      expect(await yearsMade()).toEqual(years);
      expect(await partitionTree()).toEqual(partitionsByCity(years));
    }
  });
});

/** The partitions under request_events, a year's own parts indented under it: migration 0090's 2020-2039, then 0220's years as they come, each in four. */
const partitionsByYear = ['request_events_default', ...Array.from({ length: 20 }, (_, i) => `request_events_y${2020 + i}`)];
const partitionsByCity = (years: number[]) => ['request_events_default', ...years.flatMap((y) => [`request_events_y${y}`, ...[0, 1, 2, 3].map((c) => `  request_events_y${y}_c${c}`)])];

const yearsMade = () => yearsMadeOf(t.db, 'request_events');
const partitionTree = () => partitionTreeOf(t.db, 'request_events');

/** The case's lines by a plain read, whatever the table's columns at the time. */
async function lineIds(): Promise<string[]> {
  const { rows } = await sql<{ id: string }>`select id from request_events where request_id = ${caseId} order by id`.execute(t.db);
  return rows.map((r) => r.id);
}

async function hasCityColumn(): Promise<boolean> {
  return (await t.db.introspection.getTables()).find((x) => x.name === 'request_events')!.columns.some((c) => c.name === 'city_id');
}

/**
 * The timeline query, the hottest read of the largest table (decision 0040): on PostgreSQL the
 * timelines are partitioned by year and the query never reads the years before its case; on
 * SQLite (no partitioning) the same query still goes by the case's index.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Migrator, sql } from 'kysely';
import { createTestApp, signIn, usernameOf, type Client, type TestApp } from '../../test/app.js';
import { districtProperty, registerCase } from '../../test/factories.js';
import { isPostgres, migrate } from '../../db/database.js';
import { migrationProvider } from '../../db/migrations/index.js';
import { planAsRun } from '../../test/plans.js';
import { timelineQuery } from './requests.queries.js';

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

  it('PostgreSQL: skips every year before the case (partitions pruned); SQLite: goes by the case index', async () => {
    // The test clock opens the case in 2026.
    expect((await t.db.selectFrom('requests').select('created_at').where('id', '=', caseId).executeTakeFirstOrThrow()).created_at).toMatch(/^2026-/);
    if (!isPostgres(t.db)) {
      expect(await plan(false)).toMatch(/SEARCH request_events USING INDEX request_events_request_idx \(request_id=\?\)/);
      return;
    }
    const partitions = await sql<{ name: string }>`
      select c.relname as name from pg_inherits i join pg_class c on c.oid = i.inhrelid
      where i.inhparent = 'request_events'::regclass order by c.relname collate "C"`.execute(t.db);
    expect(partitions.rows.map((p) => p.name)).toEqual(['request_events_default', ...Array.from({ length: 20 }, (_, i) => `request_events_y${2020 + i}`)]);
    const home = await sql<{ partition: string }>`select distinct tableoid::regclass::text as partition from request_events where request_id = ${caseId}`.execute(t.db);
    expect(home.rows).toEqual([{ partition: 'request_events_y2026' }]);

    for (const publicOnly of [false, true]) {
      const text = await plan(publicOnly);
      const scans = [...text.matchAll(/on (request_events_\w+) request_events_\d+ \((never executed|actual rows=(\d+))/g)].map((m) => ({ partition: m[1]!, ran: m[2] !== 'never executed' }));
      const years = (ran: boolean) => scans.filter((s) => s.ran === ran).map((s) => s.partition);
      expect(years(false), text).toEqual(['request_events_y2020', 'request_events_y2021', 'request_events_y2022', 'request_events_y2023', 'request_events_y2024', 'request_events_y2025']);
      expect(years(true), text).toContain('request_events_y2026');
      expect(text).toMatch(/Index Scan using request_events_y2026_request_id_id_idx on request_events_y2026 \w+ \(actual rows=[1-9]/);
    }
  });

  // Last: it takes the database down a migration and back.
  it('the migration moves every line into the partitions and back, and refuses a line dated before its case', async () => {
    const lines = async () => (await timelineQuery(t.db, caseId, false).execute()).map((l) => l.id);
    const partitioned = async () =>
      (await sql<{ n: number | string }>`select count(*) as n from pg_inherits where inhparent = 'request_events'::regclass`.execute(t.db)).rows[0]!.n;
    const before = await lines();
    const total = await t.db.selectFrom('request_events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const migrator = new Migrator({ db: t.db, provider: migrationProvider, ...(t.database.pgSchema ? { migrationTableSchema: t.database.pgSchema } : {}) });
    const down = await migrator.migrateTo('20261206T0080_case_list_indexes');
    expect(down.error).toBeUndefined();
    // The later migrations are undone on the way; the last one undone is this one.
    expect(down.results?.at(-1)).toMatchObject({ migrationName: '20261206T0090_request_events_by_year', direction: 'Down', status: 'Success' });
    expect(await lines()).toEqual(before);
    if (isPostgres(t.db)) {
      expect(Number(await partitioned())).toBe(0);
      // A line dated in the year before its case was opened would vanish from the case page: refused, with the count.
      const first = before[0]!;
      const at = (await t.db.selectFrom('request_events').select('created_at').where('id', '=', first).executeTakeFirstOrThrow()).created_at;
      await t.db.updateTable('request_events').set({ created_at: '2025-12-31T23:59:59.000Z' }).where('id', '=', first).execute();
      await expect(migrate(t.db, { pgSchema: t.database.pgSchema })).rejects.toThrow(/1 timeline lines \(request_events\) are dated before the year their case was opened/);
      await t.db.updateTable('request_events').set({ created_at: at }).where('id', '=', first).execute();
    }
    expect((await migrate(t.db, { pgSchema: t.database.pgSchema }))[0]).toBe('20261206T0090_request_events_by_year');
    expect(await lines()).toEqual(before);
    const after = await t.db.selectFrom('request_events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(total.n));
    if (isPostgres(t.db)) expect(Number(await partitioned())).toBe(21);
  });
});

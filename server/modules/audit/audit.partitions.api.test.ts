/**
 * The audit log by year (migration 0210, decision 0040 amended): on PostgreSQL a row lands in its
 * year's partition, the sealer looks each link up in its row's year only, and a search of the log
 * with a time range reads only its years; the migration moves every row and back with the chain
 * intact and the numbering going on. On SQLite (no partitioning) the same queries run and the
 * sealer still finds each row by its number.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Migrator, sql } from 'kysely';
import { createTestApp, signIn, usernameOf, type Client, type TestApp } from '../../test/app.js';
import { districtProperty, registerCase } from '../../test/factories.js';
import { isPostgres, migrate } from '../../db/database.js';
import { migrationProvider } from '../../db/migrations/index.js';
import { sealAllAudit, sealLinksQuery, verifyAuditChain } from '../../platform/audit.js';
import { planAsRun } from '../../test/plans.js';
import { auditPageQueries } from './audit.queries.js';

let t: TestApp;
let op: Client;
let auditor: Client;
let cityId: string;

beforeAll(async () => {
  t = await createTestApp();
  op = await signIn(t.app, await usernameOf(t.db, 'office_operator', { districtNumber: 7 }));
  auditor = await signIn(t.app, 'auditor');
  cityId = (await t.db.selectFrom('cities').select('id').executeTakeFirstOrThrow()).id;
  await sealAllAudit(t.db);
});
afterAll(async () => t?.close());

const YEARS = Array.from({ length: 20 }, (_, i) => `audit_log_y${2020 + i}`);

/** The partitions of the log a PostgreSQL plan names. */
const partitionsIn = (text: string) => [...new Set([...text.matchAll(/audit_log_(y\d{4}|default)\b/g)].map((m) => m[0]))];

/** Rows not yet sealed, as the sealer reads them, with made-up links (the plan does not depend on them). */
async function pendingLinks() {
  const rows = await t.db.selectFrom('audit_log').select(['seq', 'at']).where('chain_seq', 'is', null).orderBy('seq').execute();
  return rows.map((r, i) => ({ seq: r.seq, at: r.at, chainSeq: 1_000_000 + i, prev: '0'.repeat(64), hash: '1'.repeat(64) }));
}

describe('the audit log by year', () => {
  it("PostgreSQL: a row lands in its year's partition, and the sealer looks each link up in that year only", async () => {
    await registerCase(op, await districtProperty(t.db, 7));
    const links = await pendingLinks();
    expect(links.length).toBeGreaterThan(0);
    // The test clock writes in 2026.
    expect(links.every((l) => l.at.startsWith('2026-'))).toBe(true);
    const sealer = await planAsRun(t.db, { compile: () => sealLinksQuery(links, isPostgres(t.db)).compile(t.db) });
    if (!isPostgres(t.db)) {
      expect(sealer).toMatch(/SEARCH audit_log USING INTEGER PRIMARY KEY \(rowid=\?\)/);
      return;
    }
    const partitions = await sql<{ name: string }>`
      select c.relname as name from pg_inherits i join pg_class c on c.oid = i.inhrelid
      where i.inhparent = 'audit_log'::regclass order by c.relname collate "C"`.execute(t.db);
    expect(partitions.rows.map((p) => p.name)).toEqual(['audit_log_default', ...YEARS]);
    const home = await sql<{ partition: string }>`select distinct tableoid::regclass::text as partition from audit_log where chain_seq is null`.execute(t.db);
    expect(home.rows).toEqual([{ partition: 'audit_log_y2026' }]);

    // Pruned when the plan is made, generic as it is: no other year is even in it.
    expect(partitionsIn(sealer), sealer).toEqual(['audit_log_y2026']);
    // Every link found its row: the join under the update returns one row a link.
    expect(sealer.split('\n').find((line) => line.startsWith('  ->  ')), sealer).toMatch(new RegExp(`\\(actual rows=${links.length} loops=1\\)$`));
  });

  it("a search of the log with a time range reads only the range's years, and answers as the page does", async () => {
    const range = { from: '2026-01-01T00:00:00.000Z', to: '2026-12-31T00:00:00.000Z' };
    const q = auditPageQueries(t.db, cityId, range, { page: 1, pageSize: 20, order: 'desc' });
    const api = (await auditor.get(`/api/audit?from=${range.from}&to=${range.to}&pageSize=20`)).json<{ items: { seq: number }[]; total: number }>();
    expect(api.total).toBeGreaterThan(0);
    expect((await q.page.execute()).map((r) => r.seq)).toEqual(api.items.map((r) => r.seq));
    expect(Number((await q.total.executeTakeFirstOrThrow()).n)).toBe(api.total);
    if (!isPostgres(t.db)) return;
    for (const query of [q.page, q.total]) {
      const text = await planAsRun(t.db, query);
      // The range's bounds are parameters: the other years are pruned as the plan starts ("Subplans Removed").
      expect(partitionsIn(text), text).toEqual(['audit_log_y2026']);
    }
  });

  // Last: it takes the database down a migration and back.
  it('the migration moves every row into the partitions and back, the chain intact and the numbering going on', async () => {
    await registerCase(op, await districtProperty(t.db, 7));
    const rows = async () => t.db.selectFrom('audit_log').selectAll().orderBy('seq').execute();
    const partitioned = async () =>
      Number((await sql<{ n: number | string }>`select count(*) as n from pg_inherits where inhparent = 'audit_log'::regclass`.execute(t.db)).rows[0]!.n);
    const before = await rows();
    expect(before.some((r) => r.chain_seq === null)).toBe(true);
    const migrator = new Migrator({ db: t.db, provider: migrationProvider, ...(t.database.pgSchema ? { migrationTableSchema: t.database.pgSchema } : {}) });
    const down = await migrator.migrateTo('20261207T0200_inspector_open_visits');
    expect(down.error).toBeUndefined();
    expect(down.results?.at(-1)).toMatchObject({ migrationName: '20261207T0210_audit_log_by_year', direction: 'Down', status: 'Success' });
    expect(await rows()).toEqual(before);
    if (isPostgres(t.db)) expect(await partitioned()).toBe(0);

    expect((await migrate(t.db, { pgSchema: t.database.pgSchema })).slice(0, 2)).toEqual(['20261207T0210_audit_log_by_year', '20261207T0220_request_events_by_city']);
    expect(await rows()).toEqual(before);
    if (isPostgres(t.db)) expect(await partitioned()).toBe(21);

    // The numbers go on after the last one given, and the sealer chains the rows left and the new ones.
    await registerCase(op, await districtProperty(t.db, 7));
    const after = await rows();
    expect(after[before.length]!.seq).toBeGreaterThan(before.at(-1)!.seq);
    expect(await sealAllAudit(t.db)).toBe(after.length - before.filter((r) => r.chain_seq !== null).length);
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true, rows: after.length, sealed: after.length, pending: 0 });
  });
});

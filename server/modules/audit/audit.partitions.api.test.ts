/**
 * The audit log by year (migration 0210) and by city within the year (20261208T0020; decision 0040
 * amended): on PostgreSQL a row lands in its year's part for its actor's city, the sealer looks each
 * link up in its row's year only, and a search of the log reads only its city's part (and the one
 * rows without a city hash to), and with a time range only its years; the migrations move every
 * row and back with the chain intact and the numbering going on. On SQLite (no partitioning) the
 * same queries run and the sealer still finds each row by its number.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Migrator, sql } from 'kysely';
import { createTestApp, signIn, usernameOf, type Client, type TestApp } from '../../test/app.js';
import { districtProperty, registerCase } from '../../test/factories.js';
import { isPostgres, migrate } from '../../db/database.js';
import { migrationProvider } from '../../db/migrations/index.js';
import { auditRow, auditRowHash, sealAllAudit, sealLinksQuery, verifyAuditChain } from '../../platform/audit.js';
import type { Role } from '../../../contracts/roles.js';
import { planAsRun } from '../../test/plans.js';
import { yearsMade as yearsMadeOf } from '../../test/partitions.js';
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

/** The partitions of the log a PostgreSQL plan names (a year's parts by city, or the default). */
const partitionsIn = (text: string) => [...new Set([...text.matchAll(/audit_log_(y\d{4}_c\d|default)\b/g)].map((m) => m[0]))];

/** The part of a year's partition that rows of a city (null: rows without one) land in. */
async function partOf(year: number, city: string | null): Promise<string> {
  const { rows } = await sql<{ part: number }>`
    select part from generate_series(0, 3) part
    where satisfies_hash_partition(${`audit_log_y${year}`}::regclass, 4, part, ${city}::text)`.execute(t.db);
  return `audit_log_y${year}_c${rows[0]!.part}`;
}

const yearsMade = () => yearsMadeOf(t.db, 'audit_log');

/** Rows not yet sealed, as the sealer reads them, with made-up links (the plan does not depend on them). */
async function pendingLinks() {
  const rows = await t.db.selectFrom('audit_log').select(['seq', 'at']).where('chain_seq', 'is', null).orderBy('seq').execute();
  return rows.map((r, i) => ({ seq: r.seq, at: r.at, chainSeq: 1_000_000 + i, prev: '0'.repeat(64), hash: '1'.repeat(64) }));
}
describe('the audit log by year', () => {
  it("PostgreSQL: a row lands in its year's part for its city, and the sealer looks each link up in that year only", async () => {
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
    // Years made as they come (the rows' and the clock's, this year and next), not twenty ahead.
    const years = await yearsMade();
    expect(years).toEqual(expect.arrayContaining([2026, 2027]));
    expect(years.length).toBeLessThanOrEqual(4);
    const home = await sql<{ partition: string; city_id: string | null }>`
      select distinct tableoid::regclass::text as partition, city_id from audit_log where chain_seq is null`.execute(t.db);
    // The operator's rows carry the operator's city, in that city's part of 2026.
    expect(home.rows).toEqual([{ partition: await partOf(2026, cityId), city_id: cityId }]);

    // Pruned when the plan is made, generic as it is: no other year is even in it, and each link is found in its year's parts.
    expect(partitionsIn(sealer).sort(), sealer).toEqual([0, 1, 2, 3].map((c) => `audit_log_y2026_c${c}`));
    // Every link found its row: the join under the update returns one row a link.
    expect(sealer.split('\n').find((line) => line.startsWith('  ->  ')), sealer).toMatch(new RegExp(`\\(actual rows=${links.length} loops=1\\)$`));
  });

  it("a search of the log reads only its city's part (and the part of rows without a city) of the range's years, and answers as the page does", async () => {
    const range = { from: '2026-01-01T00:00:00.000Z', to: '2026-12-31T00:00:00.000Z' };
    const q = auditPageQueries(t.db, cityId, range, { page: 1, pageSize: 20, order: 'desc' });
    const api = (await auditor.get(`/api/audit?from=${range.from}&to=${range.to}&pageSize=20`)).json<{ items: { seq: number }[]; total: number }>();
    expect(api.total).toBeGreaterThan(0);
    expect((await q.page.execute()).map((r) => r.seq)).toEqual(api.items.map((r) => r.seq));
    expect(Number((await q.total.executeTakeFirstOrThrow()).n)).toBe(api.total);
    if (!isPostgres(t.db)) return;
    const parts = [...new Set([await partOf(2026, cityId), await partOf(2026, null)])].sort();
    for (const query of [q.page, q.total]) {
      const text = await planAsRun(t.db, query);
      // The range's bounds and the city are parameters: the other years and cities are pruned as the plan starts ("Subplans Removed").
      expect(partitionsIn(text).sort(), text).toEqual(parts);
      expect(text).toMatch(/Subplans Removed: [1-9]/);
    }
  });

  it("the audit page merges the city's rows with the rows without a city, in order, page by page, and never shows another city's", async () => {
    const at = (minute: number) => new Date(Date.UTC(2026, 4, 1, 8, minute));
    const other = { staffId: 'staff-elsewhere', role: 'office_operator' as Role, cityId: 'another-city', officeId: null, districtId: null, name: 'x', ip: '10.0.0.8' };
    const entry = (n: number, city?: string) => ({ action: 'test.merge', entityType: 'test', entityId: String(n), cityId: city });
    const auditorActor = (await auditor.get('/api/auth/me')).json<{ id: string }>();
    const me = await t.db.selectFrom('staff').select(['id', 'role', 'office_id', 'district_id']).where('id', '=', auditorActor.id).executeTakeFirstOrThrow();
    const mine = { staffId: me.id, role: me.role as Role, cityId, officeId: me.office_id, districtId: me.district_id, name: 'y', ip: '10.0.0.7' };
    // Interleaved: my city's staff, no actor and no city, another city's staff, no actor but another city, no actor but my city.
    const kinds = [{ actor: mine }, { actor: null }, { actor: other }, { actor: null, city: 'another-city' }, { actor: null, city: cityId }];
    for (let n = 0; n < 15; n++) await t.db.insertInto('audit_log').values(auditRow(kinds[n % 5]!.actor, entry(n, kinds[n % 5]!.city), at(n))).execute();
    const shown = (await t.db.selectFrom('audit_log').select(['seq', 'entity_id']).where('action', '=', 'test.merge').where((eb) => eb.or([eb('city_id', '=', cityId), eb('city_id', 'is', null)])).orderBy('seq').execute());
    expect(shown.map((r) => Number(r.entity_id))).toEqual([0, 1, 4, 5, 6, 9, 10, 11, 14]);
    for (const order of ['asc', 'desc'] as const) {
      const seen: number[] = [];
      for (let page = 1; page <= 3; page++) {
        const res = (await auditor.get(`/api/audit?action=test.merge&pageSize=3&page=${page}&order=${order}`)).json<{ items: { seq: number }[]; total: number }>();
        expect(res.total).toBe(9);
        seen.push(...res.items.map((i) => i.seq));
      }
      const expected = shown.map((r) => r.seq);
      expect(seen).toEqual(order === 'asc' ? expected : [...expected].reverse());
    }
    // Not yet sealed, so they go without a trace; the other city's actor has no staff record here, which the later tests would trip on.
    await t.db.deleteFrom('audit_log').where('action', '=', 'test.merge').execute();
  });

  it("a row moved to another city's view breaks the chain's check, sealed or pending, and a row written before the log had cities holds with its actor's city only", async () => {
    await registerCase(op, await districtProperty(t.db, 7));
    await sealAllAudit(t.db);
    const sealed = await t.db.selectFrom('audit_log').select(['seq', 'city_id']).where('city_id', '=', cityId).where('chain_seq', 'is not', null).orderBy('seq', 'desc').executeTakeFirstOrThrow();
    const moveTo = async (seq: number, city: string | null) => t.db.updateTable('audit_log').set({ city_id: city }).where('seq', '=', seq).execute();
    await moveTo(sealed.seq, 'another-city');
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: false, brokenAt: sealed.seq });
    // Out of every city's view but the rows without a city: caught as well.
    await moveTo(sealed.seq, null);
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: false, brokenAt: sealed.seq });
    await moveTo(sealed.seq, cityId);
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true, pending: 0 });

    // Rows not yet sealed: a staff member's, and one without an actor given a city.
    await registerCase(op, await districtProperty(t.db, 7));
    const pending = await t.db.selectFrom('audit_log').select('seq').where('chain_seq', 'is', null).where('city_id', '=', cityId).orderBy('seq').executeTakeFirstOrThrow();
    await moveTo(pending.seq, 'another-city');
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: false, brokenAt: pending.seq });
    await moveTo(pending.seq, cityId);
    const staff = await t.db.selectFrom('staff').select(['id', 'role', 'office_id', 'district_id', 'first_name']).where('city_id', '=', cityId).where('role', '=', 'office_operator').executeTakeFirstOrThrow();
    const entry = { action: 'test.city', entityType: 'test', entityId: null };
    await t.db.insertInto('audit_log').values(auditRow(null, entry, new Date('2026-03-01T08:00:00Z'))).execute();
    const actorless = (await t.db.selectFrom('audit_log').select(['seq', 'city_id']).where('action', '=', 'test.city').executeTakeFirstOrThrow());
    expect(actorless.city_id).toBeNull();
    await moveTo(actorless.seq, cityId);
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: false, brokenAt: actorless.seq });
    await moveTo(actorless.seq, null);
    // A row without an actor written for a city (a bank's inquiry, a citizen's step): hashed with it, so neither another city nor none holds.
    await t.db.insertInto('audit_log').values(auditRow(null, { ...entry, action: 'test.concerns', cityId }, new Date('2026-03-01T08:00:00Z'))).execute();
    const concerns = (await t.db.selectFrom('audit_log').select(['seq', 'city_id']).where('action', '=', 'test.concerns').executeTakeFirstOrThrow());
    expect(concerns.city_id).toBe(cityId);
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true });
    for (const moved of ['another-city', null]) {
      await moveTo(concerns.seq, moved);
      expect(await verifyAuditChain(t.db)).toMatchObject({ ok: false, brokenAt: concerns.seq });
    }
    await moveTo(concerns.seq, cityId);

    // A row as the migration leaves one written before: hashed without a city, given its actor's. It holds with that city and no other.
    const actor = { staffId: staff.id, role: staff.role as Role, cityId, officeId: staff.office_id, districtId: staff.district_id, name: staff.first_name, ip: '10.0.0.9' };
    const old = auditRow(actor, { ...entry, action: 'test.old' }, new Date('2026-03-01T08:00:00Z'));
    await t.db.insertInto('audit_log').values({ ...old, row_hash: auditRowHash({ ...old, city_id: null }) }).execute();
    const oldSeq = (await t.db.selectFrom('audit_log').select('seq').where('action', '=', 'test.old').executeTakeFirstOrThrow()).seq;
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true });
    await moveTo(oldSeq, 'another-city');
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: false, brokenAt: oldSeq });
    await moveTo(oldSeq, cityId);
    await sealAllAudit(t.db);
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true, pending: 0 });
    await moveTo(oldSeq, null);
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: false, brokenAt: oldSeq });
    await moveTo(oldSeq, cityId);
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true });
  });

  // Last: it takes the database down a migration and back.
  it('the migrations move every row into the partitions and back, the chain intact, the cities given again and the numbering going on', async () => {
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
    // The cities stay: a row without an actor is hashed with the city it concerns, which nothing could give it again.
    expect(await rows()).toEqual(before);
    if (isPostgres(t.db)) expect(await partitioned()).toBe(0);

    expect((await migrate(t.db, { pgSchema: t.database.pgSchema })).slice(0, 2)).toEqual(['20261207T0210_audit_log_by_year', '20261207T0220_request_events_by_city']);
    // Every row back, with its city.
    expect(await rows()).toEqual(before);
    expect(before.some((r) => r.city_id === cityId && r.actor_staff_id !== null)).toBe(true);
    expect(before.some((r) => r.city_id === cityId && r.actor_staff_id === null)).toBe(true);
    if (isPostgres(t.db)) expect(await partitioned()).toBe((await yearsMade()).length + 1);

    // The numbers go on after the last one given, and the sealer chains the rows left and the new ones.
    await registerCase(op, await districtProperty(t.db, 7));
    const after = await rows();
    expect(after[before.length]!.seq).toBeGreaterThan(before.at(-1)!.seq);
    expect(await sealAllAudit(t.db)).toBe(after.length - before.filter((r) => r.chain_seq !== null).length);
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true, rows: after.length, sealed: after.length, pending: 0 });
  });
});

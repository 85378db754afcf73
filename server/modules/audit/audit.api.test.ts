import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, usernameOf, type Client, type TestApp } from '../../test/app.js';
import { isPostgres } from '../../db/database.js';
import { appendAudits, sealAllAudit } from '../../platform/audit.js';

let t: TestApp;
let admin: Client;
let auditor: Client;
let adminId: string;

beforeAll(async () => {
  t = await createTestApp();
  [admin, auditor] = await Promise.all([signIn(t.app, 'admin'), signIn(t.app, 'auditor')]);
  adminId = (await admin.get('/api/auth/me')).json().id;
});
afterAll(async () => t?.close());

const rowCount = async () => Number((await t.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

describe('reading the audit log', () => {
  it('is open to the auditor and the city admin, newest first, with the actor and parsed details', async () => {
    const res = await auditor.get('/api/audit?pageSize=5');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.total).toBe(await rowCount());
    const seqs = body.items.map((r: { seq: number }) => r.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    expect(seqs[0]).toBe(body.total);
    const signInRow = body.items.find((r: { action: string }) => r.action === 'auth.sign_in');
    expect(signInRow).toMatchObject({ entityType: 'staff', actor: { id: expect.any(String), name: expect.any(String), role: expect.any(String) } });
    const seed = (await admin.get('/api/audit?action=seed.demo')).json().items[0];
    expect(seed).toMatchObject({ seq: 1, actor: null, officeId: null, details: { offices: 95, staff: expect.any(Number) } });
  });

  it('is closed to desk and district staff', async () => {
    for (const username of [await usernameOf(t.db, 'office_operator'), await usernameOf(t.db, 'office_manager'), 'd3-reviewer1', 'd3-approver']) {
      const c = await signIn(t.app, username);
      expect((await c.get('/api/audit')).statusCode, username).toBe(403);
      expect((await c.get('/api/audit/verify')).statusCode, username).toBe(403);
    }
    expect((await t.app.inject({ method: 'GET', url: '/api/audit' })).statusCode).toBe(401);
  });

  it('filters by action, entity, actor and time, and pages', async () => {
    t.clock.advance(60 * 60_000);
    const since = t.clock.now();
    const office = await admin.get('/api/offices?pageSize=1');
    const officeId = office.json().items[0].id;
    await admin.patch(`/api/offices/${officeId}`, { status: 'suspended' });
    await admin.patch(`/api/offices/${officeId}`, { status: 'active' });

    const byEntity = (await auditor.get(`/api/audit?entityType=office&entityId=${officeId}`)).json();
    expect(byEntity.items.map((r: { action: string; details: unknown }) => [r.action, r.details])).toEqual([
      ['office.update', { changes: { status: { from: 'suspended', to: 'active' } } }],
      ['office.update', { changes: { status: { from: 'active', to: 'suspended' } } }],
    ]);
    expect(byEntity.items[0]).toMatchObject({ actor: { id: adminId, role: 'city_admin' }, ip: '127.0.0.1' });

    const byActor = (await auditor.get(`/api/audit?actorStaffId=${adminId}&pageSize=200`)).json();
    expect(byActor.total).toBeGreaterThanOrEqual(3);
    expect(byActor.items.every((r: { actor: { id: string } }) => r.actor.id === adminId)).toBe(true);

    // The same instant written with Tehran's offset: only the two edits are at or after it.
    const tehran = new Date(since.getTime() + 3.5 * 3600_000).toISOString().replace('Z', '+03:30');
    const recent = (await auditor.get(`/api/audit?from=${encodeURIComponent(tehran)}`)).json();
    expect(recent.items.map((r: { action: string }) => r.action)).toEqual(['office.update', 'office.update']);
    const before = (await auditor.get(`/api/audit?to=${since.toISOString()}&action=office.update`)).json();
    expect(before.total).toBe(0);

    const page2 = (await auditor.get('/api/audit?page=2&pageSize=1&action=office.update')).json();
    expect(page2).toMatchObject({ total: 2, page: 2, pageSize: 1 });
    expect(page2.items[0].details.changes.status.to).toBe('suspended');
    expect((await auditor.get('/api/audit?from=yesterday')).statusCode).toBe(400);
    expect((await auditor.get('/api/audit?actorStaffId=admin')).statusCode).toBe(400);
  });
});

describe('verifying the hash chain', () => {
  const verify = async () => (await auditor.get('/api/audit/verify')).json();

  it('a fresh log verifies: rows not yet sealed by their content hash, then sealed into the chain', async () => {
    const rows = await rowCount();
    expect(await verify()).toMatchObject({ ok: true, rows, sealed: 0, pending: rows, brokenAt: null });
    await sealAllAudit(t.db);
    expect(await verify()).toEqual({ ok: true, rows, sealed: rows, pending: 0, brokenAt: null, oldestPendingAt: null });
  });

  it('a sealed row whose details were changed in the database is reported by its seq', async () => {
    await sealAllAudit(t.db);
    const row = await t.db.selectFrom('audit_log').selectAll().where('seq', '=', 3).executeTakeFirstOrThrow();
    await t.db.updateTable('audit_log').set({ details: '{"username":"someone-else"}' }).where('seq', '=', 3).execute();
    try {
      expect(await verify()).toMatchObject({ ok: false, rows: 2, brokenAt: 3 });
    } finally {
      await t.db.updateTable('audit_log').set({ details: row.details }).where('seq', '=', 3).execute();
    }
    expect((await verify()).ok).toBe(true);
  });

  it('a deleted last sealed row is detected', async () => {
    await sealAllAudit(t.db);
    const last = await t.db.selectFrom('audit_log').selectAll().orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
    await t.db.deleteFrom('audit_log').where('seq', '=', last.seq).execute();
    try {
      expect(await verify()).toMatchObject({ ok: false, rows: last.seq - 1, brokenAt: last.seq });
    } finally {
      await t.db.insertInto('audit_log').values(last).execute();
    }
    expect((await verify()).ok).toBe(true);
  });
});

describe('npm run audit:verify', () => {
  /** Runs the script as an operator would, against this file's test database. */
  async function runScript(): Promise<{ code: number; stdout: string }> {
    let env: Record<string, string>;
    if (isPostgres(t.db)) {
      const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(t.db);
      env = { DATABASE_URL: `${t.database.url!}?options=${encodeURIComponent(`-c search_path=${rows[0]!.schema}`)}` };
    } else {
      const { rows } = await sql<{ name: string; file: string }>`pragma database_list`.execute(t.db);
      env = { DATABASE_URL: '', SQLITE_PATH: rows.find((r) => r.name === 'main')!.file };
    }
    const script = path.join(import.meta.dirname, '../../scripts/verify-audit.ts');
    try {
      const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', script], { env: { ...process.env, ...env } });
      return { code: 0, stdout };
    } catch (err) {
      const failed = err as { code: number; stdout: string };
      return { code: failed.code, stdout: failed.stdout };
    }
  }

  it('prints OK and exits 0 on an intact chain, BROKEN and 1 on a tampered one', async () => {
    await sealAllAudit(t.db);
    const rows = await rowCount();
    expect(await runScript()).toEqual({ code: 0, stdout: `audit chain OK: ${rows} rows (${rows} sealed, 0 not yet sealed)\n` });
    const row = await t.db.selectFrom('audit_log').selectAll().where('seq', '=', 2).executeTakeFirstOrThrow();
    await t.db.updateTable('audit_log').set({ ip: '10.0.0.66' }).where('seq', '=', 2).execute();
    try {
      expect(await runScript()).toEqual({ code: 1, stdout: 'audit chain BROKEN at seq 2\n' });
    } finally {
      await t.db.updateTable('audit_log').set({ ip: row.ip }).where('seq', '=', 2).execute();
    }
  }, 60_000);
});

describe('a log of more than a thousand rows', () => {
  it('is counted up to 1,000 and said to hold more; a narrower search is counted exactly; the pages go on past the cap', async () => {
    const at = t.clock.now();
    await appendAudits(t.db, Array.from({ length: 1_100 }, (_, i) => ({ actor: null, entry: { action: 'test.bulk', entityType: 'test', entityId: String(i), cityId: null }, at })));
    expect(await rowCount()).toBeGreaterThan(1_100);
    expect((await auditor.get('/api/audit?pageSize=20')).json()).toMatchObject({ total: 1_000, totalCapped: true });
    expect((await auditor.get('/api/audit?entityType=test&entityId=7')).json()).toMatchObject({ total: 1, totalCapped: false, items: [{ entityId: '7' }] });
    // Rows 1,001 to 1,020, newest first: past what was counted.
    const far = (await auditor.get('/api/audit?pageSize=20&page=51')).json<{ items: unknown[]; total: number; totalCapped: boolean }>();
    expect(far).toMatchObject({ total: 1_000, totalCapped: true });
    expect(far.items).toHaveLength(20);
  });
});

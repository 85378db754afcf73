/**
 * The sealed audit log (decision 0036): tampering with a sealed row, deleting one or reordering two
 * is detected; a row changed before it was sealed is detected too; rows that commit late are sealed
 * in a later pass; sealers racing each other still make one chain; and two real servers writing at
 * once on one database produce one valid log.
 */
import { Migrator, sql } from 'kysely';
import { Agent, request } from 'undici';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../test/db.js';
import { freePort, serverDatabase, startServer, type ServerDatabase, type ServerProcess } from '../test/server-process.js';
import { DEMO_PASSWORD } from '../seed/seed.js';
import { appendAudits, auditRead, auditRow, auditRowHash, sealAllAudit, sealAudit, sealBacklog, verifyAuditChain, type AuditEntry } from './audit.js';
import type { Actor } from './actor.js';
import { createDb, isPostgres, migrate, type Db } from '../db/database.js';
import { queryCounter } from '../db/query-counter.js';
import { inTransaction } from '../db/sql.js';
import { migrationProvider } from '../db/migrations/index.js';

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => t?.drop());

const actor: Actor = { staffId: 'staff-1', role: 'office_operator', cityId: 'city-1', officeId: 'office-1', districtId: 'district-1', name: 'کارمند', ip: '10.0.0.1' };
const entry = (n: number): AuditEntry => ({ action: 'request.register', entityType: 'request', entityId: `case-${n}`, details: { n } });
const at = new Date('2026-12-06T08:00:00.000Z');

async function write(n: number) {
  await appendAudits(t.db, Array.from({ length: n }, (_, i) => ({ actor, entry: entry(i), at })));
}
const rowBySeq = (seq: number) => t.db.selectFrom('audit_log').selectAll().where('seq', '=', seq).executeTakeFirstOrThrow();
const seqs = async () => (await t.db.selectFrom('audit_log').select('seq').orderBy('chain_seq').execute()).map((r) => r.seq);

/** Run a change, check the verifier's answer, then put the row back and check the chain is whole again. */
async function tampered(change: () => Promise<unknown>, undo: () => Promise<unknown>) {
  await change();
  try {
    return await verifyAuditChain(t.db, 7);
  } finally {
    await undo();
    expect((await verifyAuditChain(t.db, 7)).ok).toBe(true);
  }
}

describe('the sealed chain', () => {
  beforeEach(async () => {
    await t.db.deleteFrom('audit_log').execute();
    await t.db.updateTable('audit_head').set({ seq: 0, hash: '0'.repeat(64) }).where('id', '=', 1).execute();
    await write(20);
    expect(await sealAllAudit(t.db)).toBe(20);
  });

  it('verifies whole, every row sealed in seq order', async () => {
    const report = await verifyAuditChain(t.db, 7);
    expect(report).toMatchObject({ ok: true, rows: 20, sealed: 20, pending: 0, brokenAt: null, oldestPendingAt: null });
    const s = await seqs();
    expect(s).toEqual([...s].sort((a, b) => a - b));
  });

  it('detects a sealed row whose content was changed, at that row', async () => {
    const [, , victim] = await seqs();
    const row = await rowBySeq(victim!);
    const report = await tampered(
      () => t.db.updateTable('audit_log').set({ details: '{"n":999}' }).where('seq', '=', victim!).execute(),
      () => t.db.updateTable('audit_log').set({ details: row.details }).where('seq', '=', victim!).execute(),
    );
    expect(report).toMatchObject({ ok: false, brokenAt: victim });
  });

  it('detects a sealed row changed together with its content hash (the link no longer matches)', async () => {
    const victim = (await seqs())[5]!;
    const row = await rowBySeq(victim);
    const forged = { ...row, ip: '10.6.6.6' };
    const report = await tampered(
      () => t.db.updateTable('audit_log').set({ ip: forged.ip, row_hash: auditRowHash(forged) }).where('seq', '=', victim).execute(),
      () => t.db.updateTable('audit_log').set({ ip: row.ip, row_hash: row.row_hash }).where('seq', '=', victim).execute(),
    );
    expect(report).toMatchObject({ ok: false, brokenAt: victim });
  });

  it('detects a deleted sealed row in the middle and at the end', async () => {
    const s = await seqs();
    for (const victim of [s[9]!, s[19]!]) {
      const row = await rowBySeq(victim);
      const report = await tampered(
        () => t.db.deleteFrom('audit_log').where('seq', '=', victim).execute(),
        () => t.db.insertInto('audit_log').values(row).execute(),
      );
      expect(report).toMatchObject({ ok: false, brokenAt: victim });
    }
  });

  it('detects two sealed rows reordered (their places in the chain swapped)', async () => {
    const s = await seqs();
    const [a, b] = [await rowBySeq(s[3]!), await rowBySeq(s[4]!)];
    const swap = async (x: typeof a, y: typeof a) => {
      // Through a free place, as the chain position is unique.
      await t.db.updateTable('audit_log').set({ chain_seq: -1 }).where('seq', '=', x.seq).execute();
      await t.db.updateTable('audit_log').set({ chain_seq: x.chain_seq }).where('seq', '=', y.seq).execute();
      await t.db.updateTable('audit_log').set({ chain_seq: y.chain_seq }).where('seq', '=', x.seq).execute();
    };
    const report = await tampered(() => swap(a, b), () => swap({ ...a, chain_seq: b.chain_seq }, { ...b, chain_seq: a.chain_seq }));
    expect(report.ok).toBe(false);
    expect([a.seq, b.seq]).toContain(report.brokenAt);
  });

  it('detects two sealed rows whose contents were swapped', async () => {
    const s = await seqs();
    const [a, b] = [await rowBySeq(s[7]!), await rowBySeq(s[8]!)];
    const put = (target: number, from: typeof a) =>
      t.db.updateTable('audit_log').set({ details: from.details, entity_id: from.entity_id, row_hash: from.row_hash }).where('seq', '=', target).execute();
    const report = await tampered(
      async () => { await put(a.seq, b); await put(b.seq, a); },
      async () => { await put(a.seq, a); await put(b.seq, b); },
    );
    expect(report).toMatchObject({ ok: false, brokenAt: a.seq });
  });
});

describe('rows not yet sealed', () => {
  beforeEach(async () => {
    await t.db.deleteFrom('audit_log').execute();
    await t.db.updateTable('audit_head').set({ seq: 0, hash: '0'.repeat(64) }).where('id', '=', 1).execute();
  });

  it('are checked against their content hash, and the lag is reported', async () => {
    await write(5);
    await sealAllAudit(t.db);
    await write(3);
    const report = await verifyAuditChain(t.db);
    expect(report).toMatchObject({ ok: true, rows: 8, sealed: 5, pending: 3, oldestPendingAt: at.toISOString() });
    const pending = await t.db.selectFrom('audit_log').selectAll().where('chain_seq', 'is', null).orderBy('seq').execute();
    await t.db.updateTable('audit_log').set({ action: 'request.approve' }).where('seq', '=', pending[1]!.seq).execute();
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: false, brokenAt: pending[1]!.seq });
    // Sealing does not launder it: the chain links the stored content hash, which no longer matches.
    await sealAllAudit(t.db);
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: false, brokenAt: pending[1]!.seq });
  });

  it('a row that commits after later rows were sealed is sealed in the next pass, and the chain stays whole', async () => {
    await write(3);
    const { first } = await t.db.selectFrom('audit_log').select((eb) => eb.fn.min('seq').as('first')).executeTakeFirstOrThrow();
    // A writer that took its number earlier and committed later: a lower seq than the rows already sealed.
    await t.db.insertInto('audit_log').values({ ...auditRow(actor, entry(10), at), seq: first + 10 }).execute();
    expect(await sealAllAudit(t.db)).toBe(4);
    await t.db.insertInto('audit_log').values({ ...auditRow(actor, entry(7), at), seq: first + 7 }).execute();
    expect(await sealAudit(t.db)).toBe(1);
    const chain = await t.db.selectFrom('audit_log').select(['seq', 'chain_seq']).orderBy('chain_seq').execute();
    expect(chain.map((r) => r.seq)).toEqual([first, first + 1, first + 2, first + 10, first + 7]);
    expect(chain.map((r) => r.chain_seq)).toEqual([1, 2, 3, 4, 5]);
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true, sealed: 5, pending: 0 });
  });

  it('a verifier running while the sealer seals never takes the moving head for a break', async () => {
    for (let i = 0; i < 4; i++) await write(100);
    let sealing = true;
    const sealer = (async () => {
      while ((await sealAudit(t.db, 7)) > 0);
      sealing = false;
    })();
    const reports = [];
    while (sealing) reports.push(await verifyAuditChain(t.db, 5));
    await sealer;
    // On PostgreSQL the two interleave (on SQLite one connection runs the sealer's passes first).
    if (isPostgres(t.db)) expect(reports.length).toBeGreaterThan(1);
    expect(reports.filter((r) => !r.ok)).toEqual([]);
    expect(reports.every((r) => r.rows === 400)).toBe(true);
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true, sealed: 400, pending: 0 });
  });

  it('a background pass seals a backlog batch after batch, and ends while writers keep writing', async () => {
    await write(25);
    expect(await sealBacklog(t.db, 10)).toBe(25); // 10, 10, 5
    expect((await verifyAuditChain(t.db, 7)).pending).toBe(0);
    // A writer that keeps writing (up to 2,000 rows) beside the pass: sealing until nothing was
    // pending would chase it to its last row.
    await write(5);
    let writing = true;
    let written = 0;
    const writer = (async () => {
      while (writing && written < 2000) {
        await write(1);
        written++;
      }
    })();
    const sealed = await sealBacklog(t.db, 1000);
    writing = false;
    await writer;
    expect(sealed).toBeGreaterThanOrEqual(5);
    expect(sealed).toBeLessThan(1000);
    expect(await sealAllAudit(t.db)).toBe(5 + written - sealed);
    expect(await verifyAuditChain(t.db, 7)).toMatchObject({ ok: true, pending: 0 });
  });

  it('sealers racing each other make one chain', async () => {
    for (let i = 0; i < 6; i++) await write(50);
    const passes = await Promise.all(Array.from({ length: 6 }, () => sealAudit(t.db, 60)));
    const sealed = passes.reduce((a, b) => a + b, 0);
    await sealAllAudit(t.db);
    expect(sealed).toBeGreaterThan(0);
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true, rows: 300, sealed: 300, pending: 0 });
    if (isPostgres(t.db)) {
      // No row was given two places: the chain positions are exactly 1..300.
      const { rows } = await sql<{ n: number; max: number }>`select count(distinct chain_seq) as n, max(chain_seq) as max from audit_log`.execute(t.db);
      expect(rows[0]).toEqual({ n: 300, max: 300 });
    }
  });
});

describe('reads audited together (group commit)', () => {
  const counter = queryCounter();
  let counted: Db;
  beforeAll(() => {
    // A second handle on the same database, with the statement counter hooked in.
    counted = createDb({ databaseUrl: t.databaseUrl, sqlitePath: t.sqlitePath, ...(t.pgSchema ? { pgSchema: t.pgSchema } : {}), log: counter.log });
  });
  afterAll(async () => counted?.destroy());
  beforeEach(async () => {
    await t.db.deleteFrom('audit_log').execute();
    await t.db.updateTable('audit_head').set({ seq: 0, hash: '0'.repeat(64) }).where('id', '=', 1).execute();
    counter.reset();
  });

  it('the reads of one moment share one INSERT, each answered only once its row is stored, in the order they came', async () => {
    const stored: number[] = [];
    await Promise.all(
      Array.from({ length: 40 }, async (_, i) => {
        await auditRead(counted, actor, { action: 'request.read', entityType: 'request', entityId: `case-${i}` }, at);
        stored.push((await t.db.selectFrom('audit_log').select('seq').where('entity_id', '=', `case-${i}`).execute()).length);
      }),
    );
    expect(stored).toEqual(Array(40).fill(1));
    expect(counter.statements.filter((s) => /^insert/i.test(s))).toHaveLength(1);
    expect(counter.transactions).toBe(0);
    const rows = await t.db.selectFrom('audit_log').select(['entity_id', 'row_hash']).orderBy('seq').execute();
    expect(rows.map((r) => r.entity_id)).toEqual(Array.from({ length: 40 }, (_, i) => `case-${i}`));
    expect(await sealAllAudit(t.db)).toBe(40);
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true, sealed: 40, pending: 0 });
  });

  it('more reads than one INSERT carries are written in one transaction; a read inside a transaction is a row of it', async () => {
    await Promise.all(Array.from({ length: 1200 }, (_, i) => auditRead(counted, actor, { action: 'person.read', entityType: 'person', entityId: `p-${i}` }, at)));
    expect(counter.statements.filter((s) => /^insert/i.test(s))).toHaveLength(3);
    expect(counter.transactions).toBe(1);
    await expect(t.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).resolves.toEqual({ n: 1200 });
    await expect(
      inTransaction(counted, async (trx) => {
        await auditRead(trx, actor, { action: 'person.read', entityType: 'person', entityId: 'rolled-back' }, at);
        throw new Error('the write fails');
      }),
    ).rejects.toThrow('the write fails');
    expect(await t.db.selectFrom('audit_log').select('seq').where('entity_id', '=', 'rolled-back').execute()).toEqual([]);
  });

  it('a batch that cannot be stored fails every read in it, stores none of them, and the next batch starts afresh', async () => {
    const failed = await Promise.allSettled([
      auditRead(counted, actor, { action: 'request.read', entityType: 'request', entityId: 'a' }, at),
      // A row the database refuses (no action) fails the one INSERT, and with it every read of the batch.
      auditRead(counted, actor, { action: null as unknown as string, entityType: 'request', entityId: 'b' }, at),
    ]);
    expect(failed.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(await t.db.selectFrom('audit_log').select('seq').execute()).toEqual([]);
    await auditRead(counted, actor, { action: 'request.read', entityType: 'request', entityId: 'c' }, at);
    expect(await t.db.selectFrom('audit_log').select('entity_id').execute()).toEqual([{ entity_id: 'c' }]);
  });
});

describe('two servers writing at once on one database', () => {
  let sdb: ServerDatabase;
  const servers: ServerProcess[] = [];
  afterAll(async () => {
    for (const s of servers) {
      s.signal('SIGTERM');
      await s.exited;
    }
    await sdb?.drop();
  });

  it('produce one valid log, sealed by their sealers', async () => {
    sdb = await serverDatabase();
    const common = {
      ...sdb.env, SEED_DEMO: 'true', DEMO_HISTORY_MONTHS: '0', LOG_LEVEL: 'warn', AUDIT_SEAL_MS: '50',
      NOTIFY_POLL_MS: '0', LETTER_POLL_MS: '0', ESCALATION_POLL_MS: '0', SMS_PROVIDER: 'log', OTP_SECRET: 'x'.repeat(32),
    };
    // The first seeds; the second starts on the seeded database.
    servers.push(await startServer({ ...common, PORT: String(await freePort()) }));
    servers.push(await startServer({ ...common, PORT: String(await freePort()) }));
    const users = (await sdb.db.selectFrom('staff').select('username').where('active', '=', 1).orderBy('username').limit(16).execute()).map((u) => u.username);
    const before = Number((await sdb.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const agent = new Agent({ connections: 16 });
    // Every user signs in on both servers at once, in waves (fewer at a time than the sign-in
    // throttle lets one address have in flight): each sign-in writes a session and an audit row.
    for (let round = 0; round < 3; round++) {
      const wave = users.map(async (username, i) => {
        const server = servers[(i + round) % 2]!;
        const res = await request(`${server.url}/api/auth/login`, {
          method: 'POST', dispatcher: agent, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: DEMO_PASSWORD }),
        });
        await res.body.text();
        return res.statusCode;
      });
      expect(new Set(await Promise.all(wave))).toEqual(new Set([200]));
    }
    await agent.close();
    const logged = Number(
      (await sdb.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).where('action', '=', 'auth.sign_in').executeTakeFirstOrThrow()).n,
    );
    expect(logged).toBeGreaterThanOrEqual(users.length * 3);
    // The sealers catch up within a bounded lag.
    const deadline = Date.now() + 20_000;
    let report = await verifyAuditChain(sdb.db);
    while (report.pending > 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      report = await verifyAuditChain(sdb.db);
    }
    expect(report).toMatchObject({ ok: true, pending: 0, brokenAt: null });
    expect(report.rows).toBeGreaterThanOrEqual(before + users.length * 3);
  }, 180_000);
});

describe('the migration to the sealed log (20261206T0070)', () => {
  it('carries an old chain over whole, refuses a broken one, and goes back down', async () => {
    const tdb = await createTestDb();
    try {
      const migrator = new Migrator({ db: tdb.db, provider: migrationProvider, ...(tdb.pgSchema ? { migrationTableSchema: tdb.pgSchema } : {}) });
      await appendAudits(tdb.db, Array.from({ length: 9 }, (_, i) => ({ actor, entry: entry(i), at })));
      await sealAudit(tdb.db, 6);
      // Down: one locked chain again, the 6 sealed rows first and the 3 pending after, numbered 1..9.
      const down = await migrator.migrateTo('20261206T0060_visit_planning');
      expect(down.error).toBeUndefined();
      const old = await sql<{ seq: number; details: string }>`select seq, details from audit_log order by seq`.execute(tdb.db);
      expect(old.rows.map((r) => [r.seq, JSON.parse(r.details).n])).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8].map((n) => [n + 1, n]));
      // A row changed in the old chain stops the migration, and the old log is left as it was.
      await sql`update audit_log set ip = '10.6.6.6' where seq = 4`.execute(tdb.db);
      await expect(migrate(tdb.db, { pgSchema: tdb.pgSchema })).rejects.toThrow(/audit chain broken at seq 4/);
      await sql`update audit_log set ip = '10.0.0.1' where seq = 4`.execute(tdb.db);
      expect((await migrate(tdb.db, { pgSchema: tdb.pgSchema }))[0]).toBe('20261206T0070_audit_sealed');
      expect(await verifyAuditChain(tdb.db)).toMatchObject({ ok: true, rows: 9, sealed: 9, pending: 0 });
      // New rows get numbers after the old ones and seal onto the carried chain.
      await appendAudits(tdb.db, [{ actor, entry: entry(9), at }]);
      expect(await sealAllAudit(tdb.db)).toBe(1);
      expect(await verifyAuditChain(tdb.db)).toMatchObject({ ok: true, rows: 10, sealed: 10 });
      expect((await tdb.db.selectFrom('audit_log').select('seq').where('chain_seq', '=', 10).executeTakeFirstOrThrow()).seq).toBe(10);
    } finally {
      await tdb.drop();
    }
  });
});

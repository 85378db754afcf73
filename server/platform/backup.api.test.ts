/**
 * Standing check 13: a backup taken while intakes keep arriving, restored into a new database,
 * holds every case acknowledged before the backup started, each with its timeline and audit row,
 * nothing half-written, and an audit chain that verifies.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createTestApp, signIn, usernameOf, type Client, type TestApp } from '../test/app.js';
import { districtProperty, registerCase } from '../test/factories.js';
import { TEST_DATABASE_URL } from '../test/db.js';
import { createDb, type Db } from '../db/database.js';
import { verifyAuditChain } from './audit.js';
import { backupDatabase, backupFileName, restoreDatabase, type Target } from './backup.js';

let t: TestApp;
let op: Client;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'miz-backup-'));
const cleanups: (() => Promise<void>)[] = [];

beforeAll(async () => {
  t = await createTestApp();
  op = await signIn(t.app, await usernameOf(t.db, 'office_operator', { districtNumber: 6 }));
});
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
  await t?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A new, empty database to restore into, dropped after the file. */
async function emptyTarget(): Promise<{ target: Target; open: () => Db }> {
  if (!t.database.url) {
    const file = path.join(dir, 'restored.sqlite');
    return { target: { kind: 'sqlite', path: file }, open: () => createDb({ databaseUrl: null, sqlitePath: file }) };
  }
  const name = `mk_restore_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  cleanups.push(async () => {
    const c = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.end();
  });
  return { target: { kind: 'postgres', url: url.href }, open: () => createDb({ databaseUrl: url.href, sqlitePath: '', pgSchema: t.database.pgSchema! }) };
}

describe('backup and restore', () => {
  it('a backup under write load restores every acknowledged case, whole, with its audit chain', async () => {
    const property = await districtProperty(t.db, 6);
    const acknowledged: string[] = [];
    for (let i = 0; i < 10; i++) acknowledged.push((await registerCase(op, property)).id);

    // Intakes keep arriving (two desks' worth) while the backup runs.
    let writing = true;
    const writtenDuring: string[] = [];
    const writer = async () => {
      for (let i = 0; i < 30 && writing; i++) writtenDuring.push((await registerCase(op, property)).id);
    };
    const writers = [writer(), writer()];
    await new Promise((r) => setTimeout(r, 30));
    const acknowledgedBefore = [...acknowledged, ...writtenDuring];
    const source: Target = t.database.url ? { kind: 'postgres', url: t.database.url, schema: t.database.pgSchema! } : { kind: 'sqlite', path: t.database.sqlitePath };
    const file = path.join(dir, backupFileName(source.kind, new Date()));
    const backup = await backupDatabase(source, file);
    const duringBackup = writtenDuring.length - (acknowledgedBefore.length - acknowledged.length);
    writing = false;
    await Promise.all(writers);
    expect(backup.bytes).toBeGreaterThan(0);

    const { target, open } = await emptyTarget();
    await restoreDatabase(file, target);
    const restored = open();
    cleanups.push(() => restored.destroy());

    const cases = await restored.selectFrom('requests').select('id').execute();
    const ids = new Set(cases.map((c) => c.id));
    const missing = acknowledgedBefore.filter((id) => !ids.has(id));
    // Whole or absent: every restored case has its intake line in the timeline and its audit row.
    const timeline = new Set((await restored.selectFrom('request_events').select('request_id').execute()).map((e) => e.request_id));
    const audited = new Set((await restored.selectFrom('audit_log').select('entity_id').where('action', '=', 'request.register').execute()).map((a) => a.entity_id));
    const halfDone = cases.filter((c) => !timeline.has(c.id) || !audited.has(c.id));
    const chain = await verifyAuditChain(restored);
    const live = await t.db.selectFrom('requests').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    console.log(
      `backup-restore (${source.kind}): ${acknowledgedBefore.length} cases acknowledged before the backup, ${Math.max(duringBackup, 0)} more written while it ran; ` +
        `${cases.length} cases restored (live database now ${Number(live.n)}), ${missing.length} missing, ${halfDone.length} half-written; audit chain ${chain.ok ? 'verified' : 'BROKEN'} over ${chain.rows} rows`,
    );
    expect(missing).toEqual([]);
    expect(halfDone).toEqual([]);
    expect(chain).toMatchObject({ ok: true, brokenAt: null });
    expect(chain.rows).toBeGreaterThan(acknowledgedBefore.length);

    // The target now holds the city: a second restore into it is refused unless forced.
    await expect(restoreDatabase(file, target)).rejects.toThrow(/already holds \d+ tables/);
    await expect(backupDatabase(source, file)).rejects.toThrow(/already exists/);
  });
});

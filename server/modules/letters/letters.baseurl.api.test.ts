/**
 * With PUBLIC_BASE_URL unset, the QR code and the verification link of a letter point at the address
 * the server really listens on (not localhost:3000); a Host header sent by a caller changes nothing.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../app.js';
import { parseConfig } from '../../config.js';
import { manualClock } from '../../platform/clock.js';
import { seedDemo } from '../../seed/seed.js';
import { createTestDb, type TestDb } from '../../test/db.js';
import { signIn, TEST_START, usernameOf } from '../../test/app.js';
import { districtProperty, registerCase } from '../../test/factories.js';
import { letters } from '../../test/letters.js';
import { printDueLetters } from './letters.jobs.js';

let tdb: TestDb;
let app: FastifyInstance;
let base: string;
let tmp: string;

beforeAll(async () => {
  tdb = await createTestDb();
  const clock = manualClock(TEST_START);
  await seedDemo(tdb.db, clock);
  // No PUBLIC_BASE_URL; PORT says 3000, but the server is started on a free port of its own.
  app = await buildApp(parseConfig({ LOG_LEVEL: 'silent', DATA_DIR: '/tmp/miz-test-data', PORT: '3000' }), { db: tdb.db, clock });
  await app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'miz-baseurl-'));
});
afterAll(async () => {
  await app?.close();
  await tdb?.drop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('PUBLIC_BASE_URL unset', () => {
  it("the letter's QR code and verification link point at the address the server listens on", async () => {
    expect(base).not.toBe('http://127.0.0.1:3000');
    const op = await signIn(app, await usernameOf(tdb.db, 'office_operator', { districtNumber: 3 }));
    const approver = await signIn(app, 'd3-approver');
    const kase = await registerCase(op, await districtProperty(tdb.db, 3), 'bank_inquiry', { bankName: 'بانک ملت', branchCode: '1234', bankLetterNumber: 'ب/۷۷', purpose: 'mortgage' }, { bank_letter: true, ownership_deed: true, owner_national_card: true });
    let res = await op.post(`/api/requests/${kase.id}/send-to-district`, { version: kase.version });
    res = await (await signIn(app, 'd3-reviewer1')).post(`/api/requests/${kase.id}/recommend`, { version: res.json().version, recommendation: 'approve', note: 'بدون تخلف' });
    res = await approver.post(`/api/requests/${kase.id}/approve`, { version: res.json().version });
    res = await approver.post(`/api/requests/${kase.id}/issue-response`, { version: res.json().version });
    expect(res.statusCode, res.body).toBe(200);
    expect(await printDueLetters(app.ctx)).toMatchObject({ printed: 1 });

    // A caller's Host header is not trusted for it.
    const status = await app.inject({ method: 'GET', url: `/api/requests/${kase.id}/letter/status`, headers: { cookie: op.cookie, host: 'evil.example' } });
    const { serial, verifyUrl } = status.json();
    expect(verifyUrl).toBe(`${base}/verify/${serial}`);

    const pdf = await op.get(`/api/requests/${kase.id}/letter`);
    const file = path.join(tmp, 'letter.pdf');
    fs.writeFileSync(file, pdf.rawPayload);
    const text = letters(execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-']).toString('utf8'));
    expect(text).toContain(letters(`${base}/verify/${serial}`));
    expect(text).not.toContain('localhost:3000');
    // And the page it points at is this server's verification page.
    const page = await fetch(`${base}/api/public/verify/${serial}`);
    expect(page.status).toBe(200);
    expect((await page.json()).serial).toBe(serial);
  }, 120_000); // starts Chromium: slow on a busy machine
});

/**
 * Documents kept in an S3 bucket (BLOB_STORE=s3, decision 0039): the app built from that
 * configuration against an S3-compatible server started here, a scanned deed uploaded and
 * downloaded through the real routes, the objects checked in the server's own storage, and the
 * restore drill's files check (`npm run files:check`) run against the bucket.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { createTestApp, signIn, TEST_START, usernameOf, type Client, type TestApp } from '../../test/app.js';
import { districtProperty, registerCase, uploadDocument } from '../../test/factories.js';
import { startS3, type TestS3 } from '../../test/s3.js';
import { blobKey, sha256Hex } from '../../platform/storage.js';
import { filesMissingFromStore } from '../../platform/backup.js';

let s3: TestS3;
let t: TestApp;
let op: Client;

beforeAll(async () => {
  s3 = await startS3();
  t = await createTestApp(TEST_START, {}, s3.env);
  op = await signIn(t.app, await usernameOf(t.db, 'office_operator', { districtNumber: 5 }));
});
afterAll(async () => {
  await t?.close();
  await s3?.close();
});

describe('documents in an S3 bucket', () => {
  it('a scanned deed uploaded through the API is an object in the bucket, with its thumbnail, and downloads byte for byte', async () => {
    const kase = await registerCase(op, await districtProperty(t.db, 5));
    const scan = await sharp({ create: { width: 1200, height: 900, channels: 3, background: { r: 240, g: 236, b: 220 } } }).png().toBuffer();
    const res = await uploadDocument(t.app, op, kase.id, 'deed', 'sanad-scan.png', scan);
    expect(res.statusCode, res.body).toBe(201);
    const doc = res.json<{ id: string; sha256: string; hasThumbnail: boolean }>();
    expect(doc.sha256).toBe(sha256Hex(scan));
    expect(doc.hasThumbnail).toBe(true);

    // In the S3 server's own storage, at the content-addressed key, and nowhere on the app's disk.
    const row = await t.db.selectFrom('documents').select(['thumbnail_sha256']).where('id', '=', doc.id).executeTakeFirstOrThrow();
    expect(s3.keys()).toEqual([blobKey(doc.sha256), blobKey(row.thumbnail_sha256!)].sort());
    expect(s3.object(blobKey(doc.sha256)!)?.equals(scan)).toBe(true);
    expect(t.app.ctx.config.blobStore.kind).toBe('s3');
    expect(fs.existsSync(path.join(t.app.ctx.config.dataDir, 'files', ...blobKey(doc.sha256)!.split('/')))).toBe(false);

    const download = await op.get(`/api/documents/${doc.id}`);
    expect(download.statusCode).toBe(200);
    expect(download.headers['x-content-sha256']).toBe(doc.sha256);
    expect(download.rawPayload.equals(scan)).toBe(true);
    const thumb = await op.get(`/api/documents/${doc.id}?thumbnail=true`);
    expect(thumb.statusCode).toBe(200);
    expect(thumb.rawPayload.equals(s3.object(blobKey(row.thumbnail_sha256!)!)!)).toBe(true);

    // The same scan sent again (a retried upload) is the same document and no new object.
    const again = await uploadDocument(t.app, op, kase.id, 'deed', 'sanad-scan.png', scan);
    expect(again.json<{ id: string }>().id).toBe(doc.id);
    expect(s3.keys()).toHaveLength(2);
  });

  it("the restore drill's files check finds every named file in the bucket, and names one that is gone", async () => {
    const before = await filesMissingFromStore(t.db, t.app.ctx.files);
    expect(before.missing).toEqual([]);
    expect(before.checked).toBeGreaterThanOrEqual(2);

    // The deed's object lost from the bucket (a bucket restored from an older copy).
    const deed = await t.db.selectFrom('documents').select(['id', 'sha256']).where('kind', '=', 'deed').executeTakeFirstOrThrow();
    s3.remove(blobKey(deed.sha256)!);
    const after = await filesMissingFromStore(t.db, t.app.ctx.files);
    expect(after).toEqual({ checked: before.checked, missing: [deed.sha256] });
    // The case page then says the stored file is unavailable, rather than serving anything else.
    expect((await op.get(`/api/documents/${deed.id}`)).statusCode).toBe(503);
  });
});

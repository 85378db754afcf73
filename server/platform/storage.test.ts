/**
 * The blob store contract, one body run against each implementation: local disk, and S3 through
 * an S3-compatible server started here (s3rver on a free port, over a temp folder).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { blobKey, localDiskStore, s3Store, sha256Hex, type BlobStore } from './storage.js';
import { startS3, type TestS3 } from '../test/s3.js';

interface Subject {
  store: BlobStore;
  /** The keys the backing storage holds, read past the store. */
  keys(): string[];
  close(): Promise<void>;
}

const subjects: Record<string, () => Promise<Subject>> = {
  'local disk': async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'miz-blobs-'));
    return {
      store: localDiskStore(root),
      keys: () => (fs.readdirSync(root, { recursive: true }) as string[]).filter((f) => fs.statSync(path.join(root, f)).isFile()).map((f) => f.split(path.sep).join('/')).sort(),
      close: async () => fs.rmSync(root, { recursive: true, force: true }),
    };
  },
  'S3 (s3rver)': async () => {
    const s3 = await startS3();
    return { store: s3Store(s3.config), keys: s3.keys, close: s3.close };
  },
};

describe.each(Object.keys(subjects))('blob store contract: %s', (name) => {
  let subject: Subject;
  beforeAll(async () => {
    subject = await subjects[name]!();
  });
  afterAll(async () => subject?.close());

  it('passes its start-up check', async () => {
    await expect(subject.store.check()).resolves.toBeUndefined();
  });

  it('keeps bytes under their SHA-256 at ab/cd/<sha> and gives back exactly those bytes', async () => {
    const bytes = randomBytes(1024 * 1024 + 17);
    const sha = await subject.store.put(bytes);
    expect(sha).toBe(sha256Hex(bytes));
    expect(subject.keys()).toContain(`${sha.slice(0, 2)}/${sha.slice(2, 4)}/${sha}`);
    expect(await subject.store.has(sha)).toBe(true);
    const back = await subject.store.get(sha);
    expect(back && back.equals(bytes)).toBe(true);
  });

  it('stores the same bytes once, however often and however concurrently they are put', async () => {
    const bytes = Buffer.from(`the same deed ${randomBytes(8).toString('hex')}`);
    const before = subject.keys().length;
    const shas = await Promise.all(Array.from({ length: 5 }, () => subject.store.put(bytes)));
    expect(new Set(shas)).toEqual(new Set([sha256Hex(bytes)]));
    expect(await subject.store.put(bytes)).toBe(shas[0]);
    expect(subject.keys().length - before).toBe(1);
    expect((await subject.store.get(shas[0]!))?.toString()).toBe(bytes.toString());
  });

  it('answers null and false for a file it does not hold', async () => {
    const absent = sha256Hex(randomBytes(32));
    expect(await subject.store.get(absent)).toBeNull();
    expect(await subject.store.has(absent)).toBe(false);
  });

  it('never makes a path or key of anything but a SHA-256', async () => {
    const held = await subject.store.put(Buffer.from('held'));
    for (const bad of ['../../../etc/passwd', held.toUpperCase(), held.slice(0, 63), `${held}/..`, `${held.slice(0, 2)}/${held.slice(2, 4)}/${held}`, '']) {
      expect(await subject.store.get(bad), bad).toBeNull();
      expect(await subject.store.has(bad), bad).toBe(false);
    }
  });
});

describe('the S3 store against a bucket it cannot use', () => {
  let s3: TestS3;
  beforeAll(async () => {
    s3 = await startS3();
  });
  afterAll(async () => s3?.close());

  it('fails its start-up check naming the bucket, and reads fail instead of answering "no such file"', async () => {
    const store = s3Store({ ...s3.config, bucket: 'no-such-bucket' });
    await expect(store.check()).rejects.toThrow(/bucket "no-such-bucket" at http:\/\/127\.0\.0\.1:\d+ cannot be used: no such bucket/);
    await expect(store.get(sha256Hex(Buffer.from('x')))).rejects.toThrow();
    await expect(store.put(Buffer.from('x'))).rejects.toThrow();
  });
});

it('blobKey: the two-level key of a SHA-256, null for anything else', () => {
  const sha = 'ab'.repeat(32);
  expect(blobKey(sha)).toBe(`ab/ab/${sha}`);
  expect(blobKey(sha.toUpperCase())).toBeNull();
  expect(blobKey(`${sha}0`)).toBeNull();
});

/**
 * An S3-compatible server for tests (s3rver: S3's REST API over a folder), on a free port of this
 * machine with a bucket made, and the same settings the app reads from BLOB_STORE=s3.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';
import { parseConfig, type BlobStoreConfig } from '../config.js';

export interface TestS3 {
  /** BLOB_STORE=s3 and the S3_* variables for this server (for parseConfig or createTestApp). */
  env: Record<string, string>;
  config: Extract<BlobStoreConfig, { kind: 's3' }>;
  /** The keys the bucket holds, sorted, read from the server's own folder (not through the store under test). */
  keys: () => string[];
  /** The bytes of one object, from the same folder; null when there is none. */
  object: (key: string) => Buffer | null;
  /** Delete an object behind the store's back (a file lost from the bucket). */
  remove: (key: string) => void;
  close: () => Promise<void>;
}

const BUCKET = 'miz-files';

export async function startS3(): Promise<TestS3> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'miz-s3-'));
  const server = new S3rver({ address: '127.0.0.1', port: 0, directory, silent: true, configureBuckets: [{ name: BUCKET }] });
  const { port } = await server.run();
  const env = {
    BLOB_STORE: 's3', S3_ENDPOINT: `http://127.0.0.1:${port}`, S3_BUCKET: BUCKET, S3_ACCESS_KEY_ID: 'S3RVER', S3_SECRET_ACCESS_KEY: 'S3RVER',
  };
  const objectFile = (key: string) => path.join(directory, BUCKET, ...key.split('/')) + OBJECT_SUFFIX;
  const config = parseConfig(env).blobStore;
  if (config.kind !== 's3') throw new Error('BLOB_STORE=s3 did not give an S3 store');
  return {
    env,
    config,
    keys: () => objectKeys(path.join(directory, BUCKET)),
    object: (key) => {
      const file = objectFile(key);
      return fs.existsSync(file) ? fs.readFileSync(file) : null;
    },
    remove: (key) => fs.rmSync(objectFile(key)),
    close: async () => {
      await server.close();
      fs.rmSync(directory, { recursive: true, force: true });
    },
  };
}

/** s3rver keeps an object `a/b/c` as the file `a/b/c._S3rver_object` (with its metadata beside it). */
const OBJECT_SUFFIX = '._S3rver_object';

function objectKeys(bucketDir: string): string[] {
  return (fs.readdirSync(bucketDir, { recursive: true }) as string[])
    .filter((name) => name.endsWith(OBJECT_SUFFIX))
    .map((name) => name.slice(0, -OBJECT_SUFFIX.length).split(path.sep).join('/'))
    .sort();
}

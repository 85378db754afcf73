/**
 * Content-addressed blob storage: a file is stored under its SHA-256, so the same bytes are kept
 * once and a stored file cannot change without its name changing. Local disk for one server, or an
 * S3-compatible bucket when several servers must see the same files (decision 0039); both keep a
 * file at the same relative key, `ab/cd/abcd…`, so a folder copied into a bucket is a valid store.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { GetObjectCommand, HeadBucketCommand, HeadObjectCommand, NoSuchKey, NotFound, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { ConfigError, type BlobStoreConfig } from '../config.js';

export interface BlobStore {
  /** Store the bytes (once: storing the same bytes again changes nothing); their SHA-256. */
  put(bytes: Buffer): Promise<string>;
  /** The bytes stored under this SHA-256, or null when there are none (or it is not a SHA-256). */
  get(sha256: string): Promise<Buffer | null>;
  has(sha256: string): Promise<boolean>;
  /** At start: the store can be reached and written to; throws a message naming what is wrong. */
  check(): Promise<void>;
}

export function sha256Hex(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The key of a file in either store; null for anything but a SHA-256 (so no path or key is ever made of user input). */
export function blobKey(sha256: string): string | null {
  if (!/^[0-9a-f]{64}$/.test(sha256)) return null;
  return `${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`;
}

export function blobStoreFrom(config: BlobStoreConfig): BlobStore {
  return config.kind === 'local' ? localDiskStore(config.dir) : s3Store(config);
}

export function localDiskStore(root: string): BlobStore {
  const where = (sha: string) => {
    const key = blobKey(sha);
    return key === null ? null : path.join(root, ...key.split('/'));
  };
  const has = async (sha: string) => {
    const file = where(sha);
    if (!file) return false;
    try {
      await fs.access(file);
      return true;
    } catch {
      return false;
    }
  };
  return {
    async put(bytes) {
      const sha = sha256Hex(bytes);
      if (await has(sha)) return sha;
      const file = where(sha)!;
      await fs.mkdir(path.dirname(file), { recursive: true });
      // Write then rename: a reader never sees half a file.
      const tmp = `${file}.${process.pid}.${Date.now()}.${Math.random().toString(16).slice(2)}.tmp`;
      await fs.writeFile(tmp, bytes, { mode: 0o640 });
      await fs.rename(tmp, file);
      return sha;
    },
    async get(sha) {
      const file = where(sha);
      if (!file) return null;
      try {
        return await fs.readFile(file);
      } catch {
        return null;
      }
    },
    has,
    async check() {
      await fs.mkdir(root, { recursive: true });
      await fs.access(root, fs.constants.W_OK).catch(() => {
        throw new ConfigError(`the files folder ${root} is not writable`);
      });
    },
  };
}

type S3Config = Extract<BlobStoreConfig, { kind: 's3' }>;

/**
 * Objects in one bucket. `has` is a HeadObject; `get` answers null only for NoSuchKey, so a missing
 * bucket or a refused key is an error, never read as "this file does not exist".
 */
export function s3Store(config: S3Config): BlobStore {
  const client = new S3Client({
    region: config.region,
    ...(config.endpoint ? { endpoint: config.endpoint } : {}),
    forcePathStyle: config.forcePathStyle,
    credentials: { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey },
    // The SDK's default CRC32 checksums (since 3.729) are refused by many S3-compatible servers; the
    // request is still signed over the body's SHA-256, which the server checks.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    // An upload waits on this; a store that does not answer fails the request instead of hanging it.
    requestHandler: { connectionTimeout: 5_000, requestTimeout: 60_000 },
    maxAttempts: 3,
  });
  const Bucket = config.bucket;
  const has = async (sha: string) => {
    const Key = blobKey(sha);
    if (Key === null) return false;
    try {
      await client.send(new HeadObjectCommand({ Bucket, Key }));
      return true;
    } catch (err) {
      if (err instanceof NotFound) return false;
      throw err;
    }
  };
  return {
    async put(bytes) {
      const sha = sha256Hex(bytes);
      // Looked up first: a second upload of the same paper costs a HEAD, not a new object version.
      if (await has(sha)) return sha;
      await client.send(new PutObjectCommand({ Bucket, Key: blobKey(sha)!, Body: bytes, ContentType: 'application/octet-stream' }));
      return sha;
    },
    async get(sha) {
      const Key = blobKey(sha);
      if (Key === null) return null;
      try {
        const object = await client.send(new GetObjectCommand({ Bucket, Key }));
        return Buffer.from(await object.Body!.transformToByteArray());
      } catch (err) {
        if (err instanceof NoSuchKey) return null;
        throw err;
      }
    },
    has,
    async check() {
      try {
        await client.send(new HeadBucketCommand({ Bucket }));
      } catch (err) {
        const status = (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
        const why = status === 404 ? 'no such bucket' : status === 403 ? 'access refused (check S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY)' : err instanceof Error ? err.message : String(err);
        throw new ConfigError(`BLOB_STORE=s3: bucket "${Bucket}" at ${config.endpoint ?? `Amazon S3 (${config.region})`} cannot be used: ${why}`);
      }
    },
  };
}

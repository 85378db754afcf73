/**
 * Content-addressed blob storage: a file is stored under its SHA-256, so the same bytes are kept
 * once and a stored file cannot change without its name changing. Local disk by default; an
 * S3-compatible store implements the same three calls.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { createHash } from 'node:crypto';

export interface BlobStore {
  put(bytes: Buffer): Promise<string>;
  get(sha256: string): Promise<Buffer | null>;
  has(sha256: string): Promise<boolean>;
}

export function sha256Hex(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function localDiskStore(root: string): BlobStore {
  const where = (sha: string) => {
    if (!/^[0-9a-f]{64}$/.test(sha)) throw new Error('not a sha256');
    return path.join(root, sha.slice(0, 2), sha.slice(2, 4), sha);
  };
  return {
    async put(bytes) {
      const sha = sha256Hex(bytes);
      const file = where(sha);
      try {
        await fs.access(file);
        return sha;
      } catch {
        await fs.mkdir(path.dirname(file), { recursive: true });
        // Write then rename: a reader never sees half a file.
        const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
        await fs.writeFile(tmp, bytes, { mode: 0o640 });
        await fs.rename(tmp, file);
        return sha;
      }
    },
    async get(sha) {
      try {
        return await fs.readFile(where(sha));
      } catch {
        return null;
      }
    },
    async has(sha) {
      try {
        await fs.access(where(sha));
        return true;
      } catch {
        return false;
      }
    },
  };
}

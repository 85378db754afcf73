/**
 * API keys: `mk_<prefix>_<secret>`. The prefix (public, unique) finds the row; only the SHA-256 of
 * the whole key is stored, so the database cannot give a key away. A key is shown once, at creation.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export function newApiKey(): { key: string; prefix: string; hash: string } {
  const prefix = randomBytes(6).toString('hex');
  const key = `mk_${prefix}_${randomBytes(24).toString('base64url')}`;
  return { key, prefix, hash: hashApiKey(key) };
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

export function prefixOf(key: string): string | null {
  const m = /^mk_([0-9a-f]{12})_[A-Za-z0-9_-]{32}$/.exec(key);
  return m ? m[1]! : null;
}

export function keyMatches(key: string, storedHash: string): boolean {
  const a = Buffer.from(hashApiKey(key), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

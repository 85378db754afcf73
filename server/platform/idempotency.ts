/**
 * Idempotency-Key on the open API's writes (inquiries, excavation permits): a retry with the same
 * key and the same request gets the first answer; the same key with another request is 409.
 * "The same request" is its validated body with its keys in any order (a client's JSON library
 * may order them differently on a retry), hashed.
 */
import { createHash } from 'node:crypto';
import { stringify } from 'safe-stable-stringify';
import { AppError } from './errors.js';

export function requestFingerprint(body: object): string {
  return createHash('sha256').update(stringify(body) ?? '').digest('hex');
}

/** 409 unless the request sent again with a key is the one first sent with it. */
export function checkSameRequest(storedFingerprint: string, fingerprint: string): void {
  if (storedFingerprint !== fingerprint) {
    throw new AppError('CONFLICT', {
      message: 'This Idempotency-Key was used with a different request',
      messageFa: 'این کلید یکتایی قبلاً با درخواست دیگری به کار رفته است',
      details: { reason: 'idempotency_key_reused' },
    });
  }
}

/**
 * Counting failed attempts at a key (an account, an address, an address range) in the database,
 * so every app server sees the same counts. An attempt is claimed BEFORE it is checked and counted
 * as a failure until it succeeds: a burst of parallel guesses cannot all slip through between a
 * read and a write. The claim is a compare-and-set on the row, retried when another claim won.
 *
 * The policy: `free` failures in a window cost nothing; each one after that doubles the wait
 * before the next attempt (from `baseSeconds`, at most `maxSeconds`); at `lockAfter` failures the
 * key is locked for `lockSeconds` (an admin may lift it sooner). The window restarts after
 * `windowSeconds` with no failure.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

export interface ThrottlePolicy {
  free: number;
  baseSeconds: number;
  maxSeconds: number;
  windowSeconds: number;
  lockAfter?: number;
  lockSeconds?: number;
}

export type Claim =
  | { ok: true; failures: number; lockedNow: boolean }
  | { ok: false; retryAfterSeconds: number; locked: boolean };

const CLAIM_TRIES = 20;

/** Seconds to wait after the `failures`-th failure before the next attempt. */
export function backoffSeconds(policy: ThrottlePolicy, failures: number): number {
  if (failures <= policy.free) return 0;
  return Math.min(policy.maxSeconds, policy.baseSeconds * 2 ** (failures - policy.free - 1));
}

export async function claimAttempt(db: Kysely<Database>, key: string, policy: ThrottlePolicy, now: Date): Promise<Claim> {
  const nowIso = now.toISOString();
  for (let i = 0; i < CLAIM_TRIES; i++) {
    const row = await db.selectFrom('throttles').selectAll().where('key', '=', key).executeTakeFirst();
    if (row?.locked_until && row.locked_until > nowIso) return refused(row.locked_until, now, true);
    if (row?.next_at && row.next_at > nowIso) return refused(row.next_at, now, false);
    const expired = !row || Date.parse(row.updated_at) + policy.windowSeconds * 1000 <= now.getTime();
    const failures = (expired ? 0 : row.failures) + 1;
    const lockedNow = policy.lockAfter !== undefined && failures >= policy.lockAfter;
    const wait = backoffSeconds(policy, failures);
    const values = {
      failures,
      window_started_at: expired ? nowIso : row.window_started_at,
      next_at: wait > 0 ? new Date(now.getTime() + wait * 1000).toISOString() : null,
      locked_until: lockedNow ? new Date(now.getTime() + (policy.lockSeconds ?? policy.maxSeconds) * 1000).toISOString() : null,
      updated_at: nowIso,
    };
    if (!row) {
      const inserted = await db.insertInto('throttles').values({ key, ...values }).onConflict((oc) => oc.column('key').doNothing()).executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1) return { ok: true, failures, lockedNow };
      continue;
    }
    // Compare-and-set on what was read: of two claims from the same row, one wins, the other re-reads.
    const updated = await db
      .updateTable('throttles')
      .set(values)
      .where('key', '=', key)
      .where('failures', '=', row.failures)
      .where('updated_at', '=', row.updated_at)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 1) return { ok: true, failures, lockedNow };
  }
  return { ok: false, retryAfterSeconds: 1, locked: false };
}

function refused(untilIso: string, now: Date, locked: boolean): Claim {
  return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((Date.parse(untilIso) - now.getTime()) / 1000)), locked };
}

/** The attempt succeeded: the key starts afresh. */
export async function clearAttempts(db: Kysely<Database>, key: string): Promise<void> {
  await db.deleteFrom('throttles').where('key', '=', key).execute();
}

/** The attempt succeeded but the key is shared (an address): take back this one claim only. */
export async function releaseAttempt(db: Kysely<Database>, key: string): Promise<void> {
  await db
    .updateTable('throttles')
    .set((eb) => ({ failures: eb('failures', '-', 1) }))
    .where('key', '=', key)
    .where('failures', '>', 0)
    .execute();
}

import type { Kysely } from 'kysely';
import { isPostgres } from '../db/database.js';

/** Retry schedule shared by the outbox and webhook workers: 30 s, 1 min, 2 min... capped at 6 h. */
const BASE_BACKOFF_MS = 30_000;
const MAX_BACKOFF_MS = 6 * 3600_000;

export function backoffMs(attempts: number): number {
  return Math.min(BASE_BACKOFF_MS * 2 ** (attempts - 1), MAX_BACKOFF_MS);
}

/** How long a worker holds a claimed row before another may take it. */
export const LEASE_MS = 60_000;

/** A background job's passes by name (the name is the log's and the metric's `job`). */
export type Passes = Record<string, () => Promise<unknown>>;

export interface PollingHooks {
  error(o: object, msg: string): void;
  /** Each pass's duration, failed ones too (`mk_background_pass_seconds`, platform/metrics.ts). */
  timed?(job: string, seconds: number): void;
}

/**
 * Run the passes every `pollMs` until stopped; a failed pass is logged and the next one runs.
 * The returned stop starts no new pass and resolves once the pass under way (if any) has finished,
 * so a shutdown never cuts a claimed row off half-way. Each pass is timed: on SQLite a pass holds
 * the one connection, and every request waits behind it.
 */
export function startPolling(pollMs: number, passes: Passes, hooks: PollingHooks): () => Promise<void> {
  let running: Promise<void> | null = null;
  const runPasses = async () => {
    for (const [job, pass] of Object.entries(passes)) {
      const started = performance.now();
      try {
        await pass();
      } catch (err) {
        hooks.error({ err, job }, 'background pass failed');
      }
      hooks.timed?.(job, (performance.now() - started) / 1000);
    }
  };
  const timer = setInterval(() => {
    if (running) return;
    running = runPasses().finally(() => {
      running = null;
    });
  }, pollMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}

/**
 * The pick inside a claim, `UPDATE <queue> SET <lease> WHERE id = (<pick> LIMIT 1) RETURNING *`,
 * made safe for several servers (decision 0038). On PostgreSQL the pick locks the row it chose and
 * passes over rows another claim holds locked (FOR UPDATE SKIP LOCKED): two servers polling at once
 * take different rows without waiting on each other, and a row whose claim committed meanwhile is
 * re-read with its new lease, fails the pick's conditions and is passed over too. SQLite runs one
 * writing statement at a time, across processes too, so there the pick and the lease are one step.
 */
export function skipLocked<DB, Q extends { forUpdate(): Q; skipLocked(): Q }>(db: Kysely<DB>, pick: Q): Q {
  return isPostgres(db) ? pick.forUpdate().skipLocked() : pick;
}

/** The end of a lease taken now: read the clock at the claim, not at the start of a pass, so a long pass never hands out leases already run out. */
export const leaseUntil = (now: Date) => new Date(now.getTime() + LEASE_MS).toISOString();

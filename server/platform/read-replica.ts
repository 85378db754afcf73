/**
 * Reads a streaming replica may serve (decision 0041). With DATABASE_READ_URL set (PostgreSQL only),
 * a route that runs its service through `fromReplica` (the dashboards, the case and chase lists, the
 * public lookups) reads from the replica whenever the replica may answer this caller now; every
 * other route, every write and the sign-in check use the primary (`ctx.db`). The rule, all of it here:
 *
 * - Fresh enough. A probe reads the primary's WAL insert position, then the replica's replay
 *   position: at start, whenever a replica read finds the last probe a second old or more (not
 *   waited for), and on each metrics scrape. A sample (t, lsn) of the primary taken at t covers
 *   every commit acknowledged before t, so once the replica has replayed past lsn it holds all of
 *   them: the replica is fresh as of the newest such t, and serves while now - t is within
 *   DATABASE_READ_MAX_LAG_SECONDS. A probe that fails (the replica is down, or is not a standby)
 *   forgets that t at once; one that hangs lets it age past the bound. Either way the reads go to
 *   the primary until a probe proves the replica fresh again.
 * - Your own writes. A successful write leaves a cookie with its time (`mk_wrote`); for the bound plus
 *   a second (clocks of two app servers may disagree) that browser's reads go to the primary too. Past
 *   that, the rule above guarantees the replica holds the write. The case page, and every answer to a
 *   write, never go to the replica at all.
 * - The replica only says yes. A read that fails there, its own 404 included (a tracking code or a
 *   letter made a moment ago), is asked again of the primary, whose answer is final.
 */
import type { FastifyBaseLogger, FastifyInstance, FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import type { Clock } from './clock.js';
import type { Ctx } from './context.js';

/** How often, at most, the probe looks at the primary and the replica (while the replica is read from). */
export const PROBE_MS = 1000;
/** The cookie a successful write leaves: the write's time, in ms since the epoch. */
export const WROTE_COOKIE = 'mk_wrote';
/** Allowance for the clocks of two app servers (the one that wrote, the one that reads). */
const CLOCK_SKEW_MS = 1000;
/** Samples kept at most (the clock of a test may stand still, so age alone would keep them all). */
const MAX_SAMPLES = 64;
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface ReadReplica {
  /** The replica's pool (read-only sessions: db/database.ts). */
  readonly db: Db;
  readonly maxLagMs: number;
  /** How far behind the primary the replica may be now, in ms; Infinity when unknown (down, not a standby, not probed yet). */
  staleness(): number;
  /** One probe (the app runs one at start). */
  check(): Promise<void>;
  /** Start a probe, not waited for, when the last began PROBE_MS ago or more and none is running. */
  probeIfDue(): void;
}

/** The primary's WAL position at a moment. */
export interface WalSample {
  at: number;
  lsn: bigint;
}

/** A WAL position as PostgreSQL prints it (`16/B374D848`), as a number. */
export function parseLsn(text: string): bigint {
  const m = /^([0-9A-F]{1,8})\/([0-9A-F]{1,8})$/i.exec(text);
  if (!m) throw new Error(`not a WAL position: "${text}"`);
  return (BigInt(`0x${m[1]}`) << 32n) | BigInt(`0x${m[2]}`);
}

/** The newest moment before which every commit of the primary is on a replica that has replayed up to `replayed`; null if none of the samples is. */
export function freshAsOf(samples: readonly WalSample[], replayed: bigint): number | null {
  let at: number | null = null;
  for (const s of samples) if (s.lsn <= replayed && (at === null || s.at > at)) at = s.at;
  return at;
}

/** Whether the replica may answer: fresh within the bound, and the caller wrote nothing it could miss (ms since its last write, or null). */
export function replicaMayServe(stalenessMs: number, maxLagMs: number, sinceWriteMs: number | null): boolean {
  return stalenessMs <= maxLagMs && (sinceWriteMs === null || sinceWriteMs > maxLagMs + CLOCK_SKEW_MS);
}

export function readReplica(primary: Db, replica: Db, opts: { maxLagSeconds: number; clock: Clock; log: FastifyBaseLogger | null }): ReadReplica {
  const maxLagMs = opts.maxLagSeconds * 1000;
  let samples: WalSample[] = [];
  let fresh: number | null = null;
  let lastProbe = Number.NEGATIVE_INFINITY;
  let probing = false;
  // What is wrong now, if anything: logged when it changes, so an outage is one line, not one a second.
  let trouble: string | null = null;
  const report = (problem: string | null, err?: unknown) => {
    if (problem === trouble) return;
    if (problem) opts.log?.warn({ err }, `read replica: ${problem}; every read goes to the primary`);
    else opts.log?.info({}, 'read replica: fresh again, serving reads');
    trouble = problem;
  };
  const check = async () => {
    const at = opts.clock.now().getTime();
    lastProbe = at;
    probing = true;
    try {
      const primaryAt = await sql<{ lsn: string }>`select pg_current_wal_insert_lsn()::text as lsn`.execute(primary);
      samples = [...samples.filter((s) => s.at >= at - maxLagMs - PROBE_MS).slice(1 - MAX_SAMPLES), { at, lsn: parseLsn(primaryAt.rows[0]!.lsn) }];
      const replicaAt = await sql<{ standby: boolean; replayed: string | null }>`select pg_is_in_recovery() as standby, pg_last_wal_replay_lsn()::text as replayed`.execute(replica);
      const { standby, replayed } = replicaAt.rows[0]!;
      if (!standby || replayed === null) {
        fresh = null;
        return report('DATABASE_READ_URL is not a standby in recovery');
      }
      // What a sample proved stays true (a standby never un-replays); a newer proof moves it on.
      const proved = freshAsOf(samples, parseLsn(replayed));
      if (proved !== null) fresh = Math.max(fresh ?? proved, proved);
      if (fresh !== null && at - fresh <= maxLagMs) report(null);
      // Behind only once watched for the bound: the first sample may be newer than the replica by a moment.
      else if (samples[0]!.at <= at - maxLagMs) report(`more than ${opts.maxLagSeconds} s behind the primary`);
    } catch (err) {
      fresh = null;
      report('cannot be reached', err);
    } finally {
      probing = false;
    }
  };
  return {
    db: replica,
    maxLagMs,
    staleness: () => (fresh === null ? Infinity : opts.clock.now().getTime() - fresh),
    check,
    probeIfDue: () => {
      if (!probing && opts.clock.now().getTime() - lastProbe >= PROBE_MS) void check();
    },
  };
}

/** Milliseconds since this caller's last write (its `mk_wrote` cookie), or null. */
function sinceWrite(ctx: Ctx, request: FastifyRequest): number | null {
  const at = Number(request.cookies[WROTE_COOKIE] ?? Number.NaN);
  return Number.isFinite(at) ? ctx.clock.now().getTime() - at : null;
}

/**
 * Run a read on the replica when it may serve this request (see the top of this file), otherwise
 * (and again, when it fails there) on the primary. `read` must write nothing: the replica is read-only.
 */
export async function fromReplica<T>(ctx: Ctx, request: FastifyRequest, read: (ctx: Ctx) => Promise<T>): Promise<T> {
  const replica = ctx.replica;
  if (!replica) return read(ctx);
  replica.probeIfDue();
  if (!replicaMayServe(replica.staleness(), replica.maxLagMs, sinceWrite(ctx, request))) return read(ctx);
  try {
    return await read({ ...ctx, db: replica.db });
  } catch {
    return read(ctx);
  }
}

/** With a replica: the cookie every successful write leaves, and the first probe, before the app serves. */
export function registerReadReplica(app: FastifyInstance, ctx: Ctx): void {
  const replica = ctx.replica;
  if (!replica) return;
  const windowMs = replica.maxLagMs + CLOCK_SKEW_MS;
  app.addHook('onSend', async (request, reply, payload) => {
    if (!SAFE_METHODS.has(request.method) && reply.statusCode < 400) {
      reply.setCookie(WROTE_COOKIE, String(ctx.clock.now().getTime()), {
        httpOnly: true, sameSite: 'strict', secure: ctx.config.cookieSecure, path: '/', maxAge: Math.ceil(windowMs / 1000),
      });
    }
    return payload;
  });
  app.addHook('onReady', () => replica.check());
}

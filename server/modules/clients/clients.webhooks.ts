/**
 * Webhooks: a client that subscribed to an event gets it POSTed to its URL, signed, retried with
 * backoff until it answers 2xx (dead after the last attempt), and can read the delivery log.
 */
import type { Ctx } from '../../platform/context.js';
import type { Db } from '../../db/database.js';
import { newId } from '../../platform/ids.js';
import { backoffMs, leaseUntil, skipLocked } from '../../platform/retry.js';
import type { ApiCaller } from './clients.auth.js';
import { sign } from '../../../contracts/webhook-signature.js';
import { guardedFetch } from '../../platform/outbound.js';

let publicFetch: typeof fetch | null = null;

/** Queue an event for a client, if it subscribed; one delivery per event key, however often noticed. */
export async function enqueueWebhook(db: Db, clientId: string, eventType: string, eventKey: string, data: Record<string, unknown>, now: Date): Promise<void> {
  const client = await db.selectFrom('api_clients').select(['webhook_url', 'webhook_events', 'active']).where('id', '=', clientId).executeTakeFirst();
  if (!client?.webhook_url || client.active !== 1 || !(JSON.parse(client.webhook_events) as string[]).includes(eventType)) return;
  const id = newId();
  await db
    .insertInto('webhook_deliveries')
    .values({
      id, client_id: clientId, event_type: eventType, event_key: eventKey,
      payload: JSON.stringify({ id, type: eventType, createdAt: now.toISOString(), data }),
      status: 'pending', attempts: 0, next_attempt_at: now.toISOString(), locked_until: null, last_status_code: null, last_error: null,
      created_at: now.toISOString(), delivered_at: null,
    })
    .onConflict((oc) => oc.column('event_key').doNothing())
    .execute();
}

/** Take the next due delivery for a lease, the oldest first (FOR UPDATE SKIP LOCKED on PostgreSQL: decision 0038). */
function claimNext(db: Db, now: Date) {
  const nowIso = now.toISOString();
  return db
    .updateTable('webhook_deliveries')
    .set({ locked_until: leaseUntil(now) })
    .where('id', '=', (eb) =>
      skipLocked(
        db,
        eb
          .selectFrom('webhook_deliveries')
          .select('id')
          .where('status', '=', 'pending')
          .where('next_attempt_at', '<=', nowIso)
          .where((w) => w.or([w('locked_until', 'is', null), w('locked_until', '<', nowIso)]))
          .orderBy('next_attempt_at')
          .limit(1),
      ),
    )
    .returningAll()
    .executeTakeFirst();
}

/** One pass: up to 50 due deliveries, each claimed just before it is posted, so its lease covers its own post. */
export async function deliverWebhooks(ctx: Ctx, opts: { maxAttempts: number; fetchImpl?: typeof fetch }) {
  // One connection pool for the process; the allowed hosts are config, read once.
  const fetchImpl = opts.fetchImpl ?? (publicFetch ??= guardedFetch(ctx.config.webhookAllowedHosts));
  let delivered = 0;
  let attempted = 0;
  for (; attempted < 50; attempted++) {
    const now = ctx.clock.now();
    const d = await claimNext(ctx.db, now);
    if (!d) break;
    const client = await ctx.db.selectFrom('api_clients').select(['webhook_url', 'webhook_secret']).where('id', '=', d.client_id).executeTakeFirst();
    // The client dropped its webhook since: the row waits (its lease runs out) in case it comes back.
    if (!client?.webhook_url || !client.webhook_secret) continue;
    const attempts = d.attempts + 1;
    let statusCode: number | null = null;
    let error: string | null = null;
    try {
      const res = await fetchImpl(client.webhook_url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'miz-signature': sign(client.webhook_secret, Math.floor(ctx.clock.now().getTime() / 1000), d.payload),
          'miz-delivery': d.id,
          'miz-event': d.event_type,
        },
        body: d.payload,
        signal: AbortSignal.timeout(10_000),
      });
      statusCode = res.status;
      if (!res.ok) error = `HTTP ${res.status}`;
    } catch (e) {
      error = (e as Error).message.slice(0, 300);
    }
    if (!error) {
      await ctx.db.updateTable('webhook_deliveries').set({ status: 'delivered', attempts, last_status_code: statusCode, last_error: null, delivered_at: ctx.clock.now().toISOString(), locked_until: null }).where('id', '=', d.id).execute();
      delivered++;
    } else {
      await ctx.db
        .updateTable('webhook_deliveries')
        .set({ status: attempts >= opts.maxAttempts ? 'dead' : 'pending', attempts, last_status_code: statusCode, last_error: error, next_attempt_at: new Date(now.getTime() + backoffMs(attempts)).toISOString(), locked_until: null })
        .where('id', '=', d.id)
        .execute();
    }
  }
  return { delivered, attempted };
}

export function listDeliveries(ctx: Ctx, caller: ApiCaller, page: number, pageSize: number) {
  return deliveriesOf(ctx, caller.clientId, page, pageSize);
}

/** A client's delivery log, newest first: what the client reads with its key, and the city admin on the client's page. */
export async function deliveriesOf(ctx: Ctx, clientId: string, page: number, pageSize: number) {
  const base = ctx.db.selectFrom('webhook_deliveries').where('client_id', '=', clientId);
  const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await base.selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(pageSize).offset((page - 1) * pageSize).execute();
  return {
    items: rows.map((r) => ({
      id: r.id, eventType: r.event_type, status: r.status, attempts: r.attempts, lastStatusCode: r.last_status_code, lastError: r.last_error,
      createdAt: r.created_at, deliveredAt: r.delivered_at, nextAttemptAt: r.status === 'pending' ? r.next_attempt_at : null,
      payload: JSON.parse(r.payload) as Record<string, unknown>,
    })),
    total: Number(total.n),
    page,
    pageSize,
  };
}

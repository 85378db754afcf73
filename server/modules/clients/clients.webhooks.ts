/**
 * Webhooks: a client that subscribed to an event gets it POSTed to its URL, signed, retried with
 * backoff until it answers 2xx (dead after the last attempt), and can read the delivery log.
 */
import type { Ctx } from '../../platform/context.js';
import type { Db } from '../../db/database.js';
import { newId } from '../../platform/ids.js';
import { backoffMs, LEASE_MS } from '../../platform/retry.js';
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

export async function deliverWebhooks(ctx: Ctx, opts: { maxAttempts: number; fetchImpl?: typeof fetch }) {
  // One connection pool for the process; the allowed hosts are config, read once.
  const fetchImpl = opts.fetchImpl ?? (publicFetch ??= guardedFetch(ctx.config.webhookAllowedHosts));
  const now = ctx.clock.now();
  const due = await ctx.db
    .selectFrom('webhook_deliveries')
    .innerJoin('api_clients', 'api_clients.id', 'webhook_deliveries.client_id')
    .selectAll('webhook_deliveries')
    .select(['api_clients.webhook_url', 'api_clients.webhook_secret'])
    .where('webhook_deliveries.status', '=', 'pending')
    .where('webhook_deliveries.next_attempt_at', '<=', now.toISOString())
    .where((eb) => eb.or([eb('webhook_deliveries.locked_until', 'is', null), eb('webhook_deliveries.locked_until', '<', now.toISOString())]))
    .orderBy('webhook_deliveries.next_attempt_at')
    .limit(50)
    .execute();
  let delivered = 0;
  for (const d of due) {
    const claimed = await ctx.db
      .updateTable('webhook_deliveries')
      .set({ locked_until: new Date(now.getTime() + LEASE_MS).toISOString() })
      .where('id', '=', d.id)
      .where('status', '=', 'pending')
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now.toISOString())]))
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1 || !d.webhook_url || !d.webhook_secret) continue;
    const attempts = d.attempts + 1;
    let statusCode: number | null = null;
    let error: string | null = null;
    try {
      const res = await fetchImpl(d.webhook_url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'miz-signature': sign(d.webhook_secret, Math.floor(ctx.clock.now().getTime() / 1000), d.payload),
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
  return { delivered, attempted: due.length };
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

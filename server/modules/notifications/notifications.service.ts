/** The outbox as the city admin sees it: what was sent, what is waiting, what failed; resend the failed. */
import type { Ctx } from '../../platform/context.js';
import type { Actor } from '../../platform/actor.js';
import type { OutboxTable } from '../../db/schema.js';
import { AppError, notFound } from '../../platform/errors.js';
import { appendAudit } from '../../platform/audit.js';
import { renderSms } from './notifications.templates.js';

export interface OutboxQuery {
  status?: OutboxTable['status'];
  eventType?: string;
  page: number;
  pageSize: number;
}

/** Events of the actor's city: those about its cases. */
function cityOutbox(ctx: Ctx, actor: Actor) {
  return ctx.db
    .selectFrom('outbox')
    .where((eb) =>
      eb.exists(
        eb.selectFrom('requests').select(eb.lit(1).as('one')).whereRef('requests.id', '=', 'outbox.aggregate_id').where('requests.city_id', '=', actor.cityId),
      ),
    );
}

/** The messages as sent: signed for the actor's city, whose cases they are about. */
async function presenter(ctx: Ctx, actor: Actor) {
  const city = await ctx.db.selectFrom('cities').select('name_fa').where('id', '=', actor.cityId).executeTakeFirstOrThrow();
  return (r: OutboxTable) => ({
    id: r.id, eventType: r.event_type, aggregateType: r.aggregate_type, aggregateId: r.aggregate_id, status: r.status,
    attempts: r.attempts, nextAttemptAt: r.next_attempt_at, lastError: r.last_error, createdAt: r.created_at, sentAt: r.sent_at,
    text: renderSms(r.event_type, JSON.parse(r.payload) as Record<string, unknown>, city.name_fa),
  });
}

export async function listOutbox(ctx: Ctx, actor: Actor, q: OutboxQuery) {
  let base = cityOutbox(ctx, actor);
  if (q.status) base = base.where('status', '=', q.status);
  if (q.eventType) base = base.where('event_type', '=', q.eventType);
  const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await base.selectAll('outbox').orderBy('created_at', 'desc').orderBy('id', 'desc').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute();
  return { items: rows.map(await presenter(ctx, actor)), total: Number(total.n), page: q.page, pageSize: q.pageSize };
}

/** A dead-lettered message gets a fresh start; its idempotency key stays, so it is never delivered twice. */
export async function resend(ctx: Ctx, actor: Actor, id: string) {
  const row = await cityOutbox(ctx, actor).selectAll('outbox').where('outbox.id', '=', id).executeTakeFirst();
  if (!row) throw notFound();
  if (row.status !== 'dead') {
    throw new AppError('CONFLICT', { message: 'Only failed messages can be resent', messageFa: 'فقط پیام‌های ناموفق دوباره ارسال می‌شوند' });
  }
  const now = ctx.clock.now();
  const fresh = { status: 'pending' as const, attempts: 0, next_attempt_at: now.toISOString(), last_error: null, locked_until: null };
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('outbox').set(fresh).where('id', '=', id).execute();
    await appendAudit(trx, actor, { action: 'outbox.resend', entityType: 'outbox', entityId: id }, now);
  });
  return (await presenter(ctx, actor))({ ...row, ...fresh });
}

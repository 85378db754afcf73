/**
 * The outbox worker: delivers pending events as SMS, with retries and exponential backoff, and a
 * dead-letter state after the last attempt. A row is claimed with a lease before sending
 * (`claimNext`: on PostgreSQL FOR UPDATE SKIP LOCKED, platform/retry.ts), so two workers on any
 * number of servers never send the same row at once; a worker that dies mid-way leaves the lease
 * to expire and the row is sent again with the same idempotency key, which the provider de-duplicates.
 */
import type { Ctx } from '../../platform/context.js';
import type { Db } from '../../db/database.js';
import type { ExpressionBuilder } from 'kysely';
import type { Database, OutboxTable } from '../../db/schema.js';
import type { SmsProvider } from '../../platform/sms.js';
import { renderSms, sendsSms } from './notifications.templates.js';
import { backoffMs, leaseUntil, skipLocked } from '../../platform/retry.js';

export interface WorkerOptions {
  batchSize?: number;
  maxAttempts: number;
}

/**
 * Whom the message goes to, and the city it is signed for: the staff member it names (escalations,
 * digests) and their city, else the case's applicant and the case's city.
 */
async function recipientOf(db: Db, row: OutboxTable): Promise<{ mobile: string | null; cityFa: string } | undefined> {
  const toStaffId = (JSON.parse(row.payload) as { toStaffId?: unknown }).toStaffId;
  if (typeof toStaffId === 'string') {
    return db
      .selectFrom('staff')
      .innerJoin('cities', 'cities.id', 'staff.city_id')
      .select(['staff.mobile', 'cities.name_fa as cityFa'])
      .where('staff.id', '=', toStaffId)
      .where('staff.active', '=', 1)
      .executeTakeFirst();
  }
  if (row.aggregate_type !== 'request') return undefined;
  return db
    .selectFrom('requests')
    .innerJoin('persons', 'persons.id', 'requests.applicant_person_id')
    .innerJoin('cities', 'cities.id', 'requests.city_id')
    .select(['persons.mobile', 'cities.name_fa as cityFa'])
    .where('requests.id', '=', row.aggregate_id)
    .executeTakeFirst();
}

const leaseFree = (now: Date) => (eb: ExpressionBuilder<Database, 'outbox'>) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now.toISOString())]);

/** Take one row by id for a lease, if nobody holds it (a crashed worker's row, in the tests). */
export async function claim(db: Db, id: string, now: Date): Promise<boolean> {
  const res = await db.updateTable('outbox').set({ locked_until: leaseUntil(now) }).where('id', '=', id).where('status', '=', 'pending').where(leaseFree(now)).executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** The next row due for sending, the oldest first, not leased by another worker (the claim's pick; the plan check reads it too). */
export function dueOutboxQuery(db: Db, now: Date) {
  return db.selectFrom('outbox').select('id').where('status', '=', 'pending').where('next_attempt_at', '<=', now.toISOString()).where(leaseFree(now)).orderBy('next_attempt_at').limit(1);
}

/** Take the next due row for a lease; undefined when none is left (or all are held). */
function claimNext(db: Db, now: Date) {
  return db
    .updateTable('outbox')
    .set({ locked_until: leaseUntil(now) })
    .where('id', '=', skipLocked(db, dueOutboxQuery(db, now)))
    .returningAll()
    .executeTakeFirst();
}

/**
 * One pass: up to `batchSize` due rows, each claimed just before it is sent (so its lease covers
 * its own send, however long the pass); returns how many were sent, skipped, retried and dead-lettered.
 */
export async function deliverDue(ctx: Ctx, provider: SmsProvider, opts: WorkerOptions) {
  const tally = { sent: 0, skipped: 0, retried: 0, dead: 0 };
  for (let i = 0; i < (opts.batchSize ?? 50); i++) {
    const now = ctx.clock.now();
    const row = await claimNext(ctx.db, now);
    if (!row) break;
    const to = sendsSms(row.event_type) ? await recipientOf(ctx.db, row) : undefined;
    const text = to?.mobile ? renderSms(row.event_type, JSON.parse(row.payload) as Record<string, unknown>, to.cityFa) : null;
    if (!text || !to?.mobile) {
      await ctx.db.updateTable('outbox').set({ status: 'skipped', locked_until: null, sent_at: now.toISOString() }).where('id', '=', row.id).execute();
      tally.skipped++;
      continue;
    }
    try {
      const { providerMessageId } = await provider.send({ to: to.mobile, text, idempotencyKey: row.idempotency_key });
      await ctx.db
        .updateTable('outbox')
        .set({ status: 'sent', sent_at: ctx.clock.now().toISOString(), provider_message_id: providerMessageId, locked_until: null, attempts: row.attempts + 1, last_error: null })
        .where('id', '=', row.id)
        .execute();
      tally.sent++;
    } catch (e) {
      const attempts = row.attempts + 1;
      const dead = attempts >= opts.maxAttempts;
      await ctx.db
        .updateTable('outbox')
        .set({
          attempts,
          status: dead ? 'dead' : 'pending',
          last_error: (e as Error).message.slice(0, 500),
          next_attempt_at: new Date(now.getTime() + backoffMs(attempts)).toISOString(),
          locked_until: null,
        })
        .where('id', '=', row.id)
        .execute();
      tally[dead ? 'dead' : 'retried']++;
    }
  }
  return tally;
}

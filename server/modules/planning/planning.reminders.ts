/**
 * The reminder the day before a visit (یادآوری نوبت بازدید): from 16:00 Tehran, every owner with a
 * confirmed appointment the next day gets one SMS through the outbox. Idempotent (one outbox key per
 * case, day and window), so it may run on every poll and on several nodes; an appointment moved to
 * another day or window is reminded again for the new one.
 */
import type { Ctx } from '../../platform/context.js';
import { enqueueOutboxes } from '../../platform/outbox.js';
import { TEHRAN_TZ, tehranDate } from '../../platform/calendar.js';
import { appointmentsOn, existingOutboxKeys } from './planning.queries.js';

export const REMINDER_HOUR = 16;

const tehranHour = (d: Date) => Number(new Intl.DateTimeFormat('en-GB', { timeZone: TEHRAN_TZ, hour: '2-digit', hourCycle: 'h23' }).format(d));

export async function remindAppointments(ctx: Ctx): Promise<{ sent: number }> {
  const now = ctx.clock.now();
  if (tehranHour(now) < REMINDER_HOUR) return { sent: 0 };
  const tomorrow = tehranDate(new Date(now.getTime() + 24 * 3600_000));
  const due = await appointmentsOn(ctx.db, tomorrow);
  const keyOf = (a: (typeof due)[number]) => `visit-reminder:${a.id}:${tomorrow}:${a.window_start}`;
  const taken = new Set((await existingOutboxKeys(ctx.db, due.map(keyOf))).map((r) => r.idempotency_key));
  const todo = due.filter((a) => !taken.has(keyOf(a)));
  if (todo.length === 0) return { sent: 0 };
  try {
    await ctx.db.transaction().execute((trx) =>
      enqueueOutboxes(
        trx,
        todo.map((a) => ({
          eventType: 'inspection.reminder', aggregateType: 'request', aggregateId: a.id, idempotencyKey: keyOf(a),
          payload: { trackingCode: a.tracking_code, date: tomorrow, windowStart: a.window_start, windowEnd: a.window_end },
        })),
        now,
      ),
    );
  } catch (e) {
    // Another node sent them meanwhile: the keys are there now.
    if ((await existingOutboxKeys(ctx.db, todo.map(keyOf))).length !== todo.length) throw e;
    return { sent: 0 };
  }
  return { sent: todo.length };
}

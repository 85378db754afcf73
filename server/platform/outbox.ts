/**
 * Transactional outbox: events are written in the same transaction as the change they announce;
 * a worker (documents/notifications issue) delivers them. The idempotency key makes "one event,
 * one message" hold even if a caller retries.
 */
import type { Db } from '../db/database.js';
import { newId } from './ids.js';

export interface OutboxEvent {
  eventType: string; // e.g. 'request.registered'
  aggregateType: string;
  aggregateId: string;
  payload: Record<string, unknown>;
  idempotencyKey: string;
}

export function enqueueOutbox(trx: Db, event: OutboxEvent, at: Date): Promise<void> {
  return enqueueOutboxes(trx, [event], at);
}

/** Several events of one write in one statement, in order. */
export async function enqueueOutboxes(trx: Db, events: readonly OutboxEvent[], at: Date): Promise<void> {
  if (events.length === 0) return;
  await trx
    .insertInto('outbox')
    .values(
      events.map((event) => ({
        id: newId(),
        event_type: event.eventType,
        aggregate_type: event.aggregateType,
        aggregate_id: event.aggregateId,
        payload: JSON.stringify(event.payload),
        idempotency_key: event.idempotencyKey,
        status: 'pending' as const,
        attempts: 0,
        next_attempt_at: at.toISOString(),
        last_error: null,
        created_at: at.toISOString(),
        sent_at: null,
        locked_until: null,
        provider_message_id: null,
      })),
    )
    .execute();
}

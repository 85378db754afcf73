import { Type } from 'typebox';
import { Id, Nullable, NullableTimestamp, Page, PageNumber, Timestamp } from '../../platform/schemas.js';

export const OutboxQuerySchema = Type.Object(
  {
    status: Type.Optional(Type.Enum(['pending', 'sent', 'skipped', 'dead'] as const)),
    eventType: Type.Optional(Type.String({ maxLength: 60 })),
    page: PageNumber,
    pageSize: Type.Integer({ minimum: 1, maximum: 200, default: 20 }),
  },
  { additionalProperties: false },
);

export const OutboxItem = Type.Object({
  id: Id,
  eventType: Type.String(),
  aggregateType: Type.String(),
  aggregateId: Type.String(),
  status: Type.String(),
  attempts: Type.Integer(),
  nextAttemptAt: Timestamp,
  lastError: Nullable(Type.String()),
  createdAt: Timestamp,
  sentAt: NullableTimestamp,
  text: Nullable(Type.String({ description: 'The SMS text, as sent or to be sent; null when the event sends none' })),
});

export const OutboxPage = Page(OutboxItem);

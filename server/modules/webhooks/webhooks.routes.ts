import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Ctx } from '../../platform/context.js';
import { Id, Nullable, NullableTimestamp, Page, PageNumber, responses, Timestamp } from '../../platform/schemas.js';
import { callerOf } from '../clients/clients.auth.js';
import { listDeliveries } from './webhooks.service.js';

export const Delivery = Type.Object({
  id: Id,
  eventType: Type.String(),
  status: Type.Enum(['pending', 'delivered', 'dead'] as const),
  attempts: Type.Integer(),
  lastStatusCode: Nullable(Type.Integer()),
  lastError: Nullable(Type.String()),
  createdAt: Timestamp,
  deliveredAt: NullableTimestamp,
  nextAttemptAt: NullableTimestamp,
  payload: Type.Record(Type.String(), Type.Unknown()),
});

export const DeliveryQuery = Type.Object(
  { page: PageNumber, pageSize: Type.Integer({ minimum: 1, maximum: 200, default: 20 }) },
  { additionalProperties: false },
);

/** Registered inside the open API's scope (API key auth). */
export async function webhooksRoutes(app: FastifyInstance, ctx: Ctx) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get(
    '/api/v1/webhooks/deliveries',
    {
      schema: {
        tags: ['open api: webhooks'],
        security: [{ apiKey: [] }],
        summary: 'Your webhook delivery log: every event, its attempts and the last answer of your receiver',
        querystring: DeliveryQuery,
        response: responses({ 200: Page(Delivery) }),
      },
    },
    async (request) => listDeliveries(ctx, callerOf(request), request.query.page, request.query.pageSize),
  );
}

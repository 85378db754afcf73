import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Ctx } from '../../platform/context.js';
import { actorOf, requirePermission } from '../../platform/auth.js';
import { IdParams, responses } from '../../platform/schemas.js';
import { OutboxItem, OutboxPage, OutboxQuerySchema } from './notifications.schemas.js';
import { listOutbox, resend } from './notifications.service.js';

export async function notificationsRoutes(app: FastifyInstance, ctx: Ctx) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const manage = requirePermission('notifications.manage');
  r.get(
    '/api/outbox',
    { preValidation: manage, schema: { tags: ['notifications'], summary: 'Notifications sent, waiting and failed (outbox)', querystring: OutboxQuerySchema, response: responses({ 200: OutboxPage }) } },
    async (request) => listOutbox(ctx, actorOf(request), request.query),
  );
  r.post(
    '/api/outbox/:id/resend',
    { preValidation: manage, schema: { tags: ['notifications'], summary: 'Send a failed (dead-lettered) notification again', params: IdParams, response: responses({ 200: OutboxItem }) } },
    async (request) => resend(ctx, actorOf(request), request.params.id),
  );
}

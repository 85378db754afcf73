import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Ctx } from '../../platform/context.js';
import { actorOf, requirePermission } from '../../platform/auth.js';
import { IdParams, Page, responses } from '../../platform/schemas.js';
import { callerOf, registerApiAuth } from './clients.auth.js';
import { ApiKey, ApiKeyList, Client, ClientCreateBody, ClientList, ClientPatchBody, Delivery, DeliveryQuery, KeyCreateBody, KeyParams } from './clients.schemas.js';
import { createClient, issueKey, listClientDeliveries, listClients, listKeys, revokeKey, updateClient } from './clients.service.js';
import { listDeliveries } from './clients.webhooks.js';

export async function clientsRoutes(app: FastifyInstance, ctx: Ctx) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const manage = requirePermission('clients.manage');
  const tags = ['api clients'];
  r.get('/api/api-clients', { preValidation: manage, schema: { tags, summary: 'Organisations with API access', response: responses({ 200: ClientList }) } }, async (request) =>
    listClients(ctx, actorOf(request)),
  );
  r.post(
    '/api/api-clients',
    { preValidation: manage, schema: { tags, summary: 'Register an organisation (bank branch, notary office, utility, agency); the answer shows its webhook secret once', body: ClientCreateBody, response: responses({ 201: Client }) } },
    async (request, reply) => reply.status(201).send(await createClient(ctx, actorOf(request), request.body)),
  );
  r.patch(
    '/api/api-clients/:id',
    { preValidation: manage, schema: { tags, summary: 'Change limits, address list, webhook, or suspend', params: IdParams, body: ClientPatchBody, response: responses({ 200: Client }) } },
    async (request) => updateClient(ctx, actorOf(request), request.params.id, request.body),
  );
  r.get(
    '/api/api-clients/:id/keys',
    { preValidation: manage, schema: { tags, summary: "A client's keys (never the keys themselves)", params: IdParams, response: responses({ 200: ApiKeyList }) } },
    async (request) => listKeys(ctx, actorOf(request), request.params.id),
  );
  r.post(
    '/api/api-clients/:id/keys',
    { preValidation: manage, schema: { tags, summary: 'Issue a key (shown once): scoped to inquiry types, expiring', params: IdParams, body: KeyCreateBody, response: responses({ 201: ApiKey }) } },
    async (request, reply) => reply.status(201).send(await issueKey(ctx, actorOf(request), request.params.id, request.body)),
  );
  r.get(
    '/api/api-clients/:id/webhook-deliveries',
    {
      preValidation: manage,
      schema: { tags, summary: "A client's webhook delivery log, newest first (what the client itself reads at /api/v1/webhooks/deliveries)", params: IdParams, querystring: DeliveryQuery, response: responses({ 200: Page(Delivery) }) },
    },
    async (request) => listClientDeliveries(ctx, actorOf(request), request.params.id, request.query.page, request.query.pageSize),
  );
  r.post(
    '/api/api-clients/:id/keys/:keyId/revoke',
    { preValidation: manage, schema: { tags, summary: 'Revoke a key at once', params: KeyParams, response: responses({ 200: ApiKey }) } },
    async (request) => revokeKey(ctx, actorOf(request), request.params.id, request.params.keyId),
  );
}

/** What a client reads with its own API key (registered in a scope of its own, like the other open API routes). */
export async function clientsApiRoutes(app: FastifyInstance, ctx: Ctx) {
  registerApiAuth(app, ctx);
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

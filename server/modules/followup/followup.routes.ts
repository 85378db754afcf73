import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Ctx } from '../../platform/context.js';
import { actorOf, requirePermission } from '../../platform/auth.js';
import { IdParams, responses } from '../../platform/schemas.js';
import { fromReplica } from '../../platform/read-replica.js';
import { ChaseList, ChaseQuery, FollowupBody, FollowupList } from './followup.schemas.js';
import { addFollowup, chaseList, listFollowups } from './followup.service.js';

export async function followupRoutes(app: FastifyInstance, ctx: Ctx) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['followup'];

  r.get(
    '/api/followup/cases',
    { preValidation: requirePermission('request.read'), schema: { tags, summary: 'Overdue and at-risk open cases in scope, grouped by step and by office, with who holds each', querystring: ChaseQuery, response: responses({ 200: ChaseList }) } },
    async (request) => fromReplica(ctx, request, (c) => chaseList(c, actorOf(request), request.query)),
  );

  r.get(
    '/api/requests/:id/followups',
    { preValidation: requirePermission('request.read'), schema: { tags, summary: "A case's chase record", params: IdParams, response: responses({ 200: FollowupList }) } },
    async (request) => listFollowups(ctx, actorOf(request), request.params.id),
  );

  r.post(
    '/api/requests/:id/followups',
    { preValidation: requirePermission('followup.write'), schema: { tags, summary: 'Record a chase (note, whom contacted, promised date)', params: IdParams, body: FollowupBody, response: responses({ 201: FollowupList }) } },
    async (request, reply) => reply.status(201).send(await addFollowup(ctx, actorOf(request), request.params.id, request.body)),
  );
}

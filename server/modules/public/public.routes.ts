import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Ctx } from '../../platform/context.js';
import { responses } from '../../platform/schemas.js';
import { fromReplica } from '../../platform/read-replica.js';
import { PublicTracking, TrackParams, TrackQuery } from './public.schemas.js';
import { trackRequest } from './public.service.js';

export async function publicRoutes(app: FastifyInstance, ctx: Ctx) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get(
    '/api/public/requests/:trackingCode',
    {
      config: { rateLimit: { max: ctx.config.publicLookupRateLimit, timeWindow: '1 minute' } },
      schema: {
        tags: ['public'],
        summary: 'Track a request with its tracking code and the national code of the applicant or an owner (no sign-in)',
        security: [],
        params: TrackParams,
        querystring: TrackQuery,
        response: responses({ 200: PublicTracking }),
      },
    },
    async (request) => fromReplica(ctx, request, (c) => trackRequest(c, request.params.trackingCode, request.query.nationalCode)),
  );
}

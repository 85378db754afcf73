import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Ctx } from '../../platform/context.js';
import { actorOf, requireStaff } from '../../platform/auth.js';
import { responses } from '../../platform/schemas.js';
import { VisitDays, VisitList, VisitQuery } from './inspections.schemas.js';
import { myVisits, visitDays } from './inspections.service.js';

export async function inspectionsRoutes(app: FastifyInstance, ctx: Ctx) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get(
    '/api/inspections/mine',
    {
      preValidation: requireStaff,
      schema: { tags: ['inspections'], summary: "The signed-in inspector's open visits, in the order to make them", querystring: VisitQuery, response: responses({ 200: VisitList }) },
    },
    async (request) => myVisits(ctx, actorOf(request), request.query),
  );

  r.get(
    '/api/inspections/visit-days',
    {
      preValidation: requireStaff,
      schema: { tags: ['inspections'], summary: 'The days a visit may be set for (the schedule action accepts exactly these): for the date pickers', response: responses({ 200: VisitDays }) },
    },
    async (request) => visitDays(ctx, actorOf(request)),
  );
}

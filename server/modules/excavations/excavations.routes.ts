import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Ctx } from '../../platform/context.js';
import { actorOf, requirePermission } from '../../platform/auth.js';
import { IdParams, responses } from '../../platform/schemas.js';
import { callerOf, registerApiAuth, requireScope } from '../clients/index.js';
import { InquiryHeaders } from '../inquiries/index.js';
import { sendLetter } from '../letters/index.js';
import {
  ApiExcavation, DecideBody, ExcavationBody, ExcavationDetail, ExcavationList, ExcavationListQuery, TariffBody, TariffList, Tariff, TariffParams,
} from './excavations.schemas.js';
import {
  decideExcavation, downloadClientLetter, downloadStaffLetter, getClientExcavation, getExcavation, listExcavations, listTariffs, putTariff,
  submitExcavation,
} from './excavations.service.js';

/** Excavation permits: the utilities' open API (in its own scope, behind API keys) and the district's staff routes. */
export async function excavationsRoutes(app: FastifyInstance, ctx: Ctx) {
  await app.register(async (api) => excavationsApiRoutes(api, ctx));

  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const read = requirePermission('excavation.read');
  const tags = ['excavations'];

  r.get(
    '/api/excavations',
    { preValidation: read, schema: { tags, summary: 'Excavation permits in scope (district staff: their district; city roles: the city), with overlap flags', querystring: ExcavationListQuery, response: responses({ 200: ExcavationList }) } },
    async (request) => listExcavations(ctx, actorOf(request), request.query),
  );
  r.get(
    '/api/excavations/:id',
    { preValidation: read, schema: { tags, summary: 'An excavation permit with its route (GeoJSON), overlaps and decision', params: IdParams, response: responses({ 200: ExcavationDetail }) } },
    async (request) => getExcavation(ctx, actorOf(request), request.params.id),
  );
  r.get(
    '/api/excavations/:id/letter',
    { preValidation: read, schema: { tags, summary: "An approved permit's letter (PDF); printed now if printing failed at approval. Scope-checked and audited", params: IdParams, produces: ['application/pdf'] } },
    async (request, reply) => sendLetter(reply, await downloadStaffLetter(ctx, actorOf(request), request.params.id)),
  );
  r.post(
    '/api/excavations/:id/decide',
    {
      preValidation: requirePermission('excavation.decide'),
      schema: { tags, summary: "The district approver approves (a permit letter is issued) or rejects, on the version they saw; the client's webhook is queued", params: IdParams, body: DecideBody, response: responses({ 200: ExcavationDetail }) },
    },
    async (request) => decideExcavation(ctx, actorOf(request), request.params.id, request.body),
  );

  r.get(
    '/api/excavation-tariffs',
    { preValidation: read, schema: { tags, summary: 'Restoration tariffs (تعرفه ترمیم) per metre of trench, by kind of street', response: responses({ 200: TariffList }) } },
    async (request) => listTariffs(ctx, actorOf(request)),
  );
  r.put(
    '/api/excavation-tariffs/:streetType',
    {
      preValidation: requirePermission('excavation.tariffs'),
      schema: { tags, summary: 'Set the tariff of a kind of street (city admin); permits already asked for keep their fee', params: TariffParams, body: TariffBody, response: responses({ 200: Tariff }) },
    },
    async (request) => putTariff(ctx, actorOf(request), request.params.streetType, request.body.rialsPerMeter),
  );
}

async function excavationsApiRoutes(app: FastifyInstance, ctx: Ctx) {
  registerApiAuth(app, ctx);
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const security = [{ apiKey: [] }];
  const tags = ['open api: excavations'];

  r.post(
    '/api/v1/excavations',
    {
      schema: {
        tags, security, headers: InquiryHeaders, body: ExcavationBody, response: responses({ 201: ApiExcavation }),
        summary: 'Ask for an excavation permit (key scoped to excavation): the route is measured, the restoration fee charged, overlapping permits flagged',
      },
    },
    async (request, reply) => {
      const caller = callerOf(request);
      requireScope(caller, 'excavation');
      return reply.status(201).send(await submitExcavation(ctx, caller, request.body, request.headers['idempotency-key'] ?? null));
    },
  );
  r.get(
    '/api/v1/excavations/:id',
    { schema: { tags, security, summary: 'Your excavation permit and, once given, the decision', params: IdParams, response: responses({ 200: ApiExcavation }) } },
    async (request) => {
      const caller = callerOf(request);
      requireScope(caller, 'excavation');
      return getClientExcavation(ctx, caller, request.params.id);
    },
  );
  r.get(
    '/api/v1/excavations/:id/letter',
    { schema: { tags, security, summary: 'The permit letter (PDF) of your approved permit', params: IdParams, produces: ['application/pdf'] } },
    async (request, reply) => {
      const caller = callerOf(request);
      requireScope(caller, 'excavation');
      return sendLetter(reply, await downloadClientLetter(ctx, caller, request.params.id));
    },
  );
}

import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Ctx } from '../../platform/context.js';
import { callerForKey, callerOf, clientRateLimit, registerApiAudit } from '../clients/index.js';
import { languageOf, registerOpen311Edge, send } from './open311.format.js';
import {
  CommonQuery, Created, Discovery, FORMAT_SUFFIX, FormatParams, OPEN311_BASE, RequestBody, RequestParams, RequestsQuery, ServiceDefinition,
  ServiceParams, ServiceRequests, Services, TokenAnswer, TokenParams, open311Responses,
} from './open311.schemas.js';
import {
  discovery, getServiceDefinition, getServiceRequest, listOpen311Services, listServiceRequests, resolveToken, submitServiceRequest,
} from './open311.service.js';

/** Open311's api_key is a parameter: in the form body, or in the query. */
function presentedKey(request: FastifyRequest): string | null {
  const key = [request.body, request.query].map((p) => (p && typeof p === 'object' ? (p as Record<string, unknown>).api_key : undefined)).find((k) => typeof k === 'string');
  return typeof key === 'string' ? key.trim() : null;
}

/** Open311 GeoReport v2 at /open311/v2: public reads, and service requests from API clients with the open311 scope. */
export async function open311Routes(app: FastifyInstance, ctx: Ctx) {
  registerOpen311Edge(app);
  registerApiAudit(app, ctx);
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['open311'];
  const at = (resource: string) => `${OPEN311_BASE}/${resource}${FORMAT_SUFFIX}`;
  // The spec asks no key for reading; like /api/public, reads are limited per address.
  const read = { rateLimit: { max: 60, timeWindow: '1 minute' } };

  r.get(
    at('discovery'),
    { config: read, schema: { tags, security: [], summary: 'Open311 service discovery: the endpoint, its formats and how to get a key', params: FormatParams, querystring: CommonQuery, response: open311Responses(Discovery) } },
    async (request, reply) => send(reply, request.params.format, 'discovery', await discovery(ctx, languageOf(request))),
  );

  r.get(
    at('services'),
    { config: read, schema: { tags, security: [], summary: 'The service catalog as Open311 services (group: our category)', params: FormatParams, querystring: CommonQuery, response: open311Responses(Services) } },
    async (request, reply) => send(reply, request.params.format, 'services', await listOpen311Services(ctx, request.query, languageOf(request))),
  );

  r.get(
    at('services/:service_code'),
    {
      config: read,
      schema: { tags, security: [], summary: "A service definition: the property and applicant identifiers, then the service's form as attributes", params: ServiceParams, querystring: CommonQuery, response: open311Responses(ServiceDefinition) },
    },
    async (request, reply) =>
      send(reply, request.params.format, 'service_definition', await getServiceDefinition(ctx, request.params.service_code, request.query, languageOf(request))),
  );

  r.post(
    at('requests'),
    {
      // The key is a form field, so it is read once the body is parsed and before it is validated: a bad key is 403 whatever else is wrong.
      preValidation: async (request) => {
        request.apiCaller = await callerForKey(ctx, presentedKey(request), request.ip);
      },
      preHandler: clientRateLimit(app, ctx),
      schema: {
        tags, security: [{ open311: [] }], consumes: ['application/x-www-form-urlencoded'],
        summary: 'Send a service request (api_key with the open311 scope): a case is opened at a desk of the property\'s district; answers its tracking code and a token',
        params: FormatParams, querystring: CommonQuery, body: RequestBody, response: open311Responses(Created),
      },
    },
    async (request, reply) => send(reply, request.params.format, 'service_requests', await submitServiceRequest(ctx, callerOf(request), request.body, languageOf(request))),
  );

  r.get(
    at('requests'),
    {
      config: read,
      schema: { tags, security: [], summary: "The city's service requests, without anything personal: 90 days (the last 90 by default), at most 1000", params: FormatParams, querystring: RequestsQuery, response: open311Responses(ServiceRequests) },
    },
    async (request, reply) => send(reply, request.params.format, 'service_requests', await listServiceRequests(ctx, request.query, languageOf(request))),
  );

  r.get(
    at('requests/:service_request_id'),
    { config: read, schema: { tags, security: [], summary: 'One service request by its id (the tracking code)', params: RequestParams, querystring: CommonQuery, response: open311Responses(ServiceRequests) } },
    async (request, reply) =>
      send(reply, request.params.format, 'service_requests', await getServiceRequest(ctx, request.params.service_request_id, request.query, languageOf(request))),
  );

  r.get(
    at('tokens/:token'),
    { config: read, schema: { tags, security: [], summary: 'The service_request_id a token stands for', params: TokenParams, querystring: CommonQuery, response: open311Responses(TokenAnswer) } },
    async (request, reply) => send(reply, request.params.format, 'service_requests', await resolveToken(ctx, request.params.token, request.query)),
  );
}

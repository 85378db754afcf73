import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Ctx } from '../../platform/context.js';
import { actorOf, requirePermission } from '../../platform/auth.js';
import { responses } from '../../platform/schemas.js';
import {
  OfficeIdParams, OfficeServices, OfficeServicesBody, ServiceCodeParams, ServiceDetail, ServiceList, ServicePatchBody,
} from './catalog.schemas.js';
import { getOfficeServices, getService, listServices, setOfficeServices, updateService } from './catalog.service.js';

export async function catalogRoutes(app: FastifyInstance, ctx: Ctx) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const read = requirePermission('catalog.read');
  const manage = requirePermission('catalog.manage');
  const tags = ['catalog'];

  r.get(
    '/api/services',
    { preValidation: read, schema: { tags, summary: "The city's service catalog (فهرست خدمات)", response: responses({ 200: ServiceList }) } },
    async (request) => listServices(ctx, actorOf(request)),
  );

  r.get(
    '/api/services/:code',
    {
      preValidation: read,
      schema: { tags, summary: 'A service with its documents, form, SLA and workflow', params: ServiceCodeParams, response: responses({ 200: ServiceDetail }) },
    },
    async (request) => getService(ctx, actorOf(request), request.params.code),
  );

  r.patch(
    '/api/services/:code',
    {
      preValidation: manage,
      schema: { tags, summary: 'Change fee, SLA, texts or availability of a service', params: ServiceCodeParams, body: ServicePatchBody, response: responses({ 200: ServiceDetail }) },
    },
    async (request) => updateService(ctx, actorOf(request), request.params.code, request.body),
  );

  r.get(
    '/api/offices/:officeId/services',
    { preValidation: read, schema: { tags, summary: 'Services a desk offers', params: OfficeIdParams, response: responses({ 200: OfficeServices }) } },
    async (request) => getOfficeServices(ctx, actorOf(request), request.params.officeId),
  );

  r.put(
    '/api/offices/:officeId/services',
    {
      preValidation: manage,
      schema: { tags, summary: 'Set the services a desk offers', params: OfficeIdParams, body: OfficeServicesBody, response: responses({ 200: OfficeServices }) },
    },
    async (request) => setOfficeServices(ctx, actorOf(request), request.params.officeId, request.body.serviceCodes),
  );
}

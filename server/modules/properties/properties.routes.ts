import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Ctx } from '../../platform/context.js';
import { actorOf, requirePermission } from '../../platform/auth.js';
import { IdParams, responses } from '../../platform/schemas.js';
import {
  CreatePropertyBody, Property, PropertyDetail, PropertyPage, PropertySearchQuery, UpdatePropertyBody,
} from './properties.schemas.js';
import { createProperty, getProperty, searchProperties, updateProperty } from './properties.service.js';

export async function propertiesRoutes(app: FastifyInstance, ctx: Ctx) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.post(
    '/api/properties',
    {
      preValidation: requirePermission('property.write'),
      schema: { tags: ['properties'], summary: 'Open a property file (پرونده ملک)', body: CreatePropertyBody, response: responses({ 201: Property }) },
    },
    async (request, reply) => reply.status(201).send(await createProperty(ctx, actorOf(request), request.body)),
  );

  r.get(
    '/api/properties',
    {
      preValidation: requirePermission('property.read'),
      schema: {
        tags: ['properties'],
        summary: 'Find property files by owner, address, postal code, plate, renovation code or a request’s tracking code',
        querystring: PropertySearchQuery,
        response: responses({ 200: PropertyPage }),
      },
    },
    async (request) => searchProperties(ctx, actorOf(request), request.query),
  );

  r.get(
    '/api/properties/:id',
    {
      preValidation: requirePermission('property.read'),
      schema: {
        tags: ['properties'],
        summary: 'A property file with its owners and latest requests (the read is audited)',
        params: IdParams,
        response: responses({ 200: PropertyDetail }),
      },
    },
    async (request) => getProperty(ctx, actorOf(request), request.params.id),
  );

  r.patch(
    '/api/properties/:id',
    {
      preValidation: requirePermission('property.write'),
      schema: {
        tags: ['properties'],
        summary: 'Edit a property file (send the version you loaded; owners, when sent, replace the list)',
        params: IdParams,
        body: UpdatePropertyBody,
        response: responses({ 200: Property }),
      },
    },
    async (request) => updateProperty(ctx, actorOf(request), request.params.id, request.body),
  );
}

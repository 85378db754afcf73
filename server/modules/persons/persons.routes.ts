import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Ctx } from '../../platform/context.js';
import { actorOf, requirePermission } from '../../platform/auth.js';
import { IdParams, responses } from '../../platform/schemas.js';
import { CreatePersonBody, Person, PersonPage, PersonSearchQuery, UpdatePersonBody } from './persons.schemas.js';
import { createPerson, getPerson, searchPersons, updatePerson } from './persons.service.js';

export async function personsRoutes(app: FastifyInstance, ctx: Ctx) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.post(
    '/api/persons',
    {
      preValidation: requirePermission('person.write'),
      schema: { tags: ['persons'], summary: 'Register a person (natural or legal)', body: CreatePersonBody, response: responses({ 201: Person }) },
    },
    async (request, reply) => reply.status(201).send(await createPerson(ctx, actorOf(request), request.body)),
  );

  r.get(
    '/api/persons',
    {
      preValidation: requirePermission('person.read'),
      schema: {
        tags: ['persons'],
        summary: 'Look persons up by national code (exact) or name',
        querystring: PersonSearchQuery,
        response: responses({ 200: PersonPage }),
      },
    },
    async (request) => searchPersons(ctx, actorOf(request), request.query),
  );

  r.get(
    '/api/persons/:id',
    {
      preValidation: requirePermission('person.read'),
      schema: { tags: ['persons'], summary: 'A person (the read is audited)', params: IdParams, response: responses({ 200: Person }) },
    },
    async (request) => getPerson(ctx, actorOf(request), request.params.id),
  );

  r.patch(
    '/api/persons/:id',
    {
      preValidation: requirePermission('person.write'),
      schema: {
        tags: ['persons'],
        summary: 'Correct a person’s names or mobile',
        params: IdParams,
        body: UpdatePersonBody,
        response: responses({ 200: Person }),
      },
    },
    async (request) => updatePerson(ctx, actorOf(request), request.params.id, request.body),
  );
}

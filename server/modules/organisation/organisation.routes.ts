import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Ctx } from '../../platform/context.js';
import { actorOf, requirePermission } from '../../platform/auth.js';
import { IdParams, Page, responses } from '../../platform/schemas.js';
import {
  District, DistrictList, DistrictPatchBody, InspectorList, InspectorQuery, Office, OfficeCreateBody, OfficePatchBody, OfficeQuery, StaffCreateBody,
  StaffMember, StaffPatchBody, StaffQuery,
} from './organisation.schemas.js';
import {
  createOffice, createStaff, getOffice, listDistricts, listInspectors, listOffices, listStaff, updateDistrict, updateOffice, updateStaff,
} from './organisation.service.js';

export async function organisationRoutes(app: FastifyInstance, ctx: Ctx) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const read = requirePermission('organisation.read');
  const manage = requirePermission('organisation.manage');
  const tags = ['organisation'];

  r.get(
    '/api/districts',
    { preValidation: read, schema: { tags, summary: "The city's districts with desk and inspector counts", response: responses({ 200: DistrictList }) } },
    async (request) => listDistricts(ctx, actorOf(request)),
  );

  r.patch(
    '/api/districts/:id',
    {
      preValidation: manage,
      schema: { tags, summary: "Set a district's desk target (how many active desks it should have)", params: IdParams, body: DistrictPatchBody, response: responses({ 200: District }) },
    },
    async (request) => updateDistrict(ctx, actorOf(request), request.params.id, request.body),
  );

  r.get(
    '/api/offices',
    { preValidation: read, schema: { tags, summary: 'Service desks (دفاتر پیشخوان)', querystring: OfficeQuery, response: responses({ 200: Page(Office) }) } },
    async (request) => listOffices(ctx, actorOf(request), request.query),
  );

  r.get(
    '/api/offices/:id',
    { preValidation: read, schema: { tags, summary: 'One service desk', params: IdParams, response: responses({ 200: Office }) } },
    async (request) => getOffice(ctx, actorOf(request), request.params.id),
  );

  r.post(
    '/api/offices',
    { preValidation: manage, schema: { tags, summary: 'Register a service desk', body: OfficeCreateBody, response: responses({ 201: Office }) } },
    async (request, reply) => reply.status(201).send(await createOffice(ctx, actorOf(request), request.body)),
  );

  r.patch(
    '/api/offices/:id',
    {
      preValidation: manage,
      schema: { tags, summary: 'Rename, move, suspend or reactivate a desk', params: IdParams, body: OfficePatchBody, response: responses({ 200: Office }) },
    },
    async (request) => updateOffice(ctx, actorOf(request), request.params.id, request.body),
  );

  r.get(
    '/api/staff',
    { preValidation: read, schema: { tags, summary: 'Staff of the city', querystring: StaffQuery, response: responses({ 200: Page(StaffMember) }) } },
    async (request) => listStaff(ctx, actorOf(request), request.query),
  );

  r.post(
    '/api/staff',
    { preValidation: manage, schema: { tags, summary: 'Create a staff account', body: StaffCreateBody, response: responses({ 201: StaffMember }) } },
    async (request, reply) => reply.status(201).send(await createStaff(ctx, actorOf(request), request.body)),
  );

  r.patch(
    '/api/staff/:id',
    {
      preValidation: manage,
      schema: { tags, summary: 'Change role, desk, district, specialty or active', params: IdParams, body: StaffPatchBody, response: responses({ 200: StaffMember }) },
    },
    async (request) => updateStaff(ctx, actorOf(request), request.params.id, request.body),
  );

  r.get(
    '/api/inspectors',
    {
      preValidation: read,
      schema: { tags, summary: 'Active inspectors and their open assignments, lightest load first', querystring: InspectorQuery, response: responses({ 200: InspectorList }) },
    },
    async (request) => listInspectors(ctx, actorOf(request), request.query),
  );
}

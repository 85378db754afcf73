import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Ctx } from '../../platform/context.js';
import { actorOf, requirePermission, requireStaff } from '../../platform/auth.js';
import { IdParams, Page, responses } from '../../platform/schemas.js';
import { DueDate, DueDateQuery, Holiday, HolidayCreateBody, HolidayLists, HolidayPatchBody, HolidayQuery, YearParams } from './calendar.schemas.js';
import { applyOfficialList, confirmHolidayList, createHolidayList, listHolidayLists } from './calendar.lists.js';
import { createHoliday, deleteHoliday, dueDate, listHolidays, updateHoliday } from './calendar.service.js';

export async function calendarRoutes(app: FastifyInstance, ctx: Ctx) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const manage = requirePermission('calendar.manage');
  const tags = ['calendar'];

  r.get(
    '/api/holidays',
    { preValidation: requireStaff, schema: { tags, summary: 'Official holidays (تعطیلات رسمی)', querystring: HolidayQuery, response: responses({ 200: Page(Holiday) }) } },
    async (request) => listHolidays(ctx, actorOf(request), request.query),
  );

  r.post(
    '/api/holidays',
    { preValidation: manage, schema: { tags, summary: 'Add a holiday', body: HolidayCreateBody, response: responses({ 201: Holiday }) } },
    async (request, reply) => reply.status(201).send(await createHoliday(ctx, actorOf(request), request.body)),
  );

  r.patch(
    '/api/holidays/:id',
    { preValidation: manage, schema: { tags, summary: 'Move or retitle a holiday', params: IdParams, body: HolidayPatchBody, response: responses({ 200: Holiday }) } },
    async (request) => updateHoliday(ctx, actorOf(request), request.params.id, request.body),
  );

  r.delete(
    '/api/holidays/:id',
    { preValidation: manage, schema: { tags, summary: 'Remove a holiday', params: IdParams, response: responses({ 204: Type.Null() }) } },
    async (request, reply) => {
      await deleteHoliday(ctx, actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/api/calendar/due-date',
    {
      preValidation: requireStaff,
      schema: { tags, summary: 'Due date after a number of working days, skipping the city holidays', querystring: DueDateQuery, response: responses({ 200: DueDate }) },
    },
    async (request) => dueDate(ctx, actorOf(request), request.query),
  );

  r.get(
    '/api/holiday-lists',
    { preValidation: requireStaff, schema: { tags, summary: 'Holiday list of each year held: official, provisional (موقت) or confirmed', response: responses({ 200: HolidayLists }) } },
    async (request) => listHolidayLists(ctx, actorOf(request)),
  );

  r.post(
    '/api/holiday-lists/:year',
    { preValidation: manage, schema: { tags, summary: 'Write the list of a year not held yet (official when shipped, else provisional)', params: YearParams, response: responses({ 200: HolidayLists }) } },
    async (request) => createHolidayList(ctx, actorOf(request), request.params.year),
  );

  r.post(
    '/api/holiday-lists/:year/confirm',
    { preValidation: manage, schema: { tags, summary: 'Confirm a provisional holiday list (تأیید فهرست)', params: YearParams, response: responses({ 200: HolidayLists }) } },
    async (request) => confirmHolidayList(ctx, actorOf(request), request.params.year),
  );

  r.post(
    '/api/holiday-lists/:year/official',
    { preValidation: manage, schema: { tags, summary: "Replace a year's solar and lunar holidays with the official list this release ships", params: YearParams, response: responses({ 200: HolidayLists }) } },
    async (request) => applyOfficialList(ctx, actorOf(request), request.params.year),
  );
}

import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Ctx } from '../../platform/context.js';
import { actorOf, requirePermission, requireStaff } from '../../platform/auth.js';
import { IdParams, responses } from '../../platform/schemas.js';
import {
  ConfirmBody, DayPlan, DayQuery, InspectorList, InspectorPatch, InspectorQuery, InspectorSettings, LeaveBody, LeaveList, LeaveQuery, MoveBody, MyDay,
  MyDayQuery, PlanBody, PlanParams, Progress, ProgressQuery, Windows, WindowsQuery, Confirmed,
} from './planning.schemas.js';
import {
  addLeave, appointmentWindows, confirmAppointment, getDay, leaveList, listInspectors, moveVisit, myDay, planDay, progress, removeLeave, updateInspector,
} from './planning.service.js';

export async function planningRoutes(app: FastifyInstance, ctx: Ctx) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['planning'];
  const read = requirePermission('planning.read');
  const write = requirePermission('planning.write');

  r.get('/api/planning/day', { preValidation: read, schema: { tags, summary: "A day's plan for a group of districts: each inspector's route, the visits left out and why, who is off", querystring: DayQuery, response: responses({ 200: DayPlan }) } },
    async (request) => getDay(ctx, actorOf(request), request.query));
  r.post('/api/planning/day', { preValidation: write, schema: { tags, summary: 'Plan (or re-plan) a day: confirmed appointments kept; visits given to another inspector are reassigned', body: PlanBody, response: responses({ 200: DayPlan }) } },
    async (request) => planDay(ctx, actorOf(request), request.body));
  r.post('/api/planning/plans/:planId/moves', { preValidation: write, schema: { tags, summary: 'Move a visit to an inspector and a place in the route; every rule re-checked, a refusal (409 PLAN_REFUSED) names the rule', params: PlanParams, body: MoveBody, response: responses({ 200: DayPlan }) } },
    async (request) => moveVisit(ctx, actorOf(request), request.params.planId, request.body));

  r.get('/api/planning/appointments/:id/windows', { preValidation: write, schema: { tags, summary: "The windows of a day the planner can keep for a case's visit", params: IdParams, querystring: WindowsQuery, response: responses({ 200: Windows }) } },
    async (request) => appointmentWindows(ctx, actorOf(request), request.params.id, request.query.date));
  r.post('/api/planning/appointments/:id/confirm', { preValidation: write, schema: { tags, summary: "Confirm the owner's appointment (the owner is told by SMS); a window the plan cannot keep is refused", params: IdParams, body: ConfirmBody, response: responses({ 200: Confirmed }) } },
    async (request) => confirmAppointment(ctx, actorOf(request), request.params.id, request.body));

  r.get('/api/planning/leave', { preValidation: read, schema: { tags, summary: "Inspectors' leave from a day on (today by default)", querystring: LeaveQuery, response: responses({ 200: LeaveList }) } },
    async (request) => leaveList(ctx, actorOf(request), request.query));
  r.post('/api/planning/leave', { preValidation: write, schema: { tags, summary: "Enter an inspector's leave; the days it touches that have a plan are re-planned", body: LeaveBody, response: responses({ 201: LeaveList }) } },
    async (request, reply) => reply.status(201).send(await addLeave(ctx, actorOf(request), request.body)));
  r.delete('/api/planning/leave/:id', { preValidation: write, schema: { tags, summary: 'Remove a leave entry', params: IdParams, response: responses({ 200: LeaveList }) } },
    async (request) => removeLeave(ctx, actorOf(request), request.params.id));

  r.get('/api/planning/inspectors', { preValidation: read, schema: { tags, summary: "Inspectors' planning settings: covered districts, daily cap, where the day starts", querystring: InspectorQuery, response: responses({ 200: InspectorList }) } },
    async (request) => listInspectors(ctx, actorOf(request), request.query));
  r.patch('/api/planning/inspectors/:id', { preValidation: write, schema: { tags, summary: "Change an inspector's planning settings", params: IdParams, body: InspectorPatch, response: responses({ 200: InspectorSettings }) } },
    async (request) => updateInspector(ctx, actorOf(request), request.params.id, request.body));

  r.get('/api/planning/progress', { preValidation: read, schema: { tags, summary: 'Per inspector: visits planned for the day, done, late, and the next', querystring: ProgressQuery, response: responses({ 200: Progress }) } },
    async (request) => progress(ctx, actorOf(request), request.query));

  r.get('/api/inspections/day', { preValidation: requireStaff, schema: { tags: ['inspections'], summary: "The signed-in inspector's day: the plan's stops in order with times, route links and progress", querystring: MyDayQuery, response: responses({ 200: MyDay }) } },
    async (request) => myDay(ctx, actorOf(request), request.query));
}

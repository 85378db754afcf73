import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { TSchema } from 'typebox';
import type { Ctx } from '../../platform/context.js';
import type { Actor } from '../../platform/actor.js';
import { actorOf, requirePermission, requireStaff } from '../../platform/auth.js';
import { IdParams, responses } from '../../platform/schemas.js';
import { fromReplica } from '../../platform/read-replica.js';
import { registerRequest } from './requests.intake.js';
import * as actions from './requests.actions.js';
import { recordPayment } from './requests.payment.js';
import { getCase, searchCases } from './requests.read.js';
import {
  ApproveBody, AssignBody, CancelBody, Case, CaseList, CaseListQuery, DeliverBody, EligibleInspectorList, IntakeBody, IssueBody, ReasonsBody,
  PaymentBody, RecommendBody, ReportBody, ResubmitBody, ScheduleBody, VersionBody,
} from './requests.schemas.js';

type Action = (ctx: Ctx, actor: Actor, id: string, body: never) => Promise<unknown>;

/** Each workflow action is its own route (own schema, own OpenAPI entry); all share one shape. */
const ACTION_ROUTES: { path: string; summary: string; body: TSchema; run: Action }[] = [
  { path: 'assign-inspector', summary: 'Assign (or reassign) an inspector; automatic when no inspectorId; 409 GUARD_FAILED (fee_paid) while the fee of a case no inspector holds yet is unpaid', body: AssignBody, run: actions.assignInspector },
  { path: 'schedule-visit', summary: 'Schedule the inspection visit', body: ScheduleBody, run: actions.scheduleVisit },
  { path: 'inspection-report', summary: 'File the inspection report (assigned inspector)', body: ReportBody, run: actions.fileInspectionReport },
  { path: 'send-to-district', summary: 'Send an inquiry to the district', body: VersionBody, run: actions.sendToDistrict },
  { path: 'recommend', summary: "District reviewer's recommendation", body: RecommendBody, run: actions.recommend },
  { path: 'approve', summary: 'District approver approves', body: ApproveBody, run: actions.approve },
  { path: 'reject', summary: 'District approver rejects, with reasons', body: ReasonsBody, run: actions.reject },
  { path: 'return', summary: 'Return to the office for correction, with reasons', body: ReasonsBody, run: actions.returnForCorrection },
  { path: 'resubmit', summary: 'Office resubmits after correction', body: ResubmitBody, run: actions.resubmit },
  { path: 'issue-response', summary: 'Issue the final answer (letter number, decision, conditions)', body: IssueBody, run: actions.issueResponse },
  { path: 'deliver', summary: 'Hand the answer to the owner at the office', body: DeliverBody, run: actions.deliver },
  { path: 'cancel', summary: 'Cancel the request, with a reason', body: CancelBody, run: actions.cancel },
];

export async function requestsRoutes(app: FastifyInstance, ctx: Ctx) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.addHook('preValidation', requireStaff);

  r.post(
    '/api/requests',
    {
      preValidation: requirePermission('request.create'),
      schema: { tags: ['requests'], summary: 'Register a request at the desk (intake); returns the case with its tracking code', body: IntakeBody, response: responses({ 201: Case }) },
    },
    async (request, reply) => reply.status(201).send(await registerRequest(ctx, actorOf(request), request.body)),
  );

  r.get(
    '/api/requests',
    { preValidation: requirePermission('request.read'), schema: { tags: ['requests'], summary: 'Cases in scope, filtered, sorted and paged', querystring: CaseListQuery, response: responses({ 200: CaseList }) } },
    async (request) => fromReplica(ctx, request, (c) => searchCases(c, actorOf(request), request.query)),
  );

  r.get(
    '/api/requests/:id',
    { preValidation: requirePermission('request.read'), schema: { tags: ['requests'], summary: 'One case with its file, inspection, decision, answer, timeline and the actions the caller may take', params: IdParams, response: responses({ 200: Case }) } },
    async (request) => getCase(ctx, actorOf(request), request.params.id),
  );

  r.get(
    '/api/requests/:id/eligible-inspectors',
    {
      preValidation: requirePermission('request.read'),
      schema: {
        tags: ['requests'],
        summary: 'Inspectors who may take the case (specialty, district coverage, active), with their open visits; the current assignee marked. The same rule assign-inspector checks',
        params: IdParams, response: responses({ 200: EligibleInspectorList }),
      },
    },
    async (request) => actions.listEligibleInspectors(ctx, actorOf(request), request.params.id),
  );

  r.post(
    '/api/requests/:id/payment',
    {
      preValidation: requirePermission('request.create'),
      schema: {
        tags: ['requests'], summary: "Record the fee paid at the desk after intake, with the card reader's reference; a case held at the desk for its fee then goes to its inspector; 409 if already paid",
        params: IdParams, body: PaymentBody, response: responses({ 200: Case }),
      },
    },
    async (request) => recordPayment(ctx, actorOf(request), request.params.id, request.body),
  );

  for (const a of ACTION_ROUTES) {
    r.post(
      `/api/requests/:id/${a.path}`,
      { schema: { tags: ['requests'], summary: a.summary, params: IdParams, body: a.body, response: responses({ 200: Case }) } },
      async (request) => a.run(ctx, actorOf(request), request.params.id, request.body as never),
    );
  }
}

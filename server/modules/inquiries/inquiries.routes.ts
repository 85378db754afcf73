import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Ctx } from '../../platform/context.js';
import { IdParams, responses } from '../../platform/schemas.js';
import { callerOf, registerApiAuth, requireScope } from '../clients/index.js';
import { Inquiry, InquiryBody, InquiryHeaders } from './inquiries.schemas.js';
import { getInquiry, getInquiryLetter, submitInquiry } from './inquiries.service.js';
import { sendLetter } from '../letters/index.js';

/** The open API for other organisations: API key, per-client rate limit (registerApiAuth), every call audited. */
export async function inquiriesRoutes(app: FastifyInstance, ctx: Ctx) {
  registerApiAuth(app, ctx);
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const security = [{ apiKey: [] }];
  const tags = ['open api: inquiries'];

  r.post(
    '/api/v1/inquiries',
    {
      schema: {
        tags, security, summary: 'Ask about a property (bank, notary transfer, agency): 200 with the answer at once, or 202 with the case that will answer',
        headers: InquiryHeaders, body: InquiryBody, response: responses({ 200: Inquiry, 202: Inquiry }),
      },
    },
    async (request, reply) => {
      const caller = callerOf(request);
      requireScope(caller, request.body.type);
      const result = await submitInquiry(ctx, caller, request.body, request.headers['idempotency-key'] ?? null);
      return reply.status(result.statusCode).send(result.body);
    },
  );

  r.get(
    '/api/v1/inquiries/:id',
    { schema: { tags, security, summary: 'An inquiry and, once given, its answer', params: IdParams, response: responses({ 200: Inquiry }) } },
    async (request) => getInquiry(ctx, callerOf(request), request.params.id),
  );

  r.get(
    '/api/v1/inquiries/:id/letter',
    {
      schema: {
        tags, security, params: IdParams, produces: ['application/pdf'],
        summary: "The answer letter (PDF) of your answered inquiry: the instant answer's letter, or the letter of the case that answered it. Its SHA-256 is in X-Content-SHA256",
      },
    },
    async (request, reply) => sendLetter(reply, await getInquiryLetter(ctx, callerOf(request), request.params.id)),
  );
}

import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Ctx } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { IdParams, responses } from '../../platform/schemas.js';
import { CitizenOverview, CitizenRequest, OtpRequestBody, OtpSent, OtpVerifyBody, ProposeBody } from './citizen.schemas.js';
import { CITIZEN_COOKIE, citizenOf, myLetter, myOverview, myRequest, proposeVisitDate, requestOtp, signOutCitizen, verifyOtp } from './citizen.service.js';
import { sendLetter } from '../letters/index.js';
import { OTP_TTL_MS } from './citizen.otp.js';

export async function citizenRoutes(app: FastifyInstance, ctx: Ctx) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['citizen'];
  const cookieOptions = { httpOnly: true, sameSite: 'strict' as const, secure: ctx.config.cookieSecure, path: '/' };

  async function mobileOf(request: FastifyRequest): Promise<string> {
    const mobile = await citizenOf(ctx, request.cookies[CITIZEN_COOKIE]);
    if (!mobile) throw new AppError('UNAUTHENTICATED');
    return mobile;
  }

  r.post(
    '/api/citizen/otp',
    {
      config: { rateLimit: { max: 5, timeWindow: '1 minute' } },
      schema: { tags, summary: 'Send a one-time sign-in code by SMS (same answer for unknown numbers)', security: [], body: OtpRequestBody, response: responses({ 202: OtpSent }) },
    },
    async (request, reply) => {
      const { smsFailed } = await requestOtp(ctx, request.body.mobile, request.ip);
      if (smsFailed) request.log.error('the SMS provider failed: the one-time code was withdrawn');
      return reply.status(202).send({ sent: true, messageFa: 'اگر این شماره در پرونده‌ها ثبت باشد، کد ورود پیامک شد.', expiresInSeconds: OTP_TTL_MS / 1000 });
    },
  );

  r.post(
    '/api/citizen/otp/verify',
    {
      config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: { tags, summary: 'Sign in with the code; starts a citizen session', security: [], body: OtpVerifyBody, response: responses({ 200: CitizenOverview }) },
    },
    async (request, reply) => {
      const { token } = await verifyOtp(ctx, request.body.mobile, request.body.code, request.ip);
      reply.setCookie(CITIZEN_COOKIE, token, { ...cookieOptions, maxAge: 2 * 3600 });
      return myOverview(ctx, request.body.mobile);
    },
  );

  r.post('/api/citizen/logout', { schema: { tags, summary: 'Sign the citizen out', security: [], response: responses({ 204: Type.Null() }) } }, async (request, reply) => {
    await signOutCitizen(ctx, request.cookies[CITIZEN_COOKIE]);
    reply.clearCookie(CITIZEN_COOKIE, cookieOptions);
    return reply.status(204).send(null);
  });

  r.get('/api/citizen/me', { schema: { tags, summary: "The citizen's property files and requests", security: [], response: responses({ 200: CitizenOverview }) } }, async (request) =>
    myOverview(ctx, await mobileOf(request)),
  );

  r.get(
    '/api/citizen/requests/:id',
    { schema: { tags, summary: 'One of the citizen’s requests with its public timeline and answer', security: [], params: IdParams, response: responses({ 200: CitizenRequest }) } },
    async (request) => myRequest(ctx, await mobileOf(request), request.params.id),
  );

  r.get(
    '/api/citizen/requests/:id/letter',
    {
      schema: {
        tags, security: [], params: IdParams, produces: ['application/pdf'],
        summary: "The answer letter (PDF) of one of the citizen's own requests; 404 for anyone else's. Printed now if need be (202 with Retry-After while it is being printed). Audited",
      },
    },
    async (request, reply) => sendLetter(reply, await myLetter(ctx, await mobileOf(request), request.params.id)),
  );

  r.post(
    '/api/citizen/requests/:id/proposed-visit-date',
    { schema: { tags, summary: 'Propose an inspection date (the third working day at the earliest; the district may change it)', security: [], params: IdParams, body: ProposeBody, response: responses({ 200: CitizenRequest }) } },
    async (request) => proposeVisitDate(ctx, await mobileOf(request), request.params.id, request.body.date),
  );
}

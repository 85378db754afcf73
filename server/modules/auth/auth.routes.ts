import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Ctx } from '../../platform/context.js';
import { actorOf, clearSessionCookie, requireStaff, SESSION_COOKIE, setSessionCookie } from '../../platform/auth.js';
import { responses } from '../../platform/schemas.js';
import { LoginBody, Me, PasswordBody } from './auth.schemas.js';
import { changePassword, getMe, signIn, signOut } from './auth.service.js';

export async function authRoutes(app: FastifyInstance, ctx: Ctx) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.post(
    '/api/auth/login',
    {
      schema: { tags: ['auth'], summary: 'Sign in (staff)', body: LoginBody, response: responses({ 200: Me }) },
      // Per address and username: guessing one account's password is slow, a shared NAT still works.
      config: { rateLimit: { max: 10, timeWindow: '1 minute', hook: 'preHandler', keyGenerator: (req) => `${req.ip}|${String((req.body as { username?: unknown } | undefined)?.username ?? '')}` } },
    },
    async (request, reply) => {
      const { token, me } = await signIn(ctx, { ...request.body, ip: request.ip, userAgent: request.headers['user-agent'] ?? '' });
      setSessionCookie(reply, ctx, token);
      return me;
    },
  );

  r.post(
    '/api/auth/logout',
    { schema: { tags: ['auth'], summary: 'Sign out', response: responses({ 204: Type.Null() }) } },
    async (request, reply) => {
      await signOut(ctx, request.cookies[SESSION_COOKIE]);
      clearSessionCookie(reply, ctx);
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/api/auth/me',
    { preHandler: requireStaff, schema: { tags: ['auth'], summary: 'The signed-in staff member', response: responses({ 200: Me }) } },
    async (request) => getMe(ctx, actorOf(request).staffId),
  );

  r.post(
    '/api/auth/password',
    {
      preHandler: requireStaff,
      schema: { tags: ['auth'], summary: 'Change own password', body: PasswordBody, response: responses({ 204: Type.Null() }) },
    },
    async (request, reply) => {
      await changePassword(ctx, actorOf(request), { ...request.body, keepToken: request.cookies[SESSION_COOKIE] });
      return reply.status(204).send(null);
    },
  );
}

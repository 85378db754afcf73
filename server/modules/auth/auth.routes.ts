import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Ctx } from '../../platform/context.js';
import { actorOf, clearSessionCookie, requirePermission, requireStaff, SESSION_COOKIE, setSessionCookie } from '../../platform/auth.js';
import { responses } from '../../platform/schemas.js';
import { LockoutList, LockoutParams, LoginBody, Me, PasswordBody } from './auth.schemas.js';
import { changePassword, getMe, liftLockout, listLockouts, signIn, signOut } from './auth.service.js';

export async function authRoutes(app: FastifyInstance, ctx: Ctx) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.post(
    '/api/auth/login',
    {
      schema: { tags: ['auth'], summary: 'Sign in (staff)', body: LoginBody, response: responses({ 200: Me }) },
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
    { preValidation: requireStaff, schema: { tags: ['auth'], summary: 'The signed-in staff member', response: responses({ 200: Me }) } },
    async (request) => getMe(ctx, actorOf(request).staffId),
  );

  r.post(
    '/api/auth/password',
    {
      preValidation: requireStaff,
      schema: { tags: ['auth'], summary: 'Change own password', body: PasswordBody, response: responses({ 204: Type.Null() }) },
    },
    async (request, reply) => {
      await changePassword(ctx, actorOf(request), { ...request.body, keepToken: request.cookies[SESSION_COOKIE] });
      return reply.status(204).send(null);
    },
  );

  const manage = requirePermission('organisation.manage');
  r.get(
    '/api/auth/lockouts',
    { preValidation: manage, schema: { tags: ['auth'], summary: 'Staff accounts locked after repeated wrong passwords', response: responses({ 200: LockoutList }) } },
    async () => listLockouts(ctx),
  );

  r.delete(
    '/api/auth/lockouts/:username',
    { preValidation: manage, schema: { tags: ['auth'], summary: 'Lift an account lock (رفع قفل) before it ends; audited', params: LockoutParams, response: responses({ 204: Type.Null() }) } },
    async (request, reply) => {
      await liftLockout(ctx, actorOf(request), request.params.username);
      return reply.status(204).send(null);
    },
  );
}

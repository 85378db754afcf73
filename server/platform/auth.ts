/**
 * Staff sessions: a random token in an HttpOnly, SameSite=Strict cookie; only its SHA-256 is
 * stored. Every request resolves its actor here, once.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Role } from '../../contracts/roles.js';
import { can, type Permission } from '../../contracts/permissions.js';
import type { Ctx } from './context.js';
import type { Actor } from './actor.js';
import { AppError } from './errors.js';
import { prepared } from '../db/prepared.js';

export const SESSION_COOKIE = 'mk_session';
const TOUCH_EVERY_MS = 60_000;

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

export function setSessionCookie(reply: FastifyReply, ctx: Ctx, token: string): void {
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'strict',
    secure: ctx.config.cookieSecure,
    path: '/',
    maxAge: ctx.config.sessionHours * 3600,
  });
}

export function clearSessionCookie(reply: FastifyReply, ctx: Ctx): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'strict', secure: ctx.config.cookieSecure });
}

/** The session with its staff member: on every signed-in call, so prepared once (db/prepared.ts). */
const sessionOf = prepared((db, v: { sessionId: string }) =>
  db
    .selectFrom('sessions')
    .innerJoin('staff', 'staff.id', 'sessions.staff_id')
    .select([
      'sessions.id as sessionId', 'sessions.expires_at', 'sessions.last_seen_at', 'staff.id as staffId', 'staff.role',
      'staff.city_id', 'staff.office_id', 'staff.district_id', 'staff.first_name', 'staff.last_name', 'staff.active',
    ])
    .where('sessions.id', '=', v.sessionId),
);

async function loadActor(ctx: Ctx, request: FastifyRequest): Promise<Actor | null> {
  const token = request.cookies[SESSION_COOKIE];
  if (!token) return null;
  const now = ctx.clock.now();
  const row = await sessionOf.executeTakeFirst(ctx.db, { sessionId: hashToken(token) });
  if (!row || row.active !== 1 || row.expires_at <= now.toISOString()) return null;
  if (now.getTime() - Date.parse(row.last_seen_at) > TOUCH_EVERY_MS) {
    await ctx.db.updateTable('sessions').set({ last_seen_at: now.toISOString() }).where('id', '=', row.sessionId).execute();
  }
  return {
    staffId: row.staffId,
    role: row.role as Role,
    cityId: row.city_id,
    officeId: row.office_id,
    districtId: row.district_id,
    name: `${row.first_name} ${row.last_name}`,
    ip: request.ip,
  };
}

export function registerAuth(app: FastifyInstance, ctx: Ctx): void {
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (request) => {
    request.actor = await loadActor(ctx, request);
  });
}

/**
 * preValidation for every staff route: no session, no entry. Access is checked before the input is
 * validated, so a caller without the right learns nothing from field errors and costs no parsing
 * work (decision 0023); scope (404) is the services' and comes after.
 */
export async function requireStaff(request: FastifyRequest): Promise<void> {
  if (!request.actor) throw new AppError('UNAUTHENTICATED');
}

/** The signed-in actor inside a staff route (requireStaff has run). */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError('UNAUTHENTICATED');
  return request.actor;
}

/** preValidation factory: the actor's role must hold the permission (403 otherwise). */
export function requirePermission(permission: Permission) {
  return async (request: FastifyRequest): Promise<void> => {
    const actor = actorOf(request);
    if (!can(actor.role, permission)) throw new AppError('FORBIDDEN');
  };
}

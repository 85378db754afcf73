/**
 * Who is calling the open API: the API key resolves to a client, in one place, for every /api/v1
 * route (from a header) and for Open311 (from its api_key parameter). Revoked or expired keys are
 * 401; a call from outside the client's address list is 403. Every call is audited when it is answered.
 */
import ipaddr from 'ipaddr.js';
import type { FastifyInstance, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import type { Ctx } from '../../platform/context.js';
import type { Db } from '../../db/database.js';
import { AppError } from '../../platform/errors.js';
import { appendAudit } from '../../platform/audit.js';
import { keyMatches, prefixOf } from './clients.keys.js';

export interface ApiCaller {
  clientId: string;
  cityId: string;
  kind: string;
  nameFa: string;
  officialCode: string;
  scopes: string[];
  ratePerMinute: number;
  keyId: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    apiCaller: ApiCaller | null;
  }
}

function presentedKey(request: FastifyRequest): string | null {
  const auth = request.headers.authorization;
  if (auth && /^bearer /i.test(auth)) return auth.slice(7).trim(); // the scheme is case-insensitive (RFC 9110)
  const header = request.headers['x-api-key'];
  return typeof header === 'string' ? header.trim() : null;
}

/** A key's row and its client's, by the key's prefix (every call of the open API). */
export function apiKeyQuery(db: Db, prefix: string) {
  return db
    .selectFrom('api_keys')
    .innerJoin('api_clients', 'api_clients.id', 'api_keys.client_id')
    .select([
      'api_keys.id as key_id', 'api_keys.key_hash', 'api_keys.scopes', 'api_keys.expires_at', 'api_keys.revoked_at', 'api_clients.id as client_id',
      'api_clients.city_id', 'api_clients.kind', 'api_clients.name_fa', 'api_clients.official_code', 'api_clients.allowed_ips',
      'api_clients.rate_limit_per_minute', 'api_clients.active',
    ])
    .where('api_keys.prefix', '=', prefix);
}

/**
 * The client behind an API key, however it was sent: 401 for a missing, unknown, revoked or expired
 * key or a suspended client, 403 for a call from outside the client's address list.
 */
export async function callerForKey(ctx: Ctx, key: string | null, ip: string): Promise<ApiCaller> {
  const prefix = key ? prefixOf(key) : null;
  const unauthenticated = (message: string, messageFa: string) => new AppError('UNAUTHENTICATED', { message, messageFa });
  if (!key || !prefix) throw unauthenticated('Send an API key: Authorization: Bearer mk_...', 'کلید دسترسی ارسال نشده یا نادرست است');
  const row = await apiKeyQuery(ctx.db, prefix).executeTakeFirst();
  const now = ctx.clock.now().toISOString();
  if (!row || !keyMatches(key, row.key_hash)) throw unauthenticated('Unknown API key', 'کلید دسترسی شناخته‌شده نیست');
  if (row.revoked_at) throw unauthenticated('This API key was revoked', 'این کلید دسترسی باطل شده است');
  if (row.expires_at <= now) throw unauthenticated('This API key has expired', 'اعتبار این کلید دسترسی تمام شده است');
  if (row.active !== 1) throw unauthenticated('This client is suspended', 'دسترسی این سازمان معلق شده است');
  const ips = row.allowed_ips ? (JSON.parse(row.allowed_ips) as string[]) : null;
  if (ips && !inAddressList(ip, ips)) {
    throw new AppError('FORBIDDEN', { message: `Calls from ${ip} are not allowed for this client`, messageFa: 'درخواست از این نشانی مجاز نیست' });
  }
  await ctx.db.updateTable('api_keys').set({ last_used_at: now }).where('id', '=', row.key_id).execute();
  return {
    clientId: row.client_id, cityId: row.city_id, kind: row.kind, nameFa: row.name_fa, officialCode: row.official_code,
    scopes: JSON.parse(row.scopes) as string[], ratePerMinute: row.rate_limit_per_minute, keyId: row.key_id,
  };
}

/**
 * For a plugin scope holding the open API: resolve the caller before anything else, hold each
 * client to its rate across every route of the scope, audit every answer.
 */
export function registerApiAuth(app: FastifyInstance, ctx: Ctx): void {
  registerApiAudit(app, ctx, { limitedScope: true });
  app.addHook('onRequest', async (request) => {
    request.apiCaller = await callerForKey(ctx, presentedKey(request), request.ip);
  });
  app.addHook('preHandler', clientRateLimit(app, ctx));
}

/**
 * The caller slot of a plugin scope whose routes resolve the key themselves, and the audit row of
 * every call that has one. Outside a scope limited as a whole (registerApiAuth's), each route must
 * declare its limit, its own (`config.rateLimit`) or the client's (`preHandler: clientRateLimit`):
 * a route without one would let a client call it, and grow the audit log, without bound, so it
 * stops the server at start.
 */
export function registerApiAudit(app: FastifyInstance, ctx: Ctx, { limitedScope = false } = {}): void {
  app.decorateRequest('apiCaller', null);
  if (!limitedScope) {
    app.addHook('onRoute', (route) => {
      const config = route.config as { rateLimit?: unknown } | undefined;
      const limited = config?.rateLimit || [route.preHandler ?? []].flat().includes(clientRateLimit(app, ctx));
      if (!limited) throw new Error(`${String(route.method)} ${route.url}: an open API route must declare its rate limit (config.rateLimit, or preHandler: clientRateLimit)`);
    });
  }
  // Before the answer leaves (onSend, not onResponse): a call is never answered without its audit row.
  app.addHook('onSend', async (request, reply, payload) => {
    if (!request.apiCaller) return payload;
    const caller = request.apiCaller;
    await ctx.db.transaction().execute((trx) =>
      appendAudit(
        trx,
        null,
        {
          action: 'api.call', entityType: 'api_client', entityId: caller.clientId, cityId: caller.cityId,
          details: { method: request.method, url: request.url.split('?')[0], status: reply.statusCode, ip: request.ip, keyId: caller.keyId },
        },
        ctx.clock.now(),
      ),
    );
    return payload;
  });
}

const limiters = new WeakMap<Ctx, preHandlerAsyncHookHandler>();

/**
 * The open API's limit: each client at its own per-minute rate once its key is resolved (anyone
 * else by address, at 10), one count across every route of the open API (a route's own
 * `config.rateLimit` would count each route apart) and, with Redis, across every server. Made once
 * per app; a preHandler, so the key is resolved first.
 */
export function clientRateLimit(app: FastifyInstance, ctx: Ctx): preHandlerAsyncHookHandler {
  let limiter = limiters.get(ctx);
  if (!limiter) {
    limiter = app.rateLimit({
      timeWindow: '1 minute',
      keyGenerator: (request: FastifyRequest) => request.apiCaller?.clientId ?? request.ip,
      max: (request: FastifyRequest) => request.apiCaller?.ratePerMinute ?? 10,
    });
    limiters.set(ctx, limiter);
  }
  return limiter;
}

/**
 * One form of an address or a range (CIDR), as the list stores it: IPv6 compressed and lower-case,
 * an IPv4-mapped IPv6 address as IPv4, a range as its first address and length; null if it is
 * neither.
 */
export function canonicalIp(entry: string): string | null {
  if (entry.includes('/')) {
    if (!ipaddr.isValidCIDR(entry)) return null;
    const [address, bits] = ipaddr.parseCIDR(entry);
    const network = address.kind() === 'ipv4' ? ipaddr.IPv4.networkAddressFromCIDR(entry) : ipaddr.IPv6.networkAddressFromCIDR(entry);
    return `${network.toString()}/${bits}`;
  }
  return ipaddr.isValid(entry) ? ipaddr.process(entry).toString() : null;
}

/** Whether a call's address is one of the list's addresses or in one of its ranges. */
function inAddressList(ip: string, list: readonly string[]): boolean {
  if (!ipaddr.isValid(ip)) return false;
  const address = ipaddr.process(ip);
  return list.some((entry) => {
    if (!entry.includes('/')) return entry === address.toString();
    const range = ipaddr.parseCIDR(entry);
    return address.kind() === range[0].kind() && address.match(range);
  });
}

export function callerOf(request: FastifyRequest): ApiCaller {
  if (!request.apiCaller) throw new AppError('UNAUTHENTICATED');
  return request.apiCaller;
}

/** The key must be scoped to this kind of inquiry. */
export function requireScope(caller: ApiCaller, scope: string): void {
  if (!caller.scopes.includes(scope)) {
    throw new AppError('FORBIDDEN', { message: `This API key is not allowed to make ${scope} calls`, messageFa: 'این کلید دسترسی برای این نوع درخواست مجاز نیست' });
  }
}

/** The city admin registers other organisations and issues their API keys. */
import { randomBytes } from 'node:crypto';
import type { Ctx } from '../../platform/context.js';
import type { Actor } from '../../platform/actor.js';
import type { ApiClientTable, ApiKeyTable } from '../../db/schema.js';
import { AppError, fieldError, invalid, notFound } from '../../platform/errors.js';
import { appendAudit } from '../../platform/audit.js';
import { newId } from '../../platform/ids.js';
import { newApiKey } from './clients.keys.js';
import { webhookUrlProblem } from '../../platform/outbound.js';
import { canonicalIp } from './clients.auth.js';
import { deliveriesOf } from './clients.webhooks.js';

function presentClient(c: ApiClientTable, withSecret = false) {
  return {
    id: c.id, kind: c.kind, nameFa: c.name_fa, officialCode: c.official_code, allowedIps: c.allowed_ips ? (JSON.parse(c.allowed_ips) as string[]) : null,
    rateLimitPerMinute: c.rate_limit_per_minute, webhookUrl: c.webhook_url, webhookEvents: JSON.parse(c.webhook_events) as string[],
    ...(withSecret && c.webhook_secret ? { webhookSecret: c.webhook_secret } : {}), active: c.active === 1, createdAt: c.created_at,
  };
}

function presentKey(k: ApiKeyTable, key?: string) {
  return {
    id: k.id, prefix: k.prefix, scopes: JSON.parse(k.scopes) as string[], expiresAt: k.expires_at, revokedAt: k.revoked_at,
    createdAt: k.created_at, lastUsedAt: k.last_used_at, ...(key ? { key } : {}),
  };
}

async function findClient(ctx: Ctx, actor: Actor, id: string) {
  const c = await ctx.db.selectFrom('api_clients').selectAll().where('id', '=', id).where('city_id', '=', actor.cityId).executeTakeFirst();
  if (!c) throw notFound();
  return c;
}

export async function listClients(ctx: Ctx, actor: Actor) {
  const rows = await ctx.db.selectFrom('api_clients').selectAll().where('city_id', '=', actor.cityId).orderBy('created_at').execute();
  // Keys that work today: not revoked, not expired.
  const live = await ctx.db
    .selectFrom('api_keys')
    .innerJoin('api_clients', 'api_clients.id', 'api_keys.client_id')
    .select(['api_keys.client_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('api_clients.city_id', '=', actor.cityId)
    .where('api_keys.revoked_at', 'is', null)
    .where('api_keys.expires_at', '>', ctx.clock.now().toISOString())
    .groupBy('api_keys.client_id')
    .execute();
  const liveKeys = new Map(live.map((k) => [k.client_id, Number(k.n)]));
  return { items: rows.map((r) => ({ ...presentClient(r), activeKeys: liveKeys.get(r.id) ?? 0 })) };
}

export async function listClientDeliveries(ctx: Ctx, actor: Actor, clientId: string, page: number, pageSize: number) {
  await findClient(ctx, actor, clientId);
  return deliveriesOf(ctx, clientId, page, pageSize);
}

export interface ClientInput {
  kind: ApiClientTable['kind'];
  nameFa: string;
  officialCode: string;
  allowedIps?: string[] | null;
  /** Filled in by the schema's defaults (60, none) when left out. */
  rateLimitPerMinute?: number;
  webhookUrl?: string | null;
  webhookEvents?: string[];
}

/** A webhook URL must be http(s) and reach outside our network (platform/outbound.ts). */
function checkWebhookUrl(ctx: Ctx, url: string | null | undefined): void {
  const problem = url ? webhookUrlProblem(url, ctx.config.webhookAllowedHosts) : null;
  if (problem === 'not_http') throw invalid([fieldError('webhookUrl', 'not_http', 'Must be an http:// or https:// address', 'نشانی وب‌هوک باید با http:// یا https:// آغاز شود')]);
  // A password in the address would be shown back in the client record and the admin's screens: the signature authenticates instead.
  const parsed = url && !problem ? new URL(url) : null;
  if (parsed && (parsed.username || parsed.password)) {
    throw invalid([fieldError('webhookUrl', 'credentials_in_url', 'Must not carry a user name or password; each delivery is signed instead', 'نشانی وب‌هوک نباید نام کاربری یا گذرواژه داشته باشد؛ هر ارسال امضا می‌شود')]);
  }
  if (problem) {
    throw invalid([fieldError('webhookUrl', 'private_address', 'Must be a public http(s) address, not one inside the network', 'نشانی وب‌هوک باید نشانی عمومی اینترنتی باشد، نه نشانی داخلی شبکه')]);
  }
}

/**
 * The address list as stored: each an IPv4 or IPv6 address in its one canonical form (what a
 * call's address is compared with), or 400 naming the entry. A typo would lock the client out.
 */
function canonicalIps(ips: readonly string[] | null | undefined): string | null {
  if (!ips) return null;
  const canonical = ips.map(canonicalIp);
  const bad = canonical.flatMap((c, i) => (c ? [] : [fieldError(`allowedIps.${i}`, 'invalid_ip', 'Not an IPv4 or IPv6 address or range (CIDR)', 'نشانی یا بازه IP معتبر نیست')]));
  if (bad.length) throw invalid(bad);
  return JSON.stringify([...new Set(canonical)]);
}

/** A notary office is named by its number (1-9999), which its inquiries' cases carry. */
function checkOfficialCode(kind: string, officialCode: string): void {
  if (kind === 'notary' && !/^[1-9]\d{0,3}$/.test(officialCode)) {
    throw invalid([fieldError('officialCode', 'notary_office_number', "A notary office's number, 1 to 9999", 'شماره دفترخانه، عددی از ۱ تا ۹۹۹۹')]);
  }
}

export async function createClient(ctx: Ctx, actor: Actor, input: ClientInput) {
  checkWebhookUrl(ctx, input.webhookUrl);
  checkOfficialCode(input.kind, input.officialCode);
  const now = ctx.clock.now().toISOString();
  const row: ApiClientTable = {
    id: newId(), city_id: actor.cityId, kind: input.kind, name_fa: input.nameFa, official_code: input.officialCode,
    allowed_ips: canonicalIps(input.allowedIps), rate_limit_per_minute: input.rateLimitPerMinute ?? 60,
    webhook_url: input.webhookUrl ?? null, webhook_secret: randomBytes(32).toString('base64url'), webhook_events: JSON.stringify(input.webhookEvents ?? []),
    active: 1, created_at: now, updated_at: now,
  };
  await ctx.db.transaction().execute(async (trx) => {
    await trx.insertInto('api_clients').values(row).execute();
    await appendAudit(trx, actor, { action: 'api_client.create', entityType: 'api_client', entityId: row.id, details: { kind: row.kind, nameFa: row.name_fa } }, ctx.clock.now());
  });
  return presentClient(row, true);
}

export async function updateClient(ctx: Ctx, actor: Actor, id: string, input: Partial<ClientInput> & { active?: boolean }) {
  const current = await findClient(ctx, actor, id);
  checkWebhookUrl(ctx, input.webhookUrl);
  const patch: Partial<ApiClientTable> = { updated_at: ctx.clock.now().toISOString() };
  if (input.nameFa !== undefined) patch.name_fa = input.nameFa;
  if (input.allowedIps !== undefined) patch.allowed_ips = canonicalIps(input.allowedIps);
  if (input.rateLimitPerMinute !== undefined) patch.rate_limit_per_minute = input.rateLimitPerMinute;
  if (input.webhookUrl !== undefined) patch.webhook_url = input.webhookUrl;
  if (input.webhookEvents !== undefined) patch.webhook_events = JSON.stringify(input.webhookEvents);
  if (input.active !== undefined) patch.active = input.active ? 1 : 0;
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('api_clients').set(patch).where('id', '=', id).execute();
    await appendAudit(trx, actor, { action: 'api_client.update', entityType: 'api_client', entityId: id, details: { fields: Object.keys(input) } }, ctx.clock.now());
  });
  return presentClient({ ...current, ...patch });
}

/** A new key for the client; several may be live at once, so a client can rotate without downtime. */
export async function issueKey(ctx: Ctx, actor: Actor, clientId: string, input: { scopes: string[]; expiresAt: string }) {
  await findClient(ctx, actor, clientId);
  const now = ctx.clock.now();
  if (Date.parse(input.expiresAt) <= now.getTime()) {
    throw invalid([fieldError('expiresAt', 'in_past', 'The expiry must be in the future', 'تاریخ انقضا باید در آینده باشد')]);
  }
  const { key, prefix, hash } = newApiKey();
  const row: ApiKeyTable = {
    id: newId(), client_id: clientId, prefix, key_hash: hash, scopes: JSON.stringify(input.scopes), expires_at: new Date(input.expiresAt).toISOString(),
    revoked_at: null, created_at: now.toISOString(), last_used_at: null,
  };
  await ctx.db.transaction().execute(async (trx) => {
    await trx.insertInto('api_keys').values(row).execute();
    await appendAudit(trx, actor, { action: 'api_key.issue', entityType: 'api_client', entityId: clientId, details: { keyId: row.id, prefix, scopes: input.scopes } }, now);
  });
  return presentKey(row, key);
}

export async function listKeys(ctx: Ctx, actor: Actor, clientId: string) {
  await findClient(ctx, actor, clientId);
  const rows = await ctx.db.selectFrom('api_keys').selectAll().where('client_id', '=', clientId).orderBy('created_at').execute();
  return { items: rows.map((k) => presentKey(k)) };
}

export async function revokeKey(ctx: Ctx, actor: Actor, clientId: string, keyId: string) {
  await findClient(ctx, actor, clientId);
  const key = await ctx.db.selectFrom('api_keys').selectAll().where('id', '=', keyId).where('client_id', '=', clientId).executeTakeFirst();
  if (!key) throw notFound();
  if (key.revoked_at) throw new AppError('CONFLICT', { message: 'Already revoked', messageFa: 'این کلید قبلاً باطل شده است' });
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('api_keys').set({ revoked_at: now.toISOString() }).where('id', '=', keyId).execute();
    await appendAudit(trx, actor, { action: 'api_key.revoke', entityType: 'api_client', entityId: clientId, details: { keyId } }, now);
  });
  return presentKey({ ...key, revoked_at: now.toISOString() });
}

import { Type } from 'typebox';
import { Id, Nullable, NullableTimestamp, OrNull, PageNumber, Text, Timestamp } from '../../platform/schemas.js';

export const CLIENT_KINDS = ['bank', 'notary', 'utility', 'agency'] as const;
/** What a key may ask: one scope per kind of inquiry; open311 to send Open311 GeoReport v2 service requests. */
export const API_SCOPES = ['bank', 'notary_transfer', 'agency', 'excavation', 'open311'] as const;

const Ip = Type.String({ pattern: '^[0-9a-fA-F:.]{2,45}(/[0-9]{1,3})?$', description: 'an IPv4 or IPv6 address, or a range in CIDR form (10.20.0.0/16)' });

/** What a client may be told by webhook: an inquiry answered, or closed unanswered (its case cancelled); a permit decided. */
export const WEBHOOK_EVENTS = ['inquiry.answered', 'inquiry.closed', 'excavation.decided'] as const;

export const ClientCreateBody = Type.Object(
  {
    kind: Type.Enum(CLIENT_KINDS),
    nameFa: Text(200, 2),
    officialCode: Type.String({ pattern: '^[0-9A-Za-z-]{1,30}$', description: 'Bank branch code, notary office number, registration number' }),
    allowedIps: Type.Optional(OrNull(Type.Array(Ip, { maxItems: 50 }))),
    rateLimitPerMinute: Type.Optional(Type.Integer({ minimum: 1, maximum: 6000, default: 60, description: 'calls a minute across the open API; 60 when left out' })),
    webhookUrl: Type.Optional(Nullable(Type.String({ format: 'uri', maxLength: 500 }))),
    webhookEvents: Type.Optional(Type.Array(Type.Enum(WEBHOOK_EVENTS), { default: [], uniqueItems: true, description: 'none when left out' })),
  },
  { additionalProperties: false },
);

export const ClientPatchBody = Type.Object(
  {
    nameFa: Type.Optional(Text(200, 2)),
    allowedIps: Type.Optional(OrNull(Type.Array(Ip, { maxItems: 50 }))),
    rateLimitPerMinute: Type.Optional(Type.Integer({ minimum: 1, maximum: 6000 })),
    webhookUrl: Type.Optional(Nullable(Type.String({ format: 'uri', maxLength: 500 }))),
    webhookEvents: Type.Optional(Type.Array(Type.Enum(WEBHOOK_EVENTS), { uniqueItems: true })),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const Client = Type.Object({
  id: Id,
  kind: Type.String(),
  nameFa: Type.String(),
  officialCode: Type.String(),
  allowedIps: Nullable(Type.Array(Type.String())),
  rateLimitPerMinute: Type.Integer(),
  webhookUrl: Nullable(Type.String()),
  webhookEvents: Type.Array(Type.String()),
  /** Shown when the client is created (and only then): the key that signs webhook payloads. */
  webhookSecret: Type.Optional(Type.String()),
  active: Type.Boolean(),
  createdAt: Timestamp,
  /** In the list: keys that work today (not revoked, not expired). */
  activeKeys: Type.Optional(Type.Integer()),
});
export const ClientList = Type.Object({ items: Type.Array(Client) });

export const KeyCreateBody = Type.Object(
  { scopes: Type.Array(Type.Enum(API_SCOPES), { minItems: 1, uniqueItems: true }), expiresAt: Type.String({ format: 'date-time' }) },
  { additionalProperties: false },
);

export const ApiKey = Type.Object({
  id: Id,
  prefix: Type.String(),
  scopes: Type.Array(Type.String()),
  expiresAt: Timestamp,
  revokedAt: NullableTimestamp,
  createdAt: Timestamp,
  lastUsedAt: NullableTimestamp,
  /** The whole key: in the creation answer only. It cannot be shown again. */
  key: Type.Optional(Type.String()),
});
export const ApiKeyList = Type.Object({ items: Type.Array(ApiKey) });
export const KeyParams = Type.Object({ id: Id, keyId: Id }, { additionalProperties: false });

/** One webhook delivery: what the client reads of its own, and the city admin on the client's page. */
export const Delivery = Type.Object({
  id: Id,
  eventType: Type.String(),
  status: Type.Enum(['pending', 'delivered', 'dead'] as const),
  attempts: Type.Integer(),
  lastStatusCode: Nullable(Type.Integer()),
  lastError: Nullable(Type.String()),
  createdAt: Timestamp,
  deliveredAt: NullableTimestamp,
  nextAttemptAt: NullableTimestamp,
  payload: Type.Record(Type.String(), Type.Unknown()),
});

export const DeliveryQuery = Type.Object(
  { page: PageNumber, pageSize: Type.Integer({ minimum: 1, maximum: 200, default: 20 }) },
  { additionalProperties: false },
);

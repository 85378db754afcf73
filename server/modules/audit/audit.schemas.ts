import { Type } from 'typebox';
import { Id, Nullable, Page, PageQuery, Text, Timestamp } from '../../platform/schemas.js';

export const AuditQuery = PageQuery(['seq'] as const, {
  actorStaffId: Type.Optional(Id),
  entityType: Type.Optional(Text(64, 1)),
  entityId: Type.Optional(Text(100, 1)),
  action: Type.Optional(Text(100, 1)),
  from: Type.Optional(Timestamp),
  to: Type.Optional(Timestamp),
});

export const AuditRow = Type.Object({
  seq: Type.Integer(),
  at: Timestamp,
  actor: Nullable(
    Type.Object({ id: Id, name: Type.String(), role: Type.String({ description: 'role at the time of the action' }) }),
  ),
  officeId: Nullable(Type.String()),
  action: Type.String(),
  entityType: Type.String(),
  entityId: Nullable(Type.String()),
  ip: Nullable(Type.String()),
  details: Nullable(Type.Record(Type.String(), Type.Unknown())),
});

/** A page of the log; `total` stops at 1,000 (AUDIT_COUNT_CAP), and `totalCapped` then says there are more. */
export const AuditPage = Type.Object({
  ...Page(AuditRow).properties,
  totalCapped: Type.Boolean({ description: 'true when the matches were counted only up to 1,000 and there are more: total is then 1,000' }),
});

export const ChainReport = Type.Object({
  ok: Type.Boolean(),
  rows: Type.Integer({ description: 'rows checked: sealed and not yet sealed' }),
  sealed: Type.Integer({ description: 'rows in the sealed hash chain' }),
  pending: Type.Integer({ description: 'rows written but not yet sealed (checked against their content hash)' }),
  brokenAt: Nullable(Type.Integer({ description: 'first sequence number whose hash or link does not match' })),
  oldestPendingAt: Nullable(Type.String({ format: 'date-time', description: 'when the oldest row not yet sealed was written: the sealer\'s lag' })),
});

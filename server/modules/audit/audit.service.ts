import type { Ctx } from '../../platform/context.js';
import type { Actor } from '../../platform/actor.js';
import { verifyAuditChain } from '../../platform/audit.js';
import { listAudit, type AuditFilter } from './audit.queries.js';

/**
 * What an edit changed, for its audit row: only the fields whose value really changed, before and
 * after, compared as JSON so that objects such as SLA tables compare by content.
 */
export function auditChanges(before: Record<string, unknown>, after: Record<string, unknown>): Record<string, { from: unknown; to: unknown }> {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const [field, to] of Object.entries(after)) {
    if (to === undefined) continue;
    const from = before[field] ?? null;
    if (JSON.stringify(from) !== JSON.stringify(to)) changes[field] = { from, to };
  }
  return changes;
}

export async function listAuditLog(
  ctx: Ctx,
  actor: Actor,
  query: AuditFilter & { page: number; pageSize: number; order: 'asc' | 'desc' },
) {
  // Times may come with any offset; the log stores UTC ISO text, which only compares correctly with UTC ISO text.
  const utc = (t: string | undefined) => (t === undefined ? undefined : new Date(t).toISOString());
  const { rows, total, totalCapped } = await listAudit(ctx.db, actor.cityId, { ...query, from: utc(query.from), to: utc(query.to) }, query);
  return {
    items: rows.map((r) => ({
      seq: r.seq,
      at: r.at,
      actor: r.actor_staff_id
        ? { id: r.actor_staff_id, name: `${r.first_name ?? ''} ${r.last_name ?? ''}`.trim(), role: r.actor_role ?? '' }
        : null,
      officeId: r.actor_office_id,
      action: r.action,
      entityType: r.entity_type,
      entityId: r.entity_id,
      ip: r.ip,
      details: r.details === null ? null : (JSON.parse(r.details) as Record<string, unknown>),
    })),
    total,
    totalCapped,
    page: query.page,
    pageSize: query.pageSize,
  };
}

export function verifyChain(ctx: Ctx) {
  return verifyAuditChain(ctx.db);
}

/**
 * Append-only audit log with a hash chain: each row's hash covers its content and the previous
 * row's hash, so changing or deleting a row breaks every hash after it (`npm run audit:verify`).
 * Appending locks the single head row, so concurrent writers never fork the chain.
 */
import { createHash } from 'node:crypto';
import { isPostgres, type Db } from '../db/database.js';
import type { AuditLogTable } from '../db/schema.js';
import type { Actor } from './actor.js';
import { inTransaction } from '../db/sql.js';

export interface AuditEntry {
  action: string; // e.g. 'request.approve', 'person.read'
  entityType: string;
  entityId: string | null;
  details?: Record<string, unknown>;
}

const GENESIS = '0'.repeat(64);

export function auditHash(row: Omit<AuditLogTable, 'hash'>): string {
  const canonical = JSON.stringify([
    row.seq, row.at, row.actor_staff_id, row.actor_role, row.actor_office_id, row.action,
    row.entity_type, row.entity_id, row.ip, row.details, row.prev_hash,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

/** Append within the caller's transaction (writes) so the audit row commits with the change. */
export function appendAudit(trx: Db, actor: Actor | null, entry: AuditEntry, at: Date): Promise<void> {
  return appendAudits(trx, [{ actor, entry, at }]);
}

/**
 * Append several rows at once, in order: the head is read (and on PostgreSQL locked) once, the
 * rows are chained in memory and inserted in one statement, and the head moves once. A write that
 * audits two steps (intake and its automatic assignment) costs the chain three statements, not six.
 */
export async function appendAudits(trx: Db, entries: readonly { actor: Actor | null; entry: AuditEntry; at: Date }[]): Promise<void> {
  if (entries.length === 0) return;
  let headQuery = trx.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1);
  if (isPostgres(trx)) headQuery = headQuery.forUpdate();
  const head = await headQuery.executeTakeFirstOrThrow();
  let { seq, hash } = head;
  const rows: AuditLogTable[] = [];
  for (const { actor, entry, at } of entries) {
    const row: Omit<AuditLogTable, 'hash'> = {
      seq: seq + 1,
      at: at.toISOString(),
      actor_staff_id: actor?.staffId ?? null,
      actor_role: actor?.role ?? null,
      actor_office_id: actor?.officeId ?? null,
      action: entry.action,
      entity_type: entry.entityType,
      entity_id: entry.entityId,
      ip: actor?.ip ?? null,
      details: entry.details ? JSON.stringify(entry.details) : null,
      prev_hash: hash,
    };
    seq = row.seq;
    hash = auditHash(row);
    rows.push({ ...row, hash });
  }
  await trx.insertInto('audit_log').values(rows).execute();
  await trx.updateTable('audit_head').set({ seq, hash }).where('id', '=', 1).execute();
}

/** Record a read (of a person's data): in its own short transaction, or in the caller's if it is inside one. */
export async function auditRead(db: Db, actor: Actor, entry: AuditEntry, at: Date): Promise<void> {
  await inTransaction(db, (trx) => appendAudit(trx, actor, entry, at));
}

export interface ChainReport {
  ok: boolean;
  rows: number;
  /** First sequence number whose hash or link does not match. */
  brokenAt: number | null;
}

/** Walk the whole chain in pages and recompute every hash. */
export async function verifyAuditChain(db: Db, pageSize = 5000): Promise<ChainReport> {
  let prev = GENESIS;
  let expectedSeq = 1;
  let rows = 0;
  for (;;) {
    const page = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '>=', expectedSeq)
      .orderBy('seq')
      .limit(pageSize)
      .execute();
    if (page.length === 0) break;
    for (const r of page) {
      const { hash, ...rest } = r;
      if (r.seq !== expectedSeq || r.prev_hash !== prev || auditHash(rest) !== hash) {
        return { ok: false, rows, brokenAt: expectedSeq };
      }
      prev = hash;
      expectedSeq++;
      rows++;
    }
  }
  const head = await db.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirst();
  // A deleted tail shows as a head that points past the last row.
  if (head && (head.seq !== rows || head.hash !== prev)) return { ok: false, rows, brokenAt: rows + 1 };
  return { ok: true, rows, brokenAt: null };
}

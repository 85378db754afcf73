/**
 * The transition engine: one workflow action on one case. The transition core (platform/case-clock.ts)
 * says how the clocks move; this file checks the action against the workflow, claims the case's
 * version (optimistic concurrency) and writes the change, its rollups, its timeline line, its
 * audit row and its outbox event in ONE transaction: the caller's, when it has one (decisions/0021,
 * 0026), so intake and its automatic assignment commit together.
 */
import type { RequestAction, RequestState } from '../../../contracts/workflow.js';
import type { Ctx } from '../../platform/context.js';
import type { Actor } from '../../platform/actor.js';
import type { Db } from '../../db/database.js';
import type { RequestTable } from '../../db/schema.js';
import type { Updateable } from 'kysely';
import type { Holidays } from '../../platform/calendar.js';
import { AppError, notFound } from '../../platform/errors.js';
import { appendAudit } from '../../platform/audit.js';
import { enqueueOutbox } from '../../platform/outbox.js';
import { newId } from '../../platform/ids.js';
import { inTransaction } from '../../db/sql.js';
import { rollupTransition } from '../reports/index.js';
import { type CaseFacts, checkTransition, getWorkflow } from '../catalog/index.js';
import { loadHolidays } from '../calendar/index.js';
import { advance, type ClockRules, type SlaDays } from '../../platform/case-clock.js';
import { claimCaseVersion, findActiveInspection, findCaseInScope, insertTimelineLine, type CaseRow } from './requests.queries.js';
import { documentsComplete, feeSettled } from './requests.rules.js';
import { readWrittenCase } from './requests.read.js';

/** What an action writes besides the step change itself. */
export interface Prepared {
  patch?: Updateable<RequestTable>;
  note?: string | null;
  data?: Record<string, unknown> | null;
  /** Writes to other tables, after the version is claimed. */
  write?: (trx: Db, now: Date) => Promise<void>;
  outbox?: { eventType: string; payload: Record<string, unknown> };
  /** The caller's own writes in the same transaction, after the action's timeline line (an escalation's bookkeeping). */
  also?: (trx: Db, now: Date) => Promise<void>;
}

/** Validates an action's input against the case (reads only, on `db`) and says what to write. */
export type Prepare = (row: CaseRow, now: Date, holidays: Holidays, db: Db) => Promise<Prepared> | Prepared;

export const FEE_UNPAID = {
  message: 'The service fee is not paid: no inspector is sent until the desk records the payment',
  messageFa: 'هزینه خدمت این پرونده پرداخت نشده است؛ تا ثبت پرداخت در دفتر پیشخوان، مامور بازدید ارجاع نمی‌شود',
};

export function stale(current: number | null): AppError {
  return new AppError('STALE_VERSION', { details: current === null ? {} : { currentVersion: current } });
}

/** The guards' view of a case; `hasInspectionReport` needs the active inspection (none for a case just taken in). */
export function caseFacts(row: CaseRow, inspection: { submitted_at: string | null } | undefined): CaseFacts {
  return {
    hasInspector: row.assigned_inspector_id !== null,
    hasInspectionReport: inspection?.submitted_at != null,
    hasRecommendation: row.recommendation !== null,
    documentsComplete: documentsComplete(row),
    hasDecision: row.decision !== null,
    feePaid: feeSettled(row),
  };
}

export function clockRules(row: CaseRow, holidays: Holidays): ClockRules {
  return { workflow: getWorkflow(row.workflow_code), sla: JSON.parse(row.sla_days) as SlaDays, holidays };
}

/**
 * One step on a case already read (`row`, at `version`), in `db`'s transaction: the workflow's
 * check, the action's own checks (`prepare`), then the writes. Throws before writing anything if
 * the step is not allowed. Answers the case row as it now stands (for a next step in the same
 * transaction).
 */
export async function takeStep(db: Db, actor: Actor, row: CaseRow, action: RequestAction, facts: CaseFacts, prepare: Prepare, now: Date, holidays: Holidays): Promise<CaseRow> {
  const wf = getWorkflow(row.workflow_code);
  const from = row.state as RequestState;
  const check = checkTransition(wf, from, action, actor.role, facts);
  if (!check.ok) {
    throw new AppError(check.code === 'GUARD_FAILED' ? 'GUARD_FAILED' : 'ILLEGAL_TRANSITION', {
      ...(check.failedGuards?.includes('fee_paid') ? FEE_UNPAID : {}),
      details: { state: from, action, reason: check.code === 'FORBIDDEN' ? 'role' : check.code === 'GUARD_FAILED' ? 'guard' : 'state', failedGuards: check.failedGuards ?? [] },
    });
  }
  const prepared = await prepare(row, now, holidays, db);
  const step = advance({ ...row, state: from }, check.transition.to, now, clockRules(row, holidays));
  const version = row.version + 1;
  return inTransaction(db, async (trx) => {
    // The conditional update is the lock: of two actions on one version, exactly one matches.
    const set = { ...prepared.patch, ...step.patch, version, updated_at: now.toISOString() };
    if (!(await claimCaseVersion(trx, row.id, row.version, set))) throw stale(null);
    // The claimed version guarantees `row` (state, fee paid) is what the rollups hold for this case.
    await rollupTransition(trx, row, step.from, step.to, step.endedSteps);
    await prepared.write?.(trx, now);
    await addTimeline(trx, actor, { requestId: row.id, action, from, to: step.to, note: prepared.note ?? null, isPublic: check.transition.public, data: prepared.data ?? null }, now);
    await appendAudit(trx, actor, { action: `request.${action}`, entityType: 'request', entityId: row.id, details: { from, to: step.to, version } }, now);
    if (prepared.outbox) {
      await enqueueOutbox(
        trx,
        { eventType: prepared.outbox.eventType, aggregateType: 'request', aggregateId: row.id, idempotencyKey: `request:${row.id}:${version}`, payload: { trackingCode: row.tracking_code, ...prepared.outbox.payload } },
        now,
      );
    }
    await prepared.also?.(trx, now);
    return { ...row, ...(prepared.patch as Partial<CaseRow>), ...step.patch, version, updated_at: now.toISOString() };
  });
}

/**
 * Run one workflow action from a route: read the case in the actor's scope, take the step in one
 * transaction, answer the case as written (a read of one's own write is not audited as a read).
 */
export async function runAction(
  ctx: Ctx,
  actor: Actor,
  id: string,
  action: RequestAction,
  version: number,
  prepare: Prepare,
  /** Corrections the action brings, applied before the guards read the case (resubmit's checklist). */
  amend?: (row: CaseRow) => void,
) {
  const row = await findCaseInScope(ctx.db, actor, id);
  if (!row) throw notFound();
  amend?.(row);
  if (row.version !== version) throw stale(row.version);
  const [inspection, holidays] = await Promise.all([findActiveInspection(ctx.db, id), loadHolidays(ctx.db, row.city_id)]);
  await takeStep(ctx.db, actor, row, action, caseFacts(row, inspection), prepare, ctx.clock.now(), holidays);
  return readWrittenCase(ctx, actor, id);
}

export async function addTimeline(
  trx: Db,
  actor: Actor,
  e: { requestId: string; action: string; from: string | null; to: string; note: string | null; isPublic: boolean; data: Record<string, unknown> | null },
  now: Date,
) {
  await insertTimelineLine(trx, {
    id: newId(), request_id: e.requestId, action: e.action, from_state: e.from, to_state: e.to, actor_staff_id: actor.staffId,
    actor_role: actor.role, actor_name: actor.name, note: e.note, public: e.isPublic ? 1 : 0,
    data: e.data ? JSON.stringify(e.data) : null, created_at: now.toISOString(),
  });
}

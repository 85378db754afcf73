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
import type { RequestEventTable, RequestTable } from '../../db/schema.js';
import type { Updateable } from 'kysely';
import type { Holidays } from '../../platform/calendar.js';
import { AppError, notFound } from '../../platform/errors.js';
import { appendAudits, type AuditEntry } from '../../platform/audit.js';
import { enqueueOutboxes, type OutboxEvent } from '../../platform/outbox.js';
import { newId } from '../../platform/ids.js';
import { inTransaction } from '../../db/sql.js';
import { rollupChanges, rollupTransition, writeRollups, type RollupChanges } from '../reports/index.js';
import { type CaseFacts, checkTransition, getWorkflow } from '../catalog/index.js';
import { loadHolidays } from '../calendar/index.js';
import { advance, type ClockRules, type EndedStep, type SlaDays } from '../../platform/case-clock.js';
import { claimCaseVersion, findCaseForStep, insertTimelineLines, openVisitChange, writeOpenVisitChanges, type CaseRow, type OpenVisitChanges } from './requests.queries.js';
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
 * What a write to cases adds beside the case rows, gathered while the write runs and written at
 * its end by `writeCaseWrites`, one statement per table: timeline lines, rollup changes, audit
 * rows (the hash chain's head read and moved once), outbox events. An intake with its automatic
 * assignment writes two timeline lines and two audit rows this way in the cost of one.
 */
export interface CaseWrites {
  timeline: RequestEventTable[];
  /** The timeline lines written so far (a new case's whole timeline, for its answer). */
  written: RequestEventTable[];
  rollups: RollupChanges;
  /** Inspectors' open visits the steps changed (inspector_open_visits). */
  openVisits: OpenVisitChanges;
  audit: { actor: Actor; entry: AuditEntry }[];
  outbox: OutboxEvent[];
}

export function caseWrites(): CaseWrites {
  return { timeline: [], written: [], rollups: rollupChanges(), openVisits: new Map(), audit: [], outbox: [] };
}

/**
 * Write and empty what `w` gathered, in the caller's transaction: the case's own rows (timeline,
 * outbox, audit) first, the shared counts last.
 */
export async function writeCaseWrites(trx: Db, w: CaseWrites, now: Date): Promise<void> {
  const timeline = w.timeline.splice(0);
  const audit = w.audit.splice(0);
  const outbox = w.outbox.splice(0);
  await insertTimelineLines(trx, timeline);
  w.written.push(...timeline);
  await enqueueOutboxes(trx, outbox, now);
  await appendAudits(trx, audit.map((a) => ({ ...a, at: now })));
  // Last, right before the commit: the rows other cases' steps share (a desk's and a district's
  // counts, an inspector's load), which PostgreSQL keeps locked from their upsert to the commit.
  await writeRollups(trx, w.rollups);
  await writeOpenVisitChanges(trx, w.openVisits);
}

/** A step checked and prepared, not yet written: what `writeStep` writes. */
export interface PlannedStep {
  action: RequestAction;
  from: RequestState;
  to: RequestState;
  isPublic: boolean;
  prepared: Prepared;
  endedSteps: readonly EndedStep[];
  /** The columns the step changes, the new version included. */
  set: Updateable<RequestTable>;
  /** The case row as it stands after the step. */
  after: CaseRow;
}

/**
 * The workflow's check and the action's own checks (`prepare`, reads on `db`) for one step on a
 * case already read (`row`, at its version), and the clocks' move. Writes nothing; throws if the
 * step is not allowed.
 */
export async function planStep(db: Db, actor: Actor, row: CaseRow, action: RequestAction, facts: CaseFacts, prepare: Prepare, now: Date, holidays: Holidays): Promise<PlannedStep> {
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
  const set = { ...prepared.patch, ...step.patch, version, updated_at: now.toISOString() };
  return {
    action, from, to: step.to, isPublic: check.transition.public, prepared, endedSteps: step.endedSteps, set,
    after: { ...row, ...(prepared.patch as Partial<CaseRow>), ...step.patch, version, updated_at: now.toISOString() },
  };
}

/**
 * Write a planned step on `row` in `trx`'s transaction; its timeline line, rollups, audit row and
 * outbox event go to `w`. `claimed` says the case row already stands at `plan.after` (a case
 * inserted at its final version by intake); otherwise the step claims the version first.
 */
export async function writeStep(trx: Db, actor: Actor, row: CaseRow, plan: PlannedStep, w: CaseWrites, now: Date, claimed = false): Promise<void> {
  // The conditional update is the lock: of two actions on one version, exactly one matches.
  if (!claimed && !(await claimCaseVersion(trx, row.id, row.version, plan.set))) throw stale(null);
  // The claimed version guarantees `row` (state, fee paid) is what the rollups hold for this case.
  rollupTransition(w.rollups, row, plan.from, plan.to, plan.endedSteps);
  openVisitChange(w.openVisits, row, plan.after);
  await plan.prepared.write?.(trx, now);
  w.timeline.push(timelineLine(actor, { requestId: row.id, cityId: row.city_id, action: plan.action, from: plan.from, to: plan.to, note: plan.prepared.note ?? null, isPublic: plan.isPublic, data: plan.prepared.data ?? null }, now));
  w.audit.push({ actor, entry: { action: `request.${plan.action}`, entityType: 'request', entityId: row.id, details: { from: plan.from, to: plan.to, version: plan.after.version } } });
  if (plan.prepared.outbox) {
    w.outbox.push({
      eventType: plan.prepared.outbox.eventType, aggregateType: 'request', aggregateId: row.id, idempotencyKey: `request:${row.id}:${plan.after.version}`,
      payload: { trackingCode: row.tracking_code, ...plan.prepared.outbox.payload },
    });
  }
  if (plan.prepared.also) {
    // The caller's bookkeeping audits after the step's own row, as it always has.
    await writeCaseWrites(trx, w, now);
    await plan.prepared.also(trx, now);
  }
}

/**
 * One step on a case already read (`row`, at `version`), in `db`'s transaction: the workflow's
 * check, the action's own checks (`prepare`), then the writes. Throws before writing anything if
 * the step is not allowed. Answers the case row as it now stands (for a next step in the same
 * transaction). With `w`, the step's timeline, rollups, audit and outbox go to the caller's
 * gathered writes (the caller writes them); without, they are written before it returns.
 */
export async function takeStep(db: Db, actor: Actor, row: CaseRow, action: RequestAction, facts: CaseFacts, prepare: Prepare, now: Date, holidays: Holidays, w?: CaseWrites): Promise<CaseRow> {
  const plan = await planStep(db, actor, row, action, facts, prepare, now, holidays);
  return inTransaction(db, async (trx) => {
    const writes = w ?? caseWrites();
    await writeStep(trx, actor, row, plan, writes, now);
    if (!w) await writeCaseWrites(trx, writes, now);
    return plan.after;
  });
}

/**
 * Run one workflow action from a route: read the case in the actor's scope (with whether its
 * inspection report is in), take the step in one transaction, answer the case as written (a read
 * of one's own write is not audited as a read).
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
  // Scope never leaves the actor's city (platform/scope.ts), so the city's holidays load beside the case.
  const [found, holidays] = await Promise.all([findCaseForStep(ctx.db, actor, id), loadHolidays(ctx.db, actor.cityId)]);
  if (!found) throw notFound();
  const { inspection, row } = found;
  amend?.(row);
  if (row.version !== version) throw stale(row.version);
  await takeStep(ctx.db, actor, row, action, caseFacts(row, inspection), prepare, ctx.clock.now(), holidays);
  return readWrittenCase(ctx, actor, id);
}

/** One line of a case's timeline, as the engine gathers it. */
export function timelineLine(
  actor: Actor,
  e: { requestId: string; cityId: string; action: string; from: string | null; to: string; note: string | null; isPublic: boolean; data: Record<string, unknown> | null },
  now: Date,
): RequestEventTable {
  return {
    id: newId(), request_id: e.requestId, city_id: e.cityId, action: e.action, from_state: e.from, to_state: e.to, actor_staff_id: actor.staffId,
    actor_role: actor.role, actor_name: actor.name, note: e.note, public: e.isPublic ? 1 : 0,
    data: e.data ? JSON.stringify(e.data) : null, created_at: now.toISOString(),
  };
}

/** A timeline line written now, outside the engine (an escalation's own line). */
export async function addTimeline(trx: Db, actor: Actor, e: Parameters<typeof timelineLine>[1], now: Date) {
  await insertTimelineLines(trx, [timelineLine(actor, e, now)]);
}

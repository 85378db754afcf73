/** Reading cases: one case with its file and timeline, and the filtered, paged list. */
import type { Static } from '../../platform/schemas.js';
import type { Ctx } from '../../platform/context.js';
import type { Actor } from '../../platform/actor.js';
import { notFound } from '../../platform/errors.js';
import { auditRead } from '../../platform/audit.js';
import { caseSlaState, stepSlaState, type CaseSlaState, type SlaState } from '../../platform/sla.js';
import { getWorkflow } from '../catalog/index.js';
import type { Selectable } from 'kysely';
import type { RequestEventTable } from '../../db/schema.js';
import { findCasePage, listCases, listTimeline } from './requests.queries.js';
import { presentCase, presentCaseListItem } from './requests.present.js';
import { caseAccess } from './requests.policy.js';
import type { CaseListQuery } from './requests.schemas.js';

export interface CaseClocks {
  /** The current step's clock (the case JSON's slaState); null while waiting on the citizen. */
  step: SlaState | null;
  /** The whole case's clock (the case JSON's sla). */
  overall: CaseSlaState | null;
}

/** `timeline`: the case's whole timeline when the caller holds it (a case its own write just opened). */
async function readCase(ctx: Ctx, actor: Actor, id: string, audited: boolean, timeline?: readonly Selectable<RequestEventTable>[]) {
  const [page, lines] = await Promise.all([findCasePage(ctx.db, actor, id), timeline ? [...timeline].sort((a, b) => (a.id < b.id ? -1 : 1)) : listTimeline(ctx.db, id, false, actor.cityId)]);
  if (!page) throw notFound();
  const { row, details } = page;
  if (audited) await auditRead(ctx.db, actor, { action: 'request.read', entityType: 'request', entityId: id }, ctx.clock.now());
  return presentCase(row, { ...details, timeline: lines }, caseAccess(actor, row), slaOf(ctx, row, getWorkflow(row.workflow_code).waitingOnApplicant));
}

/** One case, as its page shows it; the read is audited (it shows a person's data). */
export function getCase(ctx: Ctx, actor: Actor, id: string) {
  return readCase(ctx, actor, id, true);
}

/**
 * The case a write just changed, as the writer's answer: the write's own audit row covers it, so no
 * read is recorded. A write that opened the case passes its timeline (every line it has), which
 * need not be read back.
 */
export function readWrittenCase(ctx: Ctx, actor: Actor, id: string, timeline?: readonly Selectable<RequestEventTable>[]) {
  return readCase(ctx, actor, id, false, timeline);
}

export async function searchCases(ctx: Ctx, actor: Actor, filter: Static<typeof CaseListQuery>) {
  const { overdue, ...rest } = filter;
  const { items, total, totalCapped } = await listCases(ctx.db, actor, { ...rest, ...(overdue ? { overdueAt: ctx.clock.now().toISOString() } : {}) });
  return {
    items: items.map((i) => presentCaseListItem(i, slaOf(ctx, i, getWorkflow(i.workflow_code).waitingOnApplicant))), total, totalCapped, page: filter.page, pageSize: filter.pageSize,
  };
}

function slaOf(
  ctx: Ctx,
  r: { state: string; created_at: string; step_started_at: string; step_due_at: string | null; due_at: string | null; paused_seconds: number; closed_at: string | null },
  waitingStates: readonly string[],
): CaseClocks {
  const now = ctx.clock.now();
  const waiting = waitingStates.includes(r.state);
  return {
    step: stepSlaState({ ...r, waiting }, now, ctx.config.atRiskShare),
    overall: caseSlaState({ ...r, waiting }, now, ctx.config.atRiskShare),
  };
}

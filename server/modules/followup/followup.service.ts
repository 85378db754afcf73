/**
 * Follow-up (پیگیری): the district officer's chase list of late and nearly late cases, who holds
 * each, and the record of every chase.
 */
import { STATE_LABELS_FA, type RequestState } from '../../../contracts/workflow.js';
import type { Ctx } from '../../platform/context.js';
import type { Actor } from '../../platform/actor.js';
import { fieldError, invalid } from '../../platform/errors.js';
import { appendAudit } from '../../platform/audit.js';
import { newId } from '../../platform/ids.js';
import { tehranDate } from '../../platform/calendar.js';
import { requireInReach } from '../../platform/access.js';
import { slaState } from '../../platform/sla.js';
import { findCaseStep, latestFollowups, listFollowupsOfRequest, openCasesWithClock } from './followup.queries.js';
// Who holds each step lives beside the escalation rules, so both read one table.
import { HOLDER, type HolderKind } from './escalation.rules.js';

const HOLDER_TITLE_FA: Record<HolderKind, string> = {
  office: 'دفتر پیشخوان',
  inspector: 'مامور بازدید',
  district_reviewer: 'کارشناس بررسی منطقه',
  district_approver: 'تاییدکننده منطقه',
};

export interface ChaseListQuery {
  districtId?: string;
  risk?: 'overdue' | 'at_risk';
  page: number;
  pageSize: number;
}

export async function chaseList(ctx: Ctx, actor: Actor, q: ChaseListQuery) {
  const now = ctx.clock.now();
  const rows = await openCasesWithClock(ctx.db, actor, q.districtId);
  const late = rows
    .map((r) => ({ r, risk: slaState(r.step_started_at, r.step_due_at!, now, ctx.config.atRiskShare) }))
    .filter(({ risk }) => risk !== 'on_time' && (!q.risk || risk === q.risk))
    .sort((a, b) => a.r.step_due_at!.localeCompare(b.r.step_due_at!));

  const byStep = new Map<string, { state: string; labelFa: string; overdue: number; atRisk: number }>();
  const byOffice = new Map<string, { officeId: string; nameFa: string; overdue: number; atRisk: number }>();
  for (const { r, risk } of late) {
    const step = byStep.get(r.state) ?? { state: r.state, labelFa: STATE_LABELS_FA[r.state as RequestState], overdue: 0, atRisk: 0 };
    const office = byOffice.get(r.office_id) ?? { officeId: r.office_id, nameFa: r.office_name_fa, overdue: 0, atRisk: 0 };
    for (const g of [step, office]) g[risk === 'overdue' ? 'overdue' : 'atRisk']++;
    byStep.set(r.state, step);
    byOffice.set(r.office_id, office);
  }

  const pageRows = late.slice((q.page - 1) * q.pageSize, q.page * q.pageSize);
  const lastChase = new Map<string, { note: string; promised_date: string | null; created_at: string }>();
  for (const f of await latestFollowups(ctx.db, pageRows.map(({ r }) => r.id))) if (!lastChase.has(f.request_id)) lastChase.set(f.request_id, f);

  return {
    items: pageRows.map(({ r, risk }) => {
      const kind = HOLDER[r.state as RequestState]!;
      const chase = lastChase.get(r.id);
      return {
        requestId: r.id,
        trackingCode: r.tracking_code,
        serviceNameFa: r.service_name_fa,
        state: r.state,
        stateLabelFa: STATE_LABELS_FA[r.state as RequestState],
        districtNumber: r.district_number,
        risk,
        stepStartedAt: r.step_started_at,
        stepDueAt: r.step_due_at!,
        holder: {
          kind,
          titleFa: HOLDER_TITLE_FA[kind],
          name: kind === 'office' ? r.office_name_fa : kind === 'inspector' && r.inspector_first_name ? `${r.inspector_first_name} ${r.inspector_last_name}` : null,
          phone: kind === 'office' ? r.office_phone : kind === 'inspector' ? r.inspector_mobile : null,
        },
        lastFollowup: chase ? { at: chase.created_at, note: chase.note, promisedDate: chase.promised_date } : null,
      };
    }),
    total: late.length,
    page: q.page,
    pageSize: q.pageSize,
    byStep: [...byStep.values()],
    byOffice: [...byOffice.values()].sort((a, b) => b.overdue - a.overdue || b.atRisk - a.atRisk),
  };
}

export interface FollowupInput {
  note: string;
  contacted?: string;
  promisedDate?: string;
}

/** Record a chase; it also goes on the case's timeline (internal, not public). */
export async function addFollowup(ctx: Ctx, actor: Actor, requestId: string, input: FollowupInput) {
  await requireInReach(ctx.db, actor, 'case', requestId);
  const kase = await findCaseStep(ctx.db, requestId);
  const now = ctx.clock.now();
  if (input.promisedDate && input.promisedDate < tehranDate(now)) {
    throw invalid([fieldError('promisedDate', 'in_past', 'The promised date is in the past', 'تاریخ تعهدشده گذشته است')]);
  }
  if (kase.closed_at) throw invalid([fieldError('requestId', 'closed', 'The case is closed', 'پرونده بسته شده است')]);
  const id = newId();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('followups')
      .values({ id, request_id: requestId, staff_id: actor.staffId, state: kase.state, note: input.note, contacted: input.contacted ?? null, promised_date: input.promisedDate ?? null, created_at: now.toISOString() })
      .execute();
    await trx
      .insertInto('request_events')
      .values({
        id: newId(), request_id: requestId, city_id: kase.city_id, action: 'followup_note', from_state: kase.state, to_state: kase.state, actor_staff_id: actor.staffId,
        actor_role: actor.role, actor_name: actor.name, note: input.note, public: 0,
        data: JSON.stringify({ contacted: input.contacted ?? null, promisedDate: input.promisedDate ?? null }), created_at: now.toISOString(),
      })
      .execute();
    await appendAudit(trx, actor, { action: 'request.followup', entityType: 'request', entityId: requestId, details: { followupId: id } }, now);
  });
  return listFollowups(ctx, actor, requestId);
}

export async function listFollowups(ctx: Ctx, actor: Actor, requestId: string) {
  await requireInReach(ctx.db, actor, 'case', requestId);
  const rows = await listFollowupsOfRequest(ctx.db, requestId);
  return {
    items: rows.map((f) => ({
      id: f.id, state: f.state, stateLabelFa: STATE_LABELS_FA[f.state as RequestState], note: f.note, contacted: f.contacted,
      promisedDate: f.promised_date, by: `${f.first_name} ${f.last_name}`, at: f.created_at,
    })),
  };
}

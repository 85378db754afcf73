/**
 * Public tracking (پیگیری درخواست) for citizens with no account: the tracking code and the
 * national code of the applicant or an owner must match. Any mismatch is the same 404 as an
 * unknown code, so the endpoint cannot be used to learn which codes exist.
 */
import { STATE_LABELS_EN, STATE_LABELS_FA, type RequestState } from '../../../contracts/workflow.js';
import type { Ctx } from '../../platform/context.js';
import { notFound } from '../../platform/errors.js';
import { isValidTrackingCode } from '../../platform/ids.js';
import { timelineLabels } from '../requests/index.js';
import { findTrackedRequest } from './public.queries.js';

export async function trackRequest(ctx: Ctx, trackingCode: string, nationalCode: string) {
  if (!isValidTrackingCode(trackingCode)) throw notFound();
  const rows = await findTrackedRequest(ctx.db, trackingCode, nationalCode);
  const row = rows[0];
  if (!row) throw notFound();
  const state = row.state as RequestState;
  return {
    trackingCode: row.tracking_code,
    service: { code: row.service_code, nameFa: row.service_name_fa, nameEn: row.service_name_en },
    state,
    stateLabelFa: STATE_LABELS_FA[state],
    stateLabelEn: STATE_LABELS_EN[state],
    registeredAt: row.created_at,
    stepDueAt: row.step_due_at,
    closedAt: row.closed_at,
    office: { nameFa: row.office_name_fa, phone: row.office_phone },
    // The appointment only (day and window) while the visit is still ahead: never who the inspector is.
    visit:
      row.scheduled_date && row.window_start && row.window_end && !row.visit_reported_at && row.closed_at === null
        ? { date: row.scheduled_date, windowStart: row.window_start, windowEnd: row.window_end }
        : null,
    // A line once each (by its id, in the timeline's order), whatever else the case's row joined.
    timeline: [...new Map(rows.filter((r) => r.line_id !== null).map((r) => [r.line_id!, r])).values()]
      .sort((a, b) => (a.line_id! < b.line_id! ? -1 : 1))
      .map((r) => ({ ...timelineLabels(r.line_action!), stateLabelFa: STATE_LABELS_FA[r.line_to_state as RequestState], at: r.line_at! })),
  };
}

import type { Ctx } from '../../platform/context.js';
import type { Actor } from '../../platform/actor.js';
import { caseAccess, openVisitDays, personName, type CaseAccess } from '../requests/index.js';
import { listMyVisits, type VisitFilter } from './inspections.queries.js';
import { tehranDate } from '../../platform/calendar.js';
import { loadHolidays } from '../calendar/index.js';

/** How far ahead the date pickers offer visit days. */
const VISIT_DAYS_AHEAD = 120;

/** The days a visit may be set for, as the schedule action checks them: what the date pickers offer. */
export async function visitDays(ctx: Ctx, actor: Actor) {
  const today = tehranDate(ctx.clock.now());
  const days = openVisitDays(today, VISIT_DAYS_AHEAD, await loadHolidays(ctx.db, actor.cityId));
  return { from: today, days };
}

/** Of what the inspector may do with a case, the two actions the round offers. */
function roundActions({ scheduleVisit, fileInspectionReport }: CaseAccess) {
  return { scheduleVisit, fileInspectionReport };
}

/** The inspector's round (بازدیدهای من): where to go, when, and whom to call. */
export async function myVisits(ctx: Ctx, actor: Actor, filter: VisitFilter) {
  const { items, total } = await listMyVisits(ctx.db, actor, filter);
  return {
    items: items.map((r) => ({
      requestId: r.request_id,
      trackingCode: r.tracking_code,
      serviceNameFa: r.service_name_fa,
      state: r.state,
      version: r.version,
      stepDueAt: r.step_due_at,
      scheduledDate: r.scheduled_date,
      windowStart: r.window_start,
      windowEnd: r.window_end,
      fileNumber: r.file_number,
      address: r.address,
      lat: r.lat,
      lng: r.lng,
      mapUrl: r.lat !== null && r.lng !== null ? `geo:${r.lat},${r.lng}` : null,
      applicantName: personName(r),
      applicantMobile: r.mobile,
      can: roundActions(caseAccess(actor, r).can),
    })),
    total,
    page: filter.page,
    pageSize: filter.pageSize,
  };
}

/**
 * The workflow's actions on a case (ارجاع، تعیین زمان بازدید، گزارش بازدید، نظر، تایید، رد، بازگشت،
 * ارسال مجدد، صدور پاسخ، تحویل، لغو): each validates its input against the case and says what to
 * write; the engine (requests.engine.ts) takes the step.
 */
import { isNationalCode } from '../../../contracts/identifiers.js';
import type { Specialty } from '../../../contracts/roles.js';
import type { Ctx } from '../../platform/context.js';
import type { Actor } from '../../platform/actor.js';
import type { Db } from '../../db/database.js';
import type { Static } from '../../platform/schemas.js';
import type { Holidays } from '../../platform/calendar.js';
import { AppError, fieldError, invalid, notFound, type FieldError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { nextCounter } from '../../platform/counters.js';
import { tehranDate, toJalali } from '../../platform/calendar.js';
import { getWorkflow, validateForm } from '../catalog/index.js';
import type { ChecklistItem, FormField, RequiredDocument } from '../catalog/index.js';
import { answerLetterSerial, queueAnswerLetter } from './requests.letter.js';
import { letterNumber, letterRegister, newSerial } from '../letters/index.js';
import { visitDayProblem } from './requests.visits.js';
import { coveringInspectors, type CaseToCover } from './inspectors.rules.js';
import { caseFacts, planStep, runAction, takeStep, type CaseWrites, type PlannedStep, type Prepare } from './requests.engine.js';
import { checkChecklist, checkDocuments } from './requests.rules.js';
import {
  activeInspectorsByLoad, approvalConditions, districtNumberOf, findActiveInspection, findCaseInScope, insertResponse, recordDelivery, replaceActiveInspection,
  updateActiveInspection, type CaseRow,
} from './requests.queries.js';
import type {
  ApproveBody, AssignBody, CancelBody, DeliverBody, IssueBody, ReasonsBody, RecommendBody, ReportBody, ResubmitBody, ScheduleBody, VersionBody,
} from './requests.schemas.js';

// ---------------------------------------------------------------- inspectors (مامور بازدید)

/** The inspectors who may take the case (inspectors.rules.ts), lightest load first, the current assignee marked. */
export async function inspectorsForCase(db: Db, c: CaseToCover & { city_id: string; assigned_inspector_id: string | null }) {
  // Those of the case's district or covering it; only when there is none, the whole city's (inspectors.rules.ts).
  const near = await activeInspectorsByLoad(db, c.city_id, c.inspector_specialty, c.district_id).execute();
  const pool = near.length > 0 ? near : await activeInspectorsByLoad(db, c.city_id, c.inspector_specialty).execute();
  return coveringInspectors(pool, c).map((i) => ({ ...i, load: Number(i.load), current: i.id === c.assigned_inspector_id }));
}

/** The reassign list of the case page: exactly the inspectors assignInspector accepts, plus the current one, marked. */
export async function listEligibleInspectors(ctx: Ctx, actor: Actor, id: string) {
  const row = await findCaseInScope(ctx.db, actor, id);
  if (!row) throw notFound();
  const wf = getWorkflow(row.workflow_code);
  if (!wf.transitions.some((t) => t.action === 'assign_inspector' && t.roles.includes(actor.role))) throw new AppError('FORBIDDEN');
  const items = await inspectorsForCase(ctx.db, row);
  return {
    items: items.map((i) => ({
      id: i.id,
      firstName: i.first_name,
      lastName: i.last_name,
      specialty: i.specialty as Specialty,
      district: { id: i.district_id!, number: i.district_number, nameFa: i.district_name_fa },
      openAssignments: i.load,
      current: i.current,
    })),
  };
}

type AssignInput = Omit<Static<typeof AssignBody>, 'version'> & { also?: (trx: Db, now: Date) => Promise<void> };

/** The assignment step: the named inspector, or the lightest-loaded other one, among those who may take the case. */
function assignment(actor: Actor, input: AssignInput): Prepare {
  return async (row, _now, _holidays, db) => {
    const candidates = await inspectorsForCase(db, row);
    let inspector: (typeof candidates)[number] | undefined;
    if (input.inspectorId) {
      inspector = candidates.find((c) => c.id === input.inspectorId);
      if (!inspector) {
        throw invalid([fieldError('inspectorId', 'unsuitable_inspector', "Not an active inspector of this district with the service's specialty", 'مامور بازدید انتخاب‌شده در این منطقه با تخصص لازم فعال نیست')]);
      }
      if (inspector.current) {
        throw invalid([fieldError('inspectorId', 'already_assigned', 'This inspector already holds the case', 'این مامور هم‌اکنون مامور بازدید همین پرونده است')]);
      }
    } else {
      inspector = candidates.find((c) => !c.current);
      if (!inspector) throw new AppError('NO_INSPECTOR_AVAILABLE');
    }
    const chosen = inspector;
    return {
      patch: { assigned_inspector_id: chosen.id },
      note: input.note ?? null,
      data: { inspectorId: chosen.id, inspectorName: `${chosen.first_name} ${chosen.last_name}`, automatic: !input.inspectorId },
      ...(input.also ? { also: input.also } : {}),
      write: (trx, now) =>
        replaceActiveInspection(trx, row.assigned_inspector_id !== null, {
          id: newId(), request_id: row.id, inspector_id: chosen.id, active: 1, assigned_at: now.toISOString(), assigned_by: actor.staffId,
          scheduled_date: null, window_start: null, window_end: null, findings: null, measurements: null, checklist: null,
          violations: null, gps_lat: null, gps_lng: null, gps_accuracy_m: null, visited_at: null, submitted_at: null,
        }),
    };
  };
}

/** ارجاع به مامور بازدید. */
export function assignInspector(ctx: Ctx, actor: Actor, id: string, input: AssignInput & { version: number }) {
  return runAction(ctx, actor, id, 'assign_inspector', input.version, assignment(actor, input));
}

/**
 * Automatic assignment follows intake (or the payment that releases the case) as a separate step
 * on the timeline, in the same transaction (`db`), its timeline, rollups, audit and outbox gathered
 * in the caller's `w`. A case in 'registered' has never had an inspection. No inspector free
 * leaves the case registered for the district to assign by hand.
 */
export async function assignAutomatically(db: Db, system: Actor, row: CaseRow, now: Date, holidays: Holidays, w: CaseWrites): Promise<void> {
  try {
    await takeStep(db, system, row, 'assign_inspector', caseFacts(row, undefined), assignment(system, {}), now, holidays, w);
  } catch (e) {
    if (!(e instanceof AppError && e.code === 'NO_INSPECTOR_AVAILABLE')) throw e;
  }
}

/** The automatic assignment of a case not yet written (intake): the inspector chosen, nothing written; null if none is free. */
export async function planAutomaticAssignment(db: Db, system: Actor, row: CaseRow, now: Date, holidays: Holidays): Promise<PlannedStep | null> {
  try {
    return await planStep(db, system, row, 'assign_inspector', caseFacts(row, undefined), assignment(system, {}), now, holidays);
  } catch (e) {
    if (!(e instanceof AppError && e.code === 'NO_INSPECTOR_AVAILABLE')) throw e;
    return null;
  }
}

// ---------------------------------------------------------------- the visit (بازدید)

/** تعیین زمان بازدید: a working day from today on, and a time window within it. */
export function scheduleVisit(ctx: Ctx, actor: Actor, id: string, input: Static<typeof ScheduleBody>) {
  return runAction(ctx, actor, id, 'schedule_visit', input.version, (_row, now, holidays) => {
    const errors: FieldError[] = [];
    const dayProblem = visitDayProblem(input.date, tehranDate(now), holidays);
    if (dayProblem === 'in_past') errors.push(fieldError('date', 'in_past', 'The visit date is in the past', 'تاریخ بازدید گذشته است'));
    else if (dayProblem === 'not_working_day') errors.push(fieldError('date', 'not_working_day', 'The visit date is not a working day', 'تاریخ بازدید روز کاری نیست'));
    if (input.windowEnd <= input.windowStart) errors.push(fieldError('windowEnd', 'window_order', 'The window must end after it starts', 'پایان بازه باید بعد از شروع آن باشد'));
    if (errors.length) throw invalid(errors);
    return {
      note: input.note ?? null,
      data: { date: input.date, windowStart: input.windowStart, windowEnd: input.windowEnd },
      outbox: { eventType: 'inspection.scheduled', payload: { date: input.date, windowStart: input.windowStart, windowEnd: input.windowEnd } },
      write: (trx) => updateActiveInspection(trx, id, { scheduled_date: input.date, window_start: input.windowStart, window_end: input.windowEnd }),
    };
  });
}

/** ثبت گزارش بازدید, by the assigned inspector only. */
export function fileInspectionReport(ctx: Ctx, actor: Actor, id: string, input: Static<typeof ReportBody>) {
  return runAction(ctx, actor, id, 'file_inspection_report', input.version, async (row, now, _holidays, db) => {
    if (row.assigned_inspector_id !== actor.staffId) throw new AppError('ILLEGAL_TRANSITION', { details: { reason: 'not_assigned_inspector' } });
    const inspection = await findActiveInspection(db, id);
    const visitedAt = new Date(input.visitedAt);
    if (visitedAt.getTime() > now.getTime() + 5 * 60_000 || (inspection && visitedAt.getTime() < Date.parse(inspection.assigned_at))) {
      throw invalid([fieldError('visitedAt', 'out_of_range', 'The visit time must be after assignment and not in the future', 'زمان بازدید باید پس از ارجاع و پیش از اکنون باشد')]);
    }
    const checklistErrors = checkChecklist(JSON.parse(row.inspection_checklist) as ChecklistItem[], input.checklist);
    if (checklistErrors.length) throw invalid(checklistErrors);
    return {
      data: { violations: input.violations.length },
      write: (trx, at) =>
        updateActiveInspection(trx, id, {
          findings: input.findings, measurements: JSON.stringify(input.measurements), checklist: JSON.stringify(input.checklist),
          violations: JSON.stringify(input.violations), gps_lat: input.gps.lat, gps_lng: input.gps.lng, gps_accuracy_m: input.gps.accuracyM ?? null,
          visited_at: visitedAt.toISOString(), submitted_at: at.toISOString(),
        }),
    };
  });
}

// ---------------------------------------------------------------- the district (منطقه)

export function sendToDistrict(ctx: Ctx, actor: Actor, id: string, input: Static<typeof VersionBody>) {
  return runAction(ctx, actor, id, 'send_to_district', input.version, () => ({ note: input.note ?? null }));
}

/** نظر کارشناس منطقه: internal, not on the public timeline. */
export function recommend(ctx: Ctx, actor: Actor, id: string, input: Static<typeof RecommendBody>) {
  return runAction(ctx, actor, id, 'recommend', input.version, () => ({
    patch: { recommendation: input.recommendation, recommendation_note: input.note },
    note: input.note,
    data: { recommendation: input.recommendation },
  }));
}

export function approve(ctx: Ctx, actor: Actor, id: string, input: Static<typeof ApproveBody>) {
  return runAction(ctx, actor, id, 'approve', input.version, () => ({
    patch: { decision: 'approved', decision_note: input.note ?? null },
    note: input.note ?? null,
    data: { conditions: input.conditions ?? [] },
  }));
}

export function reject(ctx: Ctx, actor: Actor, id: string, input: Static<typeof ReasonsBody>) {
  return runAction(ctx, actor, id, 'reject', input.version, () => ({
    patch: { decision: 'rejected', decision_note: input.reasons.join('\n') },
    note: input.reasons.join('\n'),
    data: { reasons: input.reasons },
  }));
}

/** بازگشت برای اصلاح: the recommendation is cleared so the corrected case is reviewed afresh. */
export function returnForCorrection(ctx: Ctx, actor: Actor, id: string, input: Static<typeof ReasonsBody>) {
  return runAction(ctx, actor, id, 'return_for_correction', input.version, () => ({
    patch: { recommendation: null, recommendation_note: null },
    note: input.reasons.join('\n'),
    data: { reasons: input.reasons },
    outbox: { eventType: 'request.correction_needed', payload: { reasons: input.reasons } },
  }));
}

/** ارسال مجدد: the desk corrects the documents checklist and the form, then sends the case back. */
export function resubmit(ctx: Ctx, actor: Actor, id: string, input: Static<typeof ResubmitBody>) {
  return runAction(
    ctx, actor, id, 'resubmit', input.version,
    (row) => {
      const errors = input.documents ? checkDocuments(JSON.parse(row.required_documents) as RequiredDocument[], input.documents, false) : [];
      let form: Record<string, unknown> | undefined;
      if (input.form) {
        try {
          form = validateForm(JSON.parse(row.form_fields) as FormField[], input.form);
        } catch (e) {
          if (e instanceof AppError && e.fields) errors.push(...e.fields);
          else throw e;
        }
      }
      if (errors.length) throw invalid(errors);
      return {
        patch: { ...(input.documents ? { documents: row.documents } : {}), ...(form ? { form: JSON.stringify(form) } : {}) },
        note: input.note ?? null,
      };
    },
    (row) => {
      if (input.documents) row.documents = JSON.stringify({ ...(JSON.parse(row.documents) as Record<string, boolean>), ...input.documents });
    },
  );
}

// ---------------------------------------------------------------- the answer (پاسخ)

/** صدور پاسخ نهایی: a letter number per district and Solar Hijri year, e.g. 1405/3/00042, unique within the city. */
export function issueResponse(ctx: Ctx, actor: Actor, id: string, input: Static<typeof IssueBody>) {
  return runAction(ctx, actor, id, 'issue_response', input.version, async (row, now, _holidays, db) => {
    const approved = row.decision === 'approved';
    const validUntil = input.validUntil ?? (approved ? tehranDate(new Date(now.getTime() + row.answer_validity_days * 86_400_000)) : null);
    if (validUntil && validUntil <= tehranDate(now)) {
      throw invalid([fieldError('validUntil', 'in_past', 'Validity must end after today', 'تاریخ اعتبار باید پس از امروز باشد')]);
    }
    const district = await districtNumberOf(db, row.district_id);
    // The approval's conditions hold unless the one issuing the answer gives others (the staff app shows them to edit).
    const conditions = input.conditions ?? (approved ? await approvalConditions(db, row) : []);
    const year = toJalali(tehranDate(now)).year;
    const text =
      input.text ??
      (approved
        ? `با درخواست «${row.service_name_fa}» موافقت شد. ${row.answer_purpose_fa}`
        : `درخواست «${row.service_name_fa}» به دلایل زیر رد شد:\n${row.decision_note ?? ''}`);
    // The letter's serial is reserved now and the letter queued for the letter job: the answer never waits on the printer.
    const serial = newSerial();
    return {
      data: { decision: row.decision, letterSerial: serial },
      outbox: { eventType: 'request.answer_ready', payload: { decision: row.decision } },
      write: async (trx, at) => {
        const seq = await nextCounter(trx, letterRegister(row.district_id, year));
        const response = {
          id: newId(), request_id: id, letter_number: letterNumber(year, district.number, seq), issued_at: at.toISOString(),
          issued_by: actor.staffId, decision: row.decision!, text, conditions: JSON.stringify(conditions), valid_until: validUntil,
          delivered_at: null, delivered_to_name: null, delivered_to_national_code: null, delivered_by: null, delivered_letter_serial: null, city_id: row.city_id,
        };
        await insertResponse(trx, response);
        await queueAnswerLetter(trx, { requestId: id, responseId: response.id, serial }, at);
      },
    };
  });
}

/** تحویل پاسخ به مالک: who received it and when. */
export function deliver(ctx: Ctx, actor: Actor, id: string, input: Static<typeof DeliverBody>) {
  return runAction(ctx, actor, id, 'deliver', input.version, async () => {
    if (!isNationalCode(input.receivedByNationalCode)) {
      throw invalid([fieldError('receivedByNationalCode', 'invalid_national_code', 'Invalid national code', 'کد ملی معتبر نیست')]);
    }
    // Which letter (serial) the owner took away: the one a notary or bank will verify.
    const letterSerial = await answerLetterSerial(ctx, id);
    return {
      note: input.note ?? null,
      data: { receivedByName: input.receivedByName, letterSerial },
      write: (trx, now) =>
        recordDelivery(trx, id, {
          delivered_at: now.toISOString(), delivered_to_name: input.receivedByName, delivered_to_national_code: input.receivedByNationalCode, delivered_by: actor.staffId,
          delivered_letter_serial: letterSerial,
        }),
    };
  });
}

export function cancel(ctx: Ctx, actor: Actor, id: string, input: Static<typeof CancelBody>) {
  return runAction(ctx, actor, id, 'cancel', input.version, () => ({
    patch: { cancel_reason: input.reason },
    note: input.reason,
    outbox: { eventType: 'request.cancelled', payload: { reason: input.reason } },
  }));
}

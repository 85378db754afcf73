/**
 * The case lifecycle: intake at a desk, then every action of the workflow. Each action runs in
 * one transaction that claims the case's version (optimistic concurrency), writes the change,
 * its timeline line, its audit row and its outbox event together, or nothing at all.
 */
import { isNationalCode } from '../../../contracts/identifiers.js';
import type { RequestAction, RequestState, WorkflowDefinition } from '../../../contracts/workflow.js';
import type { Specialty } from '../../../contracts/roles.js';
import type { Ctx } from '../../platform/context.js';
import type { Actor } from '../../platform/actor.js';
import type { Db } from '../../db/database.js';
import type { RequestTable } from '../../db/schema.js';
import type { Updateable } from 'kysely';
import { AppError, fieldError, invalid, notFound, type FieldError } from '../../platform/errors.js';
import { appendAudit, auditRead } from '../../platform/audit.js';
import { enqueueOutbox } from '../../platform/outbox.js';
import { newId, newTrackingCode } from '../../platform/ids.js';
import { nextCounter } from '../../platform/counters.js';
import { addWorkingDays, dayWeight, tehranDate, toJalali } from '../../platform/calendar.js';
import { caseDueAt, caseSlaState, pausedSecondsBetween, pushDueAt, stepSlaState, type CaseSlaState, type SlaState } from '../../platform/sla.js';
import { toAsciiDigits } from '../../platform/normalize.js';
import { endedSteps, rollupIntake, rollupPayment, rollupTransition } from '../reports/rollups.js';
import { checkTransition, getWorkflow, availableActions, type CaseFacts } from '../catalog/workflows.js';
import { validateForm } from '../catalog/form.js';
import type { ChecklistItem, FormField, RequiredDocument } from '../catalog/services.data.js';
import { loadHolidays } from '../calendar/calendar.service.js';
import { activeInspectorsByLoad, findActiveInspection, findCaseInScope, listCases, loadCaseDetails, type CaseListFilter, type CaseRow } from './requests.queries.js';
import { presentCase, presentCaseListItem } from './requests.present.js';
import { answerLetterSerial, queueAnswerLetter } from './requests.letter.js';
import { letterNumber, letterRegister, newSerial } from '../letters/letters.rules.js';
import { coveringInspectors, type CaseToCover } from './inspectors.rules.js';
import { ensureSystemStaff } from './requests.intake.js';
import { visitDayProblem } from '../inspections/visit-days.js';
import { inTransaction } from '../../db/sql.js';

/** How the system signs the automatic assignment at intake (timeline, audit): never the clerk who registered. */
export const AUTO_ASSIGN_NAME_FA = 'سامانه میز خدمت (خودکار)';

type SlaDays = Partial<Record<RequestState, number>>;

// ---------------------------------------------------------------- intake (ثبت درخواست)

export interface IntakeInput {
  propertyId: string;
  applicantPersonId: string;
  serviceCode: string;
  form: Record<string, unknown>;
  documents: Record<string, boolean>;
  note?: string;
  /** The fee taken at the desk: the office card reader's reference (شماره پیگیری). */
  payment?: { reference?: string; paid: boolean };
}

/** A card reader's reference: 4 to 40 letters, digits or dashes (Persian digits accepted). */
function paymentReference(raw: string | undefined, field: string): { ref: string | null; errors: FieldError[] } {
  const ref = raw === undefined ? '' : toAsciiDigits(raw).trim();
  if (ref === '') return { ref: null, errors: [] };
  if (!/^[0-9A-Za-z-]{4,40}$/.test(ref)) {
    return { ref: null, errors: [fieldError(field, 'invalid_reference', 'A payment reference is 4-40 letters or digits', 'شماره پیگیری پرداخت باید ۴ تا ۴۰ رقم یا حرف باشد')] };
  }
  return { ref, errors: [] };
}

export async function registerRequest(ctx: Ctx, actor: Actor, input: IntakeInput) {
  if (!actor.officeId) throw new AppError('FORBIDDEN');
  const db = ctx.db;
  const office = await db.selectFrom('offices').select(['id', 'status', 'district_id']).where('id', '=', actor.officeId).executeTakeFirstOrThrow();
  if (office.status !== 'active') throw new AppError('FORBIDDEN', { message: 'This office is not active', messageFa: 'این دفتر فعال نیست' });

  const errors: FieldError[] = [];
  const service = await db
    .selectFrom('services')
    .selectAll()
    .where('city_id', '=', actor.cityId)
    .where('code', '=', input.serviceCode)
    .where('active', '=', 1)
    .executeTakeFirst();
  if (!service) errors.push(fieldError('serviceCode', 'unknown_service', 'Unknown service', 'خدمت انتخاب‌شده شناخته‌شده نیست'));
  const property = await db
    .selectFrom('properties')
    .select(['id', 'district_id'])
    .where('id', '=', input.propertyId)
    .where('city_id', '=', actor.cityId)
    .executeTakeFirst();
  if (!property) errors.push(fieldError('propertyId', 'unknown_property', 'Unknown property file', 'پرونده ملک پیدا نشد'));
  const applicant = await db.selectFrom('persons').select(['id', 'mobile']).where('id', '=', input.applicantPersonId).executeTakeFirst();
  if (!applicant) errors.push(fieldError('applicantPersonId', 'unknown_person', 'Unknown applicant', 'متقاضی پیدا نشد'));
  const payment = paymentReference(input.payment?.reference, 'payment.reference');
  errors.push(...payment.errors);
  if (input.payment?.paid && !payment.ref && !payment.errors.length) {
    errors.push(fieldError('payment.reference', 'reference_required', 'A paid fee needs the card reader reference', 'برای پرداخت‌شده، شماره پیگیری کارتخوان لازم است'));
  }
  if (input.payment && !input.payment.paid && payment.ref) {
    errors.push(fieldError('payment.paid', 'reference_without_payment', 'A reference was given but the fee is not marked paid', 'شماره پیگیری وارد شده ولی پرداخت علامت نخورده است'));
  }

  let form: Record<string, unknown> = {};
  if (service) {
    try {
      form = validateForm(JSON.parse(service.form_fields) as FormField[], input.form);
    } catch (e) {
      if (e instanceof AppError && e.fields) errors.push(...e.fields);
      else throw e;
    }
    errors.push(...checkDocuments(JSON.parse(service.required_documents) as RequiredDocument[], input.documents, true));
  }
  if (errors.length) throw invalid(errors);

  const enabled = await db
    .selectFrom('office_services')
    .select('service_id')
    .where('office_id', '=', actor.officeId)
    .where('service_id', '=', service!.id)
    .executeTakeFirst();
  if (!enabled) throw new AppError('SERVICE_DISABLED');

  const now = ctx.clock.now();
  const holidays = await loadHolidays(db, actor.cityId);
  const sla = JSON.parse(service!.sla_days) as SlaDays;
  const wf = getWorkflow(service!.workflow_code);
  const paidAt = input.payment?.paid ? now.toISOString() : null;
  const id = newId();
  const trackingCode = await uniqueTrackingCode(db);

  // Joins the caller's transaction if there is one (an API intake commits the case with its inquiry).
  await inTransaction(db, async (trx) => {
    await trx
      .insertInto('requests')
      .values({
        id, city_id: actor.cityId, district_id: property!.district_id, office_id: actor.officeId!, property_id: property!.id,
        applicant_person_id: applicant!.id, service_id: service!.id, service_code: service!.code, tracking_code: trackingCode,
        state: 'registered', version: 1, form: JSON.stringify(form), documents: JSON.stringify(input.documents), fee_rials: service!.fee_rials,
        assigned_inspector_id: null, recommendation: null, recommendation_note: null, decision: null, decision_note: null,
        step_started_at: now.toISOString(), step_due_at: dueAt(sla, 'registered', now, holidays),
        created_by: actor.staffId, created_at: now.toISOString(), updated_at: now.toISOString(), closed_at: null, cancel_reason: null,
        proposed_visit_date: null, due_at: caseDueAt(now, sla, wf.waitingOnApplicant, holidays), paused_seconds: 0,
        fee_payment_ref: paidAt ? payment.ref : null, fee_paid_at: paidAt,
      })
      .execute();
    await rollupIntake(
      trx,
      { created_at: now.toISOString(), office_id: actor.officeId!, service_code: service!.code, city_id: actor.cityId, district_id: property!.district_id, fee_rials: service!.fee_rials, fee_paid_at: paidAt },
      'registered',
    );
    await addTimeline(trx, actor, { requestId: id, action: 'register', from: null, to: 'registered', note: input.note ?? null, isPublic: true, data: null }, now);
    if (paidAt) await addPaymentLine(trx, actor, { id, state: 'registered', fee_rials: service!.fee_rials }, payment.ref!, now);
    await appendAudit(trx, actor, { action: 'request.register', entityType: 'request', entityId: id, details: { trackingCode, serviceCode: service!.code, feePaid: paidAt !== null } }, now);
    await enqueueOutbox(
      trx,
      {
        eventType: 'request.registered', aggregateType: 'request', aggregateId: id, idempotencyKey: `request:${id}:1`,
        payload: { trackingCode, serviceCode: service!.code, mobile: applicant!.mobile },
      },
      now,
    );
  });

  // An unpaid fee holds the case at the desk until the payment is recorded (decisions/0020).
  if (paidAt !== null || Number(service!.fee_rials) === 0) await assignAutomatically(ctx, actor, wf, id, 1);
  return getCase(ctx, actor, id);
}

/** The lightest-loaded inspector, if the workflow sends one from the desk now; none free leaves the case for the district. */
/**
 * Automatic assignment follows intake (or the payment that releases the case) as a separate step on
 * the timeline, signed by the city's system account (as escalation and API intake are), not by the clerk.
 */
async function assignAutomatically(ctx: Ctx, actor: Actor, wf: WorkflowDefinition, id: string, version: number) {
  if (!availableActions(wf, 'registered', actor.role).includes('assign_inspector')) return;
  const system: Actor = { ...actor, staffId: await ensureSystemStaff(ctx, actor.cityId), name: AUTO_ASSIGN_NAME_FA, ip: 'system' };
  try {
    await assignInspector(ctx, system, id, { version });
  } catch (e) {
    // No inspector free: the case stays registered and the district assigns by hand.
    if (!(e instanceof AppError && e.code === 'NO_INSPECTOR_AVAILABLE')) throw e;
  }
}

async function uniqueTrackingCode(db: Db): Promise<string> {
  for (let i = 0; i < 10; i++) {
    const code = newTrackingCode();
    const clash = await db.selectFrom('requests').select('id').where('tracking_code', '=', code).executeTakeFirst();
    if (!clash) return code;
  }
  throw new AppError('INTERNAL', { message: 'could not find a free tracking code' });
}

/** Every key must be a known document; `requireAll` demands each required one be ticked. */
function checkDocuments(docs: RequiredDocument[], given: Record<string, boolean>, requireAll: boolean): FieldError[] {
  const known = new Set(docs.map((d) => d.code));
  const errors: FieldError[] = [];
  for (const code of Object.keys(given)) {
    if (!known.has(code)) errors.push(fieldError(`documents.${code}`, 'unknown_document', 'Unknown document', 'مدرک شناخته‌شده نیست'));
  }
  if (requireAll) {
    for (const d of docs) {
      if (d.required && given[d.code] !== true) {
        errors.push(fieldError(`documents.${d.code}`, 'document_missing', `Required document missing: ${d.titleEn}`, `مدرک الزامی ارائه نشده است: ${d.titleFa}`));
      }
    }
  }
  return errors;
}

/** Paid at the desk, or nothing to pay: only then does an inspector go out (decisions/0020). */
export function feeSettled(row: { fee_rials: number | string; fee_paid_at: string | null }): boolean {
  return row.fee_paid_at !== null || Number(row.fee_rials) === 0;
}

function documentsComplete(row: CaseRow): boolean {
  const docs = JSON.parse(row.required_documents) as RequiredDocument[];
  const given = JSON.parse(row.documents) as Record<string, boolean>;
  return docs.every((d) => !d.required || given[d.code] === true);
}

function dueAt(sla: SlaDays, state: RequestState, from: Date, holidays: ReadonlySet<string>): string | null {
  const days = sla[state];
  return days === undefined ? null : addWorkingDays(from, days, holidays).toISOString();
}

// ---------------------------------------------------------------- the transition engine

interface Prepared {
  patch?: Updateable<RequestTable>;
  note?: string | null;
  data?: Record<string, unknown> | null;
  /** Writes to other tables, after the version is claimed. */
  write?: (trx: Db, now: Date) => Promise<void>;
  outbox?: { eventType: string; payload: Record<string, unknown> };
  /** The caller's own writes in the same transaction, after the action's timeline line (an escalation's bookkeeping). */
  also?: (trx: Db, now: Date) => Promise<void>;
}

async function caseFacts(db: Db, row: CaseRow): Promise<CaseFacts> {
  const inspection = await findActiveInspection(db, row.id);
  return {
    hasInspector: row.assigned_inspector_id !== null,
    hasInspectionReport: inspection?.submitted_at != null,
    hasRecommendation: row.recommendation !== null,
    documentsComplete: documentsComplete(row),
    hasDecision: row.decision !== null,
    feePaid: feeSettled(row),
  };
}

/**
 * Run one workflow action. `prepare` validates the action's input against the case (reads only)
 * and returns what to write; nothing is written unless the transition is legal and the version
 * is still the one the caller saw.
 */
async function runAction(
  ctx: Ctx,
  actor: Actor,
  id: string,
  action: RequestAction,
  version: number,
  prepare: (row: CaseRow, now: Date, holidays: ReadonlySet<string>) => Promise<Prepared> | Prepared,
  /** Corrections the action brings, applied before the guards read the case (resubmit's checklist). */
  amend?: (row: CaseRow) => void,
) {
  const row = await findCaseInScope(ctx.db, actor, id);
  if (!row) throw notFound();
  amend?.(row);
  if (row.version !== version) throw stale(row.version);
  const wf = getWorkflow(row.workflow_code);
  const from = row.state as RequestState;
  const check = checkTransition(wf, from, action, actor.role, await caseFacts(ctx.db, row));
  if (!check.ok) {
    throw new AppError(check.code === 'GUARD_FAILED' ? 'GUARD_FAILED' : 'ILLEGAL_TRANSITION', {
      ...(check.failedGuards?.includes('fee_paid') ? FEE_UNPAID : {}),
      details: { state: from, action, reason: check.code === 'FORBIDDEN' ? 'role' : check.code === 'GUARD_FAILED' ? 'guard' : 'state', failedGuards: check.failedGuards ?? [] },
    });
  }
  const to = check.transition.to;
  const now = ctx.clock.now();
  const holidays = await loadHolidays(ctx.db, row.city_id);
  const prepared = await prepare(row, now, holidays);
  const terminal = wf.terminal.includes(to);
  const sla = JSON.parse(row.sla_days) as SlaDays;
  // Leaving the wait on the citizen restarts the case's clock: the pause is recorded and the due
  // time moves later by the working time it lasted (rules in platform/sla.ts).
  const pause = to !== from && wf.waitingOnApplicant.includes(from);
  const pausedSeconds = Number(row.paused_seconds) + (pause ? pausedSecondsBetween(row.step_started_at, now) : 0);
  const caseDue = pause && row.due_at ? pushDueAt(row.due_at, new Date(row.step_started_at), now, holidays) : row.due_at;
  const stepDue = terminal || wf.waitingOnApplicant.includes(to) ? null : dueAt(sla, to, now, holidays);

  await inTransaction(ctx.db, async (trx) => {
    // The conditional update is the lock: of two actions on one version, exactly one matches.
    const claimed = await trx
      .updateTable('requests')
      .set({
        ...prepared.patch,
        state: to,
        version: version + 1,
        updated_at: now.toISOString(),
        ...(to !== from ? { step_started_at: now.toISOString(), step_due_at: stepDue } : {}),
        ...(pause ? { paused_seconds: pausedSeconds, due_at: caseDue } : {}),
        ...(terminal ? { closed_at: now.toISOString() } : {}),
      })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) throw stale(null);
    // The claimed version guarantees `row` (state, fee paid) is what the rollups hold for this case.
    await rollupTransition(trx, row, from, to, endedSteps({ ...row, due_at: caseDue, paused_seconds: pausedSeconds }, from, to, now));
    await prepared.write?.(trx, now);
    await addTimeline(trx, actor, { requestId: id, action, from, to, note: prepared.note ?? null, isPublic: check.transition.public, data: prepared.data ?? null }, now);
    await appendAudit(trx, actor, { action: `request.${action}`, entityType: 'request', entityId: id, details: { from, to, version: version + 1 } }, now);
    if (prepared.outbox) {
      await enqueueOutbox(
        trx,
        { eventType: prepared.outbox.eventType, aggregateType: 'request', aggregateId: id, idempotencyKey: `request:${id}:${version + 1}`, payload: { trackingCode: row.tracking_code, ...prepared.outbox.payload } },
        now,
      );
    }
    await prepared.also?.(trx, now);
  });
  return getCase(ctx, actor, id);
}

const FEE_UNPAID = {
  message: 'The service fee is not paid: no inspector is sent until the desk records the payment',
  messageFa: 'هزینه خدمت این پرونده پرداخت نشده است؛ تا ثبت پرداخت در دفتر پیشخوان، مامور بازدید ارجاع نمی‌شود',
};

function stale(current: number | null): AppError {
  return new AppError('STALE_VERSION', { details: current === null ? {} : { currentVersion: current } });
}

export async function addTimeline(
  trx: Db,
  actor: Actor,
  e: { requestId: string; action: string; from: string | null; to: string; note: string | null; isPublic: boolean; data: Record<string, unknown> | null },
  now: Date,
) {
  await trx
    .insertInto('request_events')
    .values({
      id: newId(), request_id: e.requestId, action: e.action, from_state: e.from, to_state: e.to, actor_staff_id: actor.staffId,
      actor_role: actor.role, actor_name: actor.name, note: e.note, public: e.isPublic ? 1 : 0,
      data: e.data ? JSON.stringify(e.data) : null, created_at: now.toISOString(),
    })
    .execute();
}

// ---------------------------------------------------------------- actions

/** The inspectors who may take the case (inspectors.rules.ts), lightest load first, the current assignee marked. */
export async function inspectorsForCase(db: Db, c: CaseToCover & { city_id: string; assigned_inspector_id: string | null }) {
  const pool = await activeInspectorsByLoad(db, c.city_id, c.inspector_specialty);
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

/** ارجاع به مامور بازدید: the named inspector, or the lightest-loaded other one, among those who may take the case. */
export async function assignInspector(
  ctx: Ctx,
  actor: Actor,
  id: string,
  input: { version: number; inspectorId?: string; note?: string; also?: (trx: Db, now: Date) => Promise<void> },
) {
  return runAction(ctx, actor, id, 'assign_inspector', input.version, async (row) => {
    const candidates = await inspectorsForCase(ctx.db, row);
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
      also: input.also,
      write: async (trx, now) => {
        await trx.updateTable('inspections').set({ active: 0 }).where('request_id', '=', id).where('active', '=', 1).execute();
        await trx
          .insertInto('inspections')
          .values({
            id: newId(), request_id: id, inspector_id: chosen.id, active: 1, assigned_at: now.toISOString(), assigned_by: actor.staffId,
            scheduled_date: null, window_start: null, window_end: null, findings: null, measurements: null, checklist: null,
            violations: null, gps_lat: null, gps_lng: null, gps_accuracy_m: null, visited_at: null, submitted_at: null,
          })
          .execute();
      },
    };
  });
}

/** تعیین زمان بازدید: a working day from today on, and a time window within it. */
export async function scheduleVisit(ctx: Ctx, actor: Actor, id: string, input: { version: number; date: string; windowStart: string; windowEnd: string; note?: string }) {
  return runAction(ctx, actor, id, 'schedule_visit', input.version, (row, now, holidays) => {
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
      write: async (trx) => {
        await trx
          .updateTable('inspections')
          .set({ scheduled_date: input.date, window_start: input.windowStart, window_end: input.windowEnd })
          .where('request_id', '=', id)
          .where('active', '=', 1)
          .execute();
      },
    };
  });
}

export interface InspectionReportInput {
  version: number;
  findings: string;
  measurements: Record<string, number>;
  checklist: { code: string; ok: boolean; note?: string }[];
  violations: { descriptionFa: string; severity: 'minor' | 'major'; code?: string }[];
  gps: { lat: number; lng: number; accuracyM?: number };
  visitedAt: string;
}

/** ثبت گزارش بازدید, by the assigned inspector only. */
export async function fileInspectionReport(ctx: Ctx, actor: Actor, id: string, input: InspectionReportInput) {
  return runAction(ctx, actor, id, 'file_inspection_report', input.version, async (row, now) => {
    if (row.assigned_inspector_id !== actor.staffId) throw new AppError('ILLEGAL_TRANSITION', { details: { reason: 'not_assigned_inspector' } });
    const inspection = await findActiveInspection(ctx.db, id);
    const visitedAt = new Date(input.visitedAt);
    if (visitedAt.getTime() > now.getTime() + 5 * 60_000 || (inspection && input.visitedAt < inspection.assigned_at)) {
      throw invalid([fieldError('visitedAt', 'out_of_range', 'The visit time must be after assignment and not in the future', 'زمان بازدید باید پس از ارجاع و پیش از اکنون باشد')]);
    }
    const checklistErrors = checkChecklist(JSON.parse(row.inspection_checklist) as ChecklistItem[], input.checklist);
    if (checklistErrors.length) throw invalid(checklistErrors);
    return {
      data: { violations: input.violations.length },
      write: async (trx) => {
        await trx
          .updateTable('inspections')
          .set({
            findings: input.findings, measurements: JSON.stringify(input.measurements), checklist: JSON.stringify(input.checklist),
            violations: JSON.stringify(input.violations), gps_lat: input.gps.lat, gps_lng: input.gps.lng, gps_accuracy_m: input.gps.accuracyM ?? null,
            visited_at: visitedAt.toISOString(), submitted_at: now.toISOString(),
          })
          .where('request_id', '=', id)
          .where('active', '=', 1)
          .execute();
      },
    };
  });
}

/** Every item of the service's site checklist answered once, and nothing else. */
function checkChecklist(items: ChecklistItem[], answers: { code: string }[]): FieldError[] {
  const known = new Set(items.map((i) => i.code));
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  answers.forEach((a, n) => {
    if (!known.has(a.code) || seen.has(a.code)) {
      errors.push(fieldError(`checklist.${n}.code`, 'unknown_item', 'Not an item of this checklist, or answered twice', 'این مورد در چک‌لیست این خدمت نیست یا تکراری است'));
    }
    seen.add(a.code);
  });
  for (const item of items) {
    if (!seen.has(item.code)) errors.push(fieldError('checklist', 'item_missing', `Not answered: ${item.labelEn}`, `به این مورد پاسخ داده نشده است: ${item.labelFa}`));
  }
  return errors;
}

export function sendToDistrict(ctx: Ctx, actor: Actor, id: string, input: { version: number; note?: string }) {
  return runAction(ctx, actor, id, 'send_to_district', input.version, () => ({ note: input.note ?? null }));
}

/** نظر کارشناس منطقه: internal, not on the public timeline. */
export function recommend(ctx: Ctx, actor: Actor, id: string, input: { version: number; recommendation: 'approve' | 'reject'; note: string }) {
  return runAction(ctx, actor, id, 'recommend', input.version, () => ({
    patch: { recommendation: input.recommendation, recommendation_note: input.note },
    note: input.note,
    data: { recommendation: input.recommendation },
  }));
}

export function approve(ctx: Ctx, actor: Actor, id: string, input: { version: number; note?: string; conditions?: string[] }) {
  return runAction(ctx, actor, id, 'approve', input.version, () => ({
    patch: { decision: 'approved', decision_note: input.note ?? null },
    note: input.note ?? null,
    data: { conditions: input.conditions ?? [] },
  }));
}

export function reject(ctx: Ctx, actor: Actor, id: string, input: { version: number; reasons: string[] }) {
  return runAction(ctx, actor, id, 'reject', input.version, () => ({
    patch: { decision: 'rejected', decision_note: input.reasons.join('\n') },
    note: input.reasons.join('\n'),
    data: { reasons: input.reasons },
  }));
}

/** بازگشت برای اصلاح: the recommendation is cleared so the corrected case is reviewed afresh. */
export function returnForCorrection(ctx: Ctx, actor: Actor, id: string, input: { version: number; reasons: string[] }) {
  return runAction(ctx, actor, id, 'return_for_correction', input.version, () => ({
    patch: { recommendation: null, recommendation_note: null },
    note: input.reasons.join('\n'),
    data: { reasons: input.reasons },
    outbox: { eventType: 'request.correction_needed', payload: { reasons: input.reasons } },
  }));
}

/** ارسال مجدد: the desk corrects the documents checklist and the form, then sends the case back. */
export async function resubmit(ctx: Ctx, actor: Actor, id: string, input: { version: number; documents?: Record<string, boolean>; form?: Record<string, unknown>; note?: string }) {
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

/** صدور پاسخ نهایی: a letter number per district and Solar Hijri year, e.g. 1405/3/00042. */
export function issueResponse(ctx: Ctx, actor: Actor, id: string, input: { version: number; text?: string; conditions?: string[]; validUntil?: string }) {
  return runAction(ctx, actor, id, 'issue_response', input.version, async (row, now) => {
    const approved = row.decision === 'approved';
    const validUntil = input.validUntil ?? (approved ? tehranDate(new Date(now.getTime() + row.answer_validity_days * 86_400_000)) : null);
    if (validUntil && validUntil <= tehranDate(now)) {
      throw invalid([fieldError('validUntil', 'in_past', 'Validity must end after today', 'تاریخ اعتبار باید پس از امروز باشد')]);
    }
    const district = await ctx.db.selectFrom('districts').select('number').where('id', '=', row.district_id).executeTakeFirstOrThrow();
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
          issued_by: actor.staffId, decision: row.decision!, text, conditions: JSON.stringify(input.conditions ?? []), valid_until: validUntil,
          delivered_at: null, delivered_to_name: null, delivered_to_national_code: null, delivered_by: null, delivered_letter_serial: null,
        };
        await trx.insertInto('responses').values(response).execute();
        await queueAnswerLetter(trx, { requestId: id, responseId: response.id, serial }, at);
      },
    };
  });
}

/** تحویل پاسخ به مالک: who received it and when. */
export function deliver(ctx: Ctx, actor: Actor, id: string, input: { version: number; receivedByName: string; receivedByNationalCode: string; note?: string }) {
  return runAction(ctx, actor, id, 'deliver', input.version, async () => {
    if (!isNationalCode(input.receivedByNationalCode)) {
      throw invalid([fieldError('receivedByNationalCode', 'invalid_national_code', 'Invalid national code', 'کد ملی معتبر نیست')]);
    }
    // Which letter (serial) the owner took away: the one a notary or bank will verify.
    const letterSerial = await answerLetterSerial(ctx, id);
    return {
      note: input.note ?? null,
      data: { receivedByName: input.receivedByName, letterSerial },
      write: async (trx, now) => {
        await trx
          .updateTable('responses')
          .set({
            delivered_at: now.toISOString(), delivered_to_name: input.receivedByName, delivered_to_national_code: input.receivedByNationalCode, delivered_by: actor.staffId,
            delivered_letter_serial: letterSerial,
          })
          .where('request_id', '=', id)
          .execute();
      },
    };
  });
}

export function cancel(ctx: Ctx, actor: Actor, id: string, input: { version: number; reason: string }) {
  return runAction(ctx, actor, id, 'cancel', input.version, () => ({
    patch: { cancel_reason: input.reason },
    note: input.reason,
    outbox: { eventType: 'request.cancelled', payload: { reason: input.reason } },
  }));
}

// ---------------------------------------------------------------- fees (هزینه خدمت)

/**
 * ثبت پرداخت: the desk records the fee paid after intake, with the card reader's reference. Claims
 * the case's version like an action does, so the rollups' paid amount lands on the state row the
 * case is in at that moment.
 */
export async function recordPayment(ctx: Ctx, actor: Actor, id: string, input: { version?: number; reference: string }) {
  const row = await findCaseInScope(ctx.db, actor, id);
  if (!row) throw notFound();
  if (row.fee_paid_at) throw new AppError('CONFLICT', { message: 'The fee of this case is already paid', messageFa: 'هزینه این پرونده قبلاً پرداخت شده است' });
  if (row.state === 'cancelled') throw new AppError('CONFLICT', { message: 'The case is cancelled', messageFa: 'این پرونده لغو شده است' });
  if (input.version !== undefined && input.version !== row.version) throw stale(row.version);
  const { ref, errors } = paymentReference(input.reference, 'reference');
  if (errors.length || !ref) {
    throw invalid(errors.length ? errors : [fieldError('reference', 'reference_required', 'The card reader reference is required', 'شماره پیگیری کارتخوان لازم است')]);
  }
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const claimed = await trx
      .updateTable('requests')
      .set({ fee_payment_ref: ref, fee_paid_at: now.toISOString(), version: row.version + 1, updated_at: now.toISOString() })
      .where('id', '=', id)
      .where('version', '=', row.version)
      .where('fee_paid_at', 'is', null)
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) throw stale(null);
    await rollupPayment(trx, row, row.state, Number(row.fee_rials));
    await addPaymentLine(trx, actor, row, ref, now);
    await appendAudit(trx, actor, { action: 'request.payment', entityType: 'request', entityId: id, details: { reference: ref, feeRials: Number(row.fee_rials), version: row.version + 1 } }, now);
  });
  // A case held at the desk for its fee goes to the inspector now, as it would have at intake.
  if (row.state === 'registered') await assignAutomatically(ctx, actor, getWorkflow(row.workflow_code), id, row.version + 1);
  return getCase(ctx, actor, id);
}

/** «ثبت پرداخت» on the case's internal timeline, with the card reader's reference. */
function addPaymentLine(trx: Db, actor: Actor, c: { id: string; state: string; fee_rials: number }, reference: string, now: Date) {
  return addTimeline(
    trx, actor,
    { requestId: c.id, action: 'record_payment', from: c.state, to: c.state, note: `شماره پیگیری: ${reference}`, isPublic: false, data: { reference, feeRials: Number(c.fee_rials) } },
    now,
  );
}

// ---------------------------------------------------------------- reads

export async function getCase(ctx: Ctx, actor: Actor, id: string) {
  const row = await findCaseInScope(ctx.db, actor, id);
  if (!row) throw notFound();
  const details = await loadCaseDetails(ctx.db, row);
  await auditRead(ctx.db, actor, { action: 'request.read', entityType: 'request', entityId: id }, ctx.clock.now());
  const wf = getWorkflow(row.workflow_code);
  return presentCase(row, details, availableActions(wf, row.state as RequestState, actor.role), slaOf(ctx, row, wf.waitingOnApplicant));
}

export async function searchCases(ctx: Ctx, actor: Actor, filter: Omit<CaseListFilter, 'overdueAt'> & { overdue?: boolean }) {
  const { overdue, ...rest } = filter;
  const { items, total } = await listCases(ctx.db, actor, { ...rest, ...(overdue ? { overdueAt: ctx.clock.now().toISOString() } : {}) });
  return { items: items.map((i) => presentCaseListItem(i, slaOf(ctx, i, getWorkflow(i.workflow_code).waitingOnApplicant))), total, page: filter.page, pageSize: filter.pageSize };
}

export interface CaseClocks {
  /** The current step's clock (the case JSON's slaState); null while waiting on the citizen. */
  step: SlaState | null;
  /** The whole case's clock (the case JSON's sla). */
  overall: CaseSlaState | null;
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


/**
 * Intake (ثبت درخواست): a case opened at the desk (registerRequest), or by software on an API
 * client's behalf (openCaseForClient: the inquiry API and Open311), at the desk of the property's
 * district that offers the service and has the fewest open cases, by the city's system account.
 *
 * One transaction (the caller's, if it has one) holds the new case, its rollups, timeline, audit
 * row and outbox event, and the automatic assignment that follows a settled fee. The checks read
 * in one statement, the assignment is chosen before anything is written, and the case is inserted
 * as it stands after it; the case is read once, after (its timeline is the one just written), and
 * that read is not audited (the intake's own audit row covers it). Cost: decisions/0026.
 */
import type { Ctx } from '../../platform/context.js';
import type { Actor } from '../../platform/actor.js';
import type { Db } from '../../db/database.js';
import type { Static } from '../../platform/schemas.js';
import { AppError, fieldError, invalid, type FieldError } from '../../platform/errors.js';
import { newId, newTrackingCode } from '../../platform/ids.js';
import { inTransaction } from '../../db/sql.js';
import { OPEN_STATES, availableActions, getWorkflow, validateForm } from '../catalog/index.js';
import type { FormField, RequiredDocument } from '../catalog/index.js';
import { loadHolidays } from '../calendar/index.js';
import { rollupIntake } from '../reports/index.js';
import { openCase, type SlaDays } from '../../platform/case-clock.js';
import { caseWrites, timelineLine, writeCaseWrites, writeStep } from './requests.engine.js';
import { planAutomaticAssignment } from './requests.actions.js';
import { paymentLine } from './requests.payment.js';
import { readWrittenCase } from './requests.read.js';
import { checkDocuments, feeSettled, paymentReference } from './requests.rules.js';
import { findIntakeFacts, insertCase, type CaseRow } from './requests.queries.js';
import { ensureSystemStaff, systemActor } from './requests.system.js';
import type { IntakeBody } from './requests.schemas.js';

export async function registerRequest(ctx: Ctx, actor: Actor, input: Static<typeof IntakeBody>) {
  if (!actor.officeId) throw new AppError('FORBIDDEN');
  const officeId = actor.officeId;
  const db = ctx.db;
  // The desk, the service, the property file and the applicant in one read, and the city's calendar beside it.
  const [facts, holidays] = await Promise.all([
    findIntakeFacts(db, { cityId: actor.cityId, officeId, serviceCode: input.serviceCode, propertyId: input.propertyId, applicantPersonId: input.applicantPersonId }),
    loadHolidays(db, actor.cityId),
  ]);
  if (facts.officeStatus !== 'active') throw new AppError('FORBIDDEN', { message: 'This office is not active', messageFa: 'این دفتر فعال نیست' });

  const errors: FieldError[] = [];
  const { service, property, applicant } = facts;
  if (!service) errors.push(fieldError('serviceCode', 'unknown_service', 'Unknown service', 'خدمت انتخاب‌شده شناخته‌شده نیست'));
  if (!property) errors.push(fieldError('propertyId', 'unknown_property', 'Unknown property file', 'پرونده ملک پیدا نشد'));
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
  if (errors.length || !service || !property || !applicant) throw invalid(errors);
  if (service.offered === null) throw new AppError('SERVICE_DISABLED');

  const now = ctx.clock.now();
  const wf = getWorkflow(service.workflow_code);
  const paidAt = input.payment?.paid ? now.toISOString() : null;
  const id = newId();
  const clock = openCase(now, { workflow: wf, sla: JSON.parse(service.sla_days) as SlaDays, holidays });
  const row: CaseRow = {
    ...clock,
    id, city_id: actor.cityId, district_id: property.district_id, office_id: officeId, property_id: property.id,
    applicant_person_id: applicant.id, service_id: service.id, service_code: service.code, tracking_code: '',
    version: 1, form: JSON.stringify(form), documents: JSON.stringify(input.documents), fee_rials: service.fee_rials,
    assigned_inspector_id: null, recommendation: null, recommendation_note: null, decision: null, decision_note: null,
    created_by: actor.staffId, updated_at: now.toISOString(), cancel_reason: null, proposed_visit_date: null,
    fee_payment_ref: paidAt ? payment.ref : null, fee_paid_at: paidAt,
    workflow_code: service.workflow_code, sla_days: service.sla_days, required_documents: service.required_documents, form_fields: service.form_fields,
    inspection_checklist: service.inspection_checklist, inspector_specialty: service.inspector_specialty, answer_validity_days: service.answer_validity_days,
    answer_purpose_fa: service.answer_purpose_fa, service_name_fa: service.name_fa, service_name_en: service.name_en,
  };
  // An unpaid fee holds the case at the desk until the payment is recorded (decisions/0020).
  const assign = feeSettled(row) && availableActions(wf, 'registered', actor.role).includes('assign_inspector');
  const system = assign ? await systemActor(ctx, actor) : null;
  // The automatic assignment is planned (inspector chosen) before anything is written, so the case
  // is inserted as it stands after it, at version 2: one insert, no update of a row just written.
  const assignment = system ? await planAutomaticAssignment(db, system, row, now, holidays) : null;

  const writes = caseWrites();
  // Joins the caller's transaction if there is one (an API intake commits the case with its inquiry).
  await inTransaction(db, async (trx) => {
    row.tracking_code = await insertCase(trx, caseColumns(assignment ? assignment.after : row), newTrackingCode);
    if (assignment) assignment.after.tracking_code = row.tracking_code;
    const trackingCode = row.tracking_code;
    rollupIntake(writes.rollups, row, 'registered');
    writes.timeline.push(timelineLine(actor, { requestId: id, cityId: row.city_id, action: 'register', from: null, to: 'registered', note: input.note ?? null, isPublic: true, data: null }, now));
    if (paidAt) writes.timeline.push(paymentLine(actor, row, payment.ref!, now));
    writes.audit.push({ actor, entry: { action: 'request.register', entityType: 'request', entityId: id, details: { trackingCode, serviceCode: service.code, feePaid: paidAt !== null } } });
    writes.outbox.push({
      eventType: 'request.registered', aggregateType: 'request', aggregateId: id, idempotencyKey: `request:${id}:1`,
      payload: { trackingCode, serviceCode: service.code, mobile: applicant.mobile },
    });
    if (system && assignment) await writeStep(trx, system, row, assignment, writes, now, true);
    await writeCaseWrites(trx, writes, now);
  });
  return readWrittenCase(ctx, actor, id, writes.written);
}

/** The requests row of a case read with its service: the service's columns and the tracking code (drawn at insert) dropped. */
function caseColumns(row: CaseRow) {
  const {
    workflow_code: _w, sla_days: _s, required_documents: _r, form_fields: _f, inspection_checklist: _i, inspector_specialty: _p,
    answer_validity_days: _v, answer_purpose_fa: _a, service_name_fa: _n, service_name_en: _e, tracking_code: _t, ...columns
  } = row;
  return columns;
}

export interface ClientIntake {
  cityId: string;
  /** The calling organisation, named on the case's timeline as the one who registered it. */
  clientNameFa: string;
  property: { id: string; district_id: string };
  serviceCode: string;
  applicantPersonId: string;
  /** Values left undefined are dropped: the form has no such answer. */
  form: Record<string, unknown>;
  note: string;
}

/**
 * The district's active desk offering the service with the fewest open cases: it answers in place of
 * the municipality. Open cases are found by their state in `requests_office_idx` (office, state) and
 * counted from it alone; by `closed_at`, which no index holds, every case each desk ever had was
 * read (about 45,000 rows a call for a district of 30 desks at 10^6 cases).
 */
export function lightestDeskQuery(db: Db, districtId: string, serviceCode: string) {
  return db
    .selectFrom('offices')
    .innerJoin('office_services', 'office_services.office_id', 'offices.id')
    .innerJoin('services', 'services.id', 'office_services.service_id')
    .leftJoin('requests', (j) => j.onRef('requests.office_id', '=', 'offices.id').on('requests.state', 'in', OPEN_STATES))
    .select(['offices.id'])
    .select((eb) => eb.fn.count<number>('requests.state').as('open'))
    .where('offices.district_id', '=', districtId)
    .where('offices.status', '=', 'active')
    .where('services.code', '=', serviceCode)
    .groupBy('offices.id')
    .orderBy('open')
    .orderBy('offices.id');
}

/**
 * Open the case at the district's lightest desk; answers the case as registerRequest does. The
 * client's letter or form arrives with the call, so the required documents are ticked and the desk
 * confirms them from the file. No desk in the district offering the service is 503 UNAVAILABLE.
 */
export async function openCaseForClient(ctx: Ctx, input: ClientIntake) {
  const desk = await lightestDeskQuery(ctx.db, input.property.district_id, input.serviceCode).executeTakeFirst();
  if (!desk) {
    throw new AppError('UNAVAILABLE', { message: "No desk in the property's district offers this service", messageFa: 'در منطقه این ملک دفتری این خدمت را ارائه نمی‌کند' });
  }
  const service = await ctx.db
    .selectFrom('services')
    .select('required_documents')
    .where('city_id', '=', input.cityId)
    .where('code', '=', input.serviceCode)
    .executeTakeFirstOrThrow();
  const actor: Actor = {
    staffId: await ensureSystemStaff(ctx, input.cityId), role: 'office_operator', cityId: input.cityId, officeId: desk.id,
    districtId: input.property.district_id, name: input.clientNameFa, ip: 'api',
  };
  const documents = Object.fromEntries((JSON.parse(service.required_documents) as RequiredDocument[]).filter((d) => d.required).map((d) => [d.code, true]));
  return registerRequest(ctx, actor, {
    propertyId: input.property.id,
    applicantPersonId: input.applicantPersonId,
    serviceCode: input.serviceCode,
    form: Object.fromEntries(Object.entries(input.form).filter(([, v]) => v !== undefined)),
    documents,
    note: input.note,
  });
}

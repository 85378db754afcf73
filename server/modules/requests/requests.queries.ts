/** Typed queries for cases (requests), always through the actor's scope. */
import { parseFileNumber } from '../../../contracts/fileNumber.js';
import type { Db } from '../../db/database.js';
import type { Actor } from '../../platform/actor.js';
import { requestsInScope } from '../../platform/scope.js';
import { sql, type Expression, type Insertable, type SqlBool, type Updateable } from 'kysely';
import type { InspectionTable, RequestEventTable, RequestTable, ResponseTable } from '../../db/schema.js';
import { containsKey } from '../../db/sql.js';
import { readCaseSearch } from './requests.search.js';

/** The case row with its service's workflow and SLA, if the actor may see it. */
export function findCaseInScope(db: Db, actor: Actor, id: string) {
  return db
    .selectFrom('requests')
    .innerJoin('services', 'services.id', 'requests.service_id')
    .selectAll('requests')
    .select([
      'services.workflow_code', 'services.sla_days', 'services.required_documents', 'services.form_fields', 'services.inspection_checklist',
      'services.inspector_specialty', 'services.answer_validity_days', 'services.answer_purpose_fa',
      'services.name_fa as service_name_fa', 'services.name_en as service_name_en',
    ])
    .where('requests.id', '=', id)
    .where(requestsInScope(actor))
    .executeTakeFirst();
}
export type CaseRow = NonNullable<Awaited<ReturnType<typeof findCaseInScope>>>;

export function findActiveInspection(db: Db, requestId: string) {
  return db.selectFrom('inspections').selectAll().where('request_id', '=', requestId).where('active', '=', 1).executeTakeFirst();
}

export function findResponse(db: Db, requestId: string) {
  return db.selectFrom('responses').selectAll().where('request_id', '=', requestId).executeTakeFirst();
}

/** The answer's letter (PDF), once printed. */
export function findAnswerLetter(db: Db, requestId: string) {
  return db.selectFrom('letters').select(['serial', 'sha256', 'revoked_at']).where('request_id', '=', requestId).where('kind', '=', 'final_answer').executeTakeFirst();
}

export function listTimeline(db: Db, requestId: string, publicOnly: boolean) {
  let q = db.selectFrom('request_events').selectAll().where('request_id', '=', requestId);
  if (publicOnly) q = q.where('public', '=', 1);
  return q.orderBy('id').execute();
}

/** Everything the case page shows beside the case row itself. */
export async function loadCaseDetails(db: Db, row: CaseRow) {
  const [office, district, property, applicant, inspection, response, timeline, inspector, letter] = await Promise.all([
    db.selectFrom('offices').select(['id', 'gov_code', 'name_fa', 'phone']).where('id', '=', row.office_id).executeTakeFirstOrThrow(),
    db.selectFrom('districts').select(['id', 'number', 'name_fa']).where('id', '=', row.district_id).executeTakeFirstOrThrow(),
    db
      .selectFrom('properties')
      .select(['id', 'file_number', 'address', 'postal_code', 'renovation_code', 'plate_main', 'plate_sub', 'registry_section', 'lat', 'lng', 'land_area', 'land_use', 'floors', 'units'])
      .where('id', '=', row.property_id)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('persons')
      .select(['id', 'kind', 'national_code', 'first_name', 'last_name', 'company_name', 'mobile'])
      .where('id', '=', row.applicant_person_id)
      .executeTakeFirstOrThrow(),
    findActiveInspection(db, row.id),
    findResponse(db, row.id),
    listTimeline(db, row.id, false),
    row.assigned_inspector_id
      ? db.selectFrom('staff').select(['id', 'first_name', 'last_name', 'specialty', 'mobile']).where('id', '=', row.assigned_inspector_id).executeTakeFirst()
      : Promise.resolve(undefined),
    findAnswerLetter(db, row.id),
  ]);
  return { office, district, property, applicant, inspection, response, timeline, inspector, letter };
}

export interface CaseListFilter {
  state?: string;
  serviceCode?: string;
  officeId?: string;
  districtId?: string;
  q?: string;
  overdueAt?: string;
  page: number;
  pageSize: number;
  sort: 'createdAt' | 'updatedAt' | 'stepDueAt' | 'trackingCode';
  order: 'asc' | 'desc';
}

const SORT_COLUMNS = {
  createdAt: 'requests.created_at',
  updatedAt: 'requests.updated_at',
  stepDueAt: 'requests.step_due_at',
  trackingCode: 'requests.tracking_code',
} as const;

export async function listCases(db: Db, actor: Actor, f: CaseListFilter) {
  let q = db
    .selectFrom('requests')
    .innerJoin('services', 'services.id', 'requests.service_id')
    .innerJoin('properties', 'properties.id', 'requests.property_id')
    .innerJoin('persons', 'persons.id', 'requests.applicant_person_id')
    .innerJoin('offices', 'offices.id', 'requests.office_id')
    .innerJoin('districts', 'districts.id', 'requests.district_id')
    .leftJoin('staff as inspector', 'inspector.id', 'requests.assigned_inspector_id')
    .where(requestsInScope(actor));
  if (f.state) q = q.where('requests.state', '=', f.state);
  if (f.serviceCode) q = q.where('requests.service_code', '=', f.serviceCode);
  if (f.officeId) q = q.where('requests.office_id', '=', f.officeId);
  if (f.districtId) q = q.where('requests.district_id', '=', f.districtId);
  if (f.overdueAt) q = q.where('requests.step_due_at', '<', f.overdueAt).where('requests.closed_at', 'is', null);
  if (f.q) {
    const typed = f.q;
    const s = readCaseSearch(typed);
    q = q.where((eb) => {
      const any: Expression<SqlBool>[] = [];
      if (s.tenDigits) any.push(eb('requests.tracking_code', '=', s.tenDigits), eb('properties.postal_code', '=', s.tenDigits));
      if (s.nationalCode) {
        const code = s.nationalCode;
        // The applicant's code, or an owner's: the clerk holds one person's card, not their role.
        any.push(
          eb('persons.national_code', '=', code),
          eb.exists(
            eb
              .selectFrom('property_owners as po')
              .innerJoin('persons as owner', 'owner.id', 'po.person_id')
              .select(eb.lit(1).as('one'))
              .whereRef('po.property_id', '=', 'requests.property_id')
              .where('owner.national_code', '=', code),
          ),
        );
      }
      if (s.plate) {
        const plate = [eb('properties.plate_main', '=', s.plate.main), eb('properties.plate_sub', '=', s.plate.sub)];
        if (s.plate.registrySection !== undefined) plate.push(eb('properties.registry_section', '=', s.plate.registrySection));
        any.push(eb.and(plate));
      }
      // Either form of the file number: ISFAHAN-0000041 or اصفهان-۴۱.
      const fileNumber = parseFileNumber(typed) ?? s.fileNumber;
      if (fileNumber) any.push(eb('properties.file_number', '=', fileNumber));
      if (s.nameKey) any.push(containsKey('persons.search_text', s.nameKey), containsKey('properties.search_text', s.nameKey));
      return any.length ? eb.or(any) : sql<SqlBool>`1 = 0`; // nothing a case could match
    });
  }
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const items = await q
    .select([
      'requests.id', 'requests.tracking_code', 'requests.service_code', 'requests.state', 'requests.version',
      'requests.step_started_at', 'requests.step_due_at', 'requests.created_at', 'requests.updated_at', 'requests.closed_at',
      'requests.due_at', 'requests.paused_seconds', 'requests.fee_rials', 'requests.fee_paid_at', 'services.workflow_code',
      'services.name_fa as service_name_fa', 'properties.file_number', 'properties.address',
      'persons.first_name', 'persons.last_name', 'persons.company_name', 'persons.national_code',
      'offices.name_fa as office_name_fa', 'districts.number as district_number',
      'inspector.first_name as inspector_first_name', 'inspector.last_name as inspector_last_name',
    ])
    .orderBy(SORT_COLUMNS[f.sort], f.order)
    .orderBy('requests.id', f.order)
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
  return { items, total: Number(total.n) };
}

/**
 * The city's active inspectors (of the specialty, when one is named) with their open visits (cases
 * assigned and not yet visited), lightest load first: the pool inspectors.rules.ts picks from.
 */
export function activeInspectorsByLoad(db: Db, cityId: string, specialty: string | null) {
  let q = db
    .selectFrom('staff')
    .innerJoin('districts', 'districts.id', 'staff.district_id')
    .leftJoin('requests', (j) =>
      j.onRef('requests.assigned_inspector_id', '=', 'staff.id').on('requests.state', 'in', ['inspector_assigned', 'visit_scheduled']),
    )
    .select([
      'staff.id', 'staff.first_name', 'staff.last_name', 'staff.username', 'staff.specialty', 'staff.district_id',
      'districts.number as district_number', 'districts.name_fa as district_name_fa',
    ])
    .select((eb) => eb.fn.count<number>('requests.id').as('load'))
    .where('staff.city_id', '=', cityId)
    .where('staff.role', '=', 'inspector')
    .where('staff.active', '=', 1)
    .groupBy(['staff.id', 'staff.first_name', 'staff.last_name', 'staff.username', 'staff.specialty', 'staff.district_id', 'districts.number', 'districts.name_fa'])
    .orderBy('load')
    .orderBy('staff.username');
  if (specialty) q = q.where('staff.specialty', '=', specialty);
  return q.execute();
}

// ---------------------------------------------------------------- intake (ثبت درخواست)

export function findOffice(db: Db, officeId: string) {
  return db.selectFrom('offices').select(['id', 'status', 'district_id']).where('id', '=', officeId).executeTakeFirstOrThrow();
}

/** The city's active service of that code, with whether the desk offers it. */
export function findServiceAtDesk(db: Db, cityId: string, officeId: string, code: string) {
  return db
    .selectFrom('services')
    .leftJoin('office_services', (j) => j.onRef('office_services.service_id', '=', 'services.id').on('office_services.office_id', '=', officeId))
    .selectAll('services')
    .select('office_services.service_id as offered')
    .where('services.city_id', '=', cityId)
    .where('services.code', '=', code)
    .where('services.active', '=', 1)
    .executeTakeFirst();
}

export function findPropertyInCity(db: Db, cityId: string, id: string) {
  return db.selectFrom('properties').select(['id', 'district_id']).where('id', '=', id).where('city_id', '=', cityId).executeTakeFirst();
}

export function findApplicant(db: Db, id: string) {
  return db.selectFrom('persons').select(['id', 'mobile']).where('id', '=', id).executeTakeFirst();
}

export async function trackingCodeTaken(db: Db, code: string): Promise<boolean> {
  return (await db.selectFrom('requests').select('id').where('tracking_code', '=', code).executeTakeFirst()) !== undefined;
}

export async function insertCase(trx: Db, values: Insertable<RequestTable>) {
  await trx.insertInto('requests').values(values).execute();
}

// ---------------------------------------------------------------- the engine's writes

/** Writes `set` if the case is still at `version`; false if someone else changed it first. */
export async function claimCaseVersion(trx: Db, id: string, version: number, set: Updateable<RequestTable>, where?: { feeUnpaid: true }): Promise<boolean> {
  const claimed = await trx
    .updateTable('requests')
    .set(set)
    .where('id', '=', id)
    .where('version', '=', version)
    .$if(where?.feeUnpaid === true, (q) => q.where('fee_paid_at', 'is', null))
    .executeTakeFirst();
  return Number(claimed.numUpdatedRows) === 1;
}

export async function insertTimelineLine(trx: Db, line: Insertable<RequestEventTable>) {
  await trx.insertInto('request_events').values(line).execute();
}

export async function updateActiveInspection(trx: Db, requestId: string, set: Updateable<InspectionTable>) {
  await trx.updateTable('inspections').set(set).where('request_id', '=', requestId).where('active', '=', 1).execute();
}

/**
 * The case's inspection passes to a new inspector: the old one stays on file, inactive. A case
 * that never had an inspector (`hadInspector` false) has no inspection to set aside.
 */
export async function replaceActiveInspection(trx: Db, hadInspector: boolean, inspection: Insertable<InspectionTable>) {
  if (hadInspector) await updateActiveInspection(trx, inspection.request_id, { active: 0 });
  await trx.insertInto('inspections').values(inspection).execute();
}

export function districtNumberOf(db: Db, districtId: string) {
  return db.selectFrom('districts').select('number').where('id', '=', districtId).executeTakeFirstOrThrow();
}

export async function insertResponse(trx: Db, response: Insertable<ResponseTable>) {
  await trx.insertInto('responses').values(response).execute();
}

export async function recordDelivery(trx: Db, requestId: string, set: Updateable<ResponseTable>) {
  await trx.updateTable('responses').set(set).where('request_id', '=', requestId).execute();
}

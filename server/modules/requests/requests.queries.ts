/** Typed queries for cases (requests), always through the actor's scope. */
import { parseFileNumber } from '../../../contracts/fileNumber.js';
import type { Db } from '../../db/database.js';
import { prepared } from '../../db/prepared.js';
import type { Actor } from '../../platform/actor.js';
import { requestsInScope } from '../../platform/scope.js';
import { AppError } from '../../platform/errors.js';
import { sql, type Expression, type ExpressionBuilder, type Insertable, type Selectable, type SelectQueryBuilder, type SqlBool, type Updateable } from 'kysely';
import type {
  Database, DistrictTable, InspectionTable, LetterTable, OfficeTable, PersonTable, PropertyTable, RequestEventTable, RequestTable, ResponseTable, StaffTable,
} from '../../db/schema.js';
import { containsKey, containsPattern, inTransaction, matchesPattern } from '../../db/sql.js';
import { OPEN_VISIT_STATES, type RequestState } from '../../../contracts/workflow.js';
import { readCaseSearch } from './requests.search.js';

/** The service's columns a case row carries (its workflow, SLA, forms and names). */
const CASE_SERVICE_COLUMNS = [
  'services.workflow_code', 'services.sla_days', 'services.required_documents', 'services.form_fields', 'services.inspection_checklist',
  'services.inspector_specialty', 'services.answer_validity_days', 'services.answer_purpose_fa',
  'services.name_fa as service_name_fa', 'services.name_en as service_name_en',
] as const;

/** The case row with its service's workflow and SLA, if the actor may see it. */
export function findCaseInScope(db: Db, actor: Actor, id: string) {
  return db
    .selectFrom('requests')
    .innerJoin('services', 'services.id', 'requests.service_id')
    .selectAll('requests')
    .select(CASE_SERVICE_COLUMNS)
    .where('requests.id', '=', id)
    .where(requestsInScope(actor))
    .executeTakeFirst();
}
export type CaseRow = NonNullable<Awaited<ReturnType<typeof findCaseInScope>>>;

export function findActiveInspection(db: Db, requestId: string) {
  return db.selectFrom('inspections').selectAll().where('request_id', '=', requestId).where('active', '=', 1).executeTakeFirst();
}

/**
 * A case's timeline. The lower bound on `created_at` (the case's year: no line predates the case)
 * and the case's city change no answer; on PostgreSQL, where the timelines are partitioned by year
 * and by city within the year (migrations 20261206T0090 and 20261207T0220, decision 0040), they
 * keep every partition but the case's city's from its year on from being read at all.
 * `cityId`: the city the case must be in when the caller knows it (staff see only their city's
 * cases). As a value, PostgreSQL leaves the other cities' parts out as the plan starts; found from
 * the case, it leaves them unread only as the plan runs, having opened them all.
 */
export function timelineQuery(db: Db, requestId: string, publicOnly: boolean, cityId?: string) {
  let q = db
    .selectFrom('request_events')
    .selectAll()
    .where('request_id', '=', requestId)
    .where('city_id', '=', (eb) => (cityId !== undefined ? eb.val(cityId) : eb.selectFrom('requests').select('requests.city_id').where('requests.id', '=', requestId)))
    .where('created_at', '>=', (eb) =>
      eb.selectFrom('requests').select((r) => r.fn<string>('substr', ['requests.created_at', sql.lit(1), sql.lit(4)]).as('year')).where('requests.id', '=', requestId),
    );
  if (publicOnly) q = q.where('public', '=', 1);
  return q.orderBy('id');
}

const timeline = prepared((db, v: { requestId: string; publicOnly: boolean; cityId?: string }) => timelineQuery(db, v.requestId, v.publicOnly, v.cityId), ['publicOnly']);

export function listTimeline(db: Db, requestId: string, publicOnly: boolean, cityId?: string) {
  return timeline.execute(db, { requestId, publicOnly, cityId });
}

/** Everything the case page shows beside the case row itself. */
export interface CaseDetails {
  office: Pick<Selectable<OfficeTable>, 'id' | 'gov_code' | 'name_fa' | 'phone'>;
  district: Pick<Selectable<DistrictTable>, 'id' | 'number' | 'name_fa'>;
  property: Pick<
    Selectable<PropertyTable>,
    'id' | 'file_number' | 'address' | 'postal_code' | 'renovation_code' | 'plate_main' | 'plate_sub' | 'registry_section' | 'lat' | 'lng' | 'land_area' | 'land_use' | 'floors' | 'units'
  >;
  applicant: Pick<Selectable<PersonTable>, 'id' | 'kind' | 'national_code' | 'first_name' | 'last_name' | 'company_name' | 'mobile'>;
  inspection: Selectable<InspectionTable> | undefined;
  response: Selectable<ResponseTable> | undefined;
  timeline: Selectable<RequestEventTable>[];
  inspector: Pick<Selectable<StaffTable>, 'id' | 'first_name' | 'last_name' | 'specialty' | 'mobile'> | undefined;
  letter: Pick<Selectable<LetterTable>, 'serial' | 'sha256' | 'revoked_at'> | undefined;
}

/** The case page's parts other than the case row and its timeline: table, alias prefix, columns; each at most one row per case. */
const PAGE_PARTS = {
  office: { table: 'offices', prefix: 'o__', columns: ['id', 'gov_code', 'name_fa', 'phone'] },
  district: { table: 'districts', prefix: 'd__', columns: ['id', 'number', 'name_fa'] },
  property: {
    table: 'properties', prefix: 'p__',
    columns: ['id', 'file_number', 'address', 'postal_code', 'renovation_code', 'plate_main', 'plate_sub', 'registry_section', 'lat', 'lng', 'land_area', 'land_use', 'floors', 'units'],
  },
  applicant: { table: 'persons', prefix: 'a__', columns: ['id', 'kind', 'national_code', 'first_name', 'last_name', 'company_name', 'mobile'] },
  inspector: { table: 'inspector', prefix: 's__', columns: ['id', 'first_name', 'last_name', 'specialty', 'mobile'] },
  inspection: {
    table: 'inspections', prefix: 'i__',
    columns: [
      'id', 'request_id', 'inspector_id', 'active', 'assigned_at', 'assigned_by', 'scheduled_date', 'window_start', 'window_end', 'findings', 'measurements',
      'checklist', 'violations', 'gps_lat', 'gps_lng', 'gps_accuracy_m', 'visited_at', 'submitted_at',
    ],
  },
  response: {
    table: 'responses', prefix: 'r__',
    columns: [
      'id', 'request_id', 'letter_number', 'issued_at', 'issued_by', 'decision', 'text', 'conditions', 'valid_until', 'delivered_at', 'delivered_to_name',
      'delivered_to_national_code', 'delivered_by', 'delivered_letter_serial',
    ],
  },
  letter: { table: 'letters', prefix: 'l__', columns: ['serial', 'sha256', 'revoked_at'] },
} as const satisfies Record<string, { table: string; prefix: string; columns: readonly string[] }>;

/** One part of a joined row, by its alias prefix; undefined when the left join found nothing. */
function partOf<T>(flat: Record<string, unknown>, part: { prefix: string; columns: readonly string[] }): T | undefined {
  if (flat[`${part.prefix}${part.columns[0]}`] === null) return undefined;
  return Object.fromEntries(part.columns.map((c) => [c, flat[`${part.prefix}${c}`]])) as T;
}

/**
 * The case page in one statement, if the actor may see the case: the case row with its service,
 * desk, district, property file, applicant, inspector, active inspection, answer and answer letter
 * (each at most one row per case: one active inspection, one answer, one final-answer letter).
 * The timeline is read apart (listTimeline), being many rows.
 */
export function casePageQuery(db: Db, actor: Actor, id: string) {
  const parts = Object.values(PAGE_PARTS).flatMap((p) => p.columns.map((c) => sql.ref(`${p.table}.${c}`).as(`${p.prefix}${c}`)));
  return db
    .selectFrom('requests')
    .innerJoin('services', 'services.id', 'requests.service_id')
    .innerJoin('offices', 'offices.id', 'requests.office_id')
    .innerJoin('districts', 'districts.id', 'requests.district_id')
    .innerJoin('properties', 'properties.id', 'requests.property_id')
    .innerJoin('persons', 'persons.id', 'requests.applicant_person_id')
    .leftJoin('staff as inspector', 'inspector.id', 'requests.assigned_inspector_id')
    .leftJoin('inspections', (j) => j.onRef('inspections.request_id', '=', 'requests.id').on('inspections.active', '=', 1))
    .leftJoin('responses', 'responses.request_id', 'requests.id')
    .leftJoin('letters', (j) => j.onRef('letters.request_id', '=', 'requests.id').on('letters.kind', '=', 'final_answer'))
    .selectAll('requests')
    .select(CASE_SERVICE_COLUMNS)
    .select(parts)
    .where('requests.id', '=', id)
    .where(requestsInScope(actor));
}

const casePage = prepared((db, v: { actor: Actor; id: string }) => casePageQuery(db, v.actor, v.id), ['actor.role']);

export async function findCasePage(db: Db, actor: Actor, id: string): Promise<{ row: CaseRow; details: Omit<CaseDetails, 'timeline'> } | undefined> {
  const found = await casePage.executeTakeFirst(db, { actor, id });
  if (!found) return undefined;
  const flat = found as Record<string, unknown>;
  const row = Object.fromEntries(Object.entries(flat).filter(([k]) => !k.includes('__'))) as CaseRow;
  return {
    row,
    details: {
      office: partOf<CaseDetails['office']>(flat, PAGE_PARTS.office)!,
      district: partOf<CaseDetails['district']>(flat, PAGE_PARTS.district)!,
      property: partOf<CaseDetails['property']>(flat, PAGE_PARTS.property)!,
      applicant: partOf<CaseDetails['applicant']>(flat, PAGE_PARTS.applicant)!,
      inspector: partOf<NonNullable<CaseDetails['inspector']>>(flat, PAGE_PARTS.inspector),
      inspection: partOf<NonNullable<CaseDetails['inspection']>>(flat, PAGE_PARTS.inspection),
      response: partOf<NonNullable<CaseDetails['response']>>(flat, PAGE_PARTS.response),
      letter: partOf<NonNullable<CaseDetails['letter']>>(flat, PAGE_PARTS.letter),
    },
  };
}

/** The builder of findCaseForStep's statement (server/db/explain.ts checks its plan). */
export function caseForStepQuery(db: Db, actor: Actor, id: string) {
  return db
    .selectFrom('requests')
    .innerJoin('services', 'services.id', 'requests.service_id')
    .leftJoin('inspections', (j) => j.onRef('inspections.request_id', '=', 'requests.id').on('inspections.active', '=', 1))
    .selectAll('requests')
    .select(CASE_SERVICE_COLUMNS)
    .select(['inspections.id as inspection__id', 'inspections.submitted_at as inspection__submitted_at'])
    .where('requests.id', '=', id)
    .where(requestsInScope(actor));
}

// Read by every step: built once per role's scope (db/prepared.ts).
const caseForStep = prepared((db, v: { actor: Actor; id: string }) => caseForStepQuery(db, v.actor, v.id), ['actor.role']);

/**
 * The case row for a step, with its active inspection's report time (the guards' "report filed"),
 * in one statement, if the actor may see the case.
 */
export async function findCaseForStep(db: Db, actor: Actor, id: string) {
  const found = await caseForStep.executeTakeFirst(db, { actor, id });
  if (!found) return undefined;
  const { inspection__id, inspection__submitted_at, ...row } = found;
  return { row, inspection: inspection__id === null ? undefined : { submitted_at: inspection__submitted_at } };
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

/**
 * A list request as its statements take it (decision 0044): the filters set, the search read into
 * the identifiers and the name pattern it names, the page as an offset. Which of them are set is
 * the statements' shape; the values go in as values.
 */
interface CaseListValues {
  actor: Actor;
  filter: { state?: string; serviceCode?: string; officeId?: string; districtId?: string; overdueAt?: string };
  /** Absent when the clerk searched for nothing; empty when what they typed names nothing a case could match. */
  search?: { tenDigits?: string; nationalCode?: string; plate?: { main: number; sub: number; registrySection?: number }; fileNumber?: string; namePattern?: string };
  sort: CaseListFilter['sort'];
  order: CaseListFilter['order'];
  pageSize: number;
  offset: number;
}

function caseListValues(actor: Actor, f: CaseListFilter): CaseListValues {
  // An empty string filters nothing: dropped here, since a prepared statement would take it for a value set.
  const set = (value: string | undefined) => value || undefined;
  const filter = { state: set(f.state), serviceCode: set(f.serviceCode), officeId: set(f.officeId), districtId: set(f.districtId), overdueAt: set(f.overdueAt) };
  let search: CaseListValues['search'];
  if (f.q) {
    const { nameKey, ...ids } = readCaseSearch(f.q);
    // Either form of the file number: ISFAHAN-0000041 or اصفهان-۴۱.
    const fileNumber = parseFileNumber(f.q) ?? ids.fileNumber;
    search = { ...ids, ...(fileNumber ? { fileNumber } : {}), ...(nameKey ? { namePattern: containsPattern(nameKey) } : {}) };
  }
  return { actor, filter, search, sort: f.sort, order: f.order, pageSize: f.pageSize, offset: (f.page - 1) * f.pageSize };
}

/**
 * The cases in scope that match the filter, on `requests` alone: the count reads no other table
 * unless the clerk searched (an identifier then names its cases through indexes, a name is tested
 * on the applicant and the property file of each case), and the page joins the names only for its
 * own rows. Branches only on which values are set (a prepared statement's rule).
 */
function casesMatching(db: Db, { actor, filter: f, search: s }: CaseListValues) {
  let q = db.selectFrom('requests').where(requestsInScope(actor));
  if (f.state) q = q.where('requests.state', '=', f.state);
  if (f.serviceCode) q = q.where('requests.service_code', '=', f.serviceCode);
  if (f.officeId) q = q.where('requests.office_id', '=', f.officeId);
  if (f.districtId) q = q.where('requests.district_id', '=', f.districtId);
  if (f.overdueAt) q = q.where('requests.step_due_at', '<', f.overdueAt).where('requests.closed_at', 'is', null);
  if (!s) return q;
  // An exact identifier finds its cases through indexes: the person or file by its own, then the
  // cases by the applicant's, the file's or the tracking code's. The cost follows the matches, not
  // the cases in scope (a busy desk has tens of thousands). A name is a substring, which no index
  // serves: it is tested on each case in scope.
  const byId: SelectQueryBuilder<Database, 'requests', { id: string }>[] = [];
  const files = (match: (p: ExpressionBuilder<Database, 'properties'>) => Expression<SqlBool>) =>
    db
      .selectFrom('properties')
      .innerJoin('requests', 'requests.property_id', 'properties.id')
      .select('requests.id')
      .where('properties.city_id', '=', actor.cityId) // a file's identifiers are unique within its city
      .where(match);
  if (s.tenDigits) {
    const digits = s.tenDigits;
    byId.push(
      db.selectFrom('requests').select('requests.id').where('requests.tracking_code', '=', digits),
      files((p) => p('properties.postal_code', '=', digits)),
    );
  }
  if (s.nationalCode) {
    const code = s.nationalCode;
    // The applicant's code, or an owner's: the clerk holds one person's card, not their role.
    byId.push(
      db.selectFrom('persons').innerJoin('requests', 'requests.applicant_person_id', 'persons.id').select('requests.id').where('persons.national_code', '=', code),
      db
        .selectFrom('persons as owner')
        .innerJoin('property_owners as po', 'po.person_id', 'owner.id')
        .innerJoin('requests', 'requests.property_id', 'po.property_id')
        .select('requests.id')
        .where('owner.national_code', '=', code),
    );
  }
  if (s.plate) {
    const { main, sub, registrySection } = s.plate;
    byId.push(
      files((p) => {
        const plate = [p('properties.plate_main', '=', main), p('properties.plate_sub', '=', sub)];
        if (registrySection !== undefined) plate.push(p('properties.registry_section', '=', registrySection));
        return p.and(plate);
      }),
    );
  }
  if (s.fileNumber) {
    const fileNumber = s.fileNumber;
    byId.push(files((p) => p('properties.file_number', '=', fileNumber)));
  }
  return q.where((eb) => {
    const any: Expression<SqlBool>[] = [];
    const [first, ...rest] = byId;
    if (first) any.push(eb('requests.id', 'in', rest.reduce((union, next) => union.unionAll(next), first)));
    if (s.namePattern) {
      const pattern = s.namePattern;
      any.push(
        eb.exists(eb.selectFrom('persons').select(eb.lit(1).as('one')).whereRef('persons.id', '=', 'requests.applicant_person_id').where(matchesPattern('persons.search_text', pattern))),
        eb.exists(eb.selectFrom('properties').select(eb.lit(1).as('one')).whereRef('properties.id', '=', 'requests.property_id').where(matchesPattern('properties.search_text', pattern))),
      );
    }
    return any.length ? eb.or(any) : sql<SqlBool>`1 = 0`; // nothing a case could match
  });
}

/**
 * The list counts its matches up to this many and then says "more than" (decision 0047): counting
 * a busy district's tens of thousands of cases on every page was most of the list's cost, and
 * grew with the city. The pages go on past it.
 */
export const LIST_COUNT_CAP = 1_000;

function caseListStatements(db: Db, v: CaseListValues) {
  const matching = casesMatching(db, v);
  const total = db
    .selectFrom(matching.select((eb) => eb.lit(1).as('one')).limit(LIST_COUNT_CAP + 1).as('counted'))
    .select((eb) => eb.fn.countAll<number>().as('n'));
  const items = matching
    .innerJoin('services', 'services.id', 'requests.service_id')
    .innerJoin('properties', 'properties.id', 'requests.property_id')
    .innerJoin('persons', 'persons.id', 'requests.applicant_person_id')
    .innerJoin('offices', 'offices.id', 'requests.office_id')
    .innerJoin('districts', 'districts.id', 'requests.district_id')
    .leftJoin('staff as inspector', 'inspector.id', 'requests.assigned_inspector_id')
    .select([
      'requests.id', 'requests.tracking_code', 'requests.service_code', 'requests.state', 'requests.version',
      'requests.step_started_at', 'requests.step_due_at', 'requests.created_at', 'requests.updated_at', 'requests.closed_at',
      'requests.due_at', 'requests.paused_seconds', 'requests.fee_rials', 'requests.fee_paid_at', 'services.workflow_code',
      'services.name_fa as service_name_fa', 'properties.file_number', 'properties.address',
      'persons.first_name', 'persons.last_name', 'persons.company_name', 'persons.national_code',
      'offices.name_fa as office_name_fa', 'districts.number as district_number',
      'inspector.first_name as inspector_first_name', 'inspector.last_name as inspector_last_name',
    ])
    .orderBy(SORT_COLUMNS[v.sort], v.order)
    .orderBy('requests.id', v.order)
    .limit(v.pageSize)
    .offset(v.offset);
  return { total, items };
}

/** The list's two statements, the total (counted up to one past the cap) and the page, as builders (server/db/explain.ts checks their plans). */
export function caseListQueries(db: Db, actor: Actor, f: CaseListFilter) {
  return caseListStatements(db, caseListValues(actor, f));
}

// Built once per shape (the role's scope, the sort, the filters and kinds of search set), then only filled in.
const LIST_SHAPE = ['actor.role', 'sort', 'order'];
const listTotal = prepared((db, v: CaseListValues) => caseListStatements(db, v).total, LIST_SHAPE);
const listItems = prepared((db, v: CaseListValues) => caseListStatements(db, v).items, LIST_SHAPE);

/**
 * A page of the list and the total. A page that is not full is the last one, so the total is the
 * cases before it and on it, and is not counted: a search by an identifier names a few cases, and
 * its count was a seventh of the search's time. A full page, or an empty one past the first, is
 * counted (up to the cap).
 */
export async function listCases(db: Db, actor: Actor, f: CaseListFilter) {
  const v = caseListValues(actor, f);
  const items = await listItems.execute(db, v);
  const lastPage = items.length < v.pageSize && (items.length > 0 || v.offset === 0);
  const counted = lastPage ? v.offset + items.length : Number((await listTotal.executeTakeFirst(db, v))!.n);
  return { items, total: Math.min(counted, LIST_COUNT_CAP), totalCapped: counted > LIST_COUNT_CAP };
}

/**
 * The city's active inspectors (of the specialty, when one is named) with their open visits (cases
 * assigned and not yet visited), lightest load first: the pool inspectors.rules.ts picks from.
 * With `districtId`, only those of that district or covering it: the others' loads are not needed
 * when one of these can take the case. The loads are read from `inspector_open_visits`, which the
 * steps keep (`openVisitChange`): counting the open visits in `requests` on every intake grew with
 * the district's backlog (1.6 ms of an intake's 7.5 at 10^6 cases).
 */
export function activeInspectorsByLoad(db: Db, cityId: string, specialty: string | null, districtId?: string) {
  let q = db
    .selectFrom('staff')
    .innerJoin('districts', 'districts.id', 'staff.district_id')
    .leftJoin('inspector_open_visits as visits', 'visits.inspector_id', 'staff.id')
    .select([
      'staff.id', 'staff.first_name', 'staff.last_name', 'staff.username', 'staff.specialty', 'staff.district_id', 'staff.covers_district_ids',
      'districts.number as district_number', 'districts.name_fa as district_name_fa',
    ])
    .select((eb) => eb.fn.coalesce('visits.open_visits', sql.lit(0)).as('load'))
    .where('staff.city_id', '=', cityId)
    .where('staff.role', '=', 'inspector')
    .where('staff.active', '=', 1)
    .orderBy('load')
    .orderBy('staff.username');
  if (specialty) q = q.where('staff.specialty', '=', specialty);
  // covers_district_ids is a JSON list of ids: the id in its quotes, so no id matches inside another.
  if (districtId) q = q.where((eb) => eb.or([eb('staff.district_id', '=', districtId), containsKey('staff.covers_district_ids', `"${districtId}"`)]));
  return q;
}

/** Changes to inspectors' open visits, gathered by a transaction's steps: inspector id → city and the change in count. */
export type OpenVisitChanges = Map<string, { cityId: string; change: number }>;

/** A case going from `before` to `after` leaves one inspector's open visits, joins another's, or neither. */
export function openVisitChange(changes: OpenVisitChanges, before: OpenVisitCase, after: OpenVisitCase): void {
  const was = OPEN_VISIT_STATES.includes(before.state as RequestState) ? before.assigned_inspector_id : null;
  const is = OPEN_VISIT_STATES.includes(after.state as RequestState) ? after.assigned_inspector_id : null;
  if (was === is) return;
  const add = (inspectorId: string, change: number) => {
    const c = changes.get(inspectorId) ?? { cityId: after.city_id, change: 0 };
    c.change += change;
    changes.set(inspectorId, c);
  };
  if (was) add(was, -1);
  if (is) add(is, 1);
}
interface OpenVisitCase {
  state: string;
  assigned_inspector_id: string | null;
  city_id: string;
}

/**
 * Write and empty the gathered changes, in the caller's transaction: one upsert an inspector, in the
 * order of their ids (two transactions touching the same inspectors lock them in the same order).
 */
export async function writeOpenVisitChanges(trx: Db, changes: OpenVisitChanges): Promise<void> {
  const rows = [...changes].filter(([, c]) => c.change !== 0).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  changes.clear();
  for (const [inspectorId, c] of rows) {
    await trx
      .insertInto('inspector_open_visits')
      .values({ inspector_id: inspectorId, city_id: c.cityId, open_visits: c.change })
      .onConflict((oc) => oc.column('inspector_id').doUpdateSet((eb) => ({ open_visits: eb('inspector_open_visits.open_visits', '+', eb.ref('excluded.open_visits')) })))
      .execute();
  }
}

/** Count every inspector's open visits of a city (or of all) again from the cases: after a bulk load, which writes cases without steps. */
export async function rebuildOpenVisits(db: Db, cityId?: string): Promise<void> {
  await inTransaction(db, async (trx) => {
    await trx.deleteFrom('inspector_open_visits').$if(cityId !== undefined, (q) => q.where('city_id', '=', cityId!)).execute();
    await trx
      .insertInto('inspector_open_visits')
      .columns(['inspector_id', 'city_id', 'open_visits'])
      .expression(
        trx
          .selectFrom('requests')
          .select((eb) => ['requests.assigned_inspector_id', 'requests.city_id', eb.fn.countAll<number>().as('open_visits')])
          .where('requests.assigned_inspector_id', 'is not', null)
          .where('requests.state', 'in', OPEN_VISIT_STATES)
          .$if(cityId !== undefined, (q) => q.where('requests.city_id', '=', cityId!))
          .groupBy(['requests.assigned_inspector_id', 'requests.city_id']),
      )
      .execute();
  });
}

// ---------------------------------------------------------------- intake (ثبت درخواست)

interface IntakeFactsInput {
  cityId: string;
  officeId: string;
  serviceCode: string;
  propertyId: string;
  applicantPersonId: string;
}

/** The builder of findIntakeFacts's statement (server/db/explain.ts checks its plan). */
export function intakeFactsQuery(db: Db, input: IntakeFactsInput) {
  return db
    .selectFrom('offices')
    .leftJoin('services', (j) => j.on('services.city_id', '=', input.cityId).on('services.code', '=', input.serviceCode).on('services.active', '=', 1))
    .leftJoin('office_services', (j) => j.onRef('office_services.service_id', '=', 'services.id').onRef('office_services.office_id', '=', 'offices.id'))
    .leftJoin('properties', (j) => j.on('properties.id', '=', input.propertyId).on('properties.city_id', '=', input.cityId))
    .leftJoin('persons', (j) => j.on('persons.id', '=', input.applicantPersonId))
    .select([
      'offices.status as office_status',
      'services.id as service_id', 'services.code as service_code', 'services.fee_rials', 'services.workflow_code', 'services.sla_days',
      'services.required_documents', 'services.form_fields', 'services.inspection_checklist', 'services.inspector_specialty',
      'services.answer_validity_days', 'services.answer_purpose_fa', 'services.name_fa as service_name_fa', 'services.name_en as service_name_en',
      'office_services.service_id as offered',
      'properties.id as property_id', 'properties.district_id as property_district_id',
      'persons.id as applicant_id', 'persons.mobile as applicant_mobile',
    ])
    .where('offices.id', '=', input.officeId);
}

// Read by every intake: built once (db/prepared.ts).
const intakeFacts = prepared((db, v: IntakeFactsInput) => intakeFactsQuery(db, v));

/**
 * What intake checks, in one statement: the desk (its status), the city's active service of that
 * code with whether the desk offers it (`offered` null if not), the property file in the city, the
 * applicant. A part not found is undefined; the desk itself must exist.
 */
export async function findIntakeFacts(db: Db, input: IntakeFactsInput) {
  const r = await intakeFacts.executeTakeFirst(db, input);
  if (!r) throw new AppError('INTERNAL', { message: 'the desk of the intake was not found' }); // the actor's own desk: it exists
  // A left join's columns are all null together: the first (the id) says whether the part was found.
  return {
    officeStatus: r.office_status,
    service:
      r.service_id === null
        ? undefined
        : {
            id: r.service_id, code: r.service_code!, fee_rials: r.fee_rials!, workflow_code: r.workflow_code!, sla_days: r.sla_days!,
            required_documents: r.required_documents!, form_fields: r.form_fields!, inspection_checklist: r.inspection_checklist!,
            inspector_specialty: r.inspector_specialty, answer_validity_days: r.answer_validity_days!, answer_purpose_fa: r.answer_purpose_fa!,
            name_fa: r.service_name_fa!, name_en: r.service_name_en!, offered: r.offered,
          },
    property: r.property_id === null ? undefined : { id: r.property_id, district_id: r.property_district_id! },
    applicant: r.applicant_id === null ? undefined : { id: r.applicant_id, mobile: r.applicant_mobile },
  };
}

/**
 * Insert a new case under a fresh tracking code: a code already taken is passed over by the unique
 * index (ON CONFLICT DO NOTHING, which leaves the transaction usable on PostgreSQL) and another
 * drawn. Answers the code used.
 */
export async function insertCase(trx: Db, values: Omit<Insertable<RequestTable>, 'tracking_code'>, newCode: () => string): Promise<string> {
  for (let i = 0; i < 10; i++) {
    const code = newCode();
    const inserted = await trx
      .insertInto('requests')
      .values({ ...values, tracking_code: code })
      .onConflict((oc) => oc.column('tracking_code').doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows) === 1) return code;
  }
  throw new AppError('INTERNAL', { message: 'could not find a free tracking code' });
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

export async function insertTimelineLines(trx: Db, lines: readonly Insertable<RequestEventTable>[]) {
  if (lines.length) await trx.insertInto('request_events').values(lines).execute();
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

/**
 * The conditions the approval set (its timeline line's), which the answer carries unless the one
 * issuing it gives others. The case's city and year name the timeline's partition.
 */
export async function approvalConditions(db: Db, kase: { id: string; city_id: string; created_at: string }): Promise<string[]> {
  const line = await db
    .selectFrom('request_events')
    .select('data')
    .where('request_id', '=', kase.id)
    .where('city_id', '=', kase.city_id)
    .where('created_at', '>=', kase.created_at)
    .where('action', '=', 'approve')
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return line?.data ? ((JSON.parse(line.data) as { conditions?: string[] }).conditions ?? []) : [];
}

export async function insertResponse(trx: Db, response: Insertable<ResponseTable>) {
  await trx.insertInto('responses').values(response).execute();
}

export async function recordDelivery(trx: Db, requestId: string, set: Updateable<ResponseTable>) {
  await trx.updateTable('responses').set(set).where('request_id', '=', requestId).execute();
}

import type { ColumnType, Generated } from 'kysely';

/**
 * Table types for Kysely. Conventions, the same on SQLite and PostgreSQL:
 * ids are UUIDv7 text; times are ISO-8601 UTC text; booleans are 0/1 integers;
 * JSON is text (parsed in the queries files); money is whole rials.
 */

export interface CityTable {
  id: string;
  code: string;
  name_fa: string;
  name_en: string;
  province_fa: string;
  created_at: string;
}

/** منطقه شهرداری */
export interface DistrictTable {
  id: string;
  city_id: string;
  number: number;
  name_fa: string;
  name_en: string;
  address_fa: string;
  phone: string;
  /** How many desks the district should have (the plan: 8). */
  desk_target: Generated<number>;
  /** Where the district office is: the start and end of its inspectors' days. */
  office_lat: ColumnType<number | null, number | null | undefined, number | null>;
  office_lng: ColumnType<number | null, number | null | undefined, number | null>;
}

/** دفتر پیشخوان دولت acting as a service desk (میز خدمت). */
export interface OfficeTable {
  id: string;
  city_id: string;
  district_id: string;
  gov_code: string;
  name_fa: string;
  address_fa: string;
  phone: string;
  status: 'active' | 'suspended' | 'inactive';
  /** Free text shown to citizens, e.g. «شنبه تا چهارشنبه ۷:۳۰ تا ۱۴:۳۰». */
  opening_hours_fa: Generated<string>;
  created_at: string;
  updated_at: string;
}

export interface StaffTable {
  id: string;
  city_id: string;
  username: string;
  password_hash: string;
  first_name: string;
  last_name: string;
  national_code: string;
  mobile: string;
  role: string;
  office_id: string | null;
  district_id: string | null;
  specialty: string | null;
  active: number;
  created_at: string;
  updated_at: string;
  /** Inspectors: districts covered besides their own (JSON array of district ids). */
  covers_district_ids: ColumnType<string, string | undefined, string>;
  /** Inspectors: most visits in one day (سقف بازدید روزانه). */
  daily_visit_cap: ColumnType<number, number | undefined, number>;
  /** Inspectors: where the day starts and ends: the district office or home. */
  starts_from: ColumnType<'office' | 'home', 'office' | 'home' | undefined, 'office' | 'home'>;
  home_lat: ColumnType<number | null, number | null | undefined, number | null>;
  home_lng: ColumnType<number | null, number | null | undefined, number | null>;
}

/** Failed attempts at one key (`account:<username>`, `ip:<address>`, `net:<range>`): platform/throttle.ts. */
export interface ThrottleTable {
  key: string;
  failures: number;
  window_started_at: string;
  next_at: string | null;
  locked_until: string | null;
  updated_at: string;
}

export interface SessionTable {
  /** SHA-256 of the cookie token: a stolen database does not yield live sessions. */
  id: string;
  staff_id: string;
  created_at: string;
  expires_at: string;
  last_seen_at: string;
  ip: string;
  user_agent: string;
}

/** شخص حقیقی / حقوقی */
export interface PersonTable {
  id: string;
  kind: 'natural' | 'legal';
  /** کد ملی (10 digits) for natural persons, شناسه ملی (11 digits) for legal persons. */
  national_code: string;
  first_name: string | null;
  last_name: string | null;
  father_name: string | null;
  company_name: string | null;
  mobile: string | null;
  /** Normalised name text, for search. */
  search_text: string;
  /** The desk (office) that registered the person; null for those registered before it was kept, or by non-desk staff. */
  created_by_office_id: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: string;
  updated_at: string;
}

/** پرونده ملک */
export interface PropertyTable {
  id: string;
  city_id: string;
  district_id: string;
  file_number: string;
  renovation_code: string | null; // کد نوسازی
  plate_main: number | null; // پلاک ثبتی اصلی
  plate_sub: number | null; // پلاک فرعی
  registry_section: number | null; // بخش ثبتی
  postal_code: string | null;
  address: string;
  lat: number | null;
  lng: number | null;
  land_area: number | null;
  land_use: string | null; // کاربری
  floors: number | null;
  units: number | null;
  search_text: string;
  created_by_office_id: string | null;
  created_by_staff_id: string;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface PropertyOwnerTable {
  property_id: string;
  person_id: string;
  /** Share in thousandths of a dang (6 dang = 6000): exact sums without floating point. */
  share_milli_dang: number;
}

/** A service in the catalog (خدمت). */
export interface ServiceTable {
  id: string;
  city_id: string;
  code: string;
  name_fa: string;
  name_en: string;
  description_fa: string;
  description_en: string;
  category: string;
  workflow_code: string;
  inspector_specialty: string | null;
  required_documents: string; // JSON
  form_fields: string; // JSON
  inspection_checklist: string; // JSON
  sla_days: string; // JSON
  fee_rials: number;
  answer_validity_days: number;
  answer_purpose_fa: string;
  /** Expected time on site for the visit, in minutes. */
  visit_minutes: number;
  active: number;
  updated_at: string;
}

export interface OfficeServiceTable {
  office_id: string;
  service_id: string;
}

/** A citizen's request: the case (پرونده درخواست). */
export interface RequestTable {
  id: string;
  city_id: string;
  district_id: string;
  office_id: string;
  property_id: string;
  applicant_person_id: string;
  service_id: string;
  service_code: string;
  tracking_code: string; // کد رهگیری
  state: string;
  version: number;
  form: string; // JSON
  documents: string; // JSON: { [documentCode]: boolean }
  fee_rials: number;
  assigned_inspector_id: string | null;
  recommendation: string | null;
  recommendation_note: string | null;
  decision: string | null;
  decision_note: string | null;
  step_started_at: string;
  step_due_at: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  cancel_reason: string | null;
  /** The inspection date the citizen asked for; the district may choose another. */
  proposed_visit_date: string | null;
  /** The case's overall due time (service SLA from intake), moved later by time waiting on the citizen. */
  due_at: string | null;
  /** Time spent returned to the office for correction: the clock was paused (reported apart). */
  paused_seconds: Generated<number>;
  /** The card reader's reference for the fee paid at the desk; null while unpaid. */
  fee_payment_ref: string | null;
  fee_paid_at: string | null;
}

/** One line of a case's timeline. */
export interface RequestEventTable {
  id: string;
  request_id: string;
  /** The case's city: with the year, the partition the line lives in on PostgreSQL (decision 0040). */
  city_id: string;
  action: string;
  from_state: string | null;
  to_state: string;
  actor_staff_id: string | null;
  actor_role: string;
  actor_name: string;
  note: string | null;
  public: number;
  data: string | null; // JSON
  created_at: string;
}

/** An inspector's assignment to a case and, once filed, the inspection report (گزارش بازدید). */
export interface InspectionTable {
  id: string;
  request_id: string;
  inspector_id: string;
  active: number;
  assigned_at: string;
  assigned_by: string;
  scheduled_date: string | null;
  window_start: string | null;
  window_end: string | null;
  findings: string | null;
  measurements: string | null; // JSON
  checklist: string | null; // JSON
  violations: string | null; // JSON
  gps_lat: number | null;
  gps_lng: number | null;
  gps_accuracy_m: number | null;
  visited_at: string | null;
  submitted_at: string | null;
}

/** The final answer (پاسخ نهایی) and its hand-over to the owner. */
export interface ResponseTable {
  id: string;
  request_id: string;
  letter_number: string;
  issued_at: string;
  issued_by: string;
  decision: string;
  text: string;
  conditions: string | null; // JSON array of strings
  valid_until: string | null;
  delivered_at: string | null;
  delivered_to_name: string | null;
  delivered_to_national_code: string | null;
  delivered_by: string | null;
  /** The serial of the letter handed over (تحویل پاسخ), recorded by the deliver action. */
  delivered_letter_serial: string | null;
  /** The case's city: letter numbers are unique within a city (each municipality numbers its own). */
  city_id: string;
}

/** Official holidays (تعطیلات رسمی), per city, editable by the city admin. */
/** مرخصی مامور بازدید: leave, sick days, days off, entered by the district; inclusive dates. */
export interface InspectorLeaveTable {
  id: string;
  city_id: string;
  staff_id: string;
  from_date: string;
  to_date: string;
  kind: 'leave' | 'sick' | 'training';
  note: string | null;
  created_by: string;
  created_at: string;
  /** Withdrawn (the record is kept): no longer keeps the inspector off. */
  cancelled_at: ColumnType<string | null, string | null | undefined, string | null>;
  cancelled_by: ColumnType<string | null, string | null | undefined, string | null>;
}

/** برنامه بازدید روزانه: one day's plan for a group of districts. */
export interface VisitPlanTable {
  id: string;
  city_id: string;
  date: string;
  district_ids: string; // JSON array, sorted
  version: number;
  seed: number;
  travel_seconds: number;
  unassigned: string; // JSON: [{ requestId, reason }]
  routes: string; // JSON: [{ inspectorId, travelSeconds, returnSecond }]
  planned_at: string;
  planned_by: string;
  updated_at: string;
}

/** A visit in a plan: the inspector, its place in the route, and its times (seconds from the day's midnight, Tehran). */
export interface VisitPlanStopTable {
  plan_id: string;
  request_id: string;
  inspector_id: string;
  seq: number;
  arrive_second: number;
  start_second: number;
  end_second: number;
}

export interface HolidayTable {
  id: string;
  city_id: string;
  date: string;
  title_fa: string;
  title_en: string;
  kind: string;
}

/** A city's holiday list of one Solar Hijri year: official (published), provisional (computed) or confirmed by the admin. */
export interface HolidayListTable {
  id: string;
  city_id: string;
  year: number;
  status: 'official' | 'provisional' | 'confirmed';
  source: string;
  confirmed_by: string | null;
  confirmed_at: string | null;
  updated_at: string;
}

/**
 * The audit log (decision 0036): a row is written with its content hash and sealed into the chain
 * later by the sealer, which sets `chain_seq`, `prev_hash` and `hash`.
 */
export interface AuditLogTable {
  /** Given by the database on insert (SQLite rowid, PostgreSQL identity): the row's number. */
  seq: Generated<number>;
  at: string;
  actor_staff_id: string | null;
  actor_role: string | null;
  actor_office_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  ip: string | null;
  details: string | null; // JSON
  /** The city of the staff member who acted, or that a row without an actor concerns; null: every city's auditors see the row. Hashed with the row when set (platform/audit.ts). */
  city_id: string | null;
  /** SHA-256 of the content, written with the row. */
  row_hash: string;
  /** The row's place in the sealed chain; null until sealed. */
  chain_seq: number | null;
  prev_hash: string | null;
  hash: string | null;
}

/** The sealed chain's head: the last chain position and its hash. Only the sealer locks it. */
export interface AuditHeadTable {
  id: number;
  seq: number;
  hash: string;
}

export interface OutboxTable {
  id: string;
  event_type: string;
  aggregate_type: string;
  aggregate_id: string;
  payload: string; // JSON
  idempotency_key: string;
  /** skipped: the event needs no message (or has no recipient). */
  status: 'pending' | 'sent' | 'skipped' | 'dead';
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
  /** A worker's claim on the row until this time; another worker may take it after. */
  locked_until: string | null;
  provider_message_id: string | null;
}

/** An uploaded paper or photo of a case (مدرک). Never deleted: a case keeps its documents. */
export interface DocumentTable {
  id: string;
  request_id: string;
  kind: string;
  sha256: string;
  size_bytes: number;
  mime: string;
  original_name: string;
  thumbnail_sha256: string | null;
  uploaded_by: string;
  uploaded_at: string;
}

/** A chase of a late case: what was done, whom the officer contacted, what was promised. */
export interface FollowupTable {
  id: string;
  request_id: string;
  staff_id: string;
  /** The case's state when chased: the step that was late. */
  state: string;
  note: string;
  contacted: string | null;
  promised_date: string | null;
  created_at: string;
}

/** A one-time sign-in code sent by SMS; only its HMAC is kept. */
export interface CitizenOtpTable {
  id: string;
  mobile: string;
  code_hash: string;
  expires_at: string;
  attempts: number;
  consumed_at: string | null;
  ip: string;
  created_at: string;
}

/** A citizen's session (by mobile number); the id is the SHA-256 of the cookie token. */
export interface CitizenSessionTable {
  id: string;
  mobile: string;
  created_at: string;
  expires_at: string;
}

/**
 * An issued letter (نامه): the PDF of a case's final answer, of an instant inquiry answer or of an
 * excavation permit. `serial` is the unguessable public id in its QR code; `sha256` the published
 * hash of the exact bytes handed out; `public_facts` what the verification page shows, written by
 * the letter's domain (migration 0050, decision 0027); `city_id`/`district_id` whose letter it is
 * (who may revoke it). Revoked, never deleted.
 */
export interface LetterTable {
  id: string;
  serial: string;
  /** The case and its answer, for a final answer; null for a permit. */
  request_id: string | null;
  response_id: string | null;
  /** The permit, for an excavation permit letter; null otherwise. */
  excavation_id: string | null;
  /** The inquiry, for the letter of an inquiry answered at once (no case); null otherwise. */
  inquiry_id: string | null;
  kind: 'final_answer' | 'excavation_permit' | 'inquiry_answer';
  letter_number: string;
  sha256: string;
  size_bytes: number;
  /** The date printed on the letter: when the answer was issued. */
  issued_at: string;
  /** When the PDF was made (later than issued_at if the first attempt failed). */
  created_at: string;
  revoked_at: string | null;
  revoked_by: string | null;
  revoke_reason: string | null;
  /** JSON (letters.schemas LetterPublicFacts); null only for a letter whose subject was gone at migration 0050. */
  public_facts: string | null;
  city_id: string | null;
  district_id: string | null;
}

/**
 * A letter to print (چاپ نامه): written with the decision, its serial and number reserved there;
 * the letter job claims it with a lease, prints it once and records the letter. `failed` after the
 * last attempt (a download still prints it on demand).
 */
export interface LetterJobTable {
  id: string;
  serial: string;
  kind: LetterTable['kind'];
  request_id: string | null;
  response_id: string | null;
  excavation_id: string | null;
  inquiry_id: string | null;
  letter_number: string;
  issued_at: string;
  status: 'pending' | 'printed' | 'failed';
  attempts: number;
  next_attempt_at: string;
  locked_until: string | null;
  last_error: string | null;
  created_at: string;
  printed_at: string | null;
  /** Copied to the letter when it is printed (LetterTable). */
  public_facts: string | null;
  city_id: string | null;
  district_id: string | null;
}

/** An organisation whose software calls the open API (bank branch, notary office, utility, agency). */
export interface ApiClientTable {
  id: string;
  city_id: string;
  kind: 'bank' | 'notary' | 'utility' | 'agency';
  name_fa: string;
  /** Bank branch code, notary office number, company or agency registration. */
  official_code: string;
  allowed_ips: string | null; // JSON array, null = any address
  rate_limit_per_minute: number;
  webhook_url: string | null;
  webhook_secret: string | null;
  webhook_events: string; // JSON array
  active: number;
  created_at: string;
  updated_at: string;
}

/** An API key: shown once, stored as SHA-256, found by its public prefix. */
export interface ApiKeyTable {
  id: string;
  client_id: string;
  prefix: string;
  key_hash: string;
  scopes: string; // JSON array of inquiry types
  expires_at: string;
  revoked_at: string | null;
  created_at: string;
  last_used_at: string | null;
}

/** An inquiry (استعلام) from a client: answered at once from the file, or through a case. */
export interface InquiryTable {
  id: string;
  client_id: string;
  type: string;
  idempotency_key: string | null;
  /** Hash of the request body: a reused Idempotency-Key with another body is refused. */
  fingerprint: string;
  status: 'answered' | 'pending' | 'closed'; // closed: its case was cancelled without an answer
  property_id: string | null;
  subject_national_code: string;
  request_id: string | null;
  answer: string | null; // JSON
  created_at: string;
  answered_at: string | null;
  /** The organisation's own letter that asked (its number, its date YYYY-MM-DD) and its branch; null on inquiries older than these columns. */
  letter_number: string | null;
  letter_date: string | null;
  branch_name: string | null;
  branch_code: string | null;
  /** Its client's city and its property file's district, for the dashboards (decision 0048). */
  city_id: string;
  district_id: string | null;
}

/** A webhook event for a client and its delivery attempts (the client reads this log). */
export interface WebhookDeliveryTable {
  id: string;
  client_id: string;
  event_type: string;
  /** One delivery per event, however often it is noticed. */
  event_key: string;
  payload: string; // JSON, sent as the body byte for byte
  status: 'pending' | 'delivered' | 'dead';
  attempts: number;
  next_attempt_at: string;
  locked_until: string | null;
  last_status_code: number | null;
  last_error: string | null;
  created_at: string;
  delivered_at: string | null;
}

/** معبر: the kind of street dug, which sets the restoration tariff. */
export type StreetType = 'main' | 'secondary' | 'local' | 'alley' | 'sidewalk';

/** The city's restoration tariff (تعرفه ترمیم) per metre of trench, by kind of street. */
export interface ExcavationTariffTable {
  city_id: string;
  street_type: StreetType;
  rials_per_meter: number;
  updated_at: string;
}

/**
 * An excavation permit (مجوز حفاری) a utility asked for by API; the district decides. The route is
 * GeoJSON (WGS84 lng/lat); the bbox columns are those of its footprint (the route buffered by half
 * the trench width), for a cheap overlap prefilter in SQL.
 */
export interface ExcavationPermitTable {
  id: string;
  city_id: string;
  client_id: string;
  district_id: string;
  tracking_code: string;
  geometry: string; // GeoJSON LineString or Polygon
  min_lng: number;
  min_lat: number;
  max_lng: number;
  max_lat: number;
  /** Trench length in metres; for a polygon, its area divided by the width. */
  length_m: number;
  width_m: number;
  depth_m: number;
  street_type: StreetType;
  start_date: string;
  end_date: string;
  purpose: string;
  contractor_name: string;
  contractor_mobile: string;
  /** The tariff in force at submission: the fee does not move when the tariff does. */
  tariff_rials_per_meter: number;
  fee_rials: number;
  status: 'submitted' | 'approved' | 'rejected' | 'cancelled';
  /** JSON array of ids of the live permits found overlapping (place and dates) at submission. */
  overlaps: string;
  decided_by: string | null;
  decided_at: string | null;
  decision_note: string | null;
  conditions: string | null; // JSON array of strings
  /** Given on approval, printed on the permit letter (letters.excavation_id links the PDF). */
  letter_number: string | null;
  idempotency_key: string | null;
  /** Hash of the request body: a reused Idempotency-Key with another body is refused. */
  fingerprint: string;
  created_at: string;
  updated_at: string;
  version: number;
}

/**
 * A service request sent through Open311 GeoReport v2: its token (token → service_request_id),
 * the client that sent it, and the two texts the spec publishes with it. The submitter's name and
 * contact go on the case's timeline note for the desk, never here.
 */
export interface Open311RequestTable {
  request_id: string;
  token: string;
  client_id: string;
  description: string | null;
  media_url: string | null;
  created_at: string;
}

export interface CounterTable {
  name: string;
  value: number;
}

export interface Database {
  cities: CityTable;
  districts: DistrictTable;
  offices: OfficeTable;
  staff: StaffTable;
  sessions: SessionTable;
  persons: PersonTable;
  properties: PropertyTable;
  property_owners: PropertyOwnerTable;
  services: ServiceTable;
  office_services: OfficeServiceTable;
  requests: RequestTable;
  request_events: RequestEventTable;
  inspections: InspectionTable;
  inspector_leave: InspectorLeaveTable;
  visit_plans: VisitPlanTable;
  visit_plan_stops: VisitPlanStopTable;
  responses: ResponseTable;
  holidays: HolidayTable;
  holiday_lists: HolidayListTable;
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
  outbox: OutboxTable;
  counters: CounterTable;
  documents: DocumentTable;
  followups: FollowupTable;
  citizen_otps: CitizenOtpTable;
  throttles: ThrottleTable;
  citizen_sessions: CitizenSessionTable;
  api_clients: ApiClientTable;
  api_keys: ApiKeyTable;
  inquiries: InquiryTable;
  webhook_deliveries: WebhookDeliveryTable;
  letters: LetterTable;
  letter_jobs: LetterJobTable;
  excavation_tariffs: ExcavationTariffTable;
  excavation_permits: ExcavationPermitTable;
  open311_requests: Open311RequestTable;
  escalations: EscalationTable;
  rollup_cases: RollupCasesTable;
  rollup_steps: RollupStepsTable;
  rollup_cases_monthly: RollupCasesMonthlyTable;
  rollup_cases_monthly_districts: RollupCasesMonthlyDistrictsTable;
  rollup_cases_monthly_desks: RollupCasesMonthlyDesksTable;
  rollup_steps_monthly: RollupStepsMonthlyTable;
  rollup_steps_monthly_districts: RollupStepsMonthlyDistrictsTable;
  rollup_steps_monthly_desks: RollupStepsMonthlyDesksTable;
  rollup_steps_monthly_cities: RollupStepsMonthlyCitiesTable;
  rollup_desk_months: RollupDeskMonthsTable;
  rollup_inquiries_monthly: RollupInquiriesMonthlyTable;
  rollup_visits_monthly: RollupVisitsMonthlyTable;
  rollup_sealed_months: RollupSealedMonthsTable;
  inspector_open_visits: InspectorOpenVisitsTable;
}

/** An automatic escalation done for one step of a case (remind, escalate, reassign): at most once each. */
export interface EscalationTable {
  id: string;
  request_id: string;
  state: string;
  step_started_at: string;
  level: 'remind' | 'escalate' | 'reassign';
  notified_staff_id: string | null;
  reassigned_to: string | null;
  created_at: string;
}

/**
 * Cases by intake day (Tehran date) x office x service x current state, with fees. A case moves
 * between rows of its intake day as its state changes; updated in the transaction that changes it.
 */
export interface RollupCasesTable {
  day: string;
  office_id: string;
  service_code: string;
  state: string;
  city_id: string;
  district_id: string;
  cases: number;
  fee_rials: number;
  paid_rials: number;
}

/** rollup_cases summed by Jalali month of intake ('1405-09'), kept in the same transaction (decision 0045). Rows at zero stay. */
export interface RollupCasesMonthlyTable {
  month: string;
  office_id: string;
  service_code: string;
  state: string;
  city_id: string;
  district_id: string;
  cases: number;
  fee_rials: number;
  paid_rials: number;
}

/** rollup_cases_monthly summed over each district's desks, kept in the same transaction: the figures that ask for no desk read these (decision 0049). */
export interface RollupCasesMonthlyDistrictsTable {
  month: string;
  district_id: string;
  service_code: string;
  state: string;
  city_id: string;
  cases: number;
  fee_rials: number;
  paid_rials: number;
}

/** rollup_cases_monthly summed over each desk's services and states: the fee table and the desks' volume read these (decision 0050). */
export interface RollupCasesMonthlyDesksTable {
  month: string;
  office_id: string;
  city_id: string;
  district_id: string;
  cases: number;
  fee_rials: number;
  paid_rials: number;
}

/**
 * Finished steps by the day they ended x office x service x step x duration bucket. `step` is a
 * state the case left, or 'answer' (intake to answer issued) or 'turnaround' (intake to hand-over).
 * Buckets are log-spaced minutes (see reports/rollups.ts); `late` counts steps that ended past due.
 */
export interface RollupStepsTable {
  day: string;
  office_id: string;
  service_code: string;
  step: string;
  bucket: number;
  city_id: string;
  district_id: string;
  steps: number;
  late: number;
  minutes: number;
}

/**
 * A whole Jalali month's finished steps x office x service x step, written once by the month sealer
 * when the month is over (decision 0045). `buckets`: the month's duration histogram as
 * 'bucket:steps' pairs, ascending, comma-separated.
 */
export interface RollupStepsMonthlyTable {
  month: string;
  office_id: string;
  service_code: string;
  step: string;
  city_id: string;
  district_id: string;
  steps: number;
  late: number;
  minutes: number;
  buckets: string;
}

/** rollup_steps_monthly summed over each district's desks: the figures that ask for no desk read these. */
export interface RollupStepsMonthlyDistrictsTable {
  month: string;
  district_id: string;
  service_code: string;
  step: string;
  city_id: string;
  steps: number;
  late: number;
  minutes: number;
  buckets: string;
}

/** rollup_steps_monthly summed over each desk's services: the desk table reads these when no service is asked for (decision 0046). */
export interface RollupStepsMonthlyDesksTable {
  month: string;
  office_id: string;
  step: string;
  city_id: string;
  district_id: string;
  steps: number;
  late: number;
  minutes: number;
  buckets: string;
}

/** rollup_steps_monthly summed over the whole city by step: the figures by step for a city read these (decision 0050). */
export interface RollupStepsMonthlyCitiesTable {
  month: string;
  step: string;
  city_id: string;
  steps: number;
  late: number;
  minutes: number;
  buckets: string;
}

/**
 * A sealed month's figures of a desk for the desk table (decision 0050): its own steps (intake, waiting
 * on a correction, the answer waiting to be handed over) summed with their histogram, its returns for
 * correction and their minutes, and its answers' histogram. One row a desk and month.
 */
export interface RollupDeskMonthsTable {
  month: string;
  office_id: string;
  city_id: string;
  district_id: string;
  desk_steps: number;
  desk_minutes: number;
  desk_buckets: string;
  returns: number;
  return_minutes: number;
  answer_buckets: string;
}

/**
 * A sealed month's inquiries by the district of their file and their type (decision 0050): `instant`
 * answered at once, `by_case` answered through a case. Written by the month sealer; pending ones
 * are counted live. `district_id` is '' for an inquiry with none.
 */
export interface RollupInquiriesMonthlyTable {
  city_id: string;
  month: string;
  district_id: string;
  type: string;
  instant: number;
  by_case: number;
}

/** A sealed month's inspections filed, by inspector (decision 0050). */
export interface RollupVisitsMonthlyTable {
  city_id: string;
  month: string;
  inspector_id: string;
  visits: number;
}

/** The months of a city whose steps are sealed into rollup_steps_monthly(_districts, _desks); `rows` = how many desk rows it wrote. */
/** An inspector's open visits (cases assigned, not yet visited), kept by the steps (migration 20261207T0200). */
export interface InspectorOpenVisitsTable {
  inspector_id: string;
  city_id: string;
  open_visits: number;
}

export interface RollupSealedMonthsTable {
  city_id: string;
  month: string;
  sealed_at: string;
  rows: number;
}


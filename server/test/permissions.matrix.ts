/**
 * The permission matrix (who may reach which route), declared once, by hand: it is the oracle that
 * server/platform/permissions.api.test.ts checks every registered route against, for every caller
 * and, on routes that name a case, file, person, letter or permit, for a target in the caller's own
 * scope, in another office of the same district and in another district. A route the app serves
 * without an entry here fails that test, and so does an entry for a route that is gone.
 *
 * How a cell is judged (docs/decisions/0023-permission-matrix.md):
 *   allowed -> any status but 401, 403 or 404 (the matrix sends a minimal body: 400 or 409 is fine)
 *   denied  -> exactly 401 for a caller without the right credentials (anonymous, a citizen or an
 *              API key on a staff route, staff on the open API), 403 for a role without the
 *              permission (403 or 404 if the target is out of its reach too), 404 for a target out
 *              of the caller's reach (403 where REACH says so); and no row written.
 *
 * Do not derive this file from contracts/permissions.ts or platform/scope.ts: it checks them.
 */
import type { Role } from '../../contracts/roles.js';

/** Who calls: a staff role (signed in), nobody, a citizen signed in by SMS code, or another organisation's API key. */
export type Caller = Role | 'anonymous' | 'citizen' | 'apiClient';

const DESK: Role[] = ['office_operator', 'office_manager'];
const DISTRICT: Role[] = ['followup_officer', 'district_reviewer', 'district_approver'];
const STAFF: Role[] = [...DESK, 'inspector', ...DISTRICT, 'city_admin', 'auditor'];
const ADMIN: Role[] = ['city_admin'];
const WRITERS: Role[] = [...DESK, 'city_admin']; // property.write, person.write
const AUDIT: Role[] = ['city_admin', 'auditor'];
const EXCAVATION_READERS: Role[] = ['district_reviewer', 'district_approver', 'city_admin', 'auditor'];
const FIGURES: Role[] = ['district_approver', 'city_admin', 'auditor'];
const PLAN_READERS: Role[] = ['followup_officer', 'district_reviewer', 'district_approver', 'city_admin', 'auditor'];
const PLANNERS: Role[] = ['district_reviewer', 'city_admin'];
const ANYONE: Caller[] = ['anonymous', ...STAFF, 'citizen', 'apiClient'];

/**
 * What a route's path parameters name. The scoped ones (left column of REACH) get a target in
 * the caller's own scope, in another office of the district and in another district; the others
 * name one fixed thing of the city (its single tenant here), so each caller gets one cell.
 */
export type Target = keyof typeof REACH | 'office' | 'district' | 'staff' | 'service' | 'holiday' | 'year' | 'streetType' | 'outbox'
  | 'apiClient' | 'apiKey' | 'lockout' | 'trackingCode' | 'serial' | 'open311Request' | 'open311Service' | 'open311Token' | 'page'
  | 'plan' | 'leave' | 'inspector';

export type Place = 'own' | 'otherOffice' | 'otherDistrict';
const OWN: Place[] = ['own'];
const IN_DISTRICT: Place[] = ['own', 'otherOffice'];
const CITY: Place[] = ['own', 'otherOffice', 'otherDistrict'];

/**
 * Which targets each caller reaches, per kind of thing; the rest answer 404 (out of scope is not
 * found), except where `denied` says 403 (in sight but not theirs to change). "own" is: for a desk,
 * a case of its office; for an inspector, a case assigned to them; for district staff, a case of
 * their district; for a citizen, their own request; for an API client, its own inquiry or permit.
 */
const CASES = { office_operator: OWN, office_manager: OWN, inspector: OWN, followup_officer: IN_DISTRICT, district_reviewer: IN_DISTRICT, district_approver: IN_DISTRICT, city_admin: CITY, auditor: CITY };
export const REACH = {
  case: CASES,
  document: CASES, // a case's document: the case's reach
  // The registry is city-wide for desks (no duplicate files); inspectors see the files of their cases.
  property: { office_operator: CITY, office_manager: CITY, inspector: OWN, followup_officer: IN_DISTRICT, district_reviewer: IN_DISTRICT, district_approver: IN_DISTRICT, city_admin: CITY, auditor: CITY },
  // A desk edits a file only where it has business (decision 0016): another office's file is in sight, so 403.
  propertyEdit: { office_operator: OWN, office_manager: OWN, city_admin: CITY, denied: 403 },
  personEdit: { office_operator: OWN, office_manager: OWN, city_admin: CITY, denied: 403 }, // the same rule for the persons on a file
  person: { office_operator: CITY, office_manager: CITY, inspector: OWN, followup_officer: IN_DISTRICT, district_reviewer: IN_DISTRICT, district_approver: IN_DISTRICT, city_admin: CITY, auditor: CITY },
  letter: { district_approver: IN_DISTRICT, city_admin: CITY },
  excavation: { district_reviewer: IN_DISTRICT, district_approver: IN_DISTRICT, city_admin: CITY, auditor: CITY },
  citizenRequest: { citizen: OWN },
  inquiry: { apiClient: OWN },
  apiExcavation: { apiClient: OWN },
} satisfies Record<string, Reach>;

export type Reach = Partial<Record<Caller, Place[]>> & { denied?: 403 };

/** The reach table of a scoped kind; null for a fixed one (one thing of the city, reached by all who may call). */
export function reachOf(target: Target | undefined): Reach | null {
  return target && target in REACH ? (REACH as Record<string, Reach>)[target]! : null;
}

export interface Entry {
  /** Callers who may reach the route (in reach of the target, when it has one). */
  who: readonly Caller[];
  on?: Target;
  /** A list of these: what is in the caller's reach is in it, nothing else (by the targets' ids; searched for each, where the kind says how). */
  lists?: 'case' | 'property' | 'person' | 'excavation' | 'citizenRequest';
  /** What a caller without the credential the route takes gets, when not 401 (Open311's spec says 403). */
  noCredential?: 403;
}

/** Every route the app serves ("HEAD x" is the automatic twin of "GET x" and is judged with it). */
export const MATRIX: Record<string, Entry> = {
  'GET /healthz': { who: ANYONE },
  'GET /api/openapi.json': { who: ANYONE },
  'GET /api/docs': { who: ANYONE },
  'HEAD /api/docs/': { who: ANYONE }, // swagger-ui's own, with no GET twin
  'GET /api/docs/static/index.html': { who: ANYONE },
  'GET /api/docs/static/swagger-initializer.js': { who: ANYONE },
  'GET /api/docs/json': { who: ANYONE },
  'GET /api/docs/yaml': { who: ANYONE },
  'GET /api/docs/static/*': { who: ANYONE },

  'POST /api/auth/login': { who: ANYONE },
  'POST /api/auth/logout': { who: ANYONE },
  'GET /api/auth/me': { who: STAFF },
  'POST /api/auth/password': { who: STAFF },
  'GET /api/auth/lockouts': { who: ADMIN },
  'DELETE /api/auth/lockouts/:username': { who: ADMIN, on: 'lockout' },

  'POST /api/persons': { who: WRITERS },
  'GET /api/persons': { who: STAFF, lists: 'person' },
  'GET /api/persons/:id': { who: STAFF, on: 'person' },
  'PATCH /api/persons/:id': { who: WRITERS, on: 'personEdit' },
  'POST /api/properties': { who: WRITERS },
  'GET /api/properties': { who: STAFF, lists: 'property' },
  'GET /api/properties/:id': { who: STAFF, on: 'property' },
  'PATCH /api/properties/:id': { who: WRITERS, on: 'propertyEdit' },

  'GET /api/districts': { who: STAFF },
  'GET /api/map/settings': { who: STAFF },
  'PATCH /api/districts/:id': { who: ADMIN, on: 'district' },
  'GET /api/offices': { who: STAFF },
  'POST /api/offices': { who: ADMIN },
  'GET /api/offices/:id': { who: STAFF, on: 'office' },
  'PATCH /api/offices/:id': { who: ADMIN, on: 'office' },
  'GET /api/staff': { who: STAFF },
  'POST /api/staff': { who: ADMIN },
  'PATCH /api/staff/:id': { who: ADMIN, on: 'staff' },
  'GET /api/inspectors': { who: STAFF },
  'GET /api/services': { who: STAFF },
  'GET /api/services/:code': { who: STAFF, on: 'service' },
  'PATCH /api/services/:code': { who: ADMIN, on: 'service' },
  'GET /api/offices/:officeId/services': { who: STAFF, on: 'office' },
  'PUT /api/offices/:officeId/services': { who: ADMIN, on: 'office' },

  'GET /api/holidays': { who: STAFF },
  'POST /api/holidays': { who: ADMIN },
  'PATCH /api/holidays/:id': { who: ADMIN, on: 'holiday' },
  'DELETE /api/holidays/:id': { who: ADMIN, on: 'holiday' },
  'GET /api/calendar/due-date': { who: STAFF },
  'GET /api/holiday-lists': { who: STAFF },
  'POST /api/holiday-lists/:year': { who: ADMIN, on: 'year' },
  'POST /api/holiday-lists/:year/confirm': { who: ADMIN, on: 'year' },
  'POST /api/holiday-lists/:year/official': { who: ADMIN, on: 'year' },
  'GET /api/audit': { who: AUDIT },
  'GET /api/audit/verify': { who: AUDIT },

  'POST /api/requests': { who: DESK },
  'GET /api/requests': { who: STAFF, lists: 'case' },
  'GET /api/requests/:id': { who: STAFF, on: 'case' },
  'GET /api/requests/:id/eligible-inspectors': { who: [...DESK, 'district_reviewer', 'city_admin'], on: 'case' }, // whoever may assign
  'POST /api/requests/:id/payment': { who: DESK, on: 'case' },
  // Case actions: which role may take which step is the workflow's (a wrong role is 409, tested with
  // the workflow tables); the matrix checks that no one reaches another's case and nobody unsigned.
  'POST /api/requests/:id/assign-inspector': { who: STAFF, on: 'case' },
  'POST /api/requests/:id/schedule-visit': { who: STAFF, on: 'case' },
  'POST /api/requests/:id/inspection-report': { who: STAFF, on: 'case' },
  'POST /api/requests/:id/send-to-district': { who: STAFF, on: 'case' },
  'POST /api/requests/:id/recommend': { who: STAFF, on: 'case' },
  'POST /api/requests/:id/approve': { who: STAFF, on: 'case' },
  'POST /api/requests/:id/reject': { who: STAFF, on: 'case' },
  'POST /api/requests/:id/return': { who: STAFF, on: 'case' },
  'POST /api/requests/:id/resubmit': { who: STAFF, on: 'case' },
  'POST /api/requests/:id/issue-response': { who: STAFF, on: 'case' },
  'POST /api/requests/:id/deliver': { who: STAFF, on: 'case' },
  'POST /api/requests/:id/cancel': { who: STAFF, on: 'case' },
  'GET /api/inspections/mine': { who: STAFF },
  'GET /api/inspections/visit-days': { who: STAFF },
  'POST /api/requests/:id/documents': { who: [...DESK, 'inspector', 'district_reviewer', 'district_approver', 'city_admin'], on: 'case' },
  'GET /api/requests/:id/documents': { who: STAFF, on: 'case' },
  'GET /api/documents/:id': { who: STAFF, on: 'document' },
  'GET /api/requests/:id/letter': { who: STAFF, on: 'case' },
  'GET /api/requests/:id/letter/status': { who: STAFF, on: 'case' },
  'POST /api/letters/:serial/revoke': { who: ['district_approver', 'city_admin'], on: 'letter' },
  'GET /api/followup/cases': { who: STAFF },
  'GET /api/requests/:id/followups': { who: STAFF, on: 'case' },
  'POST /api/requests/:id/followups': { who: ['followup_officer', 'city_admin'], on: 'case' },
  'GET /api/outbox': { who: ADMIN },
  'POST /api/outbox/:id/resend': { who: ADMIN, on: 'outbox' },

  'GET /api/public/requests/:trackingCode': { who: ANYONE, on: 'trackingCode' },
  'GET /api/public/verify/:serial': { who: ANYONE, on: 'serial' },
  'POST /api/citizen/otp': { who: ANYONE },
  'POST /api/citizen/otp/verify': { who: ANYONE },
  'POST /api/citizen/logout': { who: ANYONE },
  'GET /api/citizen/me': { who: ['citizen'], lists: 'citizenRequest' },
  'GET /api/citizen/requests/:id': { who: ['citizen'], on: 'citizenRequest' },
  'GET /api/citizen/requests/:id/letter': { who: ['citizen'], on: 'citizenRequest' },
  'POST /api/citizen/requests/:id/proposed-visit-date': { who: ['citizen'], on: 'citizenRequest' },

  'GET /api/api-clients': { who: ADMIN },
  'POST /api/api-clients': { who: ADMIN },
  'PATCH /api/api-clients/:id': { who: ADMIN, on: 'apiClient' },
  'GET /api/api-clients/:id/keys': { who: ADMIN, on: 'apiClient' },
  'POST /api/api-clients/:id/keys': { who: ADMIN, on: 'apiClient' },
  'GET /api/api-clients/:id/webhook-deliveries': { who: ADMIN, on: 'apiClient' },
  'POST /api/api-clients/:id/keys/:keyId/revoke': { who: ADMIN, on: 'apiKey' },
  'POST /api/v1/inquiries': { who: ['apiClient'] },
  'GET /api/v1/inquiries/:id': { who: ['apiClient'], on: 'inquiry' },
  'GET /api/v1/inquiries/:id/letter': { who: ['apiClient'], on: 'inquiry' },
  'GET /api/v1/webhooks/deliveries': { who: ['apiClient'] },

  'POST /api/v1/excavations': { who: ['apiClient'] },
  'GET /api/v1/excavations/:id': { who: ['apiClient'], on: 'apiExcavation' },
  'GET /api/v1/excavations/:id/letter': { who: ['apiClient'], on: 'apiExcavation' },
  'GET /api/excavations': { who: EXCAVATION_READERS, lists: 'excavation' },
  'GET /api/excavations/:id': { who: EXCAVATION_READERS, on: 'excavation' },
  'GET /api/excavations/:id/letter': { who: EXCAVATION_READERS, on: 'excavation' },
  'POST /api/excavations/:id/decide': { who: ['district_approver'], on: 'excavation' },
  'GET /api/excavation-tariffs': { who: EXCAVATION_READERS },
  'PUT /api/excavation-tariffs/:streetType': { who: ADMIN, on: 'streetType' },

  'GET /open311/v2/discovery.:format': { who: ANYONE },
  'GET /open311/v2/services.:format': { who: ANYONE },
  'GET /open311/v2/services/:service_code.:format': { who: ANYONE, on: 'open311Service' },
  'POST /open311/v2/requests.:format': { who: ['apiClient'], noCredential: 403 },
  'GET /open311/v2/requests.:format': { who: ANYONE },
  'GET /open311/v2/requests/:service_request_id.:format': { who: ANYONE, on: 'open311Request' },
  'GET /open311/v2/tokens/:token.:format': { who: ANYONE, on: 'open311Token' },

  // The day plans of district 1 (the fixed targets are district 1's: a plan, an inspector, a leave entry).
  'GET /api/planning/day': { who: PLAN_READERS },
  'POST /api/planning/day': { who: PLANNERS },
  'POST /api/planning/plans/:planId/moves': { who: PLANNERS, on: 'plan' },
  'GET /api/planning/appointments/:id/windows': { who: PLANNERS, on: 'case' },
  'POST /api/planning/appointments/:id/confirm': { who: PLANNERS, on: 'case' },
  'GET /api/planning/leave': { who: PLAN_READERS },
  'POST /api/planning/leave': { who: PLANNERS },
  'DELETE /api/planning/leave/:id': { who: PLANNERS, on: 'leave' },
  'GET /api/planning/inspectors': { who: PLAN_READERS },
  'PATCH /api/planning/inspectors/:id': { who: PLANNERS, on: 'inspector' },
  'GET /api/planning/progress': { who: PLAN_READERS },
  'GET /api/inspections/day': { who: ['inspector'] },

  'GET /api/dashboards/figures': { who: FIGURES },
  'GET /api/dashboards/export.csv': { who: FIGURES },
  'GET /api/dashboards/export.xlsx': { who: FIGURES },
  'GET /api/dashboards/report.pdf': { who: FIGURES },

  // The built web app (dist/web), when there is one: pages and assets, the same for everyone.
  'GET /assets/*': { who: ANYONE, on: 'page' },
  'GET /track': { who: ANYONE, on: 'page' },
  'GET /verify': { who: ANYONE, on: 'page' },
  'GET /verify/*': { who: ANYONE, on: 'page' },
  'GET /*': { who: ANYONE, on: 'page' },
};

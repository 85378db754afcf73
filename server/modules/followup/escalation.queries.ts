import type { Db } from '../../db/database.js';
import type { RequestState } from '../../../contracts/workflow.js';
import type { Recipient } from './escalation.rules.js';

/**
 * Open cases past their step's due time, in a state that has a rule, with fewer escalation rows
 * for the current step than the rule has levels. Range on step_due_at (requests_step_due_idx);
 * closed cases have no step_due_at; the count is read off the escalations' unique index.
 */
export function overdueCasesToEscalate(db: Db, nowIso: string, levelsByState: Partial<Record<RequestState, number>>, limit: number) {
  const states = Object.keys(levelsByState) as RequestState[];
  if (states.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('requests')
    .select([
      'requests.id', 'requests.city_id', 'requests.district_id', 'requests.office_id', 'requests.state', 'requests.version',
      'requests.tracking_code', 'requests.step_started_at', 'requests.step_due_at', 'requests.assigned_inspector_id', 'requests.service_code',
    ])
    .where('requests.step_due_at', '<', nowIso)
    .where('requests.closed_at', 'is', null)
    .where('requests.state', 'in', states)
    .where((eb) => {
      const levels = eb.case();
      let c = levels.when('requests.state', '=', states[0]!).then(levelsByState[states[0]!]!);
      for (const s of states.slice(1)) c = c.when('requests.state', '=', s).then(levelsByState[s]!);
      return eb(
        eb.selectFrom('escalations').select((e) => e.fn.countAll().as('n')).whereRef('escalations.request_id', '=', 'requests.id').whereRef('escalations.step_started_at', '=', 'requests.step_started_at'),
        '<',
        c.else(0).end(),
      );
    })
    .orderBy('requests.step_due_at')
    .limit(limit)
    .execute();
}

export function escalationLevelsDone(db: Db, requestId: string, stepStartedAt: string) {
  return db.selectFrom('escalations').select('level').where('request_id', '=', requestId).where('step_started_at', '=', stepStartedAt).execute();
}

export interface CaseForRecipients {
  city_id: string;
  district_id: string;
  office_id: string;
  assigned_inspector_id: string | null;
}

/** The active staff a rule's recipient names for a case. */
export async function recipientsOf(db: Db, who: Recipient, c: CaseForRecipients) {
  const base = db.selectFrom('staff').select(['id', 'first_name', 'last_name', 'mobile', 'role']).where('active', '=', 1).orderBy('username');
  switch (who) {
    case 'assigned_inspector':
      return c.assigned_inspector_id ? base.where('id', '=', c.assigned_inspector_id).execute() : [];
    case 'desk': {
      const managers = await base.where('office_id', '=', c.office_id).where('role', '=', 'office_manager').execute();
      return managers.length ? managers : base.where('office_id', '=', c.office_id).where('role', '=', 'office_operator').execute();
    }
    case 'district_reviewers':
      return base.where('district_id', '=', c.district_id).where('role', '=', 'district_reviewer').execute();
    case 'district_approvers':
      return base.where('district_id', '=', c.district_id).where('role', '=', 'district_approver').execute();
    case 'city_admins':
      return base.where('city_id', '=', c.city_id).where('role', '=', 'city_admin').execute();
  }
}

/** Active follow-up officers of every district, with their district. */
export function followupOfficers(db: Db) {
  return db
    .selectFrom('staff')
    .innerJoin('districts', 'districts.id', 'staff.district_id')
    .select(['staff.id', 'staff.city_id', 'staff.district_id', 'districts.number as district_number'])
    .where('staff.role', '=', 'followup_officer')
    .where('staff.active', '=', 1)
    .orderBy('staff.username')
    .execute();
}

export function existingOutboxKeys(db: Db, keys: string[]) {
  if (keys.length === 0) return Promise.resolve([]);
  return db.selectFrom('outbox').select('idempotency_key').where('idempotency_key', 'in', keys).execute();
}

/** A district's open cases with a running clock (the paused correction step excluded). */
export function districtOpenClocks(db: Db, districtId: string) {
  return db
    .selectFrom('requests')
    .select(['tracking_code', 'step_started_at', 'step_due_at'])
    .where('district_id', '=', districtId)
    .where('closed_at', 'is', null)
    .where('step_due_at', 'is not', null)
    .where('state', '!=', 'returned_to_office')
    .execute();
}

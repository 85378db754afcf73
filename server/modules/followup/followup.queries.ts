import type { Db } from '../../db/database.js';
import type { Actor } from '../../platform/actor.js';
import { requestsInScope } from '../../platform/scope.js';

/** Open cases with a running SLA clock, with who holds each step. */
export function openCasesWithClock(db: Db, actor: Actor, districtId: string | undefined) {
  let q = db
    .selectFrom('requests')
    .innerJoin('offices', 'offices.id', 'requests.office_id')
    .innerJoin('districts', 'districts.id', 'requests.district_id')
    .innerJoin('services', 'services.id', 'requests.service_id')
    .leftJoin('staff as inspector', 'inspector.id', 'requests.assigned_inspector_id')
    .select([
      'requests.id', 'requests.tracking_code', 'requests.state', 'requests.step_started_at', 'requests.step_due_at', 'requests.office_id',
      'offices.name_fa as office_name_fa', 'offices.phone as office_phone', 'districts.number as district_number',
      'services.name_fa as service_name_fa', 'inspector.first_name as inspector_first_name', 'inspector.last_name as inspector_last_name',
      'inspector.mobile as inspector_mobile',
    ])
    .where(requestsInScope(actor))
    .where('requests.closed_at', 'is', null)
    .where('requests.step_due_at', 'is not', null);
  if (districtId) q = q.where('requests.district_id', '=', districtId);
  return q.execute();
}

/** The step a case is at and whether it is closed (its reach checked by the caller). */
export function findCaseStep(db: Db, requestId: string) {
  return db.selectFrom('requests').select(['city_id', 'state', 'closed_at']).where('id', '=', requestId).executeTakeFirstOrThrow();
}

export function latestFollowups(db: Db, requestIds: string[]) {
  if (requestIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('followups')
    .select(['request_id', 'note', 'promised_date', 'created_at'])
    .where('request_id', 'in', requestIds)
    .orderBy('created_at', 'desc')
    .execute();
}

export function listFollowupsOfRequest(db: Db, requestId: string) {
  return db
    .selectFrom('followups')
    .innerJoin('staff', 'staff.id', 'followups.staff_id')
    .select(['followups.id', 'followups.state', 'followups.note', 'followups.contacted', 'followups.promised_date', 'followups.created_at', 'staff.first_name', 'staff.last_name'])
    .where('followups.request_id', '=', requestId)
    .orderBy('followups.created_at', 'desc')
    .execute();
}

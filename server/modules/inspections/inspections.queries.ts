import type { Db } from '../../db/database.js';
import type { Actor } from '../../platform/actor.js';
import { requestsInScope } from '../../platform/scope.js';
import { OPEN_VISIT_STATES } from '../../../contracts/workflow.js';

export interface VisitFilter {
  date?: string;
  page: number;
  pageSize: number;
}

/** The inspector's open assignments: scheduled ones by day and window, unscheduled ones last; the total and the page, as builders. */
export function myVisitsQueries(db: Db, actor: Actor, f: VisitFilter) {
  let q = db
    .selectFrom('inspections')
    .innerJoin('requests', 'requests.id', 'inspections.request_id')
    .innerJoin('services', 'services.id', 'requests.service_id')
    .innerJoin('properties', 'properties.id', 'requests.property_id')
    .innerJoin('persons', 'persons.id', 'requests.applicant_person_id')
    .where(requestsInScope(actor))
    .where('inspections.inspector_id', '=', actor.staffId)
    .where('inspections.active', '=', 1)
    .where('requests.state', 'in', OPEN_VISIT_STATES);
  if (f.date) q = q.where('inspections.scheduled_date', '=', f.date);
  const total = q.select((eb) => eb.fn.countAll<number>().as('n'));
  const items = q
    .select([
      'requests.id as request_id', 'requests.tracking_code', 'requests.state', 'requests.version', 'requests.step_due_at',
      'requests.fee_paid_at', 'requests.closed_at', 'services.workflow_code',
      'services.name_fa as service_name_fa', 'inspections.scheduled_date', 'inspections.window_start', 'inspections.window_end',
      'properties.file_number', 'properties.address', 'properties.lat', 'properties.lng', 'persons.first_name', 'persons.last_name',
      'persons.company_name', 'persons.mobile',
    ])
    .select((eb) => eb.case().when('inspections.scheduled_date', 'is', null).then(1).else(0).end().as('unscheduled'))
    .orderBy('unscheduled')
    .orderBy('inspections.scheduled_date')
    .orderBy('inspections.window_start')
    .orderBy('requests.tracking_code')
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize);
  return { total, items };
}

export async function listMyVisits(db: Db, actor: Actor, f: VisitFilter) {
  const q = myVisitsQueries(db, actor, f);
  const total = await q.total.executeTakeFirstOrThrow();
  const items = await q.items.execute();
  return { items, total: Number(total.n) };
}

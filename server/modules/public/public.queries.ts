import type { Db } from '../../db/database.js';
import { prepared } from '../../db/prepared.js';
export { listTimeline } from '../requests/index.js';

/** The case whose applicant, or one of whose property's owners, holds this national code (a builder: server/db/explain.ts checks its plan). */
export function trackedRequestQuery(db: Db, trackingCode: string, nationalCode: string) {
  return db
    .selectFrom('requests')
    .innerJoin('services', 'services.id', 'requests.service_id')
    .innerJoin('offices', 'offices.id', 'requests.office_id')
    .innerJoin('persons as applicant', 'applicant.id', 'requests.applicant_person_id')
    .leftJoin('inspections', (j) => j.onRef('inspections.request_id', '=', 'requests.id').on('inspections.active', '=', 1))
    .select([
      'requests.id', 'requests.tracking_code', 'requests.service_code', 'requests.state', 'requests.created_at', 'requests.step_due_at',
      'requests.closed_at', 'services.name_fa as service_name_fa', 'services.name_en as service_name_en',
      'offices.name_fa as office_name_fa', 'offices.phone as office_phone',
      'inspections.scheduled_date', 'inspections.window_start', 'inspections.window_end', 'inspections.submitted_at as visit_reported_at',
    ])
    .where('requests.tracking_code', '=', trackingCode)
    .where((eb) =>
      eb.or([
        eb('applicant.national_code', '=', nationalCode),
        eb.exists(
          eb
            .selectFrom('property_owners as po')
            .innerJoin('persons as owner', 'owner.id', 'po.person_id')
            .select(eb.lit(1).as('one'))
            .whereRef('po.property_id', '=', 'requests.property_id')
            .where('owner.national_code', '=', nationalCode),
        ),
      ]),
    );
}

const trackedRequest = prepared((db, v: { trackingCode: string; nationalCode: string }) => trackedRequestQuery(db, v.trackingCode, v.nationalCode));

export function findTrackedRequest(db: Db, trackingCode: string, nationalCode: string) {
  return trackedRequest.executeTakeFirst(db, { trackingCode, nationalCode });
}

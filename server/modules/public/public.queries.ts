import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import { prepared } from '../../db/prepared.js';

/**
 * The case whose applicant, or one of whose property's owners, holds this national code, one row a
 * line of its public timeline (one row with no line when it has none): one statement for the whole
 * answer (a builder: server/db/explain.ts checks its plan). The timeline's lines are read in the
 * case's city from its year on, as the case page reads them (timelineQuery). Unordered: an ORDER BY on the line
 * would have PostgreSQL walk every year's index in its order; the caller orders the few lines.
 */
export function trackedRequestQuery(db: Db, trackingCode: string, nationalCode: string) {
  return db
    .selectFrom('requests')
    .innerJoin('services', 'services.id', 'requests.service_id')
    .innerJoin('offices', 'offices.id', 'requests.office_id')
    .innerJoin('persons as applicant', 'applicant.id', 'requests.applicant_person_id')
    .leftJoin('inspections', (j) => j.onRef('inspections.request_id', '=', 'requests.id').on('inspections.active', '=', 1))
    // The line's case is named again by its tracking code, in subqueries PostgreSQL runs once before
    // the join (InitPlans): it then reads, in its city's part of each year, that case's lines by the
    // index, and skips the other cities' parts and the years before it. Joined on `requests.id`
    // alone, it walked the empty years' indexes whole.
    .leftJoin('request_events as line', (j) =>
      j
        .on('line.request_id', '=', (eb) => eb.selectFrom('requests as asked').select('asked.id').where('asked.tracking_code', '=', trackingCode))
        .onRef('line.request_id', '=', 'requests.id')
        .on('line.public', '=', 1)
        .on('line.city_id', '=', (eb) => eb.selectFrom('requests as asked').select('asked.city_id').where('asked.tracking_code', '=', trackingCode))
        .on('line.created_at', '>=', (eb) =>
          eb
            .selectFrom('requests as asked')
            .select((e) => e.fn<string>('substr', ['asked.created_at', sql.lit(1), sql.lit(4)]).as('year'))
            .where('asked.tracking_code', '=', trackingCode),
        ),
    )
    .select([
      'requests.id', 'requests.tracking_code', 'requests.service_code', 'requests.state', 'requests.created_at', 'requests.step_due_at',
      'requests.closed_at', 'services.name_fa as service_name_fa', 'services.name_en as service_name_en',
      'offices.name_fa as office_name_fa', 'offices.phone as office_phone',
      'inspections.scheduled_date', 'inspections.window_start', 'inspections.window_end', 'inspections.submitted_at as visit_reported_at',
      'line.id as line_id', 'line.action as line_action', 'line.to_state as line_to_state', 'line.created_at as line_at',
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
  return trackedRequest.execute(db, { trackingCode, nationalCode });
}

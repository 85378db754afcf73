/**
 * The statements the hot paths run (issue 14's table: tracking, search, the desk's list, the case
 * page, the district queue, the inspector's round, the bank's inquiry, the outbox, the dashboards' rollups, the audit sealer, the metrics' past-due count), built by the same
 * functions the services call, for the plan check (server/db/explain.ts). A new hot path adds its
 * builder here.
 */
import { isPostgres, type Db } from '../db/database.js';
import type { HotQuery } from '../db/explain.js';
import type { Actor } from '../platform/actor.js';
import type { Role } from '../../contracts/roles.js';
import { activeInspectorsByLoad, caseForStepQuery, caseListQueries, casePageQuery, intakeFactsQuery, lightestDeskQuery, timelineQuery } from '../modules/requests/index.js';
import { holidayCalendarQuery } from '../modules/calendar/index.js';
import { trackedRequestQuery } from '../modules/public/index.js';
import { myVisitsQueries } from '../modules/inspections/index.js';
import { fileFactsQueries, inquiryByKeyQuery, inquiryLetterFactsQuery, propertyByIdentifiersQuery } from '../modules/inquiries/index.js';
import { dueOutboxQuery } from '../modules/notifications/index.js';
import { apiKeyQuery } from '../modules/clients/index.js';
import { sealLinksQuery } from '../platform/audit.js';
import { pastDueCountsQuery } from '../platform/metrics.js';
import { caseSumsQuery, deskMonthsQuery, inspectorWorkloadQuery, pendingInquiriesQuery, stepSumsQuery } from '../modules/dashboards/index.js';

async function actorOf(db: Db, role: Role): Promise<Actor> {
  const s = await db
    .selectFrom('staff')
    .select(['id', 'role', 'city_id', 'office_id', 'district_id'])
    .where('role', '=', role)
    .where('active', '=', 1)
    .orderBy('username')
    .executeTakeFirstOrThrow();
  return { staffId: s.id, role, cityId: s.city_id, officeId: s.office_id, districtId: s.district_id, name: role, ip: '127.0.0.1' };
}

export async function hotQueries(db: Db): Promise<HotQuery[]> {
  const desk = await actorOf(db, 'office_operator');
  const reviewer = await actorOf(db, 'district_reviewer');
  const inspector = await actorOf(db, 'inspector');
  // Any values will do: the plan depends on the statement, not on whether a row matches.
  const caseId = '0190a000-0000-7000-8000-000000000001';
  const firstPage = { page: 1, pageSize: 20, sort: 'createdAt', order: 'desc' } as const;
  const deskList = caseListQueries(db, desk, firstPage);
  const search = caseListQueries(db, desk, { ...firstPage, q: '0012345679' });
  const queue = caseListQueries(db, reviewer, { ...firstPage, state: 'district_review', sort: 'stepDueAt', order: 'asc' });
  const visits = myVisitsQueries(db, inspector, { page: 1, pageSize: 20 });
  const facts = fileFactsQueries(db, caseId);
  const cityYear = {
    cityId: desk.cityId, districtId: null, officeId: null, serviceCode: null,
    months: ['1405-01', '1405-02'], days: [{ from: '2026-03-10', to: '2026-03-20' }, { from: '2026-05-21', to: '2026-05-30' }],
  };
  const sealerLinks = Array.from({ length: 500 }, (_, i) => ({ seq: i + 1, at: '2026-03-21T00:00:00.000Z', chainSeq: i + 1, prev: '0'.repeat(64), hash: '1'.repeat(64) }));
  return [
    { name: 'public tracking: the case and its public timeline', query: trackedRequestQuery(db, '1405123456', '0012345679') },
    { name: 'desk search by national code: total', query: search.total },
    { name: 'desk search by national code: page', query: search.items },
    { name: 'desk case list, first page: total', query: deskList.total },
    { name: 'desk case list, first page: page', query: deskList.items },
    { name: 'case page: the case', query: casePageQuery(db, desk, caseId) },
    { name: 'case page: timeline', query: timelineQuery(db, caseId, false, desk.cityId) },
    { name: "citizen's case page: public timeline", query: timelineQuery(db, caseId, true) },
    { name: "intake: the district's inspectors by their open visits", query: activeInspectorsByLoad(db, desk.cityId, 'building', desk.districtId!) },
    {
      name: 'intake: the desk, the service, the file and the applicant',
      query: intakeFactsQuery(db, { cityId: desk.cityId, officeId: desk.officeId!, serviceCode: 'property_inspection', propertyId: caseId, applicantPersonId: caseId }),
    },
    { name: "a step: the case with its active inspection's report", query: caseForStepQuery(db, reviewer, caseId) },
    { name: "intake and a step: the city's holidays", query: holidayCalendarQuery(db, desk.cityId) },
    { name: 'district queue: total', query: queue.total },
    { name: 'district queue: page', query: queue.items },
    { name: "inspector's visits: total", query: visits.total },
    { name: "inspector's visits: page", query: visits.items },
    { name: 'API key of a call', query: apiKeyQuery(db, 'mk_abcdefgh') },
    { name: 'inquiry by idempotency key', query: inquiryByKeyQuery(db, caseId, 'key-1') },
    { name: 'inquiry: file by postal code', query: propertyByIdentifiersQuery(db, desk.cityId, { postalCode: '8173948571' })! },
    { name: 'inquiry: the file\'s last visit', query: facts.last },
    { name: 'inquiry: the file\'s open cases', query: facts.open },
    { name: "inquiry: the instant answer's letter facts", query: inquiryLetterFactsQuery(db, caseId), by: { inquiries: 'id' } },
    { name: "inquiry's case: the district's lightest desk", query: lightestDeskQuery(db, desk.districtId!, 'property_inspection') },
    { name: 'outbox: rows due', query: dueOutboxQuery(db, new Date()) },
    { name: 'metrics: open cases past due, by clock', query: pastDueCountsQuery(db, new Date().toISOString()) },
    // A city year: whole months at the month level, a range's edges at the day level (decision 0045).
    { name: 'dashboards: cases by month, month rows', query: caseSumsQuery(db, 'month', cityYear, ['month', 'state']) },
    { name: 'dashboards: cases by month, day rows', query: caseSumsQuery(db, 'day', cityYear, ['month', 'state']) },
    { name: 'dashboards: backlog', query: caseSumsQuery(db, 'month', { ...cityYear, months: 'all' }, ['state'], ['registered', 'district_review']) },
    { name: 'dashboards: steps by desk, month rows', query: stepSumsQuery(db, 'month', cityYear, ['registered', 'answer'], ['office_id', 'step']) },
    { name: 'dashboards: steps by step, month rows of the city', query: stepSumsQuery(db, 'month', cityYear, null, ['step']) },
    { name: 'dashboards: steps by step, month rows of a district', query: stepSumsQuery(db, 'month', { ...cityYear, districtId: reviewer.districtId }, null, ['step']) },
    { name: 'dashboards: steps by step, day rows of a district', query: stepSumsQuery(db, 'day', { ...cityYear, districtId: reviewer.districtId }, null, ['step']) },
    { name: 'dashboards: the desks, month rows', query: deskMonthsQuery(db, cityYear) },
    // The counts that stay live beside the sealed months (decision 0050).
    { name: 'dashboards: inspectors and their open assignments', query: inspectorWorkloadQuery(db, desk.cityId, null) },
    { name: 'dashboards: pending inquiries of the city', query: pendingInquiriesQuery(db, cityYear, '2025-03-21T00:00:00Z', '2026-03-21T00:00:00Z') },
    { name: 'dashboards: pending inquiries of a district', query: pendingInquiriesQuery(db, { ...cityYear, districtId: reviewer.districtId }, '2025-03-21T00:00:00Z', '2026-03-21T00:00:00Z') },
    // SQLite only: PostgreSQL joins a test database's few log rows by walking its primary key
    // (a merge join), which this check cannot tell from a lost index; on 2·10^4 cases its plan is
    // a nested loop on the primary key, with or without the unary plus (docs/performance.md).
    ...(isPostgres(db) ? [] : [{ name: 'audit sealer: a pass of 500 links', query: { compile: () => sealLinksQuery(sealerLinks, false).compile(db) } }]),
  ];
}

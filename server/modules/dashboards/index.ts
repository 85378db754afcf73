/** The dashboards' face to the rest of the server (decision 0031): routes, the monthly report for the scripts, the rollup reads for the plan check. */
export { dashboardsRoutes } from './dashboards.routes.js';
export { monthlyReportPdf } from './dashboards.report.js';
export { parseJalaliMonth } from './dashboards.rules.js';
export { caseSumsQuery, deskMonthsQuery, inspectorWorkloadQuery, pendingInquiriesQuery, stepSumsQuery } from './dashboards.queries.js';

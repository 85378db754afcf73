/** The dashboards' face to the rest of the server (decision 0031): routes, and the monthly report for the scripts. */
export { dashboardsRoutes } from './dashboards.routes.js';
export { monthlyReportPdf } from './dashboards.report.js';
export { parseJalaliMonth } from './dashboards.rules.js';

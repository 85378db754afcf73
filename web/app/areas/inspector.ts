/** The inspector's pages (مامور بازدید), one chunk: the day's visits and the report (pages.ts). */
export { VisitsPage } from '../../features/inspections/VisitsPage';
export { ReportPage } from '../../features/inspections/ReportPage';

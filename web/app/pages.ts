/**
 * The staff app's pages: adding one is an entry here and its component under
 * features/<module>/ (plus a MENU entry in menu.ts if it belongs in the menu).
 */
import type { ComponentType } from 'react';
import { HomePage } from '../features/home/HomePage';
import { SearchPage } from '../features/desk/SearchPage';
import { EditPropertyPage, NewPropertyPage } from '../features/properties/PropertyFormPage';
import { PropertyPage } from '../features/properties/PropertyPage';
import { PropertyPrintPage } from '../features/properties/PropertyPrintPage';
import { CaseListPage } from '../features/requests/CaseListPage';
import { CasePage } from '../features/requests/CasePage';
import { IntakePage } from '../features/requests/IntakePage';
import { ReceiptPage } from '../features/requests/ReceiptPage';
import { ReportPage } from '../features/inspections/ReportPage';
import { VisitsPage } from '../features/inspections/VisitsPage';
import { DistrictQueuePage } from '../features/district/DistrictQueuePage';
import { FollowupPage } from '../features/followup/FollowupPage';
import { OfficesPage } from '../features/admin/OfficesPage';
import { StaffAdminPage } from '../features/admin/StaffAdminPage';
import { ServicesPage } from '../features/admin/ServicesPage';
import { HolidaysPage } from '../features/admin/HolidaysPage';
import { OutboxPage } from '../features/notifications/OutboxPage';
import { ClientsPage } from '../features/clients/ClientsPage';
import { ClientPage } from '../features/clients/ClientPage';
import { AuditPage } from '../features/audit/AuditPage';
import { DashboardPage } from '../features/dashboards/DashboardPage';
import { PlanningBoardPage } from '../features/planning/PlanningBoardPage';

export interface StaffPage {
  path: string;
  Component: ComponentType;
}

export const STAFF_PAGES: StaffPage[] = [
  { path: '/', Component: HomePage },
  { path: '/search', Component: SearchPage },
  { path: '/properties/new', Component: NewPropertyPage },
  { path: '/properties/:id', Component: PropertyPage },
  { path: '/properties/:id/edit', Component: EditPropertyPage },
  { path: '/properties/:id/print', Component: PropertyPrintPage },
  { path: '/requests', Component: CaseListPage },
  { path: '/requests/new', Component: IntakePage },
  { path: '/requests/:id', Component: CasePage },
  { path: '/requests/:id/receipt', Component: ReceiptPage },
  { path: '/visits', Component: VisitsPage },
  { path: '/visits/:requestId/report', Component: ReportPage },
  { path: '/district', Component: DistrictQueuePage },
  { path: '/followup', Component: FollowupPage },
  { path: '/planning', Component: PlanningBoardPage },
  { path: '/admin/offices', Component: OfficesPage },
  { path: '/admin/staff', Component: StaffAdminPage },
  { path: '/admin/services', Component: ServicesPage },
  { path: '/admin/holidays', Component: HolidaysPage },
  { path: '/admin/outbox', Component: OutboxPage },
  { path: '/admin/api-clients', Component: ClientsPage },
  { path: '/admin/api-clients/:id', Component: ClientPage },
  { path: '/audit', Component: AuditPage },
  { path: '/dashboards', Component: DashboardPage },
];

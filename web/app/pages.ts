/**
 * The staff app's pages: adding one is an entry here and its component under
 * features/<module>/ (plus a MENU entry in menu.ts if it belongs in the menu).
 *
 * Each page is fetched the first time it is opened (React.lazy; StaffLayout shows the loading
 * state meanwhile), so a desk clerk's first screen never carries the dashboards, the planning
 * board, the maps or the admin pages, nor ECharts and Leaflet behind them (decision 0043;
 * e2e/specs/bundle-size.e2e.test.ts holds it). Code that several pages share goes into chunks of its own.
 */
import { lazy, type ComponentType } from 'react';
import { matchRoutes } from 'react-router';

type PageComponent = ComponentType & { preload(): void };

/** A page component from a module that names its exports (React.lazy wants a default one). */
function page<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K): PageComponent {
  const Component = lazy(async (): Promise<{ default: ComponentType }> => ({ default: (await load())[name] }));
  // The browser fetches a module once: React.lazy's own import later gets the same one.
  return Object.assign(Component, { preload: () => void load() });
}

export interface StaffPage {
  path: string;
  Component: PageComponent;
}

export const STAFF_PAGES: StaffPage[] = [
  { path: '/', Component: page(() => import('../features/home/HomePage'), 'HomePage') },
  { path: '/search', Component: page(() => import('../features/desk/SearchPage'), 'SearchPage') },
  { path: '/properties/new', Component: page(() => import('../features/properties/PropertyFormPage'), 'NewPropertyPage') },
  { path: '/properties/:id', Component: page(() => import('../features/properties/PropertyPage'), 'PropertyPage') },
  { path: '/properties/:id/edit', Component: page(() => import('../features/properties/PropertyFormPage'), 'EditPropertyPage') },
  { path: '/properties/:id/print', Component: page(() => import('../features/properties/PropertyPrintPage'), 'PropertyPrintPage') },
  { path: '/requests', Component: page(() => import('../features/requests/CaseListPage'), 'CaseListPage') },
  { path: '/requests/new', Component: page(() => import('../features/requests/IntakePage'), 'IntakePage') },
  { path: '/requests/:id', Component: page(() => import('../features/requests/CasePage'), 'CasePage') },
  { path: '/requests/:id/receipt', Component: page(() => import('../features/requests/ReceiptPage'), 'ReceiptPage') },
  { path: '/visits', Component: page(() => import('../features/inspections/VisitsPage'), 'VisitsPage') },
  { path: '/visits/:requestId/report', Component: page(() => import('../features/inspections/ReportPage'), 'ReportPage') },
  { path: '/district', Component: page(() => import('../features/district/DistrictQueuePage'), 'DistrictQueuePage') },
  { path: '/followup', Component: page(() => import('../features/followup/FollowupPage'), 'FollowupPage') },
  { path: '/planning', Component: page(() => import('../features/planning/PlanningBoardPage'), 'PlanningBoardPage') },
  { path: '/admin/offices', Component: page(() => import('../features/admin/OfficesPage'), 'OfficesPage') },
  { path: '/admin/staff', Component: page(() => import('../features/admin/StaffAdminPage'), 'StaffAdminPage') },
  { path: '/admin/services', Component: page(() => import('../features/admin/ServicesPage'), 'ServicesPage') },
  { path: '/admin/holidays', Component: page(() => import('../features/admin/HolidaysPage'), 'HolidaysPage') },
  { path: '/admin/outbox', Component: page(() => import('../features/notifications/OutboxPage'), 'OutboxPage') },
  { path: '/admin/api-clients', Component: page(() => import('../features/clients/ClientsPage'), 'ClientsPage') },
  { path: '/admin/api-clients/:id', Component: page(() => import('../features/clients/ClientPage'), 'ClientPage') },
  { path: '/audit', Component: page(() => import('../features/audit/AuditPage'), 'AuditPage') },
  { path: '/dashboards', Component: page(() => import('../features/dashboards/DashboardPage'), 'DashboardPage') },
];

/**
 * The chunk of the page at this address, asked for at start: it then comes beside the sign-in
 * check (/api/auth/me) instead of after it, one round trip sooner on a slow line.
 */
export function preloadPage(pathname: string): void {
  matchRoutes(STAFF_PAGES, pathname)?.forEach(({ route }) => route.Component.preload());
}

/**
 * The staff app's pages: adding one is an entry here and its component under
 * features/<module>/ (plus a MENU entry in menu.ts if it belongs in the menu).
 *
 * Each role's area (app/areas/: the desk, the inspector, the district, the admin; the planning
 * board and the dashboards alone) is fetched the first time one of its pages is opened
 * (React.lazy; StaffLayout shows the loading state meanwhile), so a desk clerk never loads the
 * dashboards, the planning board, the maps or the admin pages, nor ECharts and Leaflet behind them
 * (decision 0043; e2e/specs/bundle-size.e2e.test.ts holds it). One chunk per area, not per page:
 * a clerk moving from the home to an intake fetches nothing more.
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

/** One chunk per role's area: a desk's pages come together, and never the dashboards, the board or the admin. */
const desk = () => import('./areas/desk');
const inspector = () => import('./areas/inspector');
const district = () => import('./areas/district');
const admin = () => import('./areas/admin');

export const STAFF_PAGES: StaffPage[] = [
  { path: '/', Component: page(desk, 'HomePage') },
  { path: '/search', Component: page(desk, 'SearchPage') },
  { path: '/properties/new', Component: page(desk, 'NewPropertyPage') },
  { path: '/properties/:id', Component: page(desk, 'PropertyPage') },
  { path: '/properties/:id/edit', Component: page(desk, 'EditPropertyPage') },
  { path: '/properties/:id/print', Component: page(desk, 'PropertyPrintPage') },
  { path: '/requests', Component: page(desk, 'CaseListPage') },
  { path: '/requests/new', Component: page(desk, 'IntakePage') },
  { path: '/requests/:id', Component: page(desk, 'CasePage') },
  { path: '/requests/:id/receipt', Component: page(desk, 'ReceiptPage') },
  { path: '/visits', Component: page(inspector, 'VisitsPage') },
  { path: '/visits/:requestId/report', Component: page(inspector, 'ReportPage') },
  { path: '/district', Component: page(district, 'DistrictQueuePage') },
  { path: '/followup', Component: page(district, 'FollowupPage') },
  { path: '/planning', Component: page(() => import('../features/planning/PlanningBoardPage'), 'PlanningBoardPage') },
  { path: '/admin/offices', Component: page(admin, 'OfficesPage') },
  { path: '/admin/staff', Component: page(admin, 'StaffAdminPage') },
  { path: '/admin/services', Component: page(admin, 'ServicesPage') },
  { path: '/admin/holidays', Component: page(admin, 'HolidaysPage') },
  { path: '/admin/outbox', Component: page(admin, 'OutboxPage') },
  { path: '/admin/api-clients', Component: page(admin, 'ClientsPage') },
  { path: '/admin/api-clients/:id', Component: page(admin, 'ClientPage') },
  { path: '/audit', Component: page(admin, 'AuditPage') },
  { path: '/dashboards', Component: page(() => import('../features/dashboards/DashboardPage'), 'DashboardPage') },
];

/**
 * The chunk of the page at this address, asked for at start: it then comes beside the sign-in
 * check (/api/auth/me) instead of after it, one round trip sooner on a slow line.
 */
export function preloadPage(pathname: string): void {
  matchRoutes(STAFF_PAGES, pathname)?.forEach(({ route }) => route.Component.preload());
}

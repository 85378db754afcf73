/**
 * The staff app's menu. `permission` hides an entry from roles that may not use it (the server
 * still checks every call); the permissions come from /api/auth/me, so the server's role table
 * is the only one. `roles` narrows an entry to the roles whose work it is where no permission
 * says so (an inspector's own visits).
 */
import type { Permission } from '../../contracts/permissions';
import type { Role } from '../../contracts/roles';
import { t } from '../i18n';
import type { NavItem } from '../ui/AppLayout';

export interface MenuEntry extends NavItem {
  permission?: Permission;
  roles?: Role[];
}

export const MENU: MenuEntry[] = [
  { label: t.nav.home, to: '/' },
  { label: t.desk.menu, to: '/search', permission: 'property.read' },
  { label: t.properties.menuNew, to: '/properties/new', permission: 'property.write' },
  { label: t.requests.menu, to: '/requests', permission: 'request.read' },
  { label: t.inspections.menu, to: '/visits', roles: ['inspector'] },
  { label: t.nav.track, to: '/track', external: true, permission: 'request.read' },
  { label: t.district.nav, to: '/district', roles: ['district_reviewer', 'district_approver'] },
  { label: t.followup.nav, to: '/followup', permission: 'followup.write' },
  { label: t.planning.nav, to: '/planning', permission: 'planning.read' },
  { label: t.dashboards.nav, to: '/dashboards', permission: 'dashboards.read' },
  { label: t.admin.nav.offices, to: '/admin/offices', permission: 'organisation.manage' },
  { label: t.admin.nav.staff, to: '/admin/staff', permission: 'organisation.manage' },
  { label: t.admin.nav.services, to: '/admin/services', permission: 'catalog.manage' },
  { label: t.admin.nav.holidays, to: '/admin/holidays', permission: 'calendar.manage' },
  { label: t.notifications.nav, to: '/admin/outbox', permission: 'notifications.manage' },
  { label: t.clients.nav, to: '/admin/api-clients', permission: 'clients.manage' },
  { label: t.audit.nav, to: '/audit', permission: 'audit.read' },
];

/** The entries a person's permissions (and, for entries limited to some roles, role) allow. */
export function menuFor(permissions: readonly string[], menu: readonly MenuEntry[] = MENU, role?: Role): NavItem[] {
  return menu.filter((e) => (!e.permission || permissions.includes(e.permission)) && (!e.roles || (role !== undefined && e.roles.includes(role))));
}

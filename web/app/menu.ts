/**
 * The staff app's menu. `permission` hides an entry from roles that may not use it (the server
 * still checks every call); the permissions come from /api/auth/me, so the server's role table
 * is the only one.
 */
import type { Permission } from '../../contracts/permissions';
import { t } from '../i18n';
import type { NavItem } from '../ui/AppLayout';

export interface MenuEntry extends NavItem {
  permission?: Permission;
}

export const MENU: MenuEntry[] = [
  { label: t.nav.home, to: '/' },
  { label: t.nav.track, to: '/track', external: true, permission: 'request.read' },
];

/** The entries a person's permissions allow. */
export function menuFor(permissions: readonly string[], menu: readonly MenuEntry[] = MENU): NavItem[] {
  return menu.filter((e) => !e.permission || permissions.includes(e.permission));
}

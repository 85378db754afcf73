import { describe, expect, it } from 'vitest';
import { menuFor, type MenuEntry } from './menu';

describe('the menu', () => {
  const menu: MenuEntry[] = [
    { label: 'home', to: '/' },
    { label: 'audit', to: '/audit', permission: 'audit.read' },
  ];

  it("shows entries without a permission to everyone, the rest by the role's permissions", () => {
    expect(menuFor(['request.read'], menu).map((e) => e.to)).toEqual(['/']);
    expect(menuFor(['request.read', 'audit.read'], menu).map((e) => e.to)).toEqual(['/', '/audit']);
  });

  it('shows an entry limited to some roles to those roles only', () => {
    const visits: MenuEntry[] = [{ label: 'visits', to: '/visits', roles: ['inspector'] }];
    expect(menuFor(['request.read'], visits, 'inspector').map((e) => e.to)).toEqual(['/visits']);
    expect(menuFor(['request.read'], visits, 'office_operator')).toEqual([]);
    expect(menuFor(['request.read'], visits)).toEqual([]);
  });
});

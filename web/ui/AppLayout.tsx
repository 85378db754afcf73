import type { ReactNode } from 'react';
import { Link, useLocation } from 'react-router';
import { Anchor, AppShell, Badge, Burger, Button, Group, NavLink, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { t } from '../i18n';

export interface NavItem {
  label: string;
  to: string;
  /** A page outside the staff app (its own HTML entry, such as /track): a full page load. */
  external?: boolean;
}

interface AppLayoutProps {
  user: { name: string; roleTitle: string };
  nav: NavItem[];
  onSignOut: () => void;
  children: ReactNode;
}

/**
 * The staff app's frame: header with who is signed in, navigation at the inline start (the
 * right, in Persian), the page in main. On a phone the navigation folds behind the burger.
 */
export function AppLayout({ user, nav, onSignOut, children }: AppLayoutProps) {
  const [opened, { toggle, close }] = useDisclosure();
  const { pathname } = useLocation();
  return (
    <AppShell header={{ height: 60 }} navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
      <Anchor href="#main" className="skip-link">
        {t.shell.skipToContent}
      </Anchor>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t.shell.toggleNavigation} />
            <Text fw={700} size="lg">
              {t.app.name}
            </Text>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <Text size="sm" data-testid="user-name" visibleFrom="xs">
              {user.name}
            </Text>
            <Badge variant="light" data-testid="user-role">
              {user.roleTitle}
            </Badge>
            <Button variant="subtle" size="compact-sm" onClick={onSignOut}>
              {t.auth.signOut}
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" component="nav" aria-label={t.shell.navigation}>
        {nav.map((item) =>
          item.external ? (
            <NavLink key={item.to} href={item.to} label={item.label} />
          ) : (
            <NavLink
              key={item.to}
              component={Link}
              to={item.to}
              label={item.label}
              active={pathname === item.to}
              aria-current={pathname === item.to ? 'page' : undefined}
              onClick={close}
            />
          ),
        )}
      </AppShell.Navbar>
      <AppShell.Main id="main">{children}</AppShell.Main>
    </AppShell>
  );
}

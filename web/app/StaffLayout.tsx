import { Suspense } from 'react';
import { Outlet, useNavigate } from 'react-router';
import { HolidayListBanner } from '../features/admin/HolidayListBanner';
import { useOutboxSync } from '../features/inspections/offline';
import { AppLayout } from '../ui/AppLayout';
import { LoadingState } from '../ui/LoadingState';
import { useAuth, useMe } from './auth';
import { MENU, menuFor } from './menu';

export function StaffLayout() {
  const me = useMe();
  const { signOut } = useAuth();
  const navigate = useNavigate();
  // An inspector's reports filed offline go out on start and when the connection returns.
  useOutboxSync();
  const onSignOut = async () => {
    await signOut();
    void navigate('/login', { replace: true });
  };
  return (
    <AppLayout user={{ name: `${me.firstName} ${me.lastName}`, roleTitle: me.roleTitleFa }} nav={menuFor(me.permissions, MENU, me.role)} onSignOut={onSignOut}>
      <HolidayListBanner />
      {/* The menu is drawn at once; the page's own chunk may still be on its way (pages.ts). */}
      <Suspense fallback={<LoadingState />}>
        <Outlet />
      </Suspense>
    </AppLayout>
  );
}

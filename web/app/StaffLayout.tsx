import { Outlet, useNavigate } from 'react-router';
import { AppLayout } from '../ui/AppLayout';
import { useAuth, useMe } from './auth';
import { menuFor } from './menu';

export function StaffLayout() {
  const me = useMe();
  const { signOut } = useAuth();
  const navigate = useNavigate();
  const onSignOut = async () => {
    await signOut();
    navigate('/login', { replace: true });
  };
  return (
    <AppLayout user={{ name: `${me.firstName} ${me.lastName}`, roleTitle: me.roleTitleFa }} nav={menuFor(me.permissions)} onSignOut={onSignOut}>
      <Outlet />
    </AppLayout>
  );
}

import { createBrowserRouter } from 'react-router';
import { LoginPage } from '../features/auth/LoginPage';
import { RequireAuth } from './auth';
import { STAFF_PAGES } from './pages';
import { NotFoundPage } from './NotFoundPage';
import { StaffLayout } from './StaffLayout';

export const router = createBrowserRouter([
  { path: '/login', Component: LoginPage },
  {
    element: (
      <RequireAuth>
        <StaffLayout />
      </RequireAuth>
    ),
    children: [...STAFF_PAGES, { path: '*', Component: NotFoundPage }],
  },
]);

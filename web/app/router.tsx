import { createBrowserRouter } from 'react-router';
import { LoginPage } from '../features/auth/LoginPage';
import { CitizenPortal } from '../features/citizen/CitizenPortal';
import { RequireAuth } from './auth';
import { STAFF_PAGES } from './pages';
import { NotFoundPage } from './NotFoundPage';
import { StaffLayout } from './StaffLayout';

export const router = createBrowserRouter([
  { path: '/login', Component: LoginPage },
  // Citizens have no staff account: their page stands outside the staff app's sign-in.
  { path: '/citizen/*', Component: CitizenPortal },
  {
    element: (
      <RequireAuth>
        <StaffLayout />
      </RequireAuth>
    ),
    children: [...STAFF_PAGES, { path: '*', Component: NotFoundPage }],
  },
]);

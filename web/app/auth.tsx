/**
 * Who is signed in: GET /api/auth/me, loaded once and kept in the query cache. A 401 anywhere
 * (the session ended) sets it to null, and RequireAuth sends the person to /login.
 */
import { createContext, useContext, type ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, unwrap } from '../api/client';
import type { paths } from '../api/schema';
import { ErrorAlert } from '../ui/ErrorAlert';
import { LoadingState } from '../ui/LoadingState';

export type Me = paths['/api/auth/me']['get']['responses'][200]['content']['application/json'];
export type LoginInput = paths['/api/auth/login']['post']['requestBody']['content']['application/json'];

export const ME_KEY = ['auth', 'me'] as const;

async function fetchMe(): Promise<Me | null> {
  try {
    return await unwrap(api.GET('/api/auth/me'));
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

interface Auth {
  me: Me | null;
  signIn: (input: LoginInput) => Promise<Me>;
  signOut: () => Promise<void>;
}

const AuthContext = createContext<Auth | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  // The citizens' portal is no staff page: it never asks who of the staff is signed in (a request
  // less on a citizen's slow line, and no 401 in their console).
  const citizenPortal = window.location.pathname.startsWith('/citizen');
  const me = useQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: Infinity, enabled: !citizenPortal });
  if (!citizenPortal && me.isPending) return <LoadingState />;
  if (me.isError) return <ErrorAlert error={me.error} />;

  const auth: Auth = {
    me: me.data ?? null,
    async signIn(input) {
      const signedIn = await unwrap(api.POST('/api/auth/login', { body: input }));
      queryClient.setQueryData(ME_KEY, signedIn);
      return signedIn;
    },
    async signOut() {
      await unwrap(api.POST('/api/auth/logout'));
      queryClient.setQueryData(ME_KEY, null);
      // A desk computer is shared: nothing of this person's data stays in the cache.
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== ME_KEY[0] });
    },
  };
  return <AuthContext.Provider value={auth}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth outside AuthProvider');
  return auth;
}

/** The signed-in person, inside RequireAuth where there always is one. */
export function useMe(): Me {
  const { me } = useAuth();
  if (!me) throw new Error('useMe outside RequireAuth');
  return me;
}

export function RequireAuth({ children }: { children: ReactNode }) {
  const { me } = useAuth();
  const location = useLocation();
  if (!me) return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  return children;
}

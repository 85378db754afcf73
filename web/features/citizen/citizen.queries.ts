/** The citizen's own page: sign-in by SMS code, their files and requests, a proposed visit date. */
import { useCallback } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';

export const citizenKeys = {
  all: ['citizen'] as const,
  me: () => [...citizenKeys.all, 'me'] as const,
  request: (id: string) => [...citizenKeys.all, 'request', id] as const,
};

const fetchMe = () => unwrap(api.GET('/api/citizen/me'));
export type CitizenOverview = Awaited<ReturnType<typeof fetchMe>>;

/** Who is signed in, with their files and requests; a 401 means no one is, and is not retried. */
export function useCitizen() {
  return useQuery({ queryKey: citizenKeys.me(), queryFn: fetchMe, retry: false });
}

/** Sends the one-time code to the mobile number. */
export function useSendCode() {
  return useMutation({ mutationFn: (mobile: string) => unwrap(api.POST('/api/citizen/otp', { body: { mobile } })) });
}

/** Checks the code; on success the page shows the citizen's overview at once. */
export function useVerifyCode() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { mobile: string; code: string }) => unwrap(api.POST('/api/citizen/otp/verify', { body })),
    onSuccess: (data) => queryClient.setQueryData(citizenKeys.me(), data),
  });
}

/**
 * Forget everything the page holds about the citizen and ask again who is signed in: the portal
 * turns to the sign-in form at once (a counter's shared screen shows the next person nothing).
 */
export function useForgetCitizen() {
  const queryClient = useQueryClient();
  return useCallback(() => {
    queryClient.removeQueries({ queryKey: citizenKeys.all, predicate: (q) => q.queryKey[1] !== 'me' });
    return queryClient.resetQueries({ queryKey: citizenKeys.me() });
  }, [queryClient]);
}

export function useCitizenSignOut() {
  const forget = useForgetCitizen();
  return useMutation({ mutationFn: () => unwrap(api.POST('/api/citizen/logout')), onSuccess: forget });
}

/** One of the citizen's requests; asked again while its answer letter is being prepared. */
export function useCitizenRequest(id: string) {
  return useQuery({
    queryKey: citizenKeys.request(id),
    queryFn: () => unwrap(api.GET('/api/citizen/requests/{id}', { params: { path: { id } } })),
    refetchInterval: (query) => (query.state.data?.answer?.letter?.status === 'pending' ? 2000 : false),
  });
}

export function useProposeVisitDate(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (date: string) => unwrap(api.POST('/api/citizen/requests/{id}/proposed-visit-date', { params: { path: { id } }, body: { date } })),
    onSuccess: (data) => queryClient.setQueryData(citizenKeys.request(id), data),
  });
}

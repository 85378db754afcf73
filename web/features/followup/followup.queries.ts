/** The follow-up officer's chase list and each case's chase records. */
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { paths } from '../../api/schema';
import { useSaveAndClose } from '../../ui/useSaveAndClose';
import { chaseBody, type ChaseForm } from './followup.model';

type ChaseQuery = NonNullable<paths['/api/followup/cases']['get']['parameters']['query']>;

/** A chase recorded changes both the list (its last chase) and the case's history: one prefix for both. */
export const followupKeys = {
  all: ['followup'] as const,
  cases: (query: ChaseQuery) => [...followupKeys.all, 'cases', query] as const,
  history: (requestId: string) => [...followupKeys.all, 'history', requestId] as const,
};

export const chaseListOptions = (query: ChaseQuery) =>
  queryOptions({ queryKey: followupKeys.cases(query), queryFn: () => unwrap(api.GET('/api/followup/cases', { params: { query } })) });

export function useChaseList(query: ChaseQuery) {
  return useQuery(chaseListOptions(query));
}

export function useChaseHistory(requestId: string) {
  return useQuery({
    queryKey: followupKeys.history(requestId),
    queryFn: () => unwrap(api.GET('/api/requests/{id}/followups', { params: { path: { id: requestId } } })),
  });
}

/** Records one chase (پیگیری) of a case; the list and the history are fetched again before the form closes. */
export function useRecordChase(requestId: string, { values, onClose }: { values: () => ChaseForm; onClose: () => void }) {
  return useSaveAndClose({
    save: () => unwrap(api.POST('/api/requests/{id}/followups', { params: { path: { id: requestId } }, body: chaseBody(values()) })),
    refresh: [followupKeys.all],
    onClose,
  });
}

/** Per inspector of the districts in reach: visits planned for the day, done, late, and the next (GET /api/planning/progress). */
export function useDayProgress(date: string) {
  return useQuery({
    queryKey: [...followupKeys.all, 'progress', date] as const,
    queryFn: () => unwrap(api.GET('/api/planning/progress', { params: { query: { date } } })),
    refetchInterval: 5 * 60_000,
  });
}

/** Server state of the inspector's screens, through TanStack Query. */
import { useCallback } from 'react';
import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { paths } from '../../api/schema';
import { caseKeys } from '../requests/requests.queries';
import { visitsQuery, type VisitFilter } from './visits.model';

type VisitQuery = NonNullable<paths['/api/inspections/mine']['get']['parameters']['query']>;

/** Every query of these screens starts with `all`, so one invalidation refreshes them all. */
export const inspectionKeys = {
  all: ['inspections'] as const,
  visits: (query: VisitQuery) => [...inspectionKeys.all, 'visits', query] as const,
  /** The reports queued on this phone for one inspector (read from IndexedDB, not the server). */
  outbox: (owner: string) => [...inspectionKeys.all, 'outbox', owner] as const,
  visitDays: () => [...inspectionKeys.all, 'visit-days'] as const,
  day: () => [...inspectionKeys.all, 'day'] as const,
};

/**
 * A report sent or queued, or a visit scheduled: the inspector's lists and the case itself (the
 * report page waits for its refetch once a queued report is delivered) are fetched again.
 */
export function useRefreshInspections() {
  const queryClient = useQueryClient();
  // Stable, so the outbox subscription is not renewed on every render.
  return useCallback(
    () => Promise.all([queryClient.invalidateQueries({ queryKey: inspectionKeys.all }), queryClient.invalidateQueries({ queryKey: caseKeys.all })]),
    [queryClient],
  );
}

export const VISITS_PAGE_SIZE = 20;

/** A page of the signed-in inspector's visits. */
export const inspectionListOptions = (query: VisitQuery) =>
  queryOptions({ queryKey: inspectionKeys.visits(query), queryFn: () => unwrap(api.GET('/api/inspections/mine', { params: { query } })) });

export function useMyVisits(filter: VisitFilter, page: number) {
  // The day is read when the tab is drawn: a list left open past midnight asks for the new day.
  return useQuery({ ...inspectionListOptions(visitsQuery(filter, page, VISITS_PAGE_SIZE)), placeholderData: keepPreviousData });
}

export type ScheduleInput = paths['/api/requests/{id}/schedule-visit']['post']['requestBody']['content']['application/json'];

export function useScheduleVisit(requestId: string) {
  const refresh = useRefreshInspections();
  return useMutation({
    mutationFn: (body: ScheduleInput) => unwrap(api.POST('/api/requests/{id}/schedule-visit', { params: { path: { id: requestId } }, body })),
    onSuccess: refresh,
  });
}

/** The days the server accepts for a visit (working days from today): the date pickers offer only these. */
export function useVisitDays() {
  const query = useVisitDayList();
  const open = query.data ? new Set(query.data.days) : null;
  // Until the list arrives nothing is offered, rather than days the server might refuse.
  return (iso: string) => open?.has(iso) ?? false;
}

/** The working days from today (Tehran) as the server counts them: `from` is today. */
export function useVisitDayList() {
  return useQuery({
    queryKey: inspectionKeys.visitDays(),
    queryFn: () => unwrap(api.GET('/api/inspections/visit-days')),
    staleTime: 10 * 60_000,
  });
}

/** The signed-in inspector's planned day (روز من): the plan's stops in order, route links and progress. */
export function useMyDay() {
  return useQuery({ queryKey: inspectionKeys.day(), queryFn: () => unwrap(api.GET('/api/inspections/day', { params: { query: {} } })) });
}

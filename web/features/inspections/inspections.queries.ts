/** Server state of the inspector's screens, through TanStack Query. */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { paths } from '../../api/schema';
import { visitsQuery, type VisitFilter } from './visits.model';

/** Every query of these screens starts with this, so one invalidation refreshes them all. */
export const INSPECTIONS_KEY = ['inspections'] as const;

export const VISITS_PAGE_SIZE = 20;

export function useMyVisits(filter: VisitFilter, page: number) {
  // The day is read when the tab is drawn: a list left open past midnight asks for the new day.
  const query = visitsQuery(filter, page, VISITS_PAGE_SIZE);
  return useQuery({
    queryKey: [...INSPECTIONS_KEY, 'visits', query],
    queryFn: () => unwrap(api.GET('/api/inspections/mine', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

export function useCase(id: string) {
  return useQuery({
    queryKey: [...INSPECTIONS_KEY, 'case', id],
    queryFn: () => unwrap(api.GET('/api/requests/{id}', { params: { path: { id } } })),
  });
}

export type ScheduleInput = paths['/api/requests/{id}/schedule-visit']['post']['requestBody']['content']['application/json'];

export function useScheduleVisit(requestId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ScheduleInput) => unwrap(api.POST('/api/requests/{id}/schedule-visit', { params: { path: { id: requestId } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: INSPECTIONS_KEY }),
  });
}

/** The days the server accepts for a visit (working days from today): the date pickers offer only these. */
export function useVisitDays() {
  const query = useQuery({
    queryKey: [...INSPECTIONS_KEY, 'visit-days'],
    queryFn: () => unwrap(api.GET('/api/inspections/visit-days')),
    staleTime: 10 * 60_000,
  });
  const open = query.data ? new Set(query.data.days) : null;
  // Until the list arrives nothing is offered, rather than days the server might refuse.
  return (iso: string) => open?.has(iso) ?? false;
}

/** The planning board's calls: the day's plan, planning it, moving a visit, appointments, leave. */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { caseKeys } from '../requests/requests.queries';
import { inspectionKeys } from '../inspections/inspections.queries';
import { leaveBody, type DayPlan, type LeaveForm } from './planning.model';

export interface DayKey {
  date: string;
  /** Empty for a district role (the server takes its own district). */
  districtIds: readonly string[];
}

export const planningKeys = {
  all: ['planning'] as const,
  day: (key: DayKey) => [...planningKeys.all, 'day', key.date, [...key.districtIds].sort().join(',')] as const,
  windows: (requestId: string, date: string | null) => [...planningKeys.all, 'windows', requestId, date] as const,
  leave: () => [...planningKeys.all, 'leave'] as const,
  inspectors: () => [...planningKeys.all, 'inspectors'] as const,
  progress: (date: string) => [...planningKeys.all, 'progress', date] as const,
};

const dayQuery = (key: DayKey) => ({ date: key.date, ...(key.districtIds.length ? { districtIds: [...key.districtIds].sort().join(',') } : {}) });

/** The day's plan; `enabled` false until the board knows which districts (a city role must choose). */
export function useDayPlan(key: DayKey | null) {
  return useQuery({
    queryKey: key ? planningKeys.day(key) : [...planningKeys.all, 'day', 'none'],
    queryFn: () => unwrap(api.GET('/api/planning/day', { params: { query: dayQuery(key!) } })),
    enabled: key !== null,
    placeholderData: keepPreviousData,
  });
}

/** An answer that is the whole day again (plan, move) replaces the board's copy; the cases it touched are fetched anew. */
function useTakeDay(key: DayKey | null) {
  const queryClient = useQueryClient();
  return (day: DayPlan) => {
    if (key) queryClient.setQueryData(planningKeys.day(key), day);
    void queryClient.invalidateQueries({ queryKey: caseKeys.all });
    void queryClient.invalidateQueries({ queryKey: inspectionKeys.all });
  };
}

/** Plan (or re-plan) the day: the solver takes a few seconds. */
export function usePlanDay(key: DayKey | null) {
  const take = useTakeDay(key);
  return useMutation({
    mutationFn: () =>
      unwrap(api.POST('/api/planning/day', { body: { date: key!.date, ...(key!.districtIds.length ? { districtIds: [...key!.districtIds].sort() } : {}) } })),
    onSuccess: take,
  });
}

export interface MoveInput {
  planId: string;
  planVersion: number;
  requestId: string;
  inspectorId: string;
  position: number;
}

/**
 * Move a visit to an inspector and a place in their route. A refusal (409 PLAN_REFUSED) leaves the
 * board as it was; a stale plan (409 STALE_VERSION) is fetched again so the next try is on the new one.
 */
export function useMoveVisit(key: DayKey | null) {
  const take = useTakeDay(key);
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ planId, ...body }: MoveInput) => unwrap(api.POST('/api/planning/plans/{planId}/moves', { params: { path: { planId } }, body })),
    onSuccess: take,
    onError: (error) => {
      if (key && (error as { body?: { code?: string } }).body?.code === 'STALE_VERSION') void queryClient.invalidateQueries({ queryKey: planningKeys.day(key) });
    },
  });
}

/** The windows of a day the planner can keep for a visit; `date` null asks for the server's default day. */
export function useWindows(requestId: string, date: string | null) {
  return useQuery({
    queryKey: planningKeys.windows(requestId, date),
    queryFn: () => unwrap(api.GET('/api/planning/appointments/{id}/windows', { params: { path: { id: requestId }, query: date ? { date } : {} } })),
    placeholderData: keepPreviousData,
  });
}

/** Confirm the owner's appointment (the owner is told by SMS); the board and the case are fetched again. */
export function useConfirmAppointment(requestId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { version: number; date: string; windowStart: string; windowEnd: string }) =>
      unwrap(api.POST('/api/planning/appointments/{id}/confirm', { params: { path: { id: requestId } }, body })),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: planningKeys.all }),
        queryClient.invalidateQueries({ queryKey: caseKeys.all }),
        queryClient.invalidateQueries({ queryKey: inspectionKeys.all }),
      ]),
  });
}

export function useLeave(enabled: boolean) {
  return useQuery({ queryKey: planningKeys.leave(), queryFn: () => unwrap(api.GET('/api/planning/leave', { params: { query: {} } })), enabled });
}

export function usePlanningInspectors(enabled: boolean) {
  return useQuery({
    queryKey: planningKeys.inspectors(),
    queryFn: () => unwrap(api.GET('/api/planning/inspectors', { params: { query: {} } })),
    enabled,
    staleTime: 5 * 60_000,
  });
}

/** Leave entered or withdrawn may re-plan days: every planning answer is fetched again. */
function useLeaveChange<T, R>(call: (input: T) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: () => Promise.all([queryClient.invalidateQueries({ queryKey: planningKeys.all }), queryClient.invalidateQueries({ queryKey: caseKeys.all })]),
  });
}

export function useAddLeave() {
  return useLeaveChange((form: LeaveForm) => unwrap(api.POST('/api/planning/leave', { body: leaveBody(form) })));
}

export function useWithdrawLeave() {
  return useLeaveChange((id: string) => unwrap(api.DELETE('/api/planning/leave/{id}', { params: { path: { id } } })));
}

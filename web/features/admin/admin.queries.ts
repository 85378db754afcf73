/**
 * The city's organisation as the admin screens read and change it: districts, desks, staff, the
 * holidays and locked accounts. Districts and desks are read by other screens too (filters, the
 * property form), through the hooks here.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { paths } from '../../api/schema';
import { STATUS_GREEN, STATUS_GREY, STATUS_ORANGE } from '../../ui/colors';
import type { Option } from '../../ui/SearchSelect';
import { useSaveAndClose } from '../../ui/useSaveAndClose';
import { serviceKeys } from '../requests/requests.queries';
import {
  holidayBody, officeCreateBody, officePatchBody, servicePatchBody, staffCreateBody, staffPatchBody,
  type Holiday, type HolidayForm, type Office, type OfficeForm, type OfficeStatus, type ServiceDetail, type ServiceForm, type StaffForm, type StaffMember,
} from './admin.model';

type OfficeQuery = NonNullable<paths['/api/offices']['get']['parameters']['query']>;
type StaffQuery = NonNullable<paths['/api/staff']['get']['parameters']['query']>;

export const districtKeys = { all: ['districts'] as const };

export const officeKeys = {
  all: ['offices'] as const,
  list: (query: OfficeQuery) => [...officeKeys.all, 'list', query] as const,
  services: (officeId: string) => [...officeKeys.all, officeId, 'services'] as const,
};

export const staffKeys = {
  all: ['staff'] as const,
  list: (query: StaffQuery) => [...staffKeys.all, 'list', query] as const,
};

export const holidayKeys = {
  all: ['holidays'] as const,
  year: (year: number) => [...holidayKeys.all, year] as const,
};

/** Each year's list status (official, provisional, confirmed): the banner and the holidays page. */
export const holidayListKeys = { all: ['holiday-lists'] as const };

export const lockoutKeys = { all: ['lockouts'] as const };

/** A dialog's form: its values read when it is sent; closed once saved and the lists behind it are current. */
interface Dialog<T> {
  values: () => T;
  onClose: () => void;
}

export function useDistricts() {
  return useQuery({ queryKey: districtKeys.all, queryFn: () => unwrap(api.GET('/api/districts')), staleTime: 5 * 60_000 });
}

export function useDistrictOptions(): Option[] {
  return (useDistricts().data?.items ?? []).map((d) => ({ value: d.id, label: d.nameFa }));
}

export function useOffices(query: OfficeQuery, options: { staleTime?: number; placeholderData?: undefined } = {}) {
  return useQuery({
    queryKey: officeKeys.list(query),
    queryFn: () => unwrap(api.GET('/api/offices', { params: { query } })),
    placeholderData: keepPreviousData,
    ...options,
  });
}

/** Desks by name or code, for the search boxes (a city has too many to list in one Select). */
export const officeSearch = {
  queryKey: officeKeys.all,
  search: async (q: string): Promise<Option[]> => {
    const page = await unwrap(api.GET('/api/offices', { params: { query: { page: 1, pageSize: 20, sort: 'nameFa', order: 'asc', ...(q ? { q } : {}) } } }));
    return page.items.map((o) => ({ value: o.id, label: o.nameFa }));
  },
};

/** Staff by name, for the search boxes. */
export const staffSearch = {
  queryKey: staffKeys.all,
  search: async (q: string): Promise<Option[]> => {
    const page = await unwrap(api.GET('/api/staff', { params: { query: { page: 1, pageSize: 20, sort: 'lastName', order: 'asc', ...(q ? { q } : {}) } } }));
    return page.items.map((m) => ({ value: m.id, label: `${m.firstName} ${m.lastName} (${m.username})` }));
  },
};

export function useSaveOffice(office: Office | undefined, { values, onClose }: Dialog<OfficeForm>) {
  return useSaveAndClose({
    save: async () => {
      if (!office) return unwrap(api.POST('/api/offices', { body: officeCreateBody(values()) }));
      const changed = officePatchBody(office, values());
      return changed && unwrap(api.PATCH('/api/offices/{id}', { params: { path: { id: office.id } }, body: changed }));
    },
    // A desk moved to another district changes both districts' counts.
    refresh: [officeKeys.all, districtKeys.all],
    onClose,
  });
}

export function useSetOfficeStatus() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ office, to }: { office: Office; to: OfficeStatus }) =>
      unwrap(api.PATCH('/api/offices/{id}', { params: { path: { id: office.id } }, body: { status: to } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: officeKeys.all }),
  });
}

export function useOfficeServices(officeId: string) {
  return useQuery({
    queryKey: officeKeys.services(officeId),
    queryFn: () => unwrap(api.GET('/api/offices/{officeId}/services', { params: { path: { officeId } } })),
  });
}

export function useSaveOfficeServices(officeId: string, { values, onClose }: Dialog<string[]>) {
  return useSaveAndClose({
    save: () => unwrap(api.PUT('/api/offices/{officeId}/services', { params: { path: { officeId } }, body: { serviceCodes: values() } })),
    refresh: [officeKeys.services(officeId)],
    onClose,
  });
}

export function useStaff(query: StaffQuery) {
  return useQuery({
    queryKey: staffKeys.list(query),
    queryFn: () => unwrap(api.GET('/api/staff', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

export function useSaveStaff(member: StaffMember | undefined, { values, onClose }: Dialog<StaffForm>) {
  return useSaveAndClose({
    save: async () => {
      if (!member) return unwrap(api.POST('/api/staff', { body: staffCreateBody(values()) }));
      const changed = staffPatchBody(member, values());
      return changed && unwrap(api.PATCH('/api/staff/{id}', { params: { path: { id: member.id } }, body: changed }));
    },
    refresh: [staffKeys.all],
    onClose,
  });
}

export function useSetStaffActive() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ member, active }: { member: StaffMember; active: boolean }) =>
      unwrap(api.PATCH('/api/staff/{id}', { params: { path: { id: member.id } }, body: { active } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: staffKeys.all }),
  });
}

export function useLockouts() {
  return useQuery({ queryKey: lockoutKeys.all, queryFn: () => unwrap(api.GET('/api/auth/lockouts')) });
}

/** «رفع قفل»: the account may sign in again at once. */
export function useLiftLockout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (username: string) => unwrap(api.DELETE('/api/auth/lockouts/{username}', { params: { path: { username } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: lockoutKeys.all }),
  });
}

export function useSaveService(service: ServiceDetail, { values, onClose }: Dialog<ServiceForm>) {
  return useSaveAndClose({
    save: async () => {
      const patch = servicePatchBody(service, values());
      return patch && unwrap(api.PATCH('/api/services/{code}', { params: { path: { code: service.code } }, body: patch }));
    },
    refresh: [serviceKeys.all],
    onClose,
  });
}

/** A year has a few dozen holidays: one page of them, in date order. */
export function useHolidays(year: number) {
  return useQuery({
    queryKey: holidayKeys.year(year),
    queryFn: () => unwrap(api.GET('/api/holidays', { params: { query: { year, page: 1, pageSize: 200, sort: 'date', order: 'asc' } } })),
  });
}

export function useHolidayLists(options: { enabled?: boolean; staleTime?: number } = {}) {
  return useQuery({ queryKey: holidayListKeys.all, queryFn: () => unwrap(api.GET('/api/holiday-lists')), ...options });
}

export function useSaveHoliday(holiday: Holiday | undefined, { values, onClose }: Dialog<HolidayForm>) {
  return useSaveAndClose({
    save: () =>
      holiday
        ? unwrap(api.PATCH('/api/holidays/{id}', { params: { path: { id: holiday.id } }, body: holidayBody(values()) }))
        : unwrap(api.POST('/api/holidays', { body: holidayBody(values()) })),
    refresh: [holidayKeys.all],
    onClose,
  });
}

export function useDeleteHoliday(holiday: Holiday, onClose: () => void) {
  return useSaveAndClose({
    save: () => unwrap(api.DELETE('/api/holidays/{id}', { params: { path: { id: holiday.id } } })),
    refresh: [holidayKeys.all],
    onClose,
  });
}

const LIST_ACTION_PATHS = {
  confirm: '/api/holiday-lists/{year}/confirm',
  official: '/api/holiday-lists/{year}/official',
  create: '/api/holiday-lists/{year}',
} as const;
export type HolidayListAction = keyof typeof LIST_ACTION_PATHS;

/** «تأیید فهرست», the official list, or a provisional list for a year not held; the year's holidays change with it. */
export function useHolidayListAction(year: number, action: HolidayListAction, onClose: () => void) {
  return useSaveAndClose({
    save: () => unwrap(api.POST(LIST_ACTION_PATHS[action], { params: { path: { year } } })),
    refresh: [holidayKeys.all, holidayListKeys.all],
    onClose,
  });
}

export const STATUS_COLORS: Record<OfficeStatus, string> = { active: STATUS_GREEN, suspended: STATUS_ORANGE, inactive: STATUS_GREY };

/** What the admin screens share: the districts, desk search, and status badges' colours. */
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { STATUS_GREEN, STATUS_GREY, STATUS_ORANGE } from '../../ui/colors';
import type { Option } from '../../ui/SearchSelect';
import type { OfficeStatus } from './admin.model';

export function useDistrictOptions(): Option[] {
  const districts = useQuery({
    queryKey: ['districts'],
    queryFn: () => unwrap(api.GET('/api/districts')),
    staleTime: 5 * 60_000,
  });
  return (districts.data?.items ?? []).map((d) => ({ value: d.id, label: d.nameFa }));
}

/** Desks by name or code, for the search boxes (a city has too many to list in one Select). */
export async function searchOffices(q: string): Promise<Option[]> {
  const page = await unwrap(api.GET('/api/offices', { params: { query: { page: 1, pageSize: 20, sort: 'nameFa', order: 'asc', ...(q ? { q } : {}) } } }));
  return page.items.map((o) => ({ value: o.id, label: o.nameFa }));
}

export const STATUS_COLORS: Record<OfficeStatus, string> = { active: STATUS_GREEN, suspended: STATUS_ORANGE, inactive: STATUS_GREY };

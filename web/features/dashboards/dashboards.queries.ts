/** The dashboard's calls: the figures for the filters, and the choices in the filter bar. */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { Option } from '../../ui/SearchSelect';
import { filtersToParams, type DashboardFigures, type DashboardFilters } from './dashboards.model';

/** GET /api/dashboards/figures with the filters set; an empty filter is left out. */
function fetchFigures(filters: DashboardFilters): Promise<DashboardFigures> {
  const query = Object.fromEntries(filtersToParams(filters)) as { from: string; to: string; districtId?: string; officeId?: string; serviceCode?: string };
  return unwrap(api.GET('/api/dashboards/figures', { params: { query } }));
}

export function useFigures(filters: DashboardFilters) {
  return useQuery({
    queryKey: ['dashboards', 'figures', filters],
    queryFn: () => fetchFigures(filters),
    // The previous figures stay on screen while a new filter loads, so the page does not jump.
    placeholderData: keepPreviousData,
  });
}

export function useServiceOptions(): Option[] {
  const services = useQuery({ queryKey: ['services'], queryFn: () => unwrap(api.GET('/api/services')), staleTime: 5 * 60_000 });
  return (services.data?.items ?? []).map((s) => ({ value: s.code, label: s.nameFa }));
}

/** The desks of a district (or of the city), by name. */
export function useOfficeOptions(districtId: string | null): Option[] {
  const query = { page: 1, pageSize: 200, sort: 'nameFa' as const, order: 'asc' as const, ...(districtId ? { districtId } : {}) };
  const offices = useQuery({ queryKey: ['offices', query], queryFn: () => unwrap(api.GET('/api/offices', { params: { query } })), staleTime: 5 * 60_000 });
  return (offices.data?.items ?? []).map((o) => ({ value: o.id, label: o.nameFa }));
}

/** The dashboard's calls: the figures for the filters, and the choices in the filter bar. */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { Option } from '../../ui/SearchSelect';
import { useOffices } from '../admin/admin.queries';
import { useServices } from '../requests/requests.queries';
import { filtersToParams, type DashboardFigures, type DashboardFilters } from './dashboards.model';

export const dashboardKeys = {
  all: ['dashboards'] as const,
  figures: (filters: DashboardFilters) => [...dashboardKeys.all, 'figures', filters] as const,
};

/** GET /api/dashboards/figures with the filters set; an empty filter is left out. */
function fetchFigures(filters: DashboardFilters): Promise<DashboardFigures> {
  const query = Object.fromEntries(filtersToParams(filters)) as { from: string; to: string; districtId?: string; officeId?: string; serviceCode?: string };
  return unwrap(api.GET('/api/dashboards/figures', { params: { query } }));
}

export function useFigures(filters: DashboardFilters) {
  return useQuery({
    queryKey: dashboardKeys.figures(filters),
    queryFn: () => fetchFigures(filters),
    // The previous figures stay on screen while a new filter loads, so the page does not jump.
    placeholderData: keepPreviousData,
  });
}

export function useServiceOptions(): Option[] {
  return (useServices().data?.items ?? []).map((s) => ({ value: s.code, label: s.nameFa }));
}

/** The desks of a district (or of the city), by name. */
export function useOfficeOptions(districtId: string | null): Option[] {
  const offices = useOffices({ page: 1, pageSize: 200, sort: 'nameFa', order: 'asc', ...(districtId ? { districtId } : {}) }, {
    staleTime: 5 * 60_000,
    // A new district's desks replace the list at once, never the previous district's while loading.
    placeholderData: undefined,
  });
  return (offices.data?.items ?? []).map((o) => ({ value: o.id, label: o.nameFa }));
}

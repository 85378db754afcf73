/** The map settings (GET /api/map/settings): the deployment's tiles, credit line, centre and zoom. */
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { paths } from '../../api/schema';

export type MapSettingsAnswer = paths['/api/map/settings']['get']['responses'][200]['content']['application/json'];

export const mapKeys = { settings: ['map', 'settings'] as const };

/** Fixed while the server runs (its configuration), so fetched once a session. */
export function useMapSettings() {
  return useQuery({ queryKey: mapKeys.settings, queryFn: () => unwrap(api.GET('/api/map/settings')), staleTime: Infinity, gcTime: Infinity });
}

/** API clients for the city admin: the list, one client, its keys and its webhook delivery log. */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
export type ApiClient = Awaited<ReturnType<typeof fetchClients>>['items'][number];
export type ApiKey = Awaited<ReturnType<typeof fetchKeys>>['items'][number];

export const CLIENT_KINDS = ['bank', 'notary', 'utility', 'agency'] as const;
export const API_SCOPES = ['bank', 'notary_transfer', 'agency', 'excavation', 'open311'] as const;
export const WEBHOOK_EVENTS = ['inquiry.answered', 'excavation.decided'] as const;
export const DELIVERIES_PAGE_SIZE = 10;

const fetchClients = () => unwrap(api.GET('/api/api-clients'));
const fetchKeys = (id: string) => unwrap(api.GET('/api/api-clients/{id}/keys', { params: { path: { id } } }));

export const useClients = () => useQuery({ queryKey: ['api-clients'], queryFn: fetchClients });
export const useKeys = (id: string) => useQuery({ queryKey: ['api-clients', id, 'keys'], queryFn: () => fetchKeys(id) });
export const useDeliveries = (id: string, page: number) =>
  useQuery({
    queryKey: ['api-clients', id, 'deliveries', page],
    queryFn: () => unwrap(api.GET('/api/api-clients/{id}/webhook-deliveries', { params: { path: { id }, query: { page, pageSize: DELIVERIES_PAGE_SIZE } } })),
    placeholderData: keepPreviousData,
  });

/** A key works today unless revoked or past its expiry. */
export function keyStatus(key: ApiKey, now: Date = new Date()): 'live' | 'revoked' | 'expired' {
  if (key.revokedAt) return 'revoked';
  return Date.parse(key.expiresAt) <= now.getTime() ? 'expired' : 'live';
}

/** API clients for the city admin: the list, one client, its keys and its webhook delivery log. */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { paths } from '../../api/schema';
import { useSaveAndClose } from '../../ui/useSaveAndClose';

export type ApiClient = Awaited<ReturnType<typeof fetchClients>>['items'][number];
export type ApiKey = Awaited<ReturnType<typeof fetchKeys>>['items'][number];

export const CLIENT_KINDS = ['bank', 'notary', 'utility', 'agency'] as const;
export const API_SCOPES = ['bank', 'notary_transfer', 'agency', 'excavation', 'open311'] as const;
export const WEBHOOK_EVENTS = ['inquiry.answered', 'inquiry.closed', 'excavation.decided'] as const;
export const DELIVERIES_PAGE_SIZE = 10;

const fetchClients = () => unwrap(api.GET('/api/api-clients'));
const fetchKeys = (id: string) => unwrap(api.GET('/api/api-clients/{id}/keys', { params: { path: { id } } }));

type NewClient = paths['/api/api-clients']['post']['requestBody']['content']['application/json'];
type ClientSettings = paths['/api/api-clients/{id}']['patch']['requestBody']['content']['application/json'];
type NewKey = paths['/api/api-clients/{id}/keys']['post']['requestBody']['content']['application/json'];

/** Everything about clients starts with `all`: a change to one refreshes the list and its pages. */
export const clientKeys = {
  all: ['api-clients'] as const,
  list: () => [...clientKeys.all, 'list'] as const,
  keys: (id: string) => [...clientKeys.all, id, 'keys'] as const,
  deliveries: (id: string, page: number) => [...clientKeys.all, id, 'deliveries', page] as const,
};

export const useClients = () => useQuery({ queryKey: clientKeys.list(), queryFn: fetchClients });
export const useKeys = (id: string) => useQuery({ queryKey: clientKeys.keys(id), queryFn: () => fetchKeys(id) });
export const useDeliveries = (id: string, page: number) =>
  useQuery({
    queryKey: clientKeys.deliveries(id, page),
    queryFn: () => unwrap(api.GET('/api/api-clients/{id}/webhook-deliveries', { params: { path: { id }, query: { page, pageSize: DELIVERIES_PAGE_SIZE } } })),
    placeholderData: keepPreviousData,
  });

/**
 * Registers an organisation or saves its settings (kind and official code stay as registered);
 * a new one's webhook secret goes to `onCreated`, to be shown once.
 */
export function useSaveClient(
  client: ApiClient | undefined,
  { values, onClose, onCreated }: { values: () => NewClient; onClose: () => void; onCreated?: (created: { webhookSecret?: string }) => void },
) {
  return useSaveAndClose({
    save: async () => {
      const { kind: _kind, officialCode: _code, ...settings } = values();
      if (client) return unwrap(api.PATCH('/api/api-clients/{id}', { params: { path: { id: client.id } }, body: settings satisfies ClientSettings }));
      const created = await unwrap(api.POST('/api/api-clients', { body: values() }));
      onCreated?.(created);
      return created;
    },
    refresh: [clientKeys.all],
    onClose,
  });
}

/** Suspends or reactivates an organisation's access. */
export function useSetClientActive(clientId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (active: boolean) => unwrap(api.PATCH('/api/api-clients/{id}', { params: { path: { id: clientId } }, body: { active } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: clientKeys.all }),
  });
}

/** Issues a key; the key itself goes to `onIssued`, to be shown once (the server keeps only its hash). */
export function useIssueKey(clientId: string, { values, onClose, onIssued }: { values: () => NewKey; onClose: () => void; onIssued: (key: string) => void }) {
  return useSaveAndClose({
    save: async () => {
      const issued = await unwrap(api.POST('/api/api-clients/{id}/keys', { params: { path: { id: clientId } }, body: values() }));
      onIssued(issued.key ?? '');
      return issued;
    },
    refresh: [clientKeys.all],
    onClose,
  });
}

export function useRevokeKey(clientId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (key: ApiKey) => unwrap(api.POST('/api/api-clients/{id}/keys/{keyId}/revoke', { params: { path: { id: clientId, keyId: key.id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: clientKeys.all }),
  });
}

/** A key works today unless revoked or past its expiry. */
export function keyStatus(key: ApiKey, now: Date = new Date()): 'live' | 'revoked' | 'expired' {
  if (key.revokedAt) return 'revoked';
  return Date.parse(key.expiresAt) <= now.getTime() ? 'expired' : 'live';
}

/** The outbox as the city admin sees it: every SMS and its fate, and «ارسال دوباره» for a failed one. */
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { paths } from '../../api/schema';

type OutboxQuery = NonNullable<paths['/api/outbox']['get']['parameters']['query']>;

export const outboxKeys = {
  all: ['outbox'] as const,
  page: (query: OutboxQuery) => [...outboxKeys.all, query] as const,
};

export const outboxOptions = (query: OutboxQuery) =>
  queryOptions({ queryKey: outboxKeys.page(query), queryFn: () => unwrap(api.GET('/api/outbox', { params: { query } })) });

export function useOutbox(query: OutboxQuery) {
  return useQuery(outboxOptions(query));
}

export function useResend() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.POST('/api/outbox/{id}/resend', { params: { path: { id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: outboxKeys.all }),
  });
}

/** The audit log (read-only) and the check of its hash chain. */
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { auditQuery } from './audit.model';

type AuditQuery = ReturnType<typeof auditQuery>;

export const auditKeys = {
  all: ['audit'] as const,
  page: (query: AuditQuery) => [...auditKeys.all, query] as const,
};

export function useAuditLog(query: AuditQuery) {
  return useQuery({
    queryKey: auditKeys.page(query),
    queryFn: () => unwrap(api.GET('/api/audit', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

/** Recomputes the chain on the server when asked: an action, so a mutation rather than a cached read. */
export function useVerifyChain() {
  return useMutation({ mutationFn: () => unwrap(api.GET('/api/audit/verify')) });
}

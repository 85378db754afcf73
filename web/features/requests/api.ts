/** The case API as the desk and the case page use it: typed from the OpenAPI document. */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { paths } from '../../api/schema';

type Json<P extends keyof paths, M extends 'get' | 'post'> = paths[P][M] extends { responses: { 200: { content: { 'application/json': infer R } } } }
  ? R
  : paths[P][M] extends { responses: { 201: { content: { 'application/json': infer R } } } }
    ? R
    : never;

export type Case = Json<'/api/requests/{id}', 'get'>;
export type CaseList = Json<'/api/requests', 'get'>;
export type CaseListItem = CaseList['items'][number];
export type CaseListQuery = NonNullable<paths['/api/requests']['get']['parameters']['query']>;
export type ServiceSummary = Json<'/api/services', 'get'>['items'][number];
export type ServiceDetail = Json<'/api/services/{code}', 'get'>;
export type FormField = ServiceDetail['formFields'][number];
export type CaseDocument = Json<'/api/requests/{id}/documents', 'get'>['items'][number];
export type EligibleInspector = Json<'/api/requests/{id}/eligible-inspectors', 'get'>['items'][number];
export type SlaState = NonNullable<Case['slaState']>;

export const caseKey = (id: string) => ['requests', id] as const;
export const documentsKey = (id: string) => ['requests', id, 'documents'] as const;

export function useCase(id: string) {
  return useQuery({ queryKey: caseKey(id), queryFn: () => unwrap(api.GET('/api/requests/{id}', { params: { path: { id } } })) });
}

export function useCases(query: CaseListQuery) {
  return useQuery({
    queryKey: ['requests', 'list', query],
    queryFn: () => unwrap(api.GET('/api/requests', { params: { query } })),
    placeholderData: (previous) => previous,
  });
}

/** The catalog rarely changes during a shift: fetched once per session. */
export function useServices() {
  return useQuery({ queryKey: ['services'], queryFn: () => unwrap(api.GET('/api/services')), staleTime: Infinity });
}

export function useService(code: string | null | undefined) {
  return useQuery({
    queryKey: ['services', code],
    queryFn: () => unwrap(api.GET('/api/services/{code}', { params: { path: { code: code! } } })),
    enabled: !!code,
    staleTime: Infinity,
  });
}

export function useDocuments(requestId: string) {
  return useQuery({
    queryKey: documentsKey(requestId),
    queryFn: () => unwrap(api.GET('/api/requests/{id}/documents', { params: { path: { id: requestId } } })),
  });
}

/** Who may take the case, as the server decides (the same rule its assign action checks); refreshed with the case. */
export function useEligibleInspectors(caseId: string, version: number) {
  return useQuery({
    queryKey: ['requests', caseId, 'eligible-inspectors', version],
    queryFn: () => unwrap(api.GET('/api/requests/{id}/eligible-inspectors', { params: { path: { id: caseId } } })),
  });
}

export async function uploadDocument(requestId: string, kind: string, file: File): Promise<CaseDocument> {
  const body = new FormData();
  body.append('kind', kind);
  body.append('file', file);
  // The route reads multipart itself; its OpenAPI entry has no body schema to type this against.
  return unwrap(api.POST('/api/requests/{id}/documents', { params: { path: { id: requestId } }, body: body as never }));
}

/** After a document is added the case page shows it at once. */
export function useInvalidateDocuments() {
  const queryClient = useQueryClient();
  return (requestId: string) => queryClient.invalidateQueries({ queryKey: documentsKey(requestId) });
}

export const documentUrl = (documentId: string, thumbnail = false) => `/api/documents/${documentId}${thumbnail ? '?thumbnail=true' : ''}`;

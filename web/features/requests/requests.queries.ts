/** The case API as the desk, the district and the case page use it: typed from the OpenAPI document. */
import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { paths } from '../../api/schema';
import { propertyKeys } from '../properties/properties.queries';

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
export type LetterStatus = Json<'/api/requests/{id}/letter/status', 'get'>;
export type IntakeBody = paths['/api/requests']['post']['requestBody']['content']['application/json'];

/**
 * Every cached answer about cases starts with `caseKeys.all`, and everything about one case with
 * its `detail` key: after a step, invalidating `all` refreshes the lists, the counts and the case.
 */
export const caseKeys = {
  all: ['requests'] as const,
  lists: () => [...caseKeys.all, 'list'] as const,
  list: (query: CaseListQuery) => [...caseKeys.lists(), query] as const,
  detail: (id: string) => [...caseKeys.all, id] as const,
  documents: (id: string) => [...caseKeys.detail(id), 'documents'] as const,
  eligibleInspectors: (id: string, version: number) => [...caseKeys.detail(id), 'eligible-inspectors', version] as const,
  letter: (id: string) => [...caseKeys.detail(id), 'letter'] as const,
};

/** The service catalog: read by intake, the property pages and the dashboards; edited by the city admin. */
export const serviceKeys = {
  all: ['services'] as const,
  list: () => [...serviceKeys.all, 'list'] as const,
  detail: (code: string) => [...serviceKeys.all, 'detail', code] as const,
};

/** One case as the reader may see it: the case page, the inspector's report page and anything else that shows a case. */
export function useCase(id: string) {
  return useQuery({ queryKey: caseKeys.detail(id), queryFn: () => unwrap(api.GET('/api/requests/{id}', { params: { path: { id } } })) });
}

/** A page of cases: for `useQueries` where a screen reads several (the district's tabs, the home page's counts). */
export const caseListOptions = (query: CaseListQuery) =>
  queryOptions({ queryKey: caseKeys.list(query), queryFn: () => unwrap(api.GET('/api/requests', { params: { query } })) });

/** A page of cases; the previous page stays on screen while the next loads. */
export function useCases(query: CaseListQuery, options: { enabled?: boolean; keepPrevious?: boolean } = {}) {
  const { enabled = true, keepPrevious = true } = options;
  return useQuery({ ...caseListOptions(query), enabled, placeholderData: keepPrevious ? keepPreviousData : undefined });
}

/** The catalog rarely changes during a shift: asked again after five minutes, or at once after the admin edits it. */
export function useServices() {
  return useQuery({ queryKey: serviceKeys.list(), queryFn: () => unwrap(api.GET('/api/services')), staleTime: 5 * 60_000 });
}

export function useService(code: string | null | undefined) {
  return useQuery({
    queryKey: serviceKeys.detail(code ?? ''),
    queryFn: () => unwrap(api.GET('/api/services/{code}', { params: { path: { code: code! } } })),
    enabled: !!code,
    staleTime: 5 * 60_000,
  });
}

export function useDocuments(requestId: string) {
  return useQuery({
    queryKey: caseKeys.documents(requestId),
    queryFn: () => unwrap(api.GET('/api/requests/{id}/documents', { params: { path: { id: requestId } } })),
  });
}

/** Who may take the case, as the server decides (the same rule its assign action checks); refreshed with the case. */
export function useEligibleInspectors(caseId: string, version: number) {
  return useQuery({
    queryKey: caseKeys.eligibleInspectors(caseId, version),
    queryFn: () => unwrap(api.GET('/api/requests/{id}/eligible-inspectors', { params: { path: { id: caseId } } })),
  });
}

/** How often the page asks again while the letter job prints the letter (a second or two after the decision). */
const PREPARING_POLL_MS = 1500;

/** The case's answer letter as the server has it now; asked again while it is being prepared. */
export function useLetterStatus(caseId: string) {
  return useQuery({
    queryKey: caseKeys.letter(caseId),
    queryFn: () => unwrap(api.GET('/api/requests/{id}/letter/status', { params: { path: { id: caseId } } })),
    refetchInterval: (query) => (query.state.data?.status === 'pending' ? PREPARING_POLL_MS : false),
  });
}

async function uploadDocument(requestId: string, kind: string, file: File): Promise<CaseDocument> {
  const body = new FormData();
  body.append('kind', kind);
  body.append('file', file);
  // The route reads multipart itself; its OpenAPI entry has no body schema to type this against.
  return unwrap(api.POST('/api/requests/{id}/documents', { params: { path: { id: requestId } }, body: body as never }));
}

/** Adds a paper or photo to a case; the case page shows it at once. */
export function useUploadDocument(requestId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ kind, file }: { kind: string; file: File }) => uploadDocument(requestId, kind, file),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: caseKeys.documents(requestId) }),
  });
}

export interface PendingFile {
  kind: string;
  file: File;
}

/**
 * Registers a case on a property file, then sends its papers. The case exists once the first call
 * succeeds; a failed file does not undo it, it is counted in `failedUploads`.
 */
export function useRegisterCase() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ body, files }: { body: IntakeBody; files: PendingFile[] }) => {
      const created = await unwrap(api.POST('/api/requests', { body }));
      const results = await Promise.allSettled(files.map((f) => uploadDocument(created.id, f.kind, f.file)));
      return { created, failedUploads: results.filter((r) => r.status === 'rejected').length };
    },
    // The property file lists its cases.
    onSuccess: (_, { body }) => queryClient.invalidateQueries({ queryKey: propertyKeys.detail(body.propertyId) }),
  });
}

export const CASE_ACTION_ROUTES = {
  assign_inspector: '/api/requests/{id}/assign-inspector',
  schedule_visit: '/api/requests/{id}/schedule-visit',
  send_to_district: '/api/requests/{id}/send-to-district',
  recommend: '/api/requests/{id}/recommend',
  approve: '/api/requests/{id}/approve',
  reject: '/api/requests/{id}/reject',
  return_for_correction: '/api/requests/{id}/return',
  resubmit: '/api/requests/{id}/resubmit',
  issue_response: '/api/requests/{id}/issue-response',
  deliver: '/api/requests/{id}/deliver',
  cancel: '/api/requests/{id}/cancel',
} as const;
export type CaseAction = keyof typeof CASE_ACTION_ROUTES;
export type CaseActionBody<A extends CaseAction> = Omit<paths[(typeof CASE_ACTION_ROUTES)[A]]['post']['requestBody']['content']['application/json'], 'version'>;

/** The case as the server returned it after a step: shown at once, then every list and count refreshed. */
function useCaseChanged() {
  const queryClient = useQueryClient();
  return async (updated: Case) => {
    queryClient.setQueryData(caseKeys.detail(updated.id), updated);
    await queryClient.invalidateQueries({ queryKey: caseKeys.all });
  };
}

/** Posts one action with the case's version; on success the page shows the case as the server returned it. */
export function useCaseAction<A extends CaseAction>(c: Case, action: A) {
  const changed = useCaseChanged();
  return useMutation({
    mutationFn: (body: CaseActionBody<A>) =>
      unwrap(api.POST(CASE_ACTION_ROUTES[action], { params: { path: { id: c.id } }, body: { ...body, version: c.version } } as never)) as Promise<Case>,
    onSuccess: changed,
  });
}

/** «ثبت پرداخت»: the fee of a case paid after intake, with the bank's reference. */
export function useRecordPayment(c: Case) {
  const changed = useCaseChanged();
  return useMutation({
    mutationFn: (reference: string) => unwrap(api.POST('/api/requests/{id}/payment', { params: { path: { id: c.id } }, body: { version: c.version, reference } })),
    onSuccess: changed,
  });
}

/** After a refusal for a stale version: everything about cases fetched again, so the page shows the case as it is now. */
export function useReloadCases() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: caseKeys.all });
}

export const documentUrl = (documentId: string, thumbnail = false) => `/api/documents/${documentId}${thumbnail ? '?thumbnail=true' : ''}`;

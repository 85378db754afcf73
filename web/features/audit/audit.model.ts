/** The audit log's pure parts: filters into the API's query, codes into Persian words. */
import { ACTION_LABELS_FA, REQUEST_ACTIONS, type RequestAction } from '../../../contracts/workflow';
import { ROLE_TITLES_FA, type Role } from '../../../contracts/roles';
import type { paths } from '../../api/schema';
import { t } from '../../i18n';

export type AuditQuery = NonNullable<paths['/api/audit']['get']['parameters']['query']>;
export type AuditPage = paths['/api/audit']['get']['responses'][200]['content']['application/json'];
export type AuditRow = AuditPage['items'][number];

export const AUDIT_PAGE_SIZE = 25;

export interface AuditFilters {
  actorStaffId: string | null;
  entityType: string | null;
  action: string | null;
  /** Calendar days (Gregorian YYYY-MM-DD, as the date picker gives them), both included. */
  from: string | null;
  to: string | null;
}

export const NO_FILTERS: AuditFilters = { actorStaffId: null, entityType: null, action: null, from: null, to: null };

// Iran has kept +03:30 all year since 2022; a day of the log is a day on Tehran time.
const TEHRAN_OFFSET = '+03:30';

function nextDay(date: string): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** The API's `to` is exclusive, so the last day chosen runs to the next day's midnight. */
export function auditQuery(f: AuditFilters, page: number): AuditQuery {
  return {
    page,
    pageSize: AUDIT_PAGE_SIZE,
    sort: 'seq',
    order: 'desc',
    ...(f.actorStaffId ? { actorStaffId: f.actorStaffId } : {}),
    ...(f.entityType ? { entityType: f.entityType } : {}),
    ...(f.action ? { action: f.action } : {}),
    ...(f.from ? { from: `${f.from}T00:00:00${TEHRAN_OFFSET}` } : {}),
    ...(f.to ? { to: `${nextDay(f.to)}T00:00:00${TEHRAN_OFFSET}` } : {}),
  };
}

const WORKFLOW_ACTIONS = new Set<string>(REQUEST_ACTIONS);

/**
 * `request.approve` reads as the case timeline says it; an action we have no words for reads
 * «رویداد دیگر» (its code stays in the row's title, for the one who must look it up).
 */
export function actionLabel(action: string): string {
  const own = t.audit.actions[action];
  if (own) return own;
  const step = action.startsWith('request.') ? action.slice('request.'.length) : '';
  return WORKFLOW_ACTIONS.has(step) ? ACTION_LABELS_FA[step as RequestAction] : t.audit.otherAction;
}

export function entityLabel(entityType: string): string {
  return (t.audit.entities as Record<string, string>)[entityType] ?? t.audit.otherEntity;
}

export function roleTitle(role: string): string {
  return ROLE_TITLES_FA[role as Role] ?? role;
}

/** Every action the filter offers: the log's own and each workflow step of a case. */
export const ACTION_OPTIONS: { value: string; label: string }[] = [
  ...Object.keys(t.audit.actions),
  ...REQUEST_ACTIONS.map((a) => `request.${a}`),
].map((value) => ({ value, label: actionLabel(value) }));

export const ENTITY_OPTIONS = Object.entries(t.audit.entities).map(([value, label]) => ({ value, label }));

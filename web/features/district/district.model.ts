/**
 * The district queue's tabs: each a step of the case, some made of two states. Pure, so the
 * choice of tab and the query each list sends are unit-tested.
 */
import type { Role } from '../../../contracts/roles';
import type { RequestState } from '../../../contracts/workflow';
import type { paths } from '../../api/schema';

export type CaseListQuery = paths['/api/requests']['get']['parameters']['query'];
export type CaseList = paths['/api/requests']['get']['responses'][200]['content']['application/json'];
export type CaseListItem = CaseList['items'][number];

export const QUEUE_TABS = [
  { key: 'review', states: ['district_review'] },
  { key: 'decision', states: ['awaiting_decision'] },
  { key: 'answer', states: ['approved', 'rejected'] },
  { key: 'visit', states: ['inspector_assigned', 'visit_scheduled'] },
] as const satisfies readonly { key: string; states: readonly RequestState[] }[];

export type QueueTabKey = (typeof QUEUE_TABS)[number]['key'];
export type QueueState = (typeof QUEUE_TABS)[number]['states'][number];

export const QUEUE_STATES: QueueState[] = QUEUE_TABS.flatMap((tab) => [...tab.states]);
export const QUEUE_PAGE_SIZE = 20;

/** The tab in the address, else where the role's own work waits: the approver decides, the reviewer reviews. */
export function tabOf(param: string | null, role: Role): QueueTabKey {
  const named = QUEUE_TABS.find((tab) => tab.key === param);
  if (named) return named.key;
  return role === 'district_approver' ? 'decision' : 'review';
}

/** One state's page of the queue, the step due soonest (or longest overdue) first; `q` is the search box, searched by the server. */
export function queueQuery(state: QueueState, page: number, q = ''): CaseListQuery {
  return { state, page, pageSize: QUEUE_PAGE_SIZE, sort: 'stepDueAt', order: 'asc', ...(q.trim() ? { q: q.trim() } : {}) };
}

/** A state's or a tab's count: `capped` when the server counted only up to `total` and there are more. */
export interface QueueCount {
  total: number;
  capped: boolean;
}

/** A tab's count: the totals of its states, or null while any of them is still loading. */
export function tabCount(tab: QueueTabKey, totals: Partial<Record<QueueState, QueueCount>>): QueueCount | null {
  const states = QUEUE_TABS.find((t) => t.key === tab)!.states;
  const sum: QueueCount = { total: 0, capped: false };
  for (const state of states) {
    const count = totals[state];
    if (count === undefined) return null;
    sum.total += count.total;
    sum.capped ||= count.capped;
  }
  return sum;
}

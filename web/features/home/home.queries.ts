/**
 * The home page's counts: one small page of each list behind a pile, read for its total. Each is
 * the list's own query (same key), so a step taken elsewhere refreshes the count with the list.
 */
import { useQueries } from '@tanstack/react-query';
import { inspectionListOptions } from '../inspections/inspections.queries';
import { chaseListOptions } from '../followup/followup.queries';
import { outboxOptions } from '../notifications/notifications.queries';
import { caseListOptions } from '../requests/requests.queries';
import type { Pile } from './workQueue';

const todayTehran = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tehran' }).format(new Date());

function countOptions(pile: Pile) {
  switch (pile.kind) {
    case 'cases':
      return caseListOptions({ state: pile.state, page: 1, pageSize: 1, sort: 'createdAt', order: 'desc' });
    case 'visitsToday':
      return inspectionListOptions({ date: todayTehran(), page: 1, pageSize: 1 });
    case 'chase':
      return chaseListOptions({ page: 1, pageSize: 1 });
    case 'failedSms':
      return outboxOptions({ status: 'dead', page: 1, pageSize: 1 });
  }
}

/** How many items each pile holds, in the order of the piles. */
export function usePileCounts(piles: readonly Pile[]) {
  return useQueries({ queries: piles.map((pile) => ({ ...countOptions(pile), select: (page: { total: number }) => page.total })) });
}

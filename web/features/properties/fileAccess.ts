/**
 * What the file page says about the requests on a file and about the caller's access to it. The
 * server decides (`can`, `requestsNotShown`); this only words it (docs/decisions/0016).
 */
import { formatNumber, t } from '../../i18n';
import type { PropertyDetail } from './properties.queries';

const a = t.properties.access;

export interface FileNotes {
  /** Instead of the requests table, when there is nothing to list. */
  empty: string | null;
  /** Other desks' requests on the file that the caller may not see: how many, never which. */
  hidden: string | null;
  /** Why identifiers are masked and the edit button absent, for a desk with no business with the file. */
  access: string | null;
}

export function fileNotes(p: Pick<PropertyDetail, 'requests' | 'requestsNotShown' | 'can'>, isDesk: boolean): FileNotes {
  const { total, open } = p.requestsNotShown;
  const empty = p.requests.length > 0 ? null : total === 0 ? t.properties.page.noRequests : isDesk ? a.noneOfThisDesk : a.noneForYou;
  const hidden = total === 0 ? null : (isDesk ? a.hiddenOtherDesks : a.hiddenOutOfScope)(formatNumber(total), open === 0 ? null : formatNumber(open));
  const access = isDesk && !p.can.seeIdentifiers ? a.masked : null;
  return { empty, hidden, access };
}

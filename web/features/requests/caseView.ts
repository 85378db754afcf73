/** Pure readings of a case for the case page and its panels. */
import type { Case } from './api';

/**
 * The conditions the approver set (شرایط تایید). The case keeps them only in the approval's
 * timeline entry, so they are read from there: the latest approval's.
 */
export function approvalConditions(c: Case): string[] {
  const approval = c.timeline.findLast((e) => e.action === 'approve');
  const conditions = approval?.data?.conditions;
  return Array.isArray(conditions) ? conditions.filter((x): x is string => typeof x === 'string') : [];
}

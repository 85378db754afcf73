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

/**
 * A span of seconds as whole days and hours (calendar time, as the server counts a pause), for
 * «زمان انتظار برای متقاضی». A zero part is left out; under an hour reads as less than an hour.
 */
export function daysAndHours(seconds: number): { days: number; hours: number } {
  const hoursTotal = Math.floor(Math.max(0, seconds) / 3600);
  return { days: Math.floor(hoursTotal / 24), hours: hoursTotal % 24 };
}

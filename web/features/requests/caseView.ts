/** Pure readings of a case for the case page and its panels. */
import { ACTION_CAN_KEY } from '../../../contracts/workflow';
import { formatNumber, t } from '../../i18n';
import { CASE_ACTION_ROUTES, type Case, type CaseAction, type FormField } from './requests.queries';

/**
 * The action panels the case page shows: exactly those the server says the reader may use now
 * (`can`), in the workflow's order. Nothing here knows roles or states.
 */
export function casePanels(can: Case['can']): CaseAction[] {
  return (Object.keys(CASE_ACTION_ROUTES) as CaseAction[]).filter((action) => can[ACTION_CAN_KEY[action]]);
}

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

/**
 * The report's measurements in words: each by the name the inspector's form gave it and its value
 * with its unit (مساحت عرصه — ۳۱۰ متر مربع). A measurement the form does not know takes its label
 * from the service's own form fields, else a plain «اندازه دیگر»: never the raw key.
 */
export function measurementFacts(measurements: Record<string, number>, formFields: readonly Pick<FormField, 'name' | 'labelFa'>[] = []): { label: string; value: string }[] {
  const known: Record<string, { name: string; unit: string }> = t.inspections.report.measured;
  return Object.entries(measurements).map(([key, value]) => {
    const m = known[key];
    if (m) return { label: m.name, value: `${formatNumber(value)} ${m.unit}` };
    return { label: formFields.find((f) => f.name === key)?.labelFa ?? t.inspections.report.otherMeasurement, value: formatNumber(value) };
  });
}

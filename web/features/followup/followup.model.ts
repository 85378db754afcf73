/** The chase list's pure parts: the filter in the address, the totals, the chase form. */
import type { paths } from '../../api/schema';
import { t } from '../../i18n';
import type { Problems } from '../../ui/useForm';

export type ChaseList = paths['/api/followup/cases']['get']['responses'][200]['content']['application/json'];
export type ChaseItem = ChaseList['items'][number];
export type FollowupBody = paths['/api/requests/{id}/followups']['post']['requestBody']['content']['application/json'];
export type Risk = 'overdue' | 'at_risk';

export const CHASE_PAGE_SIZE = 20;

export function riskOf(param: string | null): Risk | undefined {
  return param === 'overdue' || param === 'at_risk' ? param : undefined;
}

/** Overdue and at-risk cases in the list: the by-step counts cover every case once. */
export function chaseTotals(byStep: ChaseList['byStep']): { overdue: number; atRisk: number } {
  return byStep.reduce((sum, s) => ({ overdue: sum.overdue + s.overdue, atRisk: sum.atRisk + s.atRisk }), { overdue: 0, atRisk: 0 });
}

/** A phone number as a link that dials it on a phone. */
export function telHref(phone: string): string {
  return `tel:${phone.replace(/[^0-9+]/g, '')}`;
}

export interface ChaseForm {
  note: string;
  contacted: string;
  promisedDate: string | null;
}

export const EMPTY_CHASE: ChaseForm = { note: '', contacted: '', promisedDate: null };

/** What is wrong with the form before it is sent (the server's own limits: note 3+, contact 2+ characters). */
export function chaseProblems(form: ChaseForm): Problems<ChaseForm> {
  const contacted = form.contacted.trim();
  return {
    ...(form.note.trim().length < 3 ? { note: t.followup.form.noteShort } : {}),
    ...(contacted !== '' && contacted.length < 2 ? { contacted: t.followup.form.contactedShort } : {}),
  };
}

export function chaseBody(form: ChaseForm): FollowupBody {
  const contacted = form.contacted.trim();
  return {
    note: form.note.trim(),
    ...(contacted ? { contacted } : {}),
    ...(form.promisedDate ? { promisedDate: form.promisedDate } : {}),
  };
}

/** The calendar day in Tehran (`YYYY-MM-DD`), the day the planned-against-done table asks for. */
export function tehranDay(now: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tehran' }).format(now);
}

export type DayProgress = paths['/api/planning/progress']['get']['responses'][200]['content']['application/json'];

/** The table's order: the inspectors with late visits first, then by district; those with no plan last. */
export function progressRows(items: DayProgress['items']): DayProgress['items'] {
  return [...items].sort((a, b) => Number(b.planned > 0) - Number(a.planned > 0) || b.late - a.late || a.districtNumber - b.districtNumber);
}

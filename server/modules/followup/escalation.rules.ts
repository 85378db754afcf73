/**
 * Automatic escalation rules (قواعد پیگیری خودکار), per step of a case, as data.
 *
 * When a step is past its due time the holder is reminded at once; after `escalate.afterDays`
 * more working days (Thursday half, Friday and holidays off) the district's manager is told; for
 * steps where the inspector has not even fixed a visit, after `reassign.afterDays` the case goes
 * to the lightest-loaded other suitable inspector of the district. Validated at start like the
 * workflows are (catalog/workflows.ts).
 */
import { REQUEST_STATES, type RequestState, type WorkflowDefinition } from '../../../contracts/workflow.js';
import type { Role } from '../../../contracts/roles.js';
import { WORKFLOWS } from '../catalog/index.js';

export type EscalationLevel = 'remind' | 'escalate' | 'reassign';
export const ESCALATION_LEVELS: readonly EscalationLevel[] = ['remind', 'escalate', 'reassign'];

/** Who is told. */
export type Recipient =
  | 'assigned_inspector' // the case's inspector
  | 'desk' // the desk's manager(s); its operators when it has no active manager
  | 'district_reviewers' // the district's reviewers (کارشناسان بررسی منطقه)
  | 'district_approvers' // the district's manager / approver (مدیر منطقه)
  | 'city_admins'; // the city's e-urbanism office, above a district manager who is the holder himself

export const RECIPIENT_TITLE_FA: Record<Recipient, string> = {
  assigned_inspector: 'مامور بازدید',
  desk: 'مدیر دفتر پیشخوان',
  district_reviewers: 'کارشناسان بررسی منطقه',
  district_approvers: 'مدیر منطقه',
  city_admins: 'مدیر سامانه شهر',
};

/** Who holds a step, as the chase list names it (followup.service.ts HOLDER); the reminder must go to them. */
export type HolderKind = 'office' | 'inspector' | 'district_reviewer' | 'district_approver';
const REMIND_OF_HOLDER: Record<HolderKind, Recipient> = {
  office: 'desk',
  inspector: 'assigned_inspector',
  district_reviewer: 'district_reviewers',
  district_approver: 'district_approvers',
};

export interface StepRule {
  /** Told as soon as the step is overdue: the holder. */
  remind: Recipient;
  /** Working days after the due time, and whom to tell. */
  escalate: { afterDays: number; to: Recipient } | null;
  /** Working days after the due time; only for inspector steps. */
  reassign: { afterDays: number } | null;
}

/** The role the system acts in when it reassigns: the workflow lets district reviewers reassign (a district decision). */
export const REASSIGN_ROLE: Role = 'district_reviewer';

/**
 * The rules. `returned_to_office` has none: the clock is paused while the citizen corrects the
 * file. Terminal states have none. `visit_scheduled` is not reassigned: a visit is fixed with the
 * citizen, and a new inspector would drop it.
 */
export const ESCALATION_RULES: Partial<Record<RequestState, StepRule>> = {
  registered: { remind: 'desk', escalate: { afterDays: 1, to: 'district_approvers' }, reassign: null },
  inspector_assigned: { remind: 'assigned_inspector', escalate: { afterDays: 2, to: 'district_approvers' }, reassign: { afterDays: 4 } },
  visit_scheduled: { remind: 'assigned_inspector', escalate: { afterDays: 2, to: 'district_approvers' }, reassign: null },
  district_review: { remind: 'district_reviewers', escalate: { afterDays: 2, to: 'district_approvers' }, reassign: null },
  awaiting_decision: { remind: 'district_approvers', escalate: { afterDays: 2, to: 'city_admins' }, reassign: null },
  approved: { remind: 'district_approvers', escalate: { afterDays: 1, to: 'city_admins' }, reassign: null },
  rejected: { remind: 'district_approvers', escalate: { afterDays: 1, to: 'city_admins' }, reassign: null },
  response_issued: { remind: 'desk', escalate: { afterDays: 5, to: 'district_approvers' }, reassign: null },
};

/** The levels a step's rule has, in the order they come due. */
export function levelsOf(rule: StepRule): EscalationLevel[] {
  return [...ESCALATION_LEVELS].filter((l) => l === 'remind' || (l === 'escalate' ? rule.escalate : rule.reassign));
}

/**
 * Throws an Error listing every problem: unknown or terminal or paused states, a reminder that
 * does not go to the step's holder, non-positive or out-of-order day counts, reassignment on a
 * step the inspector does not hold or from which the workflow does not let `REASSIGN_ROLE` assign.
 */
export function validateEscalationRules(
  rules: Partial<Record<RequestState, StepRule>>,
  holders: Record<RequestState, HolderKind | null>,
  workflows: readonly WorkflowDefinition[],
): void {
  const problems: string[] = [];
  const days = (n: number) => Number.isFinite(n) && n > 0;
  for (const [state, rule] of Object.entries(rules) as [RequestState, StepRule][]) {
    if (!(REQUEST_STATES as readonly string[]).includes(state)) {
      problems.push(`"${state}" is not a known state`);
      continue;
    }
    const holder = holders[state];
    if (!holder) problems.push(`${state}: nobody holds this step (terminal), it cannot be escalated`);
    else if (rule.remind !== REMIND_OF_HOLDER[holder]) problems.push(`${state}: the reminder goes to ${rule.remind}, but the step is held by ${holder}`);
    for (const wf of workflows) {
      if (wf.waitingOnApplicant.includes(state)) problems.push(`${state}: the clock is paused in workflow "${wf.code}"; no escalation while the citizen corrects`);
      if (wf.terminal.includes(state)) problems.push(`${state}: terminal in workflow "${wf.code}"`);
    }
    if (rule.escalate && !days(rule.escalate.afterDays)) problems.push(`${state}: escalate.afterDays must be a positive number`);
    if (rule.escalate && rule.escalate.to === rule.remind) problems.push(`${state}: escalation goes to the same people as the reminder`);
    if (rule.reassign) {
      if (!days(rule.reassign.afterDays)) problems.push(`${state}: reassign.afterDays must be a positive number`);
      if (rule.escalate && rule.reassign.afterDays <= rule.escalate.afterDays) problems.push(`${state}: reassignment must come after the escalation`);
      if (holder !== 'inspector') problems.push(`${state}: only inspector steps can be reassigned`);
      for (const wf of workflows) {
        const mentions = wf.transitions.some((t) => t.from.includes(state) || t.to === state);
        const row = wf.transitions.find((t) => t.action === 'assign_inspector' && t.from.includes(state));
        if (mentions && !row?.roles.includes(REASSIGN_ROLE)) {
          problems.push(`${state}: workflow "${wf.code}" does not let ${REASSIGN_ROLE} assign an inspector from this state`);
        }
      }
    }
  }
  if (problems.length > 0) throw new Error(`Escalation rules are malformed:\n- ${problems.join('\n- ')}`);
}

/** Who holds each step (the chase list's view). Kept beside the rules so the check above has one source. */
export const HOLDER: Record<RequestState, HolderKind | null> = {
  registered: 'office',
  returned_to_office: 'office',
  response_issued: 'office',
  inspector_assigned: 'inspector',
  visit_scheduled: 'inspector',
  district_review: 'district_reviewer',
  awaiting_decision: 'district_approver',
  approved: 'district_approver',
  rejected: 'district_approver',
  delivered: null,
  cancelled: null,
};

// Fail at start, not on the first late case.
validateEscalationRules(ESCALATION_RULES, HOLDER, Object.values(WORKFLOWS));

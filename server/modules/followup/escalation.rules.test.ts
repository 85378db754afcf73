import { describe, expect, it } from 'vitest';
import type { RequestState } from '../../../contracts/workflow.js';
import { WORKFLOWS } from '../catalog/index.js';
import { ESCALATION_RULES, HOLDER, levelsOf, validateEscalationRules, type StepRule } from './escalation.rules.js';
import { levelDueAt } from './followup.escalation.js';

const workflows = Object.values(WORKFLOWS);
const check = (rules: Partial<Record<RequestState, StepRule>>) => () => validateEscalationRules(rules, HOLDER, workflows);
const inspectorRule: StepRule = { remind: 'assigned_inspector', escalate: { afterDays: 2, to: 'district_approvers' }, reassign: { afterDays: 4 } };

describe('the escalation rules', () => {
  it('are valid as shipped, one per step a person holds, none for the paused correction step or closed cases', () => {
    expect(check(ESCALATION_RULES)).not.toThrow();
    expect(Object.keys(ESCALATION_RULES).sort()).toEqual(
      ['approved', 'awaiting_decision', 'district_review', 'inspector_assigned', 'registered', 'rejected', 'response_issued', 'visit_scheduled'].sort(),
    );
  });

  it('remind the holder at once, escalate to the district manager (the city when the manager holds the step), reassign only an unscheduled inspection', () => {
    const table = Object.fromEntries(
      Object.entries(ESCALATION_RULES).map(([s, r]) => [s, `${r.remind} | ${r.escalate ? `${r.escalate.afterDays}d ${r.escalate.to}` : '-'} | ${r.reassign ? `${r.reassign.afterDays}d` : '-'}`]),
    );
    expect(table).toEqual({
      registered: 'desk | 1d district_approvers | -',
      inspector_assigned: 'assigned_inspector | 2d district_approvers | 4d',
      visit_scheduled: 'assigned_inspector | 2d district_approvers | -',
      district_review: 'district_reviewers | 2d district_approvers | -',
      awaiting_decision: 'district_approvers | 2d city_admins | -',
      approved: 'district_approvers | 1d city_admins | -',
      rejected: 'district_approvers | 1d city_admins | -',
      response_issued: 'desk | 5d district_approvers | -',
    });
    expect(levelsOf(ESCALATION_RULES.inspector_assigned!)).toEqual(['remind', 'escalate', 'reassign']);
    expect(levelsOf(ESCALATION_RULES.district_review!)).toEqual(['remind', 'escalate']);
  });

  it.each<[string, Partial<Record<RequestState, StepRule>>, string]>([
    ['a rule on the paused correction step', { returned_to_office: { remind: 'desk', escalate: null, reassign: null } }, 'clock is paused'],
    ['a rule on a closed case', { delivered: { remind: 'desk', escalate: null, reassign: null } }, 'nobody holds this step'],
    ['an unknown state', { lost: { remind: 'desk', escalate: null, reassign: null } } as never, 'not a known state'],
    ['a reminder to someone other than the holder', { district_review: { remind: 'desk', escalate: null, reassign: null } }, 'held by district_reviewer'],
    ['zero days', { inspector_assigned: { ...inspectorRule, escalate: { afterDays: 0, to: 'district_approvers' } } }, 'escalate.afterDays must be a positive number'],
    ['reassignment before the escalation', { inspector_assigned: { ...inspectorRule, reassign: { afterDays: 1 } } }, 'reassignment must come after the escalation'],
    ['reassigning a step the inspector does not hold', { district_review: { remind: 'district_reviewers', escalate: null, reassign: { afterDays: 3 } } }, 'only inspector steps can be reassigned'],
    ['escalating to the same people', { district_review: { remind: 'district_reviewers', escalate: { afterDays: 2, to: 'district_reviewers' }, reassign: null } }, 'same people'],
  ])('refuse %s', (_name, rules, message) => {
    expect(check(rules)).toThrow(message);
  });

  it('refuse reassignment from a state where the workflow does not let a district reviewer assign an inspector', () => {
    const strict = workflows.map((wf) => ({
      ...wf,
      transitions: wf.transitions.map((t) => (t.action === 'assign_inspector' ? { ...t, roles: ['city_admin' as const] } : t)),
    }));
    expect(() => validateEscalationRules({ inspector_assigned: inspectorRule }, HOLDER, strict)).toThrow('does not let district_reviewer assign an inspector');
  });

  it('count the days after the due time on the working calendar (Thursday half, Friday off)', () => {
    const rule = ESCALATION_RULES.inspector_assigned!;
    const due = '2026-12-02T20:29:59.999Z'; // end of Wednesday, Tehran
    expect(levelDueAt(rule, 'remind', due, new Set()).toISOString()).toBe(due);
    // Thursday 0.5 + Friday 0 + Saturday 1 = 1.5, Sunday brings it to 2.5 >= 2: end of Sunday 6 December.
    expect(levelDueAt(rule, 'escalate', due, new Set()).toISOString()).toBe('2026-12-06T20:29:59.999Z');
    // A holiday on that Sunday pushes the escalation a day.
    expect(levelDueAt(rule, 'escalate', due, new Set(['2026-12-06'])).toISOString()).toBe('2026-12-07T20:29:59.999Z');
    // 4 days: Thu .5, Sat 1, Sun 1, Mon 1, Tue 1 -> end of Tuesday 8 December.
    expect(levelDueAt(rule, 'reassign', due, new Set()).toISOString()).toBe('2026-12-08T20:29:59.999Z');
  });
});

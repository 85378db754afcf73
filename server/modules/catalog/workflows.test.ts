import { describe, expect, it } from 'vitest';
import { GUARDS, REQUEST_ACTIONS, REQUEST_STATES } from '../../../contracts/workflow.js';
import type { Guard, RequestAction, RequestState, Transition, WorkflowDefinition } from '../../../contracts/workflow.js';
import { ROLES, type Role } from '../../../contracts/roles.js';
import {
  WORKFLOWS,
  availableActions,
  checkTransition,
  getWorkflow,
  validateWorkflow,
  workflowStates,
  type CaseFacts,
} from './workflows.js';

const ALL_TRUE: CaseFacts = {
  hasInspector: true,
  hasInspectionReport: true,
  hasRecommendation: true,
  documentsComplete: true,
  hasDecision: true,
  feePaid: true,
};

/**
 * Expected rows, written out by hand independently of the definition:
 * `action | from-states | to | roles | guards | public?`. One line per row of the definition.
 */
const EXPECTED_INSPECTION = `
assign_inspector       | registered                                                  | inspector_assigned | office_operator office_manager district_reviewer city_admin | fee_paid                                   | public
assign_inspector       | inspector_assigned visit_scheduled                          | inspector_assigned | district_reviewer city_admin                                | -                                          | public
schedule_visit         | inspector_assigned visit_scheduled                          | visit_scheduled    | inspector district_reviewer city_admin                      | has_inspector                              | public
file_inspection_report | visit_scheduled                                             | district_review    | inspector                                                   | has_inspector                              | public
recommend              | district_review                                             | awaiting_decision  | district_reviewer                                           | -                                          | internal
approve                | awaiting_decision                                           | approved           | district_approver                                           | has_recommendation has_inspection_report   | public
reject                 | awaiting_decision                                           | rejected           | district_approver                                           | has_recommendation                         | public
return_for_correction  | district_review awaiting_decision                           | returned_to_office | district_reviewer district_approver                         | -                                          | public
resubmit               | returned_to_office                                          | district_review    | office_operator office_manager                              | documents_complete                         | public
issue_response         | approved rejected                                           | response_issued    | district_approver                                           | has_decision                               | public
deliver                | response_issued                                             | delivered          | office_operator office_manager                              | -                                          | public
cancel                 | registered inspector_assigned visit_scheduled returned_to_office | cancelled     | office_manager district_approver city_admin                 | -                                          | public
cancel                 | district_review awaiting_decision                           | cancelled          | district_approver city_admin                                | -                                          | public
`;

const EXPECTED_INQUIRY = `
send_to_district       | registered                                                  | district_review    | office_operator office_manager                              | documents_complete                         | public
assign_inspector       | district_review                                             | inspector_assigned | district_reviewer city_admin                                | fee_paid                                   | public
assign_inspector       | inspector_assigned visit_scheduled                          | inspector_assigned | district_reviewer city_admin                                | -                                          | public
schedule_visit         | inspector_assigned visit_scheduled                          | visit_scheduled    | inspector district_reviewer city_admin                      | has_inspector                              | public
file_inspection_report | visit_scheduled                                             | district_review    | inspector                                                   | has_inspector                              | public
recommend              | district_review                                             | awaiting_decision  | district_reviewer                                           | -                                          | internal
approve                | awaiting_decision                                           | approved           | district_approver                                           | has_recommendation                         | public
reject                 | awaiting_decision                                           | rejected           | district_approver                                           | has_recommendation                         | public
return_for_correction  | district_review awaiting_decision                           | returned_to_office | district_reviewer district_approver                         | -                                          | public
resubmit               | returned_to_office                                          | district_review    | office_operator office_manager                              | documents_complete                         | public
issue_response         | approved rejected                                           | response_issued    | district_approver                                           | has_decision                               | public
deliver                | response_issued                                             | delivered          | office_operator office_manager                              | -                                          | public
cancel                 | registered inspector_assigned visit_scheduled returned_to_office | cancelled     | office_manager district_approver city_admin                 | -                                          | public
cancel                 | district_review awaiting_decision                           | cancelled          | district_approver city_admin                                | -                                          | public
`;

interface ExpectedCell {
  to: string;
  roles: string[];
  guards: string[];
  public: boolean;
}

/** Parses a table into a map keyed by `action@from`. */
function parseTable(table: string): Map<string, ExpectedCell> {
  const cells = new Map<string, ExpectedCell>();
  for (const line of table.trim().split('\n')) {
    const [action, from, to, roles, guards, visibility] = line.split('|').map((c) => c.trim());
    for (const state of from!.split(/\s+/)) {
      const key = `${action}@${state}`;
      if (cells.has(key)) throw new Error(`table lists ${key} twice`);
      cells.set(key, {
        to: to!,
        roles: roles!.split(/\s+/),
        guards: guards === '-' ? [] : guards!.split(/\s+/),
        public: visibility === 'public',
      });
    }
  }
  return cells;
}

const EXPECTED: Record<string, Map<string, ExpectedCell>> = {
  inspection: parseTable(EXPECTED_INSPECTION),
  inquiry: parseTable(EXPECTED_INQUIRY),
};

/** Deep copy so that broken variants never touch the shipped definitions. */
function copy(wf: WorkflowDefinition): WorkflowDefinition & { transitions: Transition[] } {
  return structuredClone(wf) as WorkflowDefinition & { transitions: Transition[] };
}

function t(action: string, from: string[], to: string, roles: string[] = ['city_admin'], guards?: string[]): Transition {
  return {
    action: action as RequestAction,
    from: from as RequestState[],
    to: to as RequestState,
    roles: roles as Role[],
    ...(guards ? { guards: guards as Guard[] } : {}),
    public: true,
  };
}

/** A small valid workflow to break in one way at a time. */
function tiny(extra: Transition[] = []): WorkflowDefinition & { transitions: Transition[] } {
  return {
    code: 'tiny',
    titleFa: 'آزمایشی',
    initial: 'registered',
    terminal: ['delivered', 'cancelled'],
    waitingOnApplicant: [],
    transitions: [
      t('send_to_district', ['registered'], 'district_review'),
      t('approve', ['district_review'], 'approved'),
      t('issue_response', ['approved'], 'response_issued'),
      t('deliver', ['response_issued'], 'delivered'),
      t('cancel', ['registered'], 'cancelled'),
      ...extra,
    ],
  };
}

function problemsOf(wf: WorkflowDefinition): string {
  try {
    validateWorkflow(wf);
  } catch (e) {
    return (e as Error).message;
  }
  return '';
}

describe('validateWorkflow', () => {
  it.each(Object.keys(WORKFLOWS))('accepts the shipped %s workflow', (code) => {
    expect(() => validateWorkflow(getWorkflow(code))).not.toThrow();
  });

  it('accepts the tiny fixture (so that each broken copy fails for one reason only)', () => {
    expect(() => validateWorkflow(tiny())).not.toThrow();
  });

  it('rejects an unknown from-state and to-state', () => {
    const wf = tiny([t('reject', ['limbo'], 'nowhere')]);
    const msg = problemsOf(wf);
    expect(msg).toContain('Workflow "tiny" is malformed');
    expect(msg).toContain('unknown from-state "limbo"');
    expect(msg).toContain('unknown to-state "nowhere"');
  });

  it('rejects an unknown action, role and guard', () => {
    const wf = tiny([t('teleport', ['district_review'], 'approved', ['janitor'], ['has_luck'])]);
    const msg = problemsOf(wf);
    expect(msg).toContain('unknown action "teleport"');
    expect(msg).toContain('unknown role "janitor"');
    expect(msg).toContain('unknown guard "has_luck"');
  });

  it('rejects a row with no roles or no from-states', () => {
    const wf = tiny([t('reject', [], 'cancelled'), t('return_for_correction', ['district_review'], 'registered', [])]);
    const msg = problemsOf(wf);
    expect(msg).toContain('empty "from" list');
    expect(msg).toContain('no role may take it');
  });

  it('rejects a duplicate (action, from) pair, even inside a wider from-list', () => {
    const wf = tiny([t('cancel', ['district_review', 'registered'], 'cancelled', ['office_manager'])]);
    expect(problemsOf(wf)).toContain('duplicate transition for action "cancel" from state "registered"');
  });

  it('rejects the shipped inspection workflow with the cancel rows merged back into overlapping rows', () => {
    const wf = copy(WORKFLOWS.inspection!);
    wf.transitions.push(t('cancel', ['registered'], 'cancelled', ['city_admin']));
    expect(problemsOf(wf)).toContain('duplicate transition for action "cancel" from state "registered"');
  });

  it('rejects an unknown initial state', () => {
    const wf = { ...tiny(), initial: 'draft' as RequestState };
    expect(problemsOf(wf)).toContain('initial state "draft" is not a known state');
  });

  it('rejects unknown terminal and waiting states', () => {
    const wf = { ...tiny(), terminal: ['delivered', 'cancelled', 'archived'] as RequestState[], waitingOnApplicant: ['paused'] as unknown as RequestState[] };
    const msg = problemsOf(wf);
    expect(msg).toContain('terminal state "archived" is not a known state');
    expect(msg).toContain('waitingOnApplicant state "paused" is not a known state');
  });

  it('rejects a workflow with no terminal state', () => {
    const wf = { ...tiny(), terminal: [] };
    expect(problemsOf(wf)).toContain('no terminal state is declared');
  });

  it('rejects a terminal state with an outgoing transition', () => {
    const wf = tiny([t('resubmit', ['delivered'], 'district_review')]);
    expect(problemsOf(wf)).toContain('terminal state "delivered" has an outgoing transition');
  });

  it('rejects a state unreachable from the initial state', () => {
    // "rejected" has a way out but nothing leads into it.
    const wf = tiny([t('reject', ['rejected'], 'response_issued')]);
    expect(problemsOf(wf)).toContain('state "rejected" is unreachable from "registered"');
  });

  it('rejects a non-terminal dead end', () => {
    const wf = tiny([t('reject', ['district_review'], 'rejected')]);
    expect(problemsOf(wf)).toContain('non-terminal state "rejected" has no way out');
  });

  it('rejects a loop that never reaches a terminal state', () => {
    const wf = tiny([
      t('recommend', ['district_review'], 'awaiting_decision'),
      t('return_for_correction', ['awaiting_decision'], 'returned_to_office'),
      t('resubmit', ['returned_to_office'], 'awaiting_decision'),
    ]);
    const msg = problemsOf(wf);
    expect(msg).toContain('non-terminal state "awaiting_decision" has no way out');
    expect(msg).toContain('non-terminal state "returned_to_office" has no way out');
  });

  it('rejects an unreachable terminal state', () => {
    const wf = tiny();
    wf.transitions = wf.transitions.filter((x) => x.action !== 'cancel');
    expect(problemsOf(wf)).toContain('terminal state "cancelled" is unreachable from "registered"');
  });

  it('lists every problem at once', () => {
    const wf = { ...tiny([t('teleport', ['registered'], 'approved')]), initial: 'draft' as RequestState };
    const msg = problemsOf(wf);
    expect(msg).toContain('unknown action "teleport"');
    expect(msg).toContain('initial state "draft" is not a known state');
  });

  it('rejects the shipped inspection workflow when the way to delivery is removed', () => {
    const wf = copy(WORKFLOWS.inspection!);
    wf.transitions = wf.transitions.filter((x) => x.action !== 'issue_response');
    const msg = problemsOf(wf);
    expect(msg).toContain('non-terminal state "approved" has no way out');
    expect(msg).toContain('state "response_issued" is unreachable');
  });
});

describe('shipped definitions', () => {
  it('are keyed by their own code and share initial/terminal/waiting states', () => {
    expect(Object.keys(WORKFLOWS).sort()).toEqual(['inquiry', 'inspection']);
    for (const [code, wf] of Object.entries(WORKFLOWS)) {
      expect(wf.code).toBe(code);
      expect(wf.initial).toBe('registered');
      expect([...wf.terminal].sort()).toEqual(['cancelled', 'delivered']);
      expect(wf.waitingOnApplicant).toEqual(['returned_to_office']);
    }
  });

  it.each(Object.keys(EXPECTED))('%s matches the hand-written table row for row', (code) => {
    const wf = getWorkflow(code);
    const expected = EXPECTED[code]!;
    const actual = new Map<string, ExpectedCell>();
    for (const row of wf.transitions) {
      for (const from of row.from) {
        actual.set(`${row.action}@${from}`, {
          to: row.to,
          roles: [...row.roles].sort(),
          guards: [...(row.guards ?? [])].sort(),
          public: row.public,
        });
      }
    }
    const normalised = new Map(
      [...expected].map(([k, v]) => [k, { ...v, roles: [...v.roles].sort(), guards: [...v.guards].sort() }]),
    );
    expect(Object.fromEntries(actual)).toEqual(Object.fromEntries(normalised));
  });

  it('uses every state in both workflows', () => {
    for (const wf of Object.values(WORKFLOWS)) expect(workflowStates(wf)).toEqual([...REQUEST_STATES]);
  });
});

describe('checkTransition: exhaustive matrix with all facts true', () => {
  for (const code of Object.keys(WORKFLOWS)) {
    it(`${code}: ok exactly for the (action, state, role) triples of the hand-written table`, () => {
      const wf = getWorkflow(code);
      const expected = EXPECTED[code]!;
      let allowed = 0;
      for (const state of REQUEST_STATES) {
        for (const action of REQUEST_ACTIONS) {
          for (const role of ROLES) {
            const cell = expected.get(`${action}@${state}`);
            const result = checkTransition(wf, state, action, role, ALL_TRUE);
            const where = `${code}: ${role} ${action} in ${state}`;
            if (!cell) {
              expect(result, where).toEqual({ ok: false, code: 'ILLEGAL_TRANSITION' });
            } else if (!cell.roles.includes(role)) {
              expect(result, where).toEqual({ ok: false, code: 'FORBIDDEN' });
            } else {
              expect(result.ok, where).toBe(true);
              if (result.ok) expect(result.transition.to, where).toBe(cell.to);
              allowed++;
            }
          }
        }
      }
      expect(allowed).toBeGreaterThan(0);
    });

    it(`${code}: ok exactly when a definition row lists (action, from, role)`, () => {
      const wf = getWorkflow(code);
      for (const state of REQUEST_STATES) {
        for (const action of REQUEST_ACTIONS) {
          for (const role of ROLES) {
            const listed = wf.transitions.some((r) => r.action === action && r.from.includes(state) && r.roles.includes(role));
            expect(checkTransition(wf, state, action, role, ALL_TRUE).ok, `${role} ${action} in ${state}`).toBe(listed);
          }
        }
      }
    });
  }
});

describe('checkTransition: guards and precedence', () => {
  const inspection = getWorkflow('inspection');
  const inquiry = getWorkflow('inquiry');

  it('approve without a recommendation fails with has_recommendation', () => {
    const result = checkTransition(inspection, 'awaiting_decision', 'approve', 'district_approver', { ...ALL_TRUE, hasRecommendation: false });
    expect(result).toEqual({ ok: false, code: 'GUARD_FAILED', failedGuards: ['has_recommendation'] });
  });

  it('lists every unmet guard', () => {
    const result = checkTransition(inspection, 'awaiting_decision', 'approve', 'district_approver', {
      ...ALL_TRUE,
      hasRecommendation: false,
      hasInspectionReport: false,
    });
    expect(result).toEqual({ ok: false, code: 'GUARD_FAILED', failedGuards: ['has_recommendation', 'has_inspection_report'] });
  });

  it('inquiry approval does not need an inspection report', () => {
    const result = checkTransition(inquiry, 'awaiting_decision', 'approve', 'district_approver', { ...ALL_TRUE, hasInspectionReport: false });
    expect(result.ok).toBe(true);
  });

  it('each guard of each row fails alone when only its fact is false', () => {
    const factOf: Record<Guard, keyof CaseFacts> = {
      has_inspector: 'hasInspector',
      has_inspection_report: 'hasInspectionReport',
      has_recommendation: 'hasRecommendation',
      documents_complete: 'documentsComplete',
      has_decision: 'hasDecision',
      fee_paid: 'feePaid',
    };
    expect(Object.keys(factOf).sort()).toEqual([...GUARDS].sort());
    for (const wf of Object.values(WORKFLOWS)) {
      for (const row of wf.transitions) {
        const role = row.roles[0]!;
        for (const state of row.from) {
          for (const guard of GUARDS) {
            const facts = { ...ALL_TRUE, [factOf[guard]]: false };
            const result = checkTransition(wf, state, row.action, role, facts);
            if (row.guards?.includes(guard)) {
              expect(result).toEqual({ ok: false, code: 'GUARD_FAILED', failedGuards: [guard] });
            } else {
              expect(result.ok).toBe(true);
            }
          }
        }
      }
    }
  });

  it('reports ILLEGAL_TRANSITION before FORBIDDEN, and FORBIDDEN before GUARD_FAILED', () => {
    const none: CaseFacts = { hasInspector: false, hasInspectionReport: false, hasRecommendation: false, documentsComplete: false, hasDecision: false, feePaid: false };
    expect(checkTransition(inspection, 'registered', 'approve', 'auditor', none)).toEqual({ ok: false, code: 'ILLEGAL_TRANSITION' });
    expect(checkTransition(inspection, 'awaiting_decision', 'approve', 'office_operator', none)).toEqual({ ok: false, code: 'FORBIDDEN' });
    expect(checkTransition(inspection, 'delivered', 'cancel', 'city_admin', none)).toEqual({ ok: false, code: 'ILLEGAL_TRANSITION' });
  });

  it('inspection has no send_to_district; inquiry has no assignment straight from registered', () => {
    expect(checkTransition(inspection, 'registered', 'send_to_district', 'office_operator', ALL_TRUE).ok).toBe(false);
    expect(checkTransition(inquiry, 'registered', 'assign_inspector', 'city_admin', ALL_TRUE)).toEqual({ ok: false, code: 'ILLEGAL_TRANSITION' });
  });

  it('the desk manager may cancel on the desk side but not while the district reviews', () => {
    expect(checkTransition(inspection, 'returned_to_office', 'cancel', 'office_manager', ALL_TRUE).ok).toBe(true);
    expect(checkTransition(inspection, 'district_review', 'cancel', 'office_manager', ALL_TRUE)).toEqual({ ok: false, code: 'FORBIDDEN' });
    expect(checkTransition(inspection, 'district_review', 'cancel', 'district_approver', ALL_TRUE).ok).toBe(true);
    expect(checkTransition(inspection, 'registered', 'cancel', 'office_operator', ALL_TRUE)).toEqual({ ok: false, code: 'FORBIDDEN' });
  });
});

describe('availableActions', () => {
  const inspection = getWorkflow('inspection');
  const inquiry = getWorkflow('inquiry');

  it('shows the buttons each role may press', () => {
    expect(availableActions(inspection, 'registered', 'office_operator')).toEqual(['assign_inspector']);
    expect(availableActions(inspection, 'registered', 'office_manager').sort()).toEqual(['assign_inspector', 'cancel']);
    expect(availableActions(inspection, 'visit_scheduled', 'inspector').sort()).toEqual(['file_inspection_report', 'schedule_visit']);
    expect(availableActions(inspection, 'visit_scheduled', 'district_reviewer').sort()).toEqual(['assign_inspector', 'schedule_visit']);
    expect(availableActions(inspection, 'awaiting_decision', 'district_approver').sort()).toEqual([
      'approve',
      'cancel',
      'reject',
      'return_for_correction',
    ]);
    expect(availableActions(inquiry, 'registered', 'office_operator')).toEqual(['send_to_district']);
    expect(availableActions(inquiry, 'district_review', 'district_reviewer').sort()).toEqual([
      'assign_inspector',
      'recommend',
      'return_for_correction',
    ]);
  });

  it('shows nothing to read-only roles or in terminal states', () => {
    for (const wf of Object.values(WORKFLOWS)) {
      for (const state of REQUEST_STATES) {
        expect(availableActions(wf, state, 'auditor')).toEqual([]);
        expect(availableActions(wf, state, 'followup_officer')).toEqual([]);
      }
      for (const state of wf.terminal) for (const role of ROLES) expect(availableActions(wf, state, role)).toEqual([]);
    }
  });

  it('agrees with checkTransition (guards ignored) for every state and role', () => {
    for (const wf of Object.values(WORKFLOWS)) {
      for (const state of REQUEST_STATES) {
        for (const role of ROLES) {
          const expected = REQUEST_ACTIONS.filter((a) => checkTransition(wf, state, a, role, ALL_TRUE).ok);
          expect([...availableActions(wf, state, role)].sort()).toEqual([...expected].sort());
        }
      }
    }
  });
});

/** Applies a list of (action, role) steps, asserting each is allowed, and returns the visited states. */
function walk(wf: WorkflowDefinition, steps: [RequestAction, Role][]): RequestState[] {
  let state = wf.initial;
  const visited = [state];
  for (const [action, role] of steps) {
    const result = checkTransition(wf, state, action, role, ALL_TRUE);
    if (!result.ok) throw new Error(`${role} cannot ${action} in ${state}: ${result.code}`);
    state = result.transition.to;
    visited.push(state);
  }
  return visited;
}

describe('happy paths', () => {
  it('inspection: registered to delivered with a visit', () => {
    const states = walk(getWorkflow('inspection'), [
      ['assign_inspector', 'office_operator'],
      ['schedule_visit', 'inspector'],
      ['file_inspection_report', 'inspector'],
      ['recommend', 'district_reviewer'],
      ['approve', 'district_approver'],
      ['issue_response', 'district_approver'],
      ['deliver', 'office_operator'],
    ]);
    expect(states).toEqual([
      'registered',
      'inspector_assigned',
      'visit_scheduled',
      'district_review',
      'awaiting_decision',
      'approved',
      'response_issued',
      'delivered',
    ]);
  });

  it('inspection: reassignment, a correction round and a rejection still end delivered', () => {
    const states = walk(getWorkflow('inspection'), [
      ['assign_inspector', 'office_operator'],
      ['schedule_visit', 'district_reviewer'],
      ['assign_inspector', 'district_reviewer'],
      ['schedule_visit', 'inspector'],
      ['schedule_visit', 'inspector'],
      ['file_inspection_report', 'inspector'],
      ['return_for_correction', 'district_reviewer'],
      ['resubmit', 'office_manager'],
      ['recommend', 'district_reviewer'],
      ['reject', 'district_approver'],
      ['issue_response', 'district_approver'],
      ['deliver', 'office_manager'],
    ]);
    expect(states.at(-1)).toBe('delivered');
  });

  it('inquiry: answered from the file without a visit', () => {
    const states = walk(getWorkflow('inquiry'), [
      ['send_to_district', 'office_operator'],
      ['recommend', 'district_reviewer'],
      ['approve', 'district_approver'],
      ['issue_response', 'district_approver'],
      ['deliver', 'office_operator'],
    ]);
    expect(states).toEqual(['registered', 'district_review', 'awaiting_decision', 'approved', 'response_issued', 'delivered']);
  });

  it('inquiry: the district orders a visit', () => {
    const states = walk(getWorkflow('inquiry'), [
      ['send_to_district', 'office_manager'],
      ['assign_inspector', 'district_reviewer'],
      ['schedule_visit', 'inspector'],
      ['file_inspection_report', 'inspector'],
      ['recommend', 'district_reviewer'],
      ['approve', 'district_approver'],
      ['issue_response', 'district_approver'],
      ['deliver', 'office_operator'],
    ]);
    expect(states).toEqual([
      'registered',
      'district_review',
      'inspector_assigned',
      'visit_scheduled',
      'district_review',
      'awaiting_decision',
      'approved',
      'response_issued',
      'delivered',
    ]);
  });
});

describe('getWorkflow', () => {
  it('returns the shipped definitions', () => {
    expect(getWorkflow('inspection')).toBe(WORKFLOWS.inspection);
    expect(getWorkflow('inquiry')).toBe(WORKFLOWS.inquiry);
  });

  it('throws for unknown codes, including prototype names', () => {
    expect(() => getWorkflow('permit')).toThrow(/Unknown workflow code: permit/);
    expect(() => getWorkflow('toString')).toThrow(/Unknown workflow code/);
    expect(() => getWorkflow('')).toThrow(/Unknown workflow code/);
  });
});

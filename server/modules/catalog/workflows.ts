/**
 * Declarative case workflows (گردش کار پرونده) and the pure functions that interpret them.
 *
 * Transitions are plain data so that the rules can be read, reviewed and tested as a table.
 * Invariant: for any (action, from-state) pair there is exactly ONE row; when different states
 * allow different roles the row is split by from-state instead of being duplicated, so that
 * "which roles may do X here" has a single answer.
 */
import { GUARDS, REQUEST_ACTIONS, REQUEST_STATES } from '../../../contracts/workflow.js';
import type { Guard, RequestAction, RequestState, Transition, WorkflowDefinition } from '../../../contracts/workflow.js';
import { ROLES, type Role } from '../../../contracts/roles.js';

export interface CaseFacts {
  hasInspector: boolean;
  hasInspectionReport: boolean;
  hasRecommendation: boolean;
  documentsComplete: boolean;
  hasDecision: boolean;
  /** The fee is paid, or the service has none (docs/decisions/0020-fee-before-inspection.md). */
  feePaid: boolean;
}

export type TransitionCheck =
  | { ok: true; transition: Transition }
  | { ok: false; code: 'ILLEGAL_TRANSITION' | 'FORBIDDEN' | 'GUARD_FAILED'; failedGuards?: Guard[] };

/** Which fact satisfies each guard. A Record so that adding a guard to the contract fails to compile here. */
const GUARD_FACT: Record<Guard, keyof CaseFacts> = {
  has_inspector: 'hasInspector',
  has_inspection_report: 'hasInspectionReport',
  has_recommendation: 'hasRecommendation',
  documents_complete: 'documentsComplete',
  has_decision: 'hasDecision',
  fee_paid: 'feePaid',
};

// Role groups, named after who sits where.
const DESK: Role[] = ['office_operator', 'office_manager'];
const DISTRICT_ASSIGNERS: Role[] = ['district_reviewer', 'city_admin'];
/** States in which the desk manager may still withdraw a case. */
const DESK_CANCEL_STATES: RequestState[] = ['registered', 'inspector_assigned', 'visit_scheduled', 'returned_to_office'];
const ALL_CANCELLERS: Role[] = ['office_manager', 'district_approver', 'city_admin'];

/** The steps after the district has the case; identical in both workflows except approve's guards. */
function districtSteps(approveGuards: Guard[]): Transition[] {
  return [
    // The city admin too: they may plan several districts' days together, and a plan re-schedules a confirmed visit it moves.
    { action: 'schedule_visit', from: ['inspector_assigned', 'visit_scheduled'], to: 'visit_scheduled', roles: ['inspector', 'district_reviewer', 'city_admin'], guards: ['has_inspector'], public: true },
    { action: 'file_inspection_report', from: ['visit_scheduled'], to: 'district_review', roles: ['inspector'], guards: ['has_inspector'], public: true },
    // The reviewer's opinion is internal; the citizen only sees the decision.
    { action: 'recommend', from: ['district_review'], to: 'awaiting_decision', roles: ['district_reviewer'], public: false },
    { action: 'approve', from: ['awaiting_decision'], to: 'approved', roles: ['district_approver'], guards: approveGuards, public: true },
    { action: 'reject', from: ['awaiting_decision'], to: 'rejected', roles: ['district_approver'], guards: ['has_recommendation'], public: true },
    { action: 'return_for_correction', from: ['district_review', 'awaiting_decision'], to: 'returned_to_office', roles: ['district_reviewer', 'district_approver'], public: true },
    { action: 'resubmit', from: ['returned_to_office'], to: 'district_review', roles: DESK, guards: ['documents_complete'], public: true },
    { action: 'issue_response', from: ['approved', 'rejected'], to: 'response_issued', roles: ['district_approver'], guards: ['has_decision'], public: true },
    { action: 'deliver', from: ['response_issued'], to: 'delivered', roles: DESK, public: true },
    // Cancel is split by from-state: the desk manager may only cancel while the case is (or is back) on the desk side.
    { action: 'cancel', from: DESK_CANCEL_STATES, to: 'cancelled', roles: ALL_CANCELLERS, public: true },
    { action: 'cancel', from: ['district_review', 'awaiting_decision'], to: 'cancelled', roles: ['district_approver', 'city_admin'], public: true },
  ];
}

const COMMON = {
  initial: 'registered',
  terminal: ['delivered', 'cancelled'],
  waitingOnApplicant: ['returned_to_office'],
} as const;

export const WORKFLOWS: Record<string, WorkflowDefinition> = {
  /** Every case gets a site visit: property file + inspection, excavation permit, certificates. */
  inspection: {
    code: 'inspection',
    titleFa: 'گردش کار با بازدید میدانی',
    ...COMMON,
    transitions: [
      // At intake the desk's own operator triggers automatic assignment to the lightest-loaded inspector;
      // no inspector goes out for an unpaid fee (the payment, when recorded, triggers it).
      { action: 'assign_inspector', from: ['registered'], to: 'inspector_assigned', roles: [...DESK, ...DISTRICT_ASSIGNERS], guards: ['fee_paid'], public: true },
      // Reassignment (sick inspector, wrong specialty) is a district decision.
      { action: 'assign_inspector', from: ['inspector_assigned', 'visit_scheduled'], to: 'inspector_assigned', roles: DISTRICT_ASSIGNERS, public: true },
      ...districtSteps(['has_recommendation', 'has_inspection_report']),
    ],
  },
  /** Inquiries (bank, notary, agencies): answered from the file, but the district may order a visit. */
  inquiry: {
    code: 'inquiry',
    titleFa: 'گردش کار استعلام',
    ...COMMON,
    transitions: [
      { action: 'send_to_district', from: ['registered'], to: 'district_review', roles: DESK, guards: ['documents_complete'], public: true },
      // Ordering a visit sends an inspector, so the fee must be paid; reassigning one already sent is not held.
      { action: 'assign_inspector', from: ['district_review'], to: 'inspector_assigned', roles: DISTRICT_ASSIGNERS, guards: ['fee_paid'], public: true },
      { action: 'assign_inspector', from: ['inspector_assigned', 'visit_scheduled'], to: 'inspector_assigned', roles: DISTRICT_ASSIGNERS, public: true },
      // No visit is required, so approval cannot demand an inspection report.
      ...districtSteps(['has_recommendation']),
    ],
  },
};

/** States a case ends in under some workflow (its `closed_at` is set there: platform/case-clock.ts). */
export const TERMINAL_STATES: ReadonlySet<string> = new Set<string>(Object.values(WORKFLOWS).flatMap((w) => [...w.terminal]));
/** Every other state: the case is open (a list an index on `state` can look each one up in). */
export const OPEN_STATES: readonly RequestState[] = REQUEST_STATES.filter((s) => !TERMINAL_STATES.has(s));

/** The single row for (action, state), if any. */
function findTransition(wf: WorkflowDefinition, state: RequestState, action: RequestAction): Transition | undefined {
  return wf.transitions.find((t) => t.action === action && t.from.includes(state));
}

/**
 * Decide whether `role` may take `action` on a case in `state`. Order: no transition for
 * (action, state) -> ILLEGAL_TRANSITION; role not allowed -> FORBIDDEN; unmet guards -> GUARD_FAILED with the list.
 */
export function checkTransition(
  wf: WorkflowDefinition,
  state: RequestState,
  action: RequestAction,
  role: Role,
  facts: CaseFacts,
): TransitionCheck {
  const transition = findTransition(wf, state, action);
  if (!transition) return { ok: false, code: 'ILLEGAL_TRANSITION' };
  if (!transition.roles.includes(role)) return { ok: false, code: 'FORBIDDEN' };
  const failedGuards = (transition.guards ?? []).filter((g) => !facts[GUARD_FACT[g]]);
  if (failedGuards.length > 0) return { ok: false, code: 'GUARD_FAILED', failedGuards };
  return { ok: true, transition };
}

/** Actions `role` may take now (guards ignored), for the UI to show only the buttons that will work. */
export function availableActions(wf: WorkflowDefinition, state: RequestState, role: Role): RequestAction[] {
  return wf.transitions.filter((t) => t.from.includes(state) && t.roles.includes(role)).map((t) => t.action);
}

export function getWorkflow(code: string): WorkflowDefinition {
  // hasOwn so that codes such as "toString" are not found on the prototype.
  const wf = Object.hasOwn(WORKFLOWS, code) ? WORKFLOWS[code] : undefined;
  if (!wf) throw new Error(`Unknown workflow code: ${code}`);
  return wf;
}

/** Every state a workflow mentions (initial, terminal, waiting, and every transition end). */
export function workflowStates(wf: WorkflowDefinition): RequestState[] {
  const states = new Set<RequestState>([wf.initial, ...wf.terminal, ...wf.waitingOnApplicant]);
  for (const t of wf.transitions) {
    for (const s of t.from) states.add(s);
    states.add(t.to);
  }
  return REQUEST_STATES.filter((s) => states.has(s));
}

/** States reachable from `start` following transitions forwards (or backwards). */
function reachable(wf: WorkflowDefinition, start: readonly RequestState[], backwards: boolean): Set<RequestState> {
  const seen = new Set<RequestState>(start);
  const queue = [...start];
  for (let s = queue.shift(); s !== undefined; s = queue.shift()) {
    for (const t of wf.transitions) {
      const next = backwards ? (t.to === s ? t.from : []) : t.from.includes(s) ? [t.to] : [];
      for (const n of next) {
        if (!seen.has(n)) {
          seen.add(n);
          queue.push(n);
        }
      }
    }
  }
  return seen;
}

/**
 * Throws Error listing every problem if a definition is malformed: unknown states/actions/roles/guards,
 * duplicate (action, from) pairs, initial not a known state, terminal states with outgoing transitions,
 * states unreachable from initial, non-terminal states with no way out, terminal states unreachable.
 */
export function validateWorkflow(wf: WorkflowDefinition): void {
  const problems: string[] = [];
  const isState = (s: string): boolean => (REQUEST_STATES as readonly string[]).includes(s);
  const isAction = (a: string): boolean => (REQUEST_ACTIONS as readonly string[]).includes(a);
  const isRole = (r: string): boolean => (ROLES as readonly string[]).includes(r);
  const isGuard = (g: string): boolean => (GUARDS as readonly string[]).includes(g);

  if (!isState(wf.initial)) problems.push(`initial state "${wf.initial}" is not a known state`);
  if (wf.terminal.length === 0) problems.push('no terminal state is declared');
  for (const s of wf.terminal) if (!isState(s)) problems.push(`terminal state "${s}" is not a known state`);
  for (const s of wf.waitingOnApplicant) {
    if (!isState(s)) problems.push(`waitingOnApplicant state "${s}" is not a known state`);
    if (wf.terminal.includes(s)) problems.push(`waitingOnApplicant state "${s}" is terminal`);
  }
  if (wf.terminal.includes(wf.initial)) problems.push(`initial state "${wf.initial}" is terminal`);

  const seenPairs = new Set<string>();
  wf.transitions.forEach((t, i) => {
    const where = `transition #${i} (${t.action})`;
    if (!isAction(t.action)) problems.push(`${where}: unknown action "${t.action}"`);
    if (t.from.length === 0) problems.push(`${where}: empty "from" list`);
    for (const s of t.from) if (!isState(s)) problems.push(`${where}: unknown from-state "${s}"`);
    if (!isState(t.to)) problems.push(`${where}: unknown to-state "${t.to}"`);
    if (t.roles.length === 0) problems.push(`${where}: no role may take it`);
    for (const r of t.roles) if (!isRole(r)) problems.push(`${where}: unknown role "${r}"`);
    for (const g of t.guards ?? []) if (!isGuard(g)) problems.push(`${where}: unknown guard "${g}"`);
    for (const s of t.from) {
      const key = `${t.action}@${s}`;
      if (seenPairs.has(key)) problems.push(`${where}: duplicate transition for action "${t.action}" from state "${s}"`);
      seenPairs.add(key);
      if (wf.terminal.includes(s)) problems.push(`${where}: terminal state "${s}" has an outgoing transition`);
    }
  });

  // Graph checks only make sense on a known starting point.
  if (isState(wf.initial)) {
    const fromInitial = reachable(wf, [wf.initial], false);
    const toTerminal = reachable(wf, wf.terminal, true);
    for (const s of workflowStates(wf)) {
      if (!fromInitial.has(s)) {
        problems.push(wf.terminal.includes(s) ? `terminal state "${s}" is unreachable from "${wf.initial}"` : `state "${s}" is unreachable from "${wf.initial}"`);
      }
      if (!wf.terminal.includes(s) && !toTerminal.has(s)) {
        problems.push(`non-terminal state "${s}" has no way out (no terminal state can be reached from it)`);
      }
    }
  }

  if (problems.length > 0) {
    throw new Error(`Workflow "${wf.code}" is malformed:\n- ${problems.join('\n- ')}`);
  }
}

// Fail at startup, not on the first case that hits a broken row.
for (const wf of Object.values(WORKFLOWS)) validateWorkflow(wf);

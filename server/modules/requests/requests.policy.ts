/**
 * What the caller may do with a case they reach (reach itself: platform/access.ts, scope.ts). One
 * answer from the one permission table (contracts/permissions.ts), the case's workflow
 * (catalog/workflows.ts) and the case's own state, carried by the case answer as `can`; the actions
 * themselves check the same rules, so a button the page shows is one the server takes
 * (docs/decisions/0030-one-access-check.md).
 */
import { can as roleCan } from '../../../contracts/permissions.js';
import { ACTION_CAN_KEY, type RequestAction, type RequestState } from '../../../contracts/workflow.js';
import type { Static } from '../../platform/schemas.js';
import type { Actor } from '../../platform/actor.js';
import { AppError } from '../../platform/errors.js';
import { availableActions, getWorkflow } from '../catalog/index.js';
import { addsPapers } from '../documents/index.js';
import type { CaseCan } from './requests.schemas.js';

export type CaseAccess = Static<typeof CaseCan>;

// Every action's `can` key is a flag of the answer's schema (a new action fails to compile here).
const CAN_KEY = ACTION_CAN_KEY satisfies Record<RequestAction, keyof CaseAccess>;

/** What of a case the rules read. */
export interface CaseForPolicy {
  workflow_code: string;
  state: string;
  fee_paid_at: string | null;
  closed_at: string | null;
}

/**
 * Why the fee cannot be recorded on this case now, or null: it is paid already, or the case is
 * cancelled. `recordPayment` refuses with it; `can.recordPayment` is its absence.
 */
export function paymentRefusal(c: Pick<CaseForPolicy, 'state' | 'fee_paid_at'>): AppError | null {
  if (c.fee_paid_at) return new AppError('CONFLICT', { message: 'The fee of this case is already paid', messageFa: 'هزینه این پرونده قبلاً پرداخت شده است' });
  if (c.state === 'cancelled') return new AppError('CONFLICT', { message: 'The case is cancelled', messageFa: 'این پرونده لغو شده است' });
  return null;
}

/**
 * The workflow actions the actor may take from the case's state (guards, such as a paid fee or
 * complete documents, are judged when the action is sent: resubmit brings its own documents),
 * and everything else the case page offers.
 */
export function caseAccess(actor: Actor, c: CaseForPolicy): { actions: RequestAction[]; can: CaseAccess } {
  const actions = availableActions(getWorkflow(c.workflow_code), c.state as RequestState, actor.role);
  const can = Object.fromEntries(Object.entries(CAN_KEY).map(([action, key]) => [key, actions.includes(action as RequestAction)])) as Record<
    (typeof CAN_KEY)[RequestAction],
    boolean
  >;
  return {
    actions,
    can: {
      ...can,
      recordPayment: roleCan(actor.role, 'request.create') && paymentRefusal(c) === null,
      uploadDocument: addsPapers(actor.role, c.closed_at !== null),
    },
  };
}

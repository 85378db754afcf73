/**
 * What each role's کارتابل shows first: the piles of work waiting on that person, each a count
 * and a link to the list that holds it. Pure data, so the role table is tested on its own.
 */
import type { Role } from '../../../contracts/roles';
import type { RequestState } from '../../../contracts/workflow';

export type Pile =
  | { kind: 'cases'; state: RequestState; to: string }
  | { kind: 'visitsToday'; to: string }
  | { kind: 'chase'; to: string }
  | { kind: 'failedSms'; to: string };

const cases = (state: RequestState, to = `/requests?state=${state}`): Pile => ({ kind: 'cases', state, to });

export const WORK_QUEUE: Record<Role, Pile[]> = {
  office_operator: [cases('registered'), cases('returned_to_office'), cases('response_issued')],
  office_manager: [cases('registered'), cases('returned_to_office'), cases('response_issued')],
  inspector: [{ kind: 'visitsToday', to: '/visits' }, cases('inspector_assigned', '/visits')],
  district_reviewer: [cases('district_review', '/district'), cases('inspector_assigned', '/district')],
  district_approver: [cases('awaiting_decision', '/district'), cases('approved', '/district'), cases('rejected', '/district')],
  followup_officer: [{ kind: 'chase', to: '/followup' }],
  city_admin: [{ kind: 'failedSms', to: '/admin/outbox' }, { kind: 'chase', to: '/followup' }],
  auditor: [{ kind: 'chase', to: '/followup' }],
};

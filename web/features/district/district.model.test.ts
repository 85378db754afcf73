import { describe, expect, it } from 'vitest';
import { QUEUE_STATES, queueQuery, tabCount, tabOf } from './district.model';

describe('the district queue', () => {
  it('opens the tab in the address, else the decision tab for approvers and the review tab for everyone else', () => {
    expect(tabOf('visit', 'district_reviewer')).toBe('visit');
    expect(tabOf(null, 'district_approver')).toBe('decision');
    expect(tabOf(null, 'district_reviewer')).toBe('review');
    expect(tabOf('nonsense', 'city_admin')).toBe('review');
  });

  it('asks for each state most urgent first', () => {
    expect(queueQuery('approved', 3)).toEqual({ state: 'approved', page: 3, pageSize: 20, sort: 'stepDueAt', order: 'asc' });
    expect(queueQuery('district_review', 1, ' 1234567890 ')).toEqual({ state: 'district_review', page: 1, pageSize: 20, sort: 'stepDueAt', order: 'asc', q: '1234567890' });
    expect(queueQuery('district_review', 1, '  ')).not.toHaveProperty('q');
  });

  it('covers the six district states once each', () => {
    expect([...QUEUE_STATES].sort()).toEqual(['approved', 'awaiting_decision', 'district_review', 'inspector_assigned', 'rejected', 'visit_scheduled']);
  });

  it('counts a tab once all its states have answered', () => {
    expect(tabCount('answer', { approved: 2 })).toBeNull();
    expect(tabCount('answer', { approved: 2, rejected: 1 })).toBe(3);
    expect(tabCount('review', { district_review: 0 })).toBe(0);
  });
});

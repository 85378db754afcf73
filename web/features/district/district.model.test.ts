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
    const n = (total: number, capped = false) => ({ total, capped });
    expect(tabCount('answer', { approved: n(2) })).toBeNull();
    expect(tabCount('answer', { approved: n(2), rejected: n(1) })).toEqual(n(3));
    expect(tabCount('review', { district_review: n(0) })).toEqual(n(0));
    // A state counted only up to 1,000 makes the tab "more than" its sum.
    expect(tabCount('answer', { approved: n(1_000, true), rejected: n(4) })).toEqual(n(1_004, true));
  });
});

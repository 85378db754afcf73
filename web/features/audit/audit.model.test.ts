import { describe, expect, it } from 'vitest';
import { ACTION_OPTIONS, actionLabel, auditQuery, entityLabel, NO_FILTERS, roleTitle } from './audit.model';

describe('the audit log filters', () => {
  it('ask for the newest events first, with nothing that was not chosen', () => {
    expect(auditQuery(NO_FILTERS, 2)).toEqual({ page: 2, pageSize: 25, sort: 'seq', order: 'desc' });
  });

  it('turn chosen days into Tehran midnights, the last day included', () => {
    const q = auditQuery({ ...NO_FILTERS, from: '2026-11-29', to: '2026-12-31', action: 'request.approve' }, 1);
    expect(q).toMatchObject({ from: '2026-11-29T00:00:00+03:30', to: '2027-01-01T00:00:00+03:30', action: 'request.approve' });
    // Midnight in Tehran is 20:30 UTC the evening before.
    expect(new Date(q.from!).toISOString()).toBe('2026-11-28T20:30:00.000Z');
  });
});

describe('the audit log in words', () => {
  it('names the log actions, the workflow steps and the subjects in Persian, and an unknown code in plain Persian (no Latin on screen)', () => {
    expect(actionLabel('staff.create')).toBe('افزودن کارمند');
    expect(actionLabel('request.recommend')).toBe('اظهار نظر کارشناس منطقه');
    expect(actionLabel('request.something_new')).toBe('رویداد دیگر');
    expect(actionLabel('api_key.issue')).toBe('صدور کلید دسترسی');
    expect(entityLabel('api_client')).toBe('سازمان طرف دسترسی');
    expect(entityLabel('request')).toBe('پرونده');
    expect(entityLabel('gadget')).toBe('مورد دیگر');
    expect(roleTitle('auditor')).toBe('بازرس');
  });

  it('offers each action once in the filter', () => {
    const values = ACTION_OPTIONS.map((o) => o.value);
    expect(new Set(values).size).toBe(values.length);
    expect(values).toContain('request.issue_response');
  });
});

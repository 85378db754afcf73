import { describe, expect, it } from 'vitest';
import type { Case } from './api';
import { approvalConditions } from './caseView';

const event = (action: string, data: Record<string, unknown> | null) => ({ action, data }) as Case['timeline'][number];
const caseWith = (timeline: Case['timeline']) => ({ timeline }) as Case;

describe("the approver's conditions", () => {
  it('are read from the latest approval on the timeline', () => {
    const c = caseWith([event('register', null), event('approve', { conditions: ['old'] }), event('resubmit', null), event('approve', { conditions: ['رعایت عقب‌نشینی', 3] })]);
    expect(approvalConditions(c)).toEqual(['رعایت عقب‌نشینی']);
  });

  it('are none before an approval, or when it set none', () => {
    expect(approvalConditions(caseWith([event('register', null)]))).toEqual([]);
    expect(approvalConditions(caseWith([event('approve', {})]))).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { ROLES } from '../../../contracts/roles';
import { WORK_QUEUE } from './workQueue';

describe("each role's work queue", () => {
  it('gives every role at least one pile, each linking to a page of the app', () => {
    for (const role of ROLES) {
      expect(WORK_QUEUE[role].length, role).toBeGreaterThan(0);
      for (const pile of WORK_QUEUE[role]) expect(pile.to).toMatch(/^\/[a-z]/);
    }
  });
  it("puts the desk's own steps first: new, returned for correction, answers to hand over", () => {
    expect(WORK_QUEUE.office_operator.map((p) => (p.kind === 'cases' ? p.state : p.kind))).toEqual(['registered', 'returned_to_office', 'response_issued']);
  });
});

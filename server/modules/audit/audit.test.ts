import { describe, expect, it } from 'vitest';
import { auditChanges } from './audit.service.js';

describe('auditChanges', () => {
  it('keeps only the fields that really changed, comparing objects by content', () => {
    expect(
      auditChanges(
        { a: 1, b: 'x', sla: { registered: 1 }, gone: null },
        { a: 1, b: 'y', sla: { registered: 1 }, gone: undefined, fresh: true },
      ),
    ).toEqual({ b: { from: 'x', to: 'y' }, fresh: { from: null, to: true } });
  });
});

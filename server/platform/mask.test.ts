import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MASK_CHAR, maskIdentifier, maskIfHidden } from './mask.js';

describe('masking identifiers', () => {
  it('keeps the head and tail a clerk matches a paper with', () => {
    expect(maskIdentifier('0012345456', 'nationalCode')).toBe('001****456');
    expect(maskIdentifier('10100000000', 'nationalCode')).toBe('101*****000');
    expect(maskIdentifier('09121234567', 'mobile')).toBe('0912****567');
  });

  it('hides at least the middle of any identifier, and never lengthens or shortens it', () => {
    const digits = fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 1, maxLength: 14 });
    fc.assert(
      fc.property(digits, fc.constantFrom('nationalCode' as const, 'mobile' as const), (value, kind) => {
        const m = maskIdentifier(value, kind);
        expect(m).toHaveLength(value.length);
        const shown = [...m].filter((c) => c !== MASK_CHAR).length;
        // At most six (seven for a mobile) digits shown, and never more than half of a short value.
        expect(shown).toBeLessThanOrEqual(kind === 'mobile' ? 7 : 6);
        if (value.length > 1) expect(m).toContain(MASK_CHAR);
        [...m].forEach((c, i) => c !== MASK_CHAR && expect(c).toBe(value[i]));
      }),
      { numRuns: 500 },
    );
  });

  it('masks only when hidden, and leaves null alone', () => {
    expect(maskIfHidden('0012345456', 'nationalCode', true)).toBe('0012345456');
    expect(maskIfHidden(null, 'mobile', false)).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { jsonTooDeep, parseJsonBody, unsafeValues } from './input-guard.js';

/** The oracle: nesting depth of a parsed value, counted recursively (fine for the small values generated). */
function depthOf(v: unknown): number {
  if (Array.isArray(v)) return 1 + Math.max(0, ...v.map(depthOf));
  if (v && typeof v === 'object') return 1 + Math.max(0, ...Object.values(v).map(depthOf));
  return 0;
}

describe('jsonTooDeep', () => {
  it('agrees with the parsed depth for any JSON value and any bound (1,000 runs)', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 8 }), fc.integer({ min: 0, max: 10 }), (value, max) => {
        expect(jsonTooDeep(JSON.stringify(value), max)).toBe(depthOf(value) > max);
      }),
      { numRuns: 1000 },
    );
  });

  it('scans a megabyte of brackets without recursion', () => {
    const text = '['.repeat(500_000) + ']'.repeat(500_000);
    expect(jsonTooDeep(text)).toBe(true);
    expect(() => parseJsonBody(text)).toThrow();
  });

  it('ignores brackets and escaped quotes inside strings', () => {
    expect(jsonTooDeep(JSON.stringify({ a: '[[[[\\"{{{{' }), 2)).toBe(false);
  });
});

describe('unsafeValues', () => {
  it('names every NUL and non-finite value by its dotted path', () => {
    const found = unsafeValues({ a: [1, Infinity], b: { c: 'x\u0000' }, d: 'ok', e: -Infinity, f: NaN }, '');
    expect(found.map((f) => `${f.field}:${f.code}`).sort()).toEqual(['a.1:not_finite', 'b.c:nul_character', 'e:not_finite', 'f:not_finite']);
  });

  it('finds nothing in any finite, NUL-free JSON value (1,000 runs)', () => {
    const clean = fc.jsonValue().filter((v) => !JSON.stringify(v).includes('\\u0000'));
    fc.assert(fc.property(clean, (value) => unsafeValues(value, '').length === 0), { numRuns: 1000 });
  });
});

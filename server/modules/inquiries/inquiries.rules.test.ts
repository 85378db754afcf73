import { describe, expect, it } from 'vitest';
import { decideInstant } from './inquiries.rules.js';

const now = new Date('2026-11-29T06:00:00Z');
const recent = { visitedAt: '2026-06-01T06:00:00Z', violations: 0 };

describe('decideInstant', () => {
  it('answers at once with a recent clean inspection and nothing pending', () => {
    expect(decideInstant('bank', { lastInspection: recent, openRequests: 0 }, now)).toEqual({ instant: true });
  });
  it('names every reason it cannot', () => {
    expect(decideInstant('bank', { lastInspection: null, openRequests: 2 }, now)).toEqual({ instant: false, reasons: ['no_inspection', 'pending_request'] });
    expect(decideInstant('bank', { lastInspection: { visitedAt: recent.visitedAt, violations: 1 }, openRequests: 0 }, now)).toEqual({ instant: false, reasons: ['open_violation'] });
  });
  it('holds each type to its own age limit: 180 days for a notary transfer, 365 for a bank', () => {
    const aged = { lastInspection: { visitedAt: '2026-03-01T06:00:00Z', violations: 0 }, openRequests: 0 }; // 273 days
    expect(decideInstant('notary_transfer', aged, now)).toEqual({ instant: false, reasons: ['inspection_too_old'] });
    expect(decideInstant('bank', aged, now)).toEqual({ instant: true });
  });
});

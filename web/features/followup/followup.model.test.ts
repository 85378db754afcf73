import { describe, expect, it } from 'vitest';
import { chaseBody, chaseProblems, chaseTotals, EMPTY_CHASE, progressRows, riskOf, tehranDay, telHref } from './followup.model';

describe('the chase list', () => {
  it('reads the risk filter from the address, ignoring anything else', () => {
    expect(riskOf('overdue')).toBe('overdue');
    expect(riskOf('at_risk')).toBe('at_risk');
    expect(riskOf('on_time')).toBeUndefined();
    expect(riskOf(null)).toBeUndefined();
  });

  it('adds up the overdue and at-risk cases of every step', () => {
    expect(chaseTotals([])).toEqual({ overdue: 0, atRisk: 0 });
    expect(
      chaseTotals([
        { state: 'inspector_assigned', labelFa: 'x', overdue: 2, atRisk: 1 },
        { state: 'district_review', labelFa: 'y', overdue: 1, atRisk: 0 },
      ]),
    ).toEqual({ overdue: 3, atRisk: 1 });
  });

  it('dials a phone number as digits', () => {
    expect(telHref('0313 625 1234')).toBe('tel:03136251234');
  });
});

describe('the chase form', () => {
  it('asks for a note of three characters and a contact of two, when one is given', () => {
    expect(Object.keys(chaseProblems(EMPTY_CHASE))).toEqual(['note']);
    expect(Object.keys(chaseProblems({ ...EMPTY_CHASE, note: 'تماس', contacted: 'م' }))).toEqual(['contacted']);
    expect(chaseProblems({ ...EMPTY_CHASE, note: 'تماس', contacted: '  ' })).toEqual({});
  });

  it('sends trimmed text and leaves out what was not filled', () => {
    expect(chaseBody({ note: ' تماس گرفته شد ', contacted: ' ', promisedDate: null })).toEqual({ note: 'تماس گرفته شد' });
    expect(chaseBody({ note: 'تماس', contacted: 'مامور', promisedDate: '2026-12-05' })).toEqual({ note: 'تماس', contacted: 'مامور', promisedDate: '2026-12-05' });
  });
});

describe('planned against done', () => {
  it("reads today's date on Tehran time", () => {
    expect(tehranDay(new Date('2026-11-29T21:00:00Z'))).toBe('2026-11-30'); // 00:30 in Tehran
    expect(tehranDay(new Date('2026-11-29T20:00:00Z'))).toBe('2026-11-29');
  });

  it('puts the late first and the unplanned last', () => {
    const row = (name: string, planned: number, late: number, districtNumber: number) => ({ inspectorId: name, name, districtNumber, planned, done: 0, late, nextStop: null });
    expect(progressRows([row('a', 0, 0, 1), row('b', 3, 0, 2), row('c', 3, 2, 5), row('d', 2, 0, 1)]).map((r) => r.name)).toEqual(['c', 'd', 'b', 'a']);
  });
});

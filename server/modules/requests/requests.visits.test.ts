import { describe, expect, it } from 'vitest';
import { openVisitDays, visitDayProblem } from './requests.visits.js';

describe('visit days', () => {
  // Sunday 2026-11-29; Friday 2026-12-04; a holiday set on Tuesday 2026-12-01.
  const holidays = new Set(['2026-12-01']);
  it.each([
    ['2026-11-28', 'in_past'],
    ['2026-11-29', null],
    ['2026-11-30', null],
    ['2026-12-01', 'not_working_day'],
    ['2026-12-03', null], // Thursday: half a working day, still open
    ['2026-12-04', 'not_working_day'],
    ['2026-12-05', null],
  ] as const)('%s is %s', (date, problem) => {
    expect(visitDayProblem(date, '2026-11-29', holidays)).toBe(problem);
  });

  it('lists the open days from today on', () => {
    expect(openVisitDays('2026-11-29', 8, holidays)).toEqual(['2026-11-29', '2026-11-30', '2026-12-02', '2026-12-03', '2026-12-05', '2026-12-06']);
  });
});

import { describe, expect, it } from 'vitest';
import { checkSolution } from '../server/platform/routing/routing.check.js';
import { haversineTravel } from '../server/platform/routing/routing.travel.js';
import { solve } from '../server/platform/routing/routing.solver.js';
import type { RoutingJob, RoutingProblem, RoutingVehicle } from '../server/platform/routing/routing.types.js';
import { dayTotals, todaysWay } from './day.baseline.js';
import { isfahanDay } from './day.instance.js';

/**
 * Three inspectors on a line: the office at 0, visits at 100, 200 and 300 (travel = distance).
 * A and B (urbanism) live in d1, C (civil) in d2. The expected routes and totals below are worked
 * out by hand, not by the code under test.
 */
const inspector = (id: string, skill: string, extra: Partial<RoutingVehicle> = {}): RoutingVehicle => ({ id, start: 0, end: 0, shiftStart: 0, shiftEnd: 1000, skills: [skill], ...extra });
const visit = (id: string, location: number, area: string, skill: string, ready = 0, due = 1000): RoutingJob => ({ id, location, service: 50, ready, due, area, skill });
const xs = [0, 100, 200, 300];
const travel = new Float64Array(16);
xs.forEach((a, i) => xs.forEach((b, j) => (travel[i * 4 + j] = Math.abs(a - b))));
const problem: RoutingProblem = {
  size: 4,
  travel,
  vehicles: [inspector('A', 'urbanism', { maxJobs: 1 }), inspector('B', 'urbanism', { shiftEnd: 690 }), inspector('C', 'civil')],
  jobs: [
    visit('j1', 1, 'd1', 'urbanism'), // open -> A (both empty: the first)
    visit('j2', 2, 'd1', 'urbanism', 500, 600), // -> B (A has one)
    visit('j3', 3, 'd1', 'urbanism', 100, 200), // -> A (one each: the first)
    visit('j4', 1, 'd2', 'urbanism'), // no urbanism inspector in d2: the city's lightest, B (A has two)
    visit('j5', 2, 'd3', 'civil'), // nobody lives in d3: C
    visit('j6', 1, 'd1', 'plumbing'), // nobody holds it
  ],
};
const homeArea = { A: 'd1', B: 'd1', C: 'd2' };

describe("today's way", () => {
  it('assigns at intake to the lightest of the district, else of the city, and orders by window, open visits last', () => {
    expect(todaysWay(problem, homeArea)).toEqual({
      routes: [
        { vehicle: 'A', jobs: ['j3', 'j1'] },
        { vehicle: 'B', jobs: ['j2', 'j4'] },
        { vehicle: 'C', jobs: ['j5'] },
      ],
      unassigned: ['j6'],
    });
  });

  it('replays the day as driven: late is late, early waits', () => {
    // A: 0 -> 300 (arrives 300, window closed at 200: missed), done 350 -> 100 at 550, done 600 -> office 700. 600 driven.
    // B: 0 -> 200 (200, waits to 500), done 550 -> 100 at 650, done 700 > 690: overtime; back 800 > 690. 400 driven.
    // C: 0 -> 200, done 250 -> office 450. 400 driven. A has 2 visits over its cap of 1.
    expect(dayTotals(problem, todaysWay(problem, homeArea).routes)).toEqual({
      travel: 1400,
      visits: 5,
      perInspector: { min: 1, avg: 5 / 3, max: 2 },
      overCap: 1,
      overtimeVisits: 1,
      lateReturns: 1,
      windowsMissed: 1,
    });
  });

  it("the planner's plan of a small synthetic day, replayed the same way: nothing late, the travel is the solver's cost", async () => {
    const day = isfahanDay({ seed: 3, visits: 60 });
    const planned: RoutingProblem = { size: day.points.length, travel: await haversineTravel().matrix(day.points), vehicles: day.vehicles, jobs: day.jobs };
    const solution = solve(planned, { seed: 1, maxIterations: 300 });
    expect(checkSolution(planned, solution).ok).toBe(true);
    const totals = dayTotals(planned, solution.routes);
    expect(totals).toMatchObject({ visits: 60 - solution.unassigned.length, overCap: 0, overtimeVisits: 0, lateReturns: 0, windowsMissed: 0 });
    expect(totals.travel).toBeCloseTo(solution.cost, 6);
  });
});

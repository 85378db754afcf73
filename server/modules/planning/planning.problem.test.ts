import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { appointmentSlots, buildDayProblem, clockTime, secondsOf, shiftOf, type PlanInspector, type PlanVisit } from './planning.problem.js';
import { checkSolution, haversineTravel, solve } from '../../platform/routing/index.js';

const H = 3600;

describe('the working day', () => {
  // Hand-written: 2026-12-01 is a Tuesday, 12-03 a Thursday, 12-04 a Friday.
  it.each([
    ['2026-12-01', { start: 7.5 * H, end: 14.5 * H }],
    ['2026-12-03', { start: 7.5 * H, end: 11.5 * H }],
    ['2026-12-04', null],
  ])('%s has shift %j', (date, shift) => {
    expect(shiftOf(date, new Set())).toEqual(shift);
  });

  it('an official holiday has no shift', () => {
    expect(shiftOf('2026-12-01', new Set(['2026-12-01']))).toBeNull();
  });

  it('offers two-hour windows from the start, the last cut at the end of the shift', () => {
    expect(appointmentSlots(shiftOf('2026-12-01', new Set())!).map((s) => `${clockTime(s.start)}-${clockTime(s.end)}`)).toEqual(['07:30-09:30', '09:30-11:30', '11:30-13:30', '13:30-14:30']);
    expect(appointmentSlots(shiftOf('2026-12-03', new Set())!).map((s) => `${clockTime(s.start)}-${clockTime(s.end)}`)).toEqual(['07:30-09:30', '09:30-11:30']);
  });

  it('reads and writes HH:MM', () => {
    expect(secondsOf('13:05')).toBe(13 * H + 5 * 60);
    expect(clockTime(secondsOf('07:30'))).toBe('07:30');
  });
});

const base = { lat: 32.65, lng: 51.67 };
const inspector = (id: string, over: Partial<PlanInspector> = {}): PlanInspector => ({ id, districtId: 'd1', specialty: 'urbanism', covers: [], cap: 10, base, ...over });
const visit = (id: string, over: Partial<PlanVisit> = {}): PlanVisit => ({
  requestId: id, districtId: 'd1', specialty: 'urbanism', minutes: 30, location: { lat: 32.66, lng: 51.68 }, window: null, pinnedTo: null, ...over,
});

describe('the day as a routing problem', () => {
  const shift = { start: 7.5 * H, end: 14.5 * H };

  it('turns specialty, coverage, cap, window and a confirmed inspector into the solver’s rules; a visit with no location is left out with its reason', () => {
    const { problem, unplaceable, points } = buildDayProblem(
      shift,
      [inspector('i1', { covers: ['d2'] }), inspector('i2', { specialty: null, cap: 3 })],
      [visit('v1'), visit('v2', { districtId: 'd2', specialty: 'civil', window: { start: 9.5 * H, end: 11.5 * H }, pinnedTo: 'i1' }), visit('v3', { location: null }), visit('v4', { pinnedTo: 'gone' })],
    );
    expect(unplaceable).toEqual([{ requestId: 'v3', reason: 'no-location' }]);
    expect(points[0]).toEqual(base); // both inspectors start at the same office: one point
    expect(problem.vehicles).toEqual([
      { id: 'i1', start: 0, end: 0, shiftStart: shift.start, shiftEnd: shift.end, maxJobs: 10, skills: ['urbanism'], areas: ['d1', 'd2'] },
      { id: 'i2', start: 0, end: 0, shiftStart: shift.start, shiftEnd: shift.end, maxJobs: 3, areas: ['d1'] },
    ]);
    expect(problem.jobs.find((j) => j.id === 'v1')).toMatchObject({ service: 1800, ready: shift.start, due: shift.end, skill: 'urbanism', area: 'd1' });
    expect(problem.jobs.find((j) => j.id === 'v2')).toMatchObject({ ready: 9.5 * H, due: 11.5 * H, skill: 'civil', area: 'd2', vehicle: 'i1' });
    // Pinned to an inspector not on duty: free to go to anyone who may take it.
    expect(problem.jobs.find((j) => j.id === 'v4')!.vehicle).toBeUndefined();
  });

  it('over random days, the solved plan keeps every rule by the independent check, and every visit is placed or reported', async () => {
    const travel = haversineTravel();
    const point = fc.record({ lat: fc.double({ min: 32.58, max: 32.72, noNaN: true }), lng: fc.double({ min: 51.58, max: 51.78, noNaN: true }) });
    const specialty = fc.constantFrom('urbanism', 'civil', 'architecture');
    const district = fc.constantFrom('d1', 'd2', 'd3');
    const day = fc.record({
      inspectors: fc.array(fc.record({ districtId: district, specialty, covers: fc.subarray(['d1', 'd2', 'd3']), cap: fc.integer({ min: 1, max: 8 }), base: point }), { minLength: 1, maxLength: 5 }),
      visits: fc.array(
        fc.record({
          districtId: district, specialty, minutes: fc.integer({ min: 15, max: 60 }), location: fc.option(point, { freq: 8 }),
          slot: fc.option(fc.integer({ min: 0, max: 3 }), { freq: 2 }),
        }),
        { maxLength: 25 },
      ),
      seed: fc.integer({ min: 1, max: 1000 }),
    });
    await fc.assert(
      fc.asyncProperty(day, async (d) => {
        const inspectors = d.inspectors.map((i, k) => ({ ...i, id: `i${k}` }));
        const slots = appointmentSlots(shift);
        const visits = d.visits.map((v, k) => visit(`v${k}`, { ...v, window: v.slot === null ? null : slots[v.slot]! }));
        const built = buildDayProblem(shift, inspectors, visits);
        built.problem.travel = await travel.matrix(built.points);
        const solution = solve(built.problem, { seed: d.seed, maxIterations: 200 });
        const check = checkSolution(built.problem, solution);
        expect(check.errors).toEqual([]);
        const placed = new Set(solution.routes.flatMap((r) => r.jobs));
        const reported = new Set([...built.unplaceable.map((u) => u.requestId), ...solution.unassigned.map((u) => u.job)]);
        for (const v of visits) expect(placed.has(v.requestId) !== reported.has(v.requestId)).toBe(true);
      }),
      { numRuns: 60, seed: 13 },
    );
  });
});

/**
 * "Today's way" of running an inspection day (issue 13), and the one measure applied to it and to
 * the planner's plan alike (`dayTotals`), for `npm run bench:day`.
 *
 * Today: at intake each case goes to the lightest-loaded inspector of the right specialty in the
 * visit's own district (fewest visits so far; the first in the list on a tie), or the city's
 * lightest of that specialty when the district has none; nobody looks at caps or shifts then.
 * Each inspector then goes out from the district office and visits in window order: appointments
 * by the start of their window, then the open visits in intake order, waiting when early and going
 * on when late. Pure.
 */
import type { RoutingProblem, RoutingVehicle, RoutingJob } from '../server/platform/routing/routing.types.js';

/** Rounding slack on time comparisons, as in the checker: a plan's float sums may differ in the last bits. */
const TOLERANCE = 1e-6;

export interface DayRoute {
  vehicle: string;
  jobs: string[];
}

/** An open visit: its window spans the inspector's whole shift (no promise made to an owner). */
const isOpen = (job: RoutingJob, vehicle: RoutingVehicle) => job.ready <= vehicle.shiftStart && job.due >= vehicle.shiftEnd;

/** Routes for every vehicle (empty ones too), and the visits no inspector holds the specialty for. */
export function todaysWay(problem: Pick<RoutingProblem, 'vehicles' | 'jobs'>, homeArea: Readonly<Record<string, string>>): { routes: DayRoute[]; unassigned: string[] } {
  const load = new Map(problem.vehicles.map((v) => [v.id, [] as RoutingJob[]]));
  const unassigned: string[] = [];
  const lightest = (candidates: RoutingVehicle[]) =>
    candidates.reduce<RoutingVehicle | undefined>((best, v) => (best === undefined || load.get(v.id)!.length < load.get(best.id)!.length ? v : best), undefined);
  for (const job of problem.jobs) {
    const skilled = problem.vehicles.filter((v) => job.skill === undefined || (v.skills ?? []).includes(job.skill));
    const inDistrict = skilled.filter((v) => homeArea[v.id] === job.area);
    const chosen = lightest(inDistrict.length > 0 ? inDistrict : skilled);
    if (chosen) load.get(chosen.id)!.push(job);
    else unassigned.push(job.id);
  }
  const routes = problem.vehicles.map((v) => {
    const jobs = load.get(v.id)!;
    const appointments = jobs.filter((j) => !isOpen(j, v)).sort((a, b) => a.ready - b.ready); // stable: intake order on a tie
    const open = jobs.filter((j) => isOpen(j, v));
    return { vehicle: v.id, jobs: [...appointments, ...open].map((j) => j.id) };
  });
  return { routes, unassigned };
}

export interface DayTotals {
  /** Seconds driven, the way back to the office included. */
  travel: number;
  visits: number;
  /** Visits per inspector over every inspector of the problem (those with none count as 0). */
  perInspector: { min: number; avg: number; max: number };
  /** Inspectors with more visits than their daily cap. */
  overCap: number;
  /** Visits finishing after the inspector's shift end. */
  overtimeVisits: number;
  /** Inspectors back at the office after their shift end. */
  lateReturns: number;
  /** Appointments (not open visits) begun after their window closed. */
  windowsMissed: number;
}

/** Replays routes as driven (wait when early, go on when late) and counts what a district would. */
export function dayTotals(problem: RoutingProblem, routes: readonly DayRoute[]): DayTotals {
  const n = problem.size;
  const jobs = new Map(problem.jobs.map((j) => [j.id, j]));
  const count = new Map(problem.vehicles.map((v) => [v.id, 0]));
  const totals = { travel: 0, visits: 0, overCap: 0, overtimeVisits: 0, lateReturns: 0, windowsMissed: 0 };
  for (const route of routes) {
    const vehicle = problem.vehicles.find((v) => v.id === route.vehicle);
    if (!vehicle) throw new Error(`dayTotals: unknown inspector ${route.vehicle}`);
    let at = vehicle.start;
    let time = vehicle.shiftStart;
    for (const id of route.jobs) {
      const job = jobs.get(id);
      if (!job) throw new Error(`dayTotals: unknown visit ${id}`);
      const leg = problem.travel[at * n + job.location]!;
      totals.travel += leg;
      const begin = Math.max(time + leg, job.ready);
      if (begin > job.due + TOLERANCE && !isOpen(job, vehicle)) totals.windowsMissed++;
      time = begin + job.service;
      if (time > vehicle.shiftEnd + TOLERANCE) totals.overtimeVisits++;
      at = job.location;
    }
    if (route.jobs.length > 0) {
      const back = problem.travel[at * n + vehicle.end]!;
      totals.travel += back;
      if (time + back > vehicle.shiftEnd + TOLERANCE) totals.lateReturns++;
    }
    totals.visits += route.jobs.length;
    count.set(vehicle.id, count.get(vehicle.id)! + route.jobs.length);
    if (vehicle.maxJobs !== undefined && route.jobs.length > vehicle.maxJobs) totals.overCap++;
  }
  const counts = [...count.values()];
  return {
    ...totals,
    perInspector: {
      min: Math.min(...counts),
      avg: counts.reduce((a, b) => a + b, 0) / counts.length,
      max: Math.max(...counts),
    },
  };
}

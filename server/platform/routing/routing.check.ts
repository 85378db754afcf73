/**
 * An independent feasibility check of a routing solution (issue 13): it shares nothing with the
 * solver's bookkeeping (no slacks, no typed-array state), it replays each route from the problem
 * as given. The benchmark and the tests trust a plan only when this says so; the planner uses the
 * same replay to time a route a person has changed by hand and to say which rule a change breaks.
 */
import type { RoutingJob, RoutingProblem, RoutingSolution, RoutingVehicle } from './routing.types.js';

/** Rounding slack on time comparisons (Solomon distances are irrational doubles). */
const TOLERANCE = 1e-6;

/** A rule a route breaks, with the job (when it is one job's) it breaks it at. */
export interface Violation {
  rule: 'unknown-job' | 'skill' | 'coverage' | 'pinned' | 'cap' | 'window' | 'shift' | 'capacity';
  job?: string;
  message: string;
}

export interface ReplayedRoute {
  /** Arrival at each job and the start of its service (later when arriving early), in route order. */
  arrivals: number[];
  starts: number[];
  /** Arrival back at the vehicle's end location (the shift start for an empty route). */
  end: number;
  cost: number;
  load: number;
  violations: Violation[];
}

/** One vehicle's route replayed from the problem: its times, its cost and every rule it breaks. */
export function replayRoute(problem: RoutingProblem, vehicle: RoutingVehicle, jobIds: readonly string[], jobs: ReadonlyMap<string, RoutingJob> = jobIndex(problem)): ReplayedRoute {
  const n = problem.size;
  const costMatrix = problem.cost ?? problem.travel;
  const violations: Violation[] = [];
  const arrivals: number[] = [];
  const starts: number[] = [];
  if (vehicle.maxJobs !== undefined && jobIds.length > vehicle.maxJobs) {
    violations.push({ rule: 'cap', message: `vehicle ${vehicle.id}: ${jobIds.length} visits over its cap of ${vehicle.maxJobs}` });
  }
  let time = vehicle.shiftStart;
  let at = vehicle.start;
  let load = 0;
  let cost = 0;
  for (const id of jobIds) {
    const job = jobs.get(id);
    if (!job) {
      violations.push({ rule: 'unknown-job', job: id, message: `vehicle ${vehicle.id}: unknown job ${id}` });
      continue;
    }
    if (job.skill !== undefined && !(vehicle.skills ?? []).includes(job.skill)) {
      violations.push({ rule: 'skill', job: id, message: `job ${id} needs skill ${job.skill}, vehicle ${vehicle.id} lacks it` });
    }
    if (job.area !== undefined && vehicle.areas !== undefined && !vehicle.areas.includes(job.area)) {
      violations.push({ rule: 'coverage', job: id, message: `job ${id} in area ${job.area} outside vehicle ${vehicle.id}'s coverage` });
    }
    if (job.vehicle !== undefined && job.vehicle !== vehicle.id) {
      violations.push({ rule: 'pinned', job: id, message: `job ${id} is pinned to ${job.vehicle}, served by ${vehicle.id}` });
    }
    const arrival = time + problem.travel[at * n + job.location]!;
    cost += costMatrix[at * n + job.location]!;
    const begin = Math.max(arrival, job.ready);
    if (begin > job.due + TOLERANCE) violations.push({ rule: 'window', job: id, message: `job ${id} starts at ${begin}, after its window closes at ${job.due}` });
    arrivals.push(arrival);
    starts.push(begin);
    load += job.demand ?? 0;
    time = begin + job.service;
    at = job.location;
  }
  if (jobIds.length > 0) {
    time += problem.travel[at * n + vehicle.end]!;
    cost += costMatrix[at * n + vehicle.end]!;
  }
  if (time > vehicle.shiftEnd + TOLERANCE) violations.push({ rule: 'shift', message: `vehicle ${vehicle.id} ends at ${time}, after its shift (${vehicle.shiftEnd})` });
  if (vehicle.capacity !== undefined && load > vehicle.capacity + TOLERANCE) {
    violations.push({ rule: 'capacity', message: `vehicle ${vehicle.id} carries ${load}, over its capacity of ${vehicle.capacity}` });
  }
  return { arrivals, starts, end: time, cost, load, violations };
}

function jobIndex(problem: RoutingProblem): Map<string, RoutingJob> {
  return new Map(problem.jobs.map((j) => [j.id, j]));
}

export interface CheckResult {
  ok: boolean;
  errors: string[];
  /** Total cost recomputed from the matrices. */
  cost: number;
  vehicles: number;
}

export function checkSolution(problem: RoutingProblem, solution: RoutingSolution): CheckResult {
  const errors: string[] = [];
  const jobs = jobIndex(problem);
  const vehicles = new Map(problem.vehicles.map((v) => [v.id, v]));
  const seen = new Map<string, string>();
  const usedVehicles = new Set<string>();
  let total = 0;

  for (const route of solution.routes) {
    const vehicle = vehicles.get(route.vehicle);
    if (!vehicle) {
      errors.push(`route for unknown vehicle ${route.vehicle}`);
      continue;
    }
    if (usedVehicles.has(vehicle.id)) errors.push(`vehicle ${vehicle.id} has two routes`);
    usedVehicles.add(vehicle.id);
    for (const id of route.jobs) {
      const other = seen.get(id);
      if (other !== undefined) errors.push(`job ${id} served twice (${other}, ${vehicle.id})`);
      seen.set(id, vehicle.id);
    }
    const replayed = replayRoute(problem, vehicle, route.jobs, jobs);
    errors.push(...replayed.violations.map((v) => v.message));
    route.jobs.forEach((id, i) => {
      const claimed = route.starts[i];
      const begin = replayed.starts[i];
      if (claimed !== undefined && begin !== undefined && Math.abs(claimed - begin) > TOLERANCE) {
        errors.push(`job ${id}: reported start ${claimed}, replayed ${begin}`);
      }
    });
    total += replayed.cost;
  }

  for (const u of solution.unassigned) {
    if (!jobs.has(u.job)) errors.push(`unassigned: unknown job ${u.job}`);
    if (seen.has(u.job)) errors.push(`job ${u.job} both served and reported unassigned`);
    seen.set(u.job, 'unassigned');
  }
  for (const id of jobs.keys()) if (!seen.has(id)) errors.push(`job ${id} neither served nor reported`);
  if (Math.abs(total - solution.cost) > TOLERANCE * Math.max(1, total)) {
    errors.push(`reported cost ${solution.cost}, replayed ${total}`);
  }
  return { ok: errors.length === 0, errors, cost: total, vehicles: usedVehicles.size };
}

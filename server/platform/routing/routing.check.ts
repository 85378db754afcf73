/**
 * An independent feasibility check of a routing solution (issue 13): it shares nothing with the
 * solver's bookkeeping (no slacks, no typed-array state), it replays each route from the problem
 * as given. The benchmark and the tests trust a plan only when this says so.
 */
import type { RoutingProblem, RoutingSolution } from './routing.types.js';

/** Rounding slack on time comparisons (Solomon distances are irrational doubles). */
const TOLERANCE = 1e-6;

export interface CheckResult {
  ok: boolean;
  errors: string[];
  /** Total cost recomputed from the matrices. */
  cost: number;
  vehicles: number;
}

export function checkSolution(problem: RoutingProblem, solution: RoutingSolution): CheckResult {
  const errors: string[] = [];
  const n = problem.size;
  const costMatrix = problem.cost ?? problem.travel;
  const jobs = new Map(problem.jobs.map((j) => [j.id, j]));
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
    if (vehicle.maxJobs !== undefined && route.jobs.length > vehicle.maxJobs) {
      errors.push(`vehicle ${vehicle.id}: ${route.jobs.length} visits over its cap of ${vehicle.maxJobs}`);
    }
    let time = vehicle.shiftStart;
    let at = vehicle.start;
    let load = 0;
    let cost = 0;
    route.jobs.forEach((id, i) => {
      const job = jobs.get(id);
      if (!job) {
        errors.push(`vehicle ${vehicle.id}: unknown job ${id}`);
        return;
      }
      const other = seen.get(id);
      if (other !== undefined) errors.push(`job ${id} served twice (${other}, ${vehicle.id})`);
      seen.set(id, vehicle.id);
      if (job.skill !== undefined && !(vehicle.skills ?? []).includes(job.skill)) {
        errors.push(`job ${id} needs skill ${job.skill}, vehicle ${vehicle.id} lacks it`);
      }
      if (job.area !== undefined && vehicle.areas !== undefined && !vehicle.areas.includes(job.area)) {
        errors.push(`job ${id} in area ${job.area} outside vehicle ${vehicle.id}'s coverage`);
      }
      if (job.vehicle !== undefined && job.vehicle !== vehicle.id) {
        errors.push(`job ${id} is pinned to ${job.vehicle}, served by ${vehicle.id}`);
      }
      const arrival = time + problem.travel[at * n + job.location]!;
      cost += costMatrix[at * n + job.location]!;
      const begin = Math.max(arrival, job.ready);
      if (begin > job.due + TOLERANCE) errors.push(`job ${id} starts at ${begin}, after its window closes at ${job.due}`);
      const claimed = route.starts[i];
      if (claimed !== undefined && Math.abs(claimed - begin) > TOLERANCE) {
        errors.push(`job ${id}: reported start ${claimed}, replayed ${begin}`);
      }
      load += job.demand ?? 0;
      time = begin + job.service;
      at = job.location;
    });
    if (route.jobs.length > 0) {
      time += problem.travel[at * n + vehicle.end]!;
      cost += costMatrix[at * n + vehicle.end]!;
    }
    if (time > vehicle.shiftEnd + TOLERANCE) errors.push(`vehicle ${vehicle.id} ends at ${time}, after its shift (${vehicle.shiftEnd})`);
    if (vehicle.capacity !== undefined && load > vehicle.capacity + TOLERANCE) {
      errors.push(`vehicle ${vehicle.id} carries ${load}, over its capacity of ${vehicle.capacity}`);
    }
    total += cost;
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

/**
 * The vehicle-routing problem the inspection planner solves (issue 13, decision 0034): inspectors are
 * vehicles, visits are jobs. Pure data: the caller builds the travel matrix (haversine, an OSRM
 * `table`, or Euclidean for the Solomon benchmark) and the solver never looks anything up.
 *
 * Times are plain numbers in one unit of the caller's choosing (seconds of the day for a plan,
 * Solomon's abstract units for the benchmark). Locations are indices into the matrices.
 */

export interface RoutingVehicle {
  id: string;
  /** Location index where the day starts (district office or home) and where it ends. */
  start: number;
  end: number;
  /** The shift: leave `start` no earlier than shiftStart, be back at `end` by shiftEnd. */
  shiftStart: number;
  shiftEnd: number;
  /** Sum of job demands one vehicle may carry (Solomon's capacity); none when absent. */
  capacity?: number;
  /** Daily cap on the number of visits; none when absent. */
  maxJobs?: number;
  /** Specialties held; a job with a `skill` needs it here. */
  skills?: readonly string[];
  /** Areas (districts) the vehicle may cover; absent = any area. */
  areas?: readonly string[];
}

export interface RoutingJob {
  id: string;
  location: number;
  /** Time on site. */
  service: number;
  /** Service must begin inside [ready, due]; arriving early means waiting. */
  ready: number;
  due: number;
  /** Counted against the vehicle's capacity (default 0). */
  demand?: number;
  /** Specialty the visit needs. */
  skill?: string;
  /** Area (district) the visit lies in, matched against the vehicle's `areas`. */
  area?: string;
  /** A confirmed appointment pinned to one vehicle: only that vehicle may serve it. */
  vehicle?: string;
}

export interface RoutingProblem {
  /** Number of locations; the matrices are size × size, row-major (from * size + to). */
  size: number;
  /** Travel time between locations. */
  travel: Float64Array;
  /** What the solver minimises; the travel matrix when absent. */
  cost?: Float64Array;
  vehicles: readonly RoutingVehicle[];
  jobs: readonly RoutingJob[];
}

/**
 * Why a job is left out. The first five are facts of the problem (no plan could serve it);
 * `no-room` means the solver found no place among the other jobs (caps, capacity, shifts full).
 */
export type UnassignedReason =
  | 'unknown-vehicle'
  | 'no-vehicle-with-skill'
  | 'outside-coverage'
  | 'over-capacity'
  | 'window-unreachable'
  | 'no-room';

export interface RoutingRoute {
  vehicle: string;
  jobs: string[];
  /** Service start time of each job, in route order. */
  starts: number[];
  /** Arrival at the end location. */
  end: number;
  cost: number;
}

export interface RoutingSolution {
  /** Non-empty routes only. */
  routes: RoutingRoute[];
  unassigned: { job: string; reason: UnassignedReason }[];
  /** Sum of route costs (unassigned jobs are not priced in). */
  cost: number;
  iterations: number;
  elapsedMs: number;
}

export interface SolveOptions {
  seed?: number;
  /** Wall-clock budget; the solver stops at whichever of this and maxIterations comes first. */
  timeLimitMs?: number;
  /** Iteration cap: with it (and no binding time limit) the plan is the same on every machine. */
  maxIterations?: number;
  /** Relocate and 2-opt* after each recreate (default on); off = plain ruin-and-recreate. */
  localSearch?: boolean;
}

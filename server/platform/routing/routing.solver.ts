/**
 * A VRPTW solver for the inspection planner (issue 13, decision 0034). Pure: no database, no I/O.
 *
 * Shape (after SISR, Christiaens & Vanden Berghe 2020, and the ruin-and-recreate loop of ALNS):
 *   1. construction: every job "removed", then the recreate step below inserts them all;
 *   2. loop until the budget: ruin (adjacent string removal around a random seed job, using the
 *      neighbour lists) + recreate (cheapest feasible insertion in a random-ish order, with
 *      "blinks" that skip positions at random), then a local search on the touched routes
 *      (relocate, exchange and 2-opt* between route pairs), accepted by simulated annealing;
 *   3. the best plan seen is returned.
 * Feasibility of an insertion is O(1): each route keeps, per position, the earliest service start
 * (forward) and the latest service start that keeps the rest of the route on time (backward).
 */
import { mulberry32 } from '../random.js';
import type { RoutingProblem, RoutingSolution, SolveOptions, UnassignedReason } from './routing.types.js';

const EPS = 1e-9;
/** Price of an unserved job: above any route cost, so the annealing never trades a job for distance. */
const UNASSIGNED_PENALTY = 1e9;
/** SISR's parameters: average jobs removed, longest string. */
const AVG_REMOVED = 10;
const MAX_STRING = 10;
const BLINK_RATE = 0.01;
const NEIGHBOURS = 40;

/** The problem flattened into typed arrays, indices instead of ids. */
interface Data {
  n: number;
  travel: Float64Array;
  cost: Float64Array;
  nJobs: number;
  nVehicles: number;
  loc: Int32Array;
  service: Float64Array;
  ready: Float64Array;
  due: Float64Array;
  demand: Float64Array;
  vStart: Int32Array;
  vEnd: Int32Array;
  vOpen: Float64Array;
  vClose: Float64Array;
  vCapacity: Float64Array;
  vMaxJobs: Float64Array;
  /** compat[v * nJobs + j] = 1 when vehicle v may serve job j (skill, area, pinned vehicle). */
  compat: Uint8Array;
  /** Jobs nearest to each job (by travel time both ways), nearest first. */
  neighbours: Int32Array[];
  /** Every vehicle alike (start, end, shift, capacity, cap, skills, areas): one idle vehicle stands for all. */
  homogeneous: boolean;
  /** Homogeneous and no job pinned: any job may move to any vehicle (what 2-opt* assumes). */
  uniform: boolean;
}

/** A plan under construction: one job sequence per vehicle, with the bookkeeping the moves read. */
interface Plan {
  routes: number[][];
  /** Per vehicle, per position: earliest service start, latest service start. */
  est: Float64Array[];
  lst: Float64Array[];
  /** Per vehicle, per position: demand carried up to and including that job. */
  cum: Float64Array[];
  load: Float64Array;
  routeCost: Float64Array;
  /** Per job: its vehicle (-1 when unassigned) and position. */
  routeOf: Int32Array;
  posOf: Int32Array;
  unassigned: number[];
}

function flatten(p: RoutingProblem): { data: Data; fixedReasons: Map<number, UnassignedReason> } {
  const n = p.size;
  const nJobs = p.jobs.length;
  const nVehicles = p.vehicles.length;
  const cost = p.cost ?? p.travel;
  const vehicleIndex = new Map(p.vehicles.map((v, i) => [v.id, i]));
  const data: Data = {
    n,
    travel: p.travel,
    cost,
    nJobs,
    nVehicles,
    loc: Int32Array.from(p.jobs, (j) => j.location),
    service: Float64Array.from(p.jobs, (j) => j.service),
    ready: Float64Array.from(p.jobs, (j) => j.ready),
    due: Float64Array.from(p.jobs, (j) => j.due),
    demand: Float64Array.from(p.jobs, (j) => j.demand ?? 0),
    vStart: Int32Array.from(p.vehicles, (v) => v.start),
    vEnd: Int32Array.from(p.vehicles, (v) => v.end),
    vOpen: Float64Array.from(p.vehicles, (v) => v.shiftStart),
    vClose: Float64Array.from(p.vehicles, (v) => v.shiftEnd),
    vCapacity: Float64Array.from(p.vehicles, (v) => v.capacity ?? Infinity),
    vMaxJobs: Float64Array.from(p.vehicles, (v) => v.maxJobs ?? Infinity),
    compat: new Uint8Array(nVehicles * nJobs),
    neighbours: [],
    homogeneous: p.vehicles.every((v) => {
      const f = p.vehicles[0]!;
      const same = (a: readonly string[] | undefined, b: readonly string[] | undefined) => (a ?? []).join('\u0000') === (b ?? []).join('\u0000') && (a === undefined) === (b === undefined);
      return v.start === f.start && v.end === f.end && v.shiftStart === f.shiftStart && v.shiftEnd === f.shiftEnd && v.capacity === f.capacity && v.maxJobs === f.maxJobs && same(v.skills, f.skills) && same(v.areas, f.areas);
    }),
    uniform: false,
  };
  data.uniform = data.homogeneous && p.jobs.every((j) => j.vehicle === undefined);

  // Why a job cannot be served at all, checked in the order a planner would explain it.
  const fixedReasons = new Map<number, UnassignedReason>();
  p.jobs.forEach((job, j) => {
    const pinned = job.vehicle === undefined ? undefined : vehicleIndex.get(job.vehicle);
    if (job.vehicle !== undefined && pinned === undefined) {
      fixedReasons.set(j, 'unknown-vehicle');
      return;
    }
    let skilled = false;
    let covered = false;
    let roomy = false;
    let reachable = false;
    p.vehicles.forEach((v, vi) => {
      if (pinned !== undefined && vi !== pinned) return;
      if (job.skill !== undefined && !(v.skills ?? []).includes(job.skill)) return;
      skilled = true;
      if (job.area !== undefined && v.areas !== undefined && !v.areas.includes(job.area)) return;
      covered = true;
      if ((job.demand ?? 0) > (v.capacity ?? Infinity) + EPS || (v.maxJobs ?? Infinity) < 1) return;
      roomy = true;
      const begin = Math.max(v.shiftStart + p.travel[v.start * n + job.location]!, job.ready);
      if (begin > job.due + EPS || begin + job.service + p.travel[job.location * n + v.end]! > v.shiftEnd + EPS) return;
      reachable = true;
      data.compat[vi * nJobs + j] = 1;
    });
    if (!skilled) fixedReasons.set(j, 'no-vehicle-with-skill');
    else if (!covered) fixedReasons.set(j, 'outside-coverage');
    else if (!roomy) fixedReasons.set(j, 'over-capacity');
    else if (!reachable) fixedReasons.set(j, 'window-unreachable');
  });

  // Neighbour lists: nearest by travel time, made symmetric, windows ignored (string removal wants
  // geographic strings; insertion scans every route anyway).
  const k = Math.min(NEIGHBOURS, nJobs - 1);
  const order = new Int32Array(nJobs);
  const dist = new Float64Array(nJobs);
  for (let a = 0; a < nJobs; a++) {
    for (let b = 0; b < nJobs; b++) {
      order[b] = b;
      const la = data.loc[a]!;
      const lb = data.loc[b]!;
      dist[b] = a === b ? Infinity : Math.min(p.travel[la * n + lb]!, p.travel[lb * n + la]!);
    }
    const sorted = Array.from(order).sort((x, y) => dist[x]! - dist[y]!);
    data.neighbours.push(Int32Array.from(sorted.slice(0, Math.max(0, k))));
  }
  return { data, fixedReasons };
}

function emptyPlan(d: Data): Plan {
  return {
    routes: Array.from({ length: d.nVehicles }, () => []),
    est: Array.from({ length: d.nVehicles }, () => new Float64Array(0)),
    lst: Array.from({ length: d.nVehicles }, () => new Float64Array(0)),
    cum: Array.from({ length: d.nVehicles }, () => new Float64Array(0)),
    load: new Float64Array(d.nVehicles),
    routeCost: new Float64Array(d.nVehicles),
    routeOf: new Int32Array(d.nJobs).fill(-1),
    posOf: new Int32Array(d.nJobs).fill(-1),
    unassigned: [],
  };
}

function clonePlan(p: Plan): Plan {
  return {
    routes: p.routes.map((r) => r.slice()),
    est: p.est.map((a) => a.slice()),
    lst: p.lst.map((a) => a.slice()),
    cum: p.cum.map((a) => a.slice()),
    load: p.load.slice(),
    routeCost: p.routeCost.slice(),
    routeOf: p.routeOf.slice(),
    posOf: p.posOf.slice(),
    unassigned: p.unassigned.slice(),
  };
}

/** Recomputes a route's times, load and cost; false when the route breaks a window or the shift. */
function refresh(d: Data, plan: Plan, v: number): boolean {
  const seq = plan.routes[v]!;
  const len = seq.length;
  let est = plan.est[v]!;
  let lst = plan.lst[v]!;
  let cum = plan.cum[v]!;
  if (est.length < len) {
    est = plan.est[v] = new Float64Array(len * 2);
    lst = plan.lst[v] = new Float64Array(len * 2);
    cum = plan.cum[v] = new Float64Array(len * 2);
  }
  const { n, travel, cost, loc } = d;
  let t = d.vOpen[v]!;
  let prev = d.vStart[v]!;
  let prevService = 0;
  let c = 0;
  let load = 0;
  let ok = true;
  for (let i = 0; i < len; i++) {
    const j = seq[i]!;
    const l = loc[j]!;
    t = Math.max(t + prevService + travel[prev * n + l]!, d.ready[j]!);
    if (t > d.due[j]! + EPS) ok = false;
    est[i] = t;
    c += cost[prev * n + l]!;
    load += d.demand[j]!;
    cum[i] = load;
    plan.routeOf[j] = v;
    plan.posOf[j] = i;
    prev = l;
    prevService = d.service[j]!;
  }
  const end = d.vEnd[v]!;
  c += len === 0 ? 0 : cost[prev * n + end]!;
  if (len > 0 && t + prevService + travel[prev * n + end]! > d.vClose[v]! + EPS) ok = false;
  let latest = d.vClose[v]!;
  let next = end;
  for (let i = len - 1; i >= 0; i--) {
    const j = seq[i]!;
    latest = Math.min(d.due[j]!, latest - travel[loc[j]! * n + next]! - d.service[j]!);
    lst[i] = latest;
    next = loc[j]!;
  }
  plan.load[v] = load;
  plan.routeCost[v] = c;
  if (load > d.vCapacity[v]! + EPS || len > d.vMaxJobs[v]!) ok = false;
  return ok;
}

function totalCost(plan: Plan): number {
  let c = plan.unassigned.length * UNASSIGNED_PENALTY;
  for (const rc of plan.routeCost) c += rc;
  return c;
}

/**
 * Cheapest feasible insertion of job j into vehicle v (O(1) per position), skipping positions at
 * the blink rate. Returns [delta, position] or null.
 */
function bestInsertion(d: Data, plan: Plan, v: number, j: number, rand: () => number, blink: number): [number, number] | null {
  if (!d.compat[v * d.nJobs + j]) return null;
  const seq = plan.routes[v]!;
  const len = seq.length;
  if (len + 1 > d.vMaxJobs[v]! || plan.load[v]! + d.demand[j]! > d.vCapacity[v]! + EPS) return null;
  const { n, travel, cost, loc } = d;
  const lj = loc[j]!;
  const est = plan.est[v]!;
  const lst = plan.lst[v]!;
  let bestDelta = Infinity;
  let bestPos = -1;
  let prevLoc = d.vStart[v]!;
  let prevDep = d.vOpen[v]!;
  for (let p = 0; p <= len; p++) {
    if (p > 0) {
      const pj = seq[p - 1]!;
      prevLoc = loc[pj]!;
      prevDep = est[p - 1]! + d.service[pj]!;
    }
    const begin = Math.max(prevDep + travel[prevLoc * n + lj]!, d.ready[j]!);
    // Later positions only start later (est grows along the route): stop once the window is gone.
    if (begin > d.due[j]! + EPS) break;
    const nextLoc = p === len ? d.vEnd[v]! : loc[seq[p]!]!;
    const nextLatest = p === len ? d.vClose[v]! : lst[p]!;
    if (begin + d.service[j]! + travel[lj * n + nextLoc]! > nextLatest + EPS) continue;
    if (blink > 0 && rand() < blink) continue;
    const delta =
      len === 0
        ? cost[prevLoc * n + lj]! + cost[lj * n + nextLoc]!
        : cost[prevLoc * n + lj]! + cost[lj * n + nextLoc]! - cost[prevLoc * n + nextLoc]!;
    if (delta < bestDelta) {
      bestDelta = delta;
      bestPos = p;
    }
  }
  return bestPos < 0 ? null : [bestDelta, bestPos];
}

/** Inserts each job at its cheapest feasible place over all vehicles; the rest stay unassigned. */
function recreate(d: Data, plan: Plan, jobs: number[], rand: () => number, blink: number, touched: Set<number>): void {
  for (const j of jobs) {
    let best = Infinity;
    let bestV = -1;
    let bestPos = -1;
    let triedEmpty = false;
    for (let v = 0; v < d.nVehicles; v++) {
      const empty = plan.routes[v]!.length === 0;
      // Identical idle vehicles (the Solomon fleet) would give the same answer: try the first one only
      // when the fleet is homogeneous.
      if (empty && triedEmpty && d.homogeneous) continue;
      const ins = bestInsertion(d, plan, v, j, rand, blink);
      if (empty) triedEmpty = triedEmpty || d.compat[v * d.nJobs + j] === 1;
      if (ins && ins[0] < best) {
        best = ins[0];
        bestV = v;
        bestPos = ins[1];
      }
    }
    if (bestV < 0) {
      plan.unassigned.push(j);
      plan.routeOf[j] = -1;
      plan.posOf[j] = -1;
      continue;
    }
    plan.routes[bestV]!.splice(bestPos, 0, j);
    refresh(d, plan, bestV);
    touched.add(bestV);
  }
}

/** How many of a job's nearest neighbours the local search looks at. */
const LS_NEIGHBOURS = 12;
/** The local search inserts without blinking, so it never draws a random number. */
const NO_BLINK = () => 1;

/**
 * Relocate (inter-route): move job a next to one of its nearest neighbours' routes, at that
 * route's cheapest feasible place, when that saves more than taking it out costs.
 */
function relocate(d: Data, plan: Plan, a: number, changed: Set<number>): boolean {
  const v = plan.routeOf[a]!;
  const seq = plan.routes[v]!;
  const p = plan.posOf[a]!;
  const { n, cost, loc } = d;
  const prev = p === 0 ? d.vStart[v]! : loc[seq[p - 1]!]!;
  const next = p === seq.length - 1 ? d.vEnd[v]! : loc[seq[p + 1]!]!;
  const la = loc[a]!;
  const gain =
    seq.length === 1
      ? cost[prev * n + la]! + cost[la * n + next]!
      : cost[prev * n + la]! + cost[la * n + next]! - cost[prev * n + next]!;
  const neighbours = d.neighbours[a]!;
  const limit = Math.min(LS_NEIGHBOURS, neighbours.length);
  let bestDelta = -EPS;
  let bestW = -1;
  let bestPos = -1;
  for (let k = 0; k < limit; k++) {
    const w = plan.routeOf[neighbours[k]!]!;
    if (w < 0 || w === v) continue;
    const ins = bestInsertion(d, plan, w, a, NO_BLINK, 0);
    if (ins && ins[0] - gain < bestDelta) {
      bestDelta = ins[0] - gain;
      bestW = w;
      bestPos = ins[1];
    }
  }
  if (bestW < 0) return false;
  seq.splice(p, 1);
  if (!refresh(d, plan, v)) {
    // Only a matrix without the triangle inequality can make a route later by taking a job out.
    seq.splice(p, 0, a);
    refresh(d, plan, v);
    return false;
  }
  plan.routes[bestW]!.splice(bestPos, 0, a);
  refresh(d, plan, bestW);
  changed.add(v).add(bestW);
  return true;
}

/**
 * 2-opt* (inter-route tail exchange), Potvin & Rousseau 1995: route A = ..a | a+1.., route B =
 * ..b-1 | b.., becomes ..a b.. and ..b-1 a+1..; tried for each of a's nearest neighbours b.
 * O(1) a try from the slacks and prefix loads; needs a uniform fleet (tails change vehicle).
 */
function twoOptStar(d: Data, plan: Plan, a: number, changed: Set<number>): boolean {
  if (!d.uniform) return false;
  const { n, cost, travel, loc, service } = d;
  const v = plan.routeOf[a]!;
  const A = plan.routes[v]!;
  const i = plan.posOf[a]!;
  const la = loc[a]!;
  const depA = plan.est[v]![i]! + service[a]!;
  const nextA = i + 1 < A.length ? loc[A[i + 1]!]! : d.vEnd[v]!;
  const nextALatest = i + 1 < A.length ? plan.lst[v]![i + 1]! : d.vClose[v]!;
  const headA = plan.cum[v]![i]!;
  const neighbours = d.neighbours[a]!;
  const limit = Math.min(LS_NEIGHBOURS, neighbours.length);
  for (let k = 0; k < limit; k++) {
    const b = neighbours[k]!;
    const w = plan.routeOf[b]!;
    if (w < 0 || w === v) continue;
    const B = plan.routes[w]!;
    const kb = plan.posOf[b]!;
    const lb = loc[b]!;
    if (depA + travel[la * n + lb]! > plan.lst[w]![kb]! + EPS) continue;
    const prevB = kb > 0 ? loc[B[kb - 1]!]! : d.vStart[w]!;
    const depPrevB = kb > 0 ? plan.est[w]![kb - 1]! + service[B[kb - 1]!]! : d.vOpen[w]!;
    if (depPrevB + travel[prevB * n + nextA]! > nextALatest + EPS) continue;
    const headB = kb > 0 ? plan.cum[w]![kb - 1]! : 0;
    if (headA + plan.load[w]! - headB > d.vCapacity[v]! + EPS) continue;
    if (headB + plan.load[v]! - headA > d.vCapacity[w]! + EPS) continue;
    if (i + 1 + B.length - kb > d.vMaxJobs[v]! || kb + A.length - i - 1 > d.vMaxJobs[w]!) continue;
    const bEmpty = kb === 0 && i + 1 === A.length;
    const delta =
      cost[la * n + lb]! + (bEmpty ? 0 : cost[prevB * n + nextA]!) - cost[la * n + nextA]! - cost[prevB * n + lb]!;
    if (delta >= -EPS) continue;
    const newA = A.slice(0, i + 1).concat(B.slice(kb));
    const newB = B.slice(0, kb).concat(A.slice(i + 1));
    plan.routes[v] = newA;
    plan.routes[w] = newB;
    refresh(d, plan, v);
    refresh(d, plan, w);
    changed.add(v).add(w);
    return true;
  }
  return false;
}

/**
 * Exchange (inter-route swap): job a and one of its nearest neighbours b trade places, each taking
 * the other's predecessor and successor. O(1) a try from the slacks; works for any fleet.
 */
function exchange(d: Data, plan: Plan, a: number, changed: Set<number>): boolean {
  const { n, cost, travel, loc, service, nJobs } = d;
  const v = plan.routeOf[a]!;
  const i = plan.posOf[a]!;
  const neighbours = d.neighbours[a]!;
  const limit = Math.min(LS_NEIGHBOURS, neighbours.length);
  const fits = (r: number, pos: number, j: number, out: number): number => {
    // Cost change of putting j in place of `out` at position pos of route r, or NaN when infeasible.
    if (!d.compat[r * nJobs + j]) return NaN;
    if (plan.load[r]! - d.demand[out]! + d.demand[j]! > d.vCapacity[r]! + EPS) return NaN;
    const seq = plan.routes[r]!;
    const prev = pos > 0 ? loc[seq[pos - 1]!]! : d.vStart[r]!;
    const dep = pos > 0 ? plan.est[r]![pos - 1]! + service[seq[pos - 1]!]! : d.vOpen[r]!;
    const next = pos + 1 < seq.length ? loc[seq[pos + 1]!]! : d.vEnd[r]!;
    const latest = pos + 1 < seq.length ? plan.lst[r]![pos + 1]! : d.vClose[r]!;
    const lj = loc[j]!;
    const begin = Math.max(dep + travel[prev * n + lj]!, d.ready[j]!);
    if (begin > d.due[j]! + EPS || begin + service[j]! + travel[lj * n + next]! > latest + EPS) return NaN;
    const lo = loc[out]!;
    return cost[prev * n + lj]! + cost[lj * n + next]! - cost[prev * n + lo]! - cost[lo * n + next]!;
  };
  for (let k = 0; k < limit; k++) {
    const b = neighbours[k]!;
    const w = plan.routeOf[b]!;
    if (w < 0 || w === v) continue;
    const kb = plan.posOf[b]!;
    const intoA = fits(v, i, b, a);
    if (Number.isNaN(intoA)) continue;
    const intoB = fits(w, kb, a, b);
    if (Number.isNaN(intoB) || intoA + intoB >= -EPS) continue;
    plan.routes[v]![i] = b;
    plan.routes[w]![kb] = a;
    refresh(d, plan, v);
    refresh(d, plan, w);
    changed.add(v).add(w);
    return true;
  }
  return false;
}

/** First-improvement descent with relocate, exchange and 2-opt* over the jobs of the given routes. */
function localSearch(d: Data, plan: Plan, routes: Set<number>): void {
  const queue = [...routes];
  const changed = new Set<number>();
  for (let round = 0; round < 50 && queue.length > 0; round++) {
    changed.clear();
    for (const v of queue) {
      for (let i = 0; i < plan.routes[v]!.length; i++) {
        const a = plan.routes[v]![i]!;
        if (relocate(d, plan, a, changed) || exchange(d, plan, a, changed) || twoOptStar(d, plan, a, changed)) break;
      }
    }
    for (const v of changed) routes.add(v);
    queue.length = 0;
    queue.push(...changed);
  }
}

/**
 * SISR's ruin: around a random seed job, remove strings of consecutive jobs from up to `ks` routes
 * that the seed's nearest neighbours lie on. Returns the removed jobs.
 */
function ruin(d: Data, plan: Plan, rand: () => number, touched: Set<number>): number[] {
  const assigned: number[] = [];
  let routes = 0;
  for (let v = 0; v < d.nVehicles; v++) if (plan.routes[v]!.length > 0) routes++;
  for (let j = 0; j < d.nJobs; j++) if (plan.routeOf[j]! >= 0) assigned.push(j);
  if (assigned.length === 0) return [];
  const maxString = Math.min(MAX_STRING, assigned.length / Math.max(1, routes));
  const maxStrings = (4 * AVG_REMOVED) / (1 + maxString) - 1;
  const strings = Math.floor(rand() * maxStrings) + 1;
  const seed = assigned[Math.floor(rand() * assigned.length)]!;
  const removed: number[] = [];
  const candidates = [seed, ...d.neighbours[seed]!];
  for (const c of candidates) {
    if (touched.size >= strings) break;
    const v = plan.routeOf[c]!;
    if (v < 0 || touched.has(v)) continue;
    const seq = plan.routes[v]!;
    const len = seq.length;
    const pos = plan.posOf[c]!;
    const l = Math.floor(rand() * Math.min(len, maxString)) + 1;
    const lo = Math.max(0, pos - l + 1);
    const hi = Math.min(pos, len - l);
    const start = lo + Math.floor(rand() * (hi - lo + 1));
    for (const j of seq.splice(start, l)) {
      removed.push(j);
      plan.routeOf[j] = -1;
      plan.posOf[j] = -1;
    }
    touched.add(v);
    refresh(d, plan, v);
  }
  return removed;
}

/** SISR's orders for reinsertion: random, largest demand, farthest from the start, tightest window. */
function sortForRecreate(d: Data, jobs: number[], rand: () => number): void {
  for (let i = jobs.length - 1; i > 0; i--) {
    const k = Math.floor(rand() * (i + 1));
    [jobs[i], jobs[k]] = [jobs[k]!, jobs[i]!];
  }
  const r = rand() * 11;
  if (r < 4) return;
  if (r < 8) jobs.sort((a, b) => d.demand[b]! - d.demand[a]!);
  else if (r < 10) {
    const depot = d.vStart[0]!;
    jobs.sort((a, b) => d.travel[depot * d.n + d.loc[b]!]! - d.travel[depot * d.n + d.loc[a]!]!);
  } else jobs.sort((a, b) => d.due[a]! - d.ready[a]! - (d.due[b]! - d.ready[b]!));
}

export function solve(problem: RoutingProblem, options: SolveOptions = {}): RoutingSolution {
  const started = performance.now();
  const timeLimit = options.timeLimitMs ?? Infinity;
  const maxIterations = options.maxIterations ?? Infinity;
  if (timeLimit === Infinity && maxIterations === Infinity) throw new Error('solve needs timeLimitMs or maxIterations');
  const rand = mulberry32(options.seed ?? 1);
  const useLocalSearch = options.localSearch ?? true;
  const { data: d, fixedReasons } = flatten(problem);

  // Construction: every servable job goes through the recreate step once.
  const current = emptyPlan(d);
  const servable: number[] = [];
  for (let j = 0; j < d.nJobs; j++) if (!fixedReasons.has(j)) servable.push(j);
  sortForRecreate(d, servable, rand);
  recreate(d, current, servable, rand, 0, new Set());
  let currentCost = totalCost(current);
  let best = clonePlan(current);
  let bestCost = currentCost;

  // Temperatures relative to the average edge, so the schedule fits seconds and Solomon units alike.
  const edges = Math.max(1, d.nJobs - current.unassigned.length + d.nVehicles);
  const avgEdge = Math.max(EPS, (currentCost - current.unassigned.length * UNASSIGNED_PENALTY) / edges);
  const t0 = avgEdge * 1;
  const tEnd = avgEdge * 0.01;

  let iterations = 0;
  let progress = 0;
  const touched = new Set<number>();
  while (servable.length > 0) {
    if ((iterations & 15) === 0) {
      const elapsed = performance.now() - started;
      if (elapsed >= timeLimit) break;
      progress = Math.max(iterations / maxIterations, elapsed / timeLimit);
    }
    if (iterations >= maxIterations) break;
    iterations++;
    const temperature = t0 * Math.pow(tEnd / t0, progress);

    touched.clear();
    // Ruin and recreate change only the routes they add to `touched`; keep the old ones to undo.
    const saved = current.routes.map((r) => r.slice());
    const before = current.unassigned.slice();
    const removed = ruin(d, current, rand, touched);
    const jobs = removed.concat(current.unassigned);
    current.unassigned = [];
    sortForRecreate(d, jobs, rand);
    recreate(d, current, jobs, rand, BLINK_RATE, touched);
    if (useLocalSearch) localSearch(d, current, touched);
    const candidateCost = totalCost(current);
    if (candidateCost < currentCost - temperature * Math.log(rand())) {
      currentCost = candidateCost;
      if (candidateCost < bestCost - EPS) {
        bestCost = candidateCost;
        best = clonePlan(current);
      }
    } else {
      for (const v of touched) {
        current.routes[v] = saved[v]!;
        refresh(d, current, v);
      }
      current.unassigned = before;
      for (const j of before) {
        current.routeOf[j] = -1;
        current.posOf[j] = -1;
      }
    }
  }

  return present(problem, d, best, fixedReasons, iterations, performance.now() - started);
}

function present(
  problem: RoutingProblem,
  d: Data,
  plan: Plan,
  fixedReasons: Map<number, UnassignedReason>,
  iterations: number,
  elapsedMs: number,
): RoutingSolution {
  const routes: RoutingSolution['routes'] = [];
  let cost = 0;
  for (let v = 0; v < d.nVehicles; v++) {
    const seq = plan.routes[v]!;
    if (seq.length === 0) continue;
    refresh(d, plan, v);
    const last = seq[seq.length - 1]!;
    const end = plan.est[v]![seq.length - 1]! + d.service[last]! + d.travel[d.loc[last]! * d.n + d.vEnd[v]!]!;
    routes.push({
      vehicle: problem.vehicles[v]!.id,
      jobs: seq.map((j) => problem.jobs[j]!.id),
      starts: Array.from(plan.est[v]!.subarray(0, seq.length)),
      end,
      cost: plan.routeCost[v]!,
    });
    cost += plan.routeCost[v]!;
  }
  const unassigned: RoutingSolution['unassigned'] = [];
  for (let j = 0; j < d.nJobs; j++) {
    const reason = fixedReasons.get(j) ?? (plan.routeOf[j]! < 0 ? 'no-room' : undefined);
    if (reason) unassigned.push({ job: problem.jobs[j]!.id, reason });
  }
  return { routes, unassigned, cost, iterations, elapsedMs };
}

/**
 * `npm run bench:day -- [--seconds N | --iterations I] [--seed S] [--visits V]` (issue 13): plans a synthetic Isfahan
 * day (bench/day.instance.ts: the seed's 15 districts and 32 inspectors, 350 visits) with the
 * planner's solver, checks the plan with the independent checker, and prints its totals beside
 * today's way of doing the same day (bench/day.baseline.ts), both measured by one replay
 * (`dayTotals`). Travel times: the built-in haversine estimate at its defaults (25 km/h, detour
 * 1.35). `--seed` seeds both the day and the solver.
 */
import { performance } from 'node:perf_hooks';
import { checkSolution } from '../server/platform/routing/routing.check.js';
import { solve } from '../server/platform/routing/routing.solver.js';
import { haversineTravel } from '../server/platform/routing/routing.travel.js';
import type { RoutingProblem } from '../server/platform/routing/routing.types.js';
import { dayTotals, todaysWay, type DayTotals } from './day.baseline.js';
import { DAILY_CAP, isfahanDay } from './day.instance.js';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(name);
  const value = i >= 0 ? Number(args[i + 1]) : fallback;
  if (!Number.isFinite(value) || value < 0) {
    console.error(`usage: npm run bench:day -- [--seconds N | --iterations I] [--seed S] [--visits V] (${name} must be a number)`);
    process.exit(2);
  }
  return value;
};
const seconds = option('--seconds', 5);
/** An iteration cap instead of a time budget: the planner's own budget (100 a visit) is `--iterations 35000`. */
const iterations = option('--iterations', 0);
const seed = option('--seed', 1);
const visits = option('--visits', 350);

const day = isfahanDay({ seed, visits });
const problem: RoutingProblem = { size: day.points.length, travel: await haversineTravel().matrix(day.points), vehicles: day.vehicles, jobs: day.jobs };

let started = performance.now();
const today = todaysWay(problem, day.homeArea);
const todayMs = performance.now() - started;
const todayTotals = dayTotals(problem, today.routes);

started = performance.now();
const solution = solve(problem, iterations > 0 ? { seed, maxIterations: iterations, timeLimitMs: 600_000 } : { seed, timeLimitMs: seconds * 1000 });
const planMs = performance.now() - started;
const check = checkSolution(problem, solution);
const planTotals = dayTotals(problem, solution.routes);

const appointments = day.jobs.filter((j) => j.ready > day.vehicles[0]!.shiftStart || j.due < day.vehicles[0]!.shiftEnd).length;
console.log(
  `synthetic Isfahan day, seed ${seed}: ${day.jobs.length} visits (${appointments} with an owner's 2-hour window), ` +
    `${day.vehicles.length} inspectors 07:30-14:30, cap ${DAILY_CAP}; haversine 25 km/h × 1.35; budget ${iterations > 0 ? `${iterations} iterations` : `${seconds} s`}`,
);

const hours = (s: number) => (s / 3600).toFixed(1);
const perVisit = (t: DayTotals) => (t.visits === 0 ? '-' : `${(t.travel / 60 / t.visits).toFixed(1)}`);
const spread = (t: DayTotals) => `${t.perInspector.min} / ${t.perInspector.avg.toFixed(1)} / ${t.perInspector.max}`;
const reasons = (list: readonly string[]) => {
  const counts = new Map<string, number>();
  for (const r of list) counts.set(r, (counts.get(r) ?? 0) + 1);
  return [...counts].map(([r, n]) => `${n} ${r}`).join(', ');
};
const rows: [string, string, string][] = [
  ['total travel, hours', hours(todayTotals.travel), hours(planTotals.travel)],
  ['average travel a visit, minutes', perVisit(todayTotals), perVisit(planTotals)],
  ['visits assigned', String(todayTotals.visits), String(planTotals.visits)],
  [
    'visits unassigned (reason)',
    today.unassigned.length === 0 ? '0' : `${today.unassigned.length} (no inspector with the specialty)`,
    solution.unassigned.length === 0 ? '0' : `${solution.unassigned.length} (${reasons(solution.unassigned.map((u) => u.reason))})`,
  ],
  ['visits per inspector, min / avg / max', spread(todayTotals), spread(planTotals)],
  [`inspectors over the cap of ${DAILY_CAP}`, String(todayTotals.overCap), String(planTotals.overCap)],
  ['overtime visits (finishing after 14:30)', String(todayTotals.overtimeVisits), String(planTotals.overtimeVisits)],
  ['inspectors back at the office after 14:30', String(todayTotals.lateReturns), String(planTotals.lateReturns)],
  ['appointment windows missed', String(todayTotals.windowsMissed), String(planTotals.windowsMissed)],
  ['plan time, seconds', (todayMs / 1000).toFixed(2), `${(planMs / 1000).toFixed(1)} (${solution.iterations} iterations)`],
];
const width = [Math.max(...rows.map((r) => r[0].length)), Math.max(13, ...rows.map((r) => r[1].length))];
console.log(`\n${''.padEnd(width[0]!)}  ${"today's way".padEnd(width[1]!)}  planned`);
for (const [label, a, b] of rows) console.log(`${label.padEnd(width[0]!)}  ${a.padEnd(width[1]!)}  ${b}`);

const saved = todayTotals.travel > 0 ? (100 * (todayTotals.travel - planTotals.travel)) / todayTotals.travel : 0;
console.log(`\ntravel saved: ${saved.toFixed(0)}% (${hours(todayTotals.travel - planTotals.travel)} hours)`);
const planOk = check.ok && planTotals.overtimeVisits === 0 && planTotals.lateReturns === 0 && planTotals.windowsMissed === 0;
console.log(planOk ? 'checker: the plan is feasible (every window, cap, specialty, coverage and shift kept)' : `checker: PLAN INFEASIBLE: ${check.errors.slice(0, 5).join('; ')}`);
process.exitCode = planOk ? 0 : 1;

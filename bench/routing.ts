/**
 * `npm run bench:routing -- <folder> [--seconds N] [--seed S]` (issue 13): solves every Solomon-format
 * file in a folder, one at a time on one core, and prints per instance the vehicles, the distance,
 * the gap to the distance-only best-known, the gap to the hierarchical best-known when the vehicle
 * counts match, the time, and the independent checker's verdict; then the average gap per class
 * (C1, C2, R1, R2, RC1, RC2) and overall. Best-known values come from `best-known.json` in the
 * folder or its parent (format: ../shared/benchmarks/vrptw/README.md). The 56 Solomon instances
 * live outside the repository, in ../shared/benchmarks/vrptw/solomon/.
 */
import fs from 'node:fs';
import path from 'node:path';
import { checkSolution } from '../server/platform/routing/routing.check.js';
import { parseSolomon } from '../server/platform/routing/routing.solomon.js';
import { solve } from '../server/platform/routing/routing.solver.js';

interface BestKnown {
  hierarchical?: { vehicles: number; distance: number };
  distance_only?: { vehicles: number; distance: number };
}

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const folder = args.find((a, i) => !a.startsWith('--') && !(i > 0 && ['--seconds', '--seed'].includes(args[i - 1]!)));
if (!folder) {
  console.error('usage: npm run bench:routing -- <folder> [--seconds N] [--seed S]');
  process.exit(2);
}
const seconds = option('--seconds', 10);
const seed = option('--seed', 1);
/** `--no-ls`: plain ruin-and-recreate, to measure what the local search adds. */
const localSearch = !args.includes('--no-ls');

const readBest = (): Record<string, BestKnown> => {
  for (const dir of [folder, path.dirname(path.resolve(folder))]) {
    const file = path.join(dir, 'best-known.json');
    if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, BestKnown>;
  }
  return {};
};
const best = readBest();
const files = fs
  .readdirSync(folder)
  .filter((f) => !f.endsWith('.json') && !/^readme/i.test(f) && fs.statSync(path.join(folder, f)).isFile())
  .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));

const pct = (x: number | undefined) => (x === undefined ? '' : `${x.toFixed(2)}%`);
const gaps = new Map<string, number[]>();
let allFeasible = true;
console.log(`budget ${seconds} s an instance, seed ${seed}${localSearch ? '' : ', no local search'}`);
console.log(['instance', 'vehicles', 'distance', 'best(dist)', 'gap', 'best(hier)', 'gap(hier)', 'time s', 'iterations', 'check'].join('\t'));
for (const file of files) {
  let instance;
  try {
    instance = parseSolomon(fs.readFileSync(path.join(folder, file), 'utf8'), path.parse(file).name);
  } catch {
    continue;
  }
  const name = instance.name.toUpperCase() === path.parse(file).name.toUpperCase() ? instance.name : path.parse(file).name;
  const solution = solve(instance.problem, { timeLimitMs: seconds * 1000, seed, localSearch });
  const check = checkSolution(instance.problem, solution);
  const distance = Math.round(solution.cost * 100) / 100;
  const known = best[name] ?? best[name.toUpperCase()];
  const distOnly = known?.distance_only;
  const hier = known?.hierarchical;
  const gap = distOnly ? (100 * (distance - distOnly.distance)) / distOnly.distance : undefined;
  const hierGap = hier && hier.vehicles === check.vehicles ? (100 * (distance - hier.distance)) / hier.distance : undefined;
  const feasible = check.ok && solution.unassigned.length === 0;
  allFeasible &&= feasible;
  const verdict = feasible ? 'feasible' : `INFEASIBLE: ${[...check.errors, ...solution.unassigned.map((u) => `${u.job} ${u.reason}`)].slice(0, 3).join('; ')}`;
  const cls = /^(RC|R|C)([12])/i.exec(name);
  if (gap !== undefined && cls) {
    const key = `${cls[1]!.toUpperCase()}${cls[2]}`;
    gaps.set(key, [...(gaps.get(key) ?? []), gap]);
  }
  console.log(
    [name, check.vehicles, distance.toFixed(2), distOnly?.distance.toFixed(2) ?? '', pct(gap), hier ? `${hier.vehicles}/${hier.distance.toFixed(2)}` : '', pct(hierGap), (solution.elapsedMs / 1000).toFixed(1), solution.iterations, verdict].join('\t'),
  );
}
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const all: number[] = [];
console.log('\nclass\tinstances\taverage gap (distance-only best-known)');
for (const key of ['C1', 'C2', 'R1', 'R2', 'RC1', 'RC2']) {
  const xs = gaps.get(key);
  if (!xs) continue;
  all.push(...xs);
  console.log(`${key}\t${xs.length}\t${pct(mean(xs))}`);
}
if (all.length > 0) {
  console.log(`overall\t${all.length}\t${pct(mean(all))}`);
  // A plan shorter than the table's value gives a negative gap; counted as 0 here so that it cannot
  // hide a gap elsewhere.
  console.log(`overall, below-table counted as 0\t${all.length}\t${pct(mean(all.map((g) => Math.max(0, g))))}`);
}
console.log(allFeasible ? 'every solution feasible' : 'SOME SOLUTIONS INFEASIBLE');
process.exitCode = allFeasible ? 0 : 1;

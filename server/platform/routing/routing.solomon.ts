/**
 * Reads Solomon's VRPTW text format (Solomon 1987; also Gehring & Homberger's 200-1000 customer
 * sets): a name line, a VEHICLE block (number, capacity), then one row per customer (id, x, y,
 * demand, ready, due, service), the depot first. Parsed by shape, not by line number, so extra
 * blank lines, CRLF and tabs do not matter. Travel time = Euclidean distance in double precision.
 */
import type { RoutingProblem } from './routing.types.js';

export interface SolomonInstance {
  name: string;
  fleet: number;
  capacity: number;
  problem: RoutingProblem;
}

export function parseSolomon(text: string, fallbackName = 'instance'): SolomonInstance {
  const lines = text.split(/\r?\n/).map((l) => l.trim());
  const numeric = (l: string) => (l === '' ? null : l.split(/\s+/).map(Number));
  const name = lines.find((l) => l !== '' && !/^[\d\s.+-]+$/.test(l)) ?? fallbackName;
  let fleet = NaN;
  let capacity = NaN;
  const rows: number[][] = [];
  for (const line of lines) {
    const nums = numeric(line);
    if (!nums || nums.some((x) => Number.isNaN(x))) continue;
    if (nums.length === 2 && rows.length === 0 && Number.isNaN(fleet)) [fleet, capacity] = nums as [number, number];
    else if (nums.length === 7) rows.push(nums);
  }
  if (Number.isNaN(fleet) || rows.length < 2) throw new Error(`${fallbackName}: not a Solomon-format file`);
  const size = rows.length;
  const travel = new Float64Array(size * size);
  for (let a = 0; a < size; a++) {
    for (let b = 0; b < size; b++) {
      travel[a * size + b] = Math.hypot(rows[a]![1]! - rows[b]![1]!, rows[a]![2]! - rows[b]![2]!);
    }
  }
  const depot = rows[0]!;
  const problem: RoutingProblem = {
    size,
    travel,
    vehicles: Array.from({ length: fleet }, (_, i) => ({
      id: `v${i + 1}`,
      start: 0,
      end: 0,
      shiftStart: depot[4]!,
      shiftEnd: depot[5]!,
      capacity,
    })),
    jobs: rows.slice(1).map((r, i) => ({
      id: String(r[0]),
      location: i + 1,
      demand: r[3]!,
      ready: r[4]!,
      due: r[5]!,
      service: r[6]!,
    })),
  };
  return { name, fleet, capacity, problem };
}

/**
 * mulberry32: a small, fast 32-bit PRNG. The same seed gives the same sequence on every platform,
 * so what is drawn from it depends on its seed only (never Math.random): the demo city and its
 * history, the route planner's search, the fuzzer's cases, the tests' mixes. Floats in [0, 1).
 */
export type Rng = () => number;

export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Draws an index by weight: `weights[i]` / their sum is the chance of `i` (one draw of `random` each). */
export function weightedDraw(weights: readonly number[], random: Rng): () => number {
  const cumulative: number[] = [];
  let sum = 0;
  for (const w of weights) cumulative.push((sum += w));
  return () => {
    const r = random() * sum;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! > r) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
}

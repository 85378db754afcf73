/**
 * Rollups the dashboards read instead of scanning the cases (see RollupCasesTable and
 * RollupStepsTable in db/schema.ts). Step durations are kept as a histogram of log-spaced
 * buckets: each bucket spans 10% of its lower bound, so a percentile read from it is within
 * about 5% of the exact one, while a month of a city's steps stays a few thousand rows.
 */

const GROWTH = 1.1;

/** The histogram bucket of a duration in minutes: 0 for under a minute, then log-spaced. */
export function bucketOf(minutes: number): number {
  if (minutes < 1) return 0;
  return 1 + Math.floor(Math.log(minutes) / Math.log(GROWTH));
}

/** The duration a bucket stands for: the geometric middle of its span, in minutes. */
export function bucketMinutes(bucket: number): number {
  if (bucket <= 0) return 0;
  return Math.pow(GROWTH, bucket - 0.5);
}

/** The p-th percentile (0..1) of a histogram, in minutes; null for an empty one. */
export function percentileOfBuckets(rows: readonly { bucket: number; steps: number }[], p: number): number | null {
  const sorted = [...rows].filter((r) => r.steps > 0).sort((a, b) => a.bucket - b.bucket);
  const total = sorted.reduce((n, r) => n + r.steps, 0);
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil(p * total));
  let seen = 0;
  for (const r of sorted) {
    seen += r.steps;
    if (seen >= rank) return bucketMinutes(r.bucket);
  }
  return bucketMinutes(sorted[sorted.length - 1]!.bucket);
}

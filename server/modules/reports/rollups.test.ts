import { describe, expect, it } from 'vitest';
import { addHistogram, bucketMinutes, bucketOf, histogramText, percentileOfBuckets } from './rollups.js';

describe('step duration buckets', () => {
  it('stand for their durations within about 5%', () => {
    for (const m of [1, 7, 59, 60, 61, 480, 1440, 4320, 43_200, 200_000]) {
      const back = bucketMinutes(bucketOf(m));
      expect(Math.abs(back - m) / m).toBeLessThan(0.051);
    }
    expect(bucketOf(0)).toBe(0);
    expect(bucketOf(0.4)).toBe(0);
    expect(bucketOf(120)).toBeGreaterThan(bucketOf(100));
  });

  it('give the median and 90th percentile of a histogram', () => {
    const minutes = Array.from({ length: 100 }, (_, i) => (i + 1) * 60); // 1 h .. 100 h
    const hist = new Map<number, number>();
    for (const m of minutes) hist.set(bucketOf(m), (hist.get(bucketOf(m)) ?? 0) + 1);
    const rows = [...hist].map(([bucket, steps]) => ({ bucket, steps }));
    expect(percentileOfBuckets(rows, 0.5)! / (50 * 60)).toBeCloseTo(1, 1);
    expect(percentileOfBuckets(rows, 0.9)! / (90 * 60)).toBeCloseTo(1, 1);
    expect(percentileOfBuckets([], 0.5)).toBeNull();
  });

  it('keep a month’s histogram as text, added back into a histogram', () => {
    const text = histogramText(new Map([[37, 2], [0, 5], [112, 1_234_567]]));
    expect(text).toBe('0:5,37:2,112:1234567');
    const sum = new Map([[37, 1]]);
    addHistogram(sum, text);
    addHistogram(sum, histogramText(new Map()));
    expect(sum).toEqual(new Map([[37, 3], [0, 5], [112, 1_234_567]]));
  });
});

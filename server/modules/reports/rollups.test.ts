import { describe, expect, it } from 'vitest';
import { addHistogram, addSteps, bucketMinutes, bucketOf, emptyHistogram, histogramText, percentileOf } from './rollups.js';

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
    const hist = emptyHistogram();
    for (const m of minutes) addSteps(hist, bucketOf(m), 1);
    expect(percentileOf(hist, 0.5)! / (50 * 60)).toBeCloseTo(1, 1);
    expect(percentileOf(hist, 0.9)! / (90 * 60)).toBeCloseTo(1, 1);
    expect(percentileOf(emptyHistogram(), 0.5)).toBeNull();
  });

  it('keep a month’s histogram as text, added back into a histogram', () => {
    const written = emptyHistogram();
    addSteps(written, 37, 2);
    addSteps(written, 112, 1_234_567);
    addSteps(written, 0, 5);
    const text = histogramText(written);
    expect(text).toBe('0:5,37:2,112:1234567');
    const sum = emptyHistogram();
    addSteps(sum, 37, 1);
    addHistogram(sum, text);
    addHistogram(sum, histogramText(emptyHistogram()));
    const expected = emptyHistogram();
    addSteps(expected, 37, 3);
    addSteps(expected, 0, 5);
    addSteps(expected, 112, 1_234_567);
    expect(sum).toEqual(expected);
  });

  it('count a bucket past the last slot in the last slot, and no steps at all as no percentile', () => {
    const h = emptyHistogram();
    addSteps(h, 10_000, 3);
    expect(histogramText(h)).toBe('199:3');
    expect(percentileOf(h, 0.5)).toBe(bucketMinutes(199));
  });
});

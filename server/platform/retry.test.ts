import { describe, expect, it } from 'vitest';
import { backoffMs, startPolling } from './retry.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('startPolling', () => {
  it('stop waits for the pass under way to finish and starts no other', async () => {
    let passes = 0;
    let finished = 0;
    let release!: () => void;
    let started!: () => void;
    const begun = new Promise<void>((resolve) => (started = resolve));
    const stop = startPolling(5, { slow: async () => {
      passes++;
      started();
      await new Promise<void>((resolve) => (release = resolve));
      finished++;
    } }, { error: () => {} });
    await begun;
    let stopped = false;
    const stopping = stop().then(() => (stopped = true));
    await sleep(30);
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect(finished).toBe(1);
    await sleep(30);
    expect(passes).toBe(1);
  });

  it('a failed pass is logged and the next one still runs', async () => {
    const errors: string[] = [];
    let second = 0;
    const stop = startPolling(5, { failing: async () => Promise.reject(new Error('provider down')), second: async () => void second++ }, { error: (_o, msg) => errors.push(msg) });
    await sleep(40);
    await stop();
    expect(errors.length).toBeGreaterThan(0);
    expect(second).toBeGreaterThan(0);
  });

  it('times each pass by its name, a failed one too', async () => {
    const timed: [string, number][] = [];
    const errors: object[] = [];
    const stop = startPolling(
      5,
      { sleeper: () => sleep(25), failing: async () => Promise.reject(new Error('down')) },
      { error: (o) => errors.push(o), timed: (job, seconds) => timed.push([job, seconds]) },
    );
    await sleep(60);
    await stop();
    expect(timed.slice(0, 2).map(([job]) => job)).toEqual(['sleeper', 'failing']);
    expect(timed[0]![1]).toBeGreaterThanOrEqual(0.02);
    // The failing pass ends at once: shorter than the one that slept (no fixed bound, for a busy machine).
    expect(timed[1]![1]).toBeLessThan(timed[0]![1]);
    expect(errors[0]).toMatchObject({ job: 'failing' });
  });

  it('backs off 30 s, 1 min, 2 min... capped at 6 h', () => {
    expect([1, 2, 3].map(backoffMs)).toEqual([30_000, 60_000, 120_000]);
    expect(backoffMs(30)).toBe(6 * 3600_000);
  });
});

import { describe, expect, it } from 'vitest';
import { freshAsOf, parseLsn, replicaMayServe } from './read-replica.js';

describe('WAL positions', () => {
  it('reads PostgreSQL’s hi/lo hexadecimal form in order', () => {
    expect(parseLsn('0/0')).toBe(0n);
    expect(parseLsn('0/16B3748')).toBe(0x16b3748n);
    expect(parseLsn('16/B374D848')).toBe((0x16n << 32n) + 0xb374d848n);
    expect(parseLsn('1/0') > parseLsn('0/FFFFFFFF')).toBe(true);
  });

  it.each(['', '16', '16/', 'x/1', '1/2/3', '123456789/0'])('refuses "%s"', (text) => {
    expect(() => parseLsn(text)).toThrow(/WAL position/);
  });
});

describe('how fresh the replica is', () => {
  const samples = [
    { at: 1000, lsn: 100n },
    { at: 2000, lsn: 250n },
    { at: 3000, lsn: 400n },
  ];

  it('is the newest moment whose primary position the replica has replayed', () => {
    expect(freshAsOf(samples, 400n)).toBe(3000);
    expect(freshAsOf(samples, 399n)).toBe(2000);
    expect(freshAsOf(samples, 250n)).toBe(2000);
    expect(freshAsOf(samples, 100n)).toBe(1000);
  });

  it('is unknown when the replica is behind every sample', () => {
    expect(freshAsOf(samples, 99n)).toBeNull();
    expect(freshAsOf([], 1000n)).toBeNull();
  });
});

describe('whether the replica may answer', () => {
  const bound = 5000;

  it('answers while it is within the lag bound, and a caller that wrote nothing', () => {
    expect(replicaMayServe(0, bound, null)).toBe(true);
    expect(replicaMayServe(5000, bound, null)).toBe(true);
    expect(replicaMayServe(5001, bound, null)).toBe(false);
    expect(replicaMayServe(Infinity, bound, null)).toBe(false);
  });

  it('leaves a caller who wrote within the bound and a second on the primary, then serves it again', () => {
    expect(replicaMayServe(0, bound, 0)).toBe(false);
    expect(replicaMayServe(0, bound, 6000)).toBe(false);
    expect(replicaMayServe(0, bound, 6001)).toBe(true);
    // A write time ahead of this server's clock (another server's) counts as just now.
    expect(replicaMayServe(0, bound, -2000)).toBe(false);
  });
});

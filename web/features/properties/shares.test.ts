import { describe, expect, it } from 'vitest';
import { equalShares, milliDang, sharesTotal } from './shares';

describe('dang shares', () => {
  it('reads a share as thousandths of a dang, refusing a fourth decimal', () => {
    expect(milliDang(3)).toBe(3000);
    expect(milliDang('1.333')).toBe(1333);
    expect(milliDang(0.1)).toBe(100);
    expect(milliDang(1.3335)).toBeNull();
    expect(milliDang('')).toBeNull();
    expect(milliDang('abc')).toBeNull();
  });

  it('adds shares exactly, so thirds written to three decimals make 6 dang', () => {
    expect(sharesTotal([1.333, 1.333, 3.334])).toEqual({ total: 6, remaining: 0, complete: true });
    expect(sharesTotal([0.1, 0.2, 5.7]).complete).toBe(true);
  });

  it('says how much is left, or how much too much, and counts empty shares as nothing', () => {
    expect(sharesTotal([3, ''])).toEqual({ total: 3, remaining: 3, complete: false });
    expect(sharesTotal([4, 2.5])).toEqual({ total: 6.5, remaining: -0.5, complete: false });
    expect(sharesTotal([])).toEqual({ total: 0, remaining: 6, complete: false });
  });

  it('splits 6 dang equally, giving the indivisible thousandths to the first owners', () => {
    expect(equalShares(2)).toEqual([3, 3]);
    expect(equalShares(7)).toEqual([0.858, 0.857, 0.857, 0.857, 0.857, 0.857, 0.857]);
    expect(sharesTotal(equalShares(7)).complete).toBe(true);
    expect(equalShares(0)).toEqual([]);
  });
});

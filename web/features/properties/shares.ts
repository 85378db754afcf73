/**
 * Owners' shares in dang (دانگ): a property is 6 dang. The server keeps shares as whole
 * thousandths of a dang, so the desk counts the same way: 1.333 + 1.333 + 3.334 is exactly 6
 * here too, never 5.999999.
 */
export const WHOLE_DANG = 6;
const MILLI = 1000;

/** A share as whole thousandths of a dang, or null when it is empty, not a number or has more than three decimals. */
export function milliDang(share: number | string | null | undefined): number | null {
  if (share === '' || share === null || share === undefined) return null;
  const n = Number(share);
  if (!Number.isFinite(n)) return null;
  const milli = Math.round(n * MILLI);
  return Math.abs(n * MILLI - milli) > 1e-6 ? null : milli;
}

export interface SharesTotal {
  /** The sum in dang, to three decimals. */
  total: number;
  /** What is still to be given out (negative when the shares add up to more than 6 dang). */
  remaining: number;
  complete: boolean;
}

/** The live total under the owners' list; a share that is empty or malformed counts as nothing. */
export function sharesTotal(shares: readonly (number | string | null | undefined)[]): SharesTotal {
  const milli = shares.reduce<number>((sum, s) => sum + (milliDang(s) ?? 0), 0);
  return { total: milli / MILLI, remaining: (WHOLE_DANG * MILLI - milli) / MILLI, complete: milli === WHOLE_DANG * MILLI };
}

/** 6 dang split between `count` owners to the thousandth; what does not divide goes to the first owners. */
export function equalShares(count: number): number[] {
  if (count <= 0) return [];
  const whole = WHOLE_DANG * MILLI;
  const base = Math.floor(whole / count);
  const extra = whole - base * count;
  return Array.from({ length: count }, (_, i) => (base + (i < extra ? 1 : 0)) / MILLI);
}

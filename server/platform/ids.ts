import { v7 as uuidv7 } from 'uuid';
import { randomInt } from 'node:crypto';
import { verhoeff } from 'cdigit';

/** Time-ordered ids keep B-tree inserts local on both databases. */
export function newId(): string {
  return uuidv7();
}

/**
 * Tracking code (کد رهگیری): 10 digits, the first never 0, nine from a CSPRNG (so the next code
 * cannot be guessed from the last) and a Verhoeff check digit that catches every single-digit
 * typo and every swap of neighbouring digits when a citizen reads it over the phone.
 */
export function newTrackingCode(digit: (min: number, max: number) => number = randomInt): string {
  // `digit` is the CSPRNG; only the history generator (seed/history.ts) passes a seeded one, for repeatable demo data.
  let body = String(digit(1, 10));
  for (let i = 0; i < 8; i++) body += String(digit(0, 10));
  return verhoeff.generate(body);
}

export function isValidTrackingCode(code: string): boolean {
  return /^[1-9]\d{9}$/.test(code) && verhoeff.validate(code);
}

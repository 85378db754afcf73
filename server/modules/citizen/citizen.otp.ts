/**
 * One-time sign-in codes for citizens: 6 digits, kept only as an HMAC, valid 2 minutes, 5 tries,
 * and rate-limited per mobile number and per address so codes cannot be sprayed or guessed.
 */
import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';

export const OTP_TTL_MS = 2 * 60_000;
export const OTP_MAX_TRIES = 5;
export const OTP_WINDOW_MS = 10 * 60_000;
/** Codes one mobile number may be sent within the window. */
export const OTP_PER_MOBILE = 3;
/** Codes one address may ask for within the window (any numbers). */
export const OTP_PER_ADDRESS = 10;

export function newOtpCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}

export function hashOtp(secret: string, mobile: string, code: string): string {
  return createHmac('sha256', secret).update(`${mobile}:${code}`).digest('hex');
}

export function otpMatches(secret: string, mobile: string, code: string, storedHash: string): boolean {
  const a = Buffer.from(hashOtp(secret, mobile, code), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Staff sign-in throttling: failed guesses are counted per account (the username as sign-in reads
 * it: trimmed, lower-case, so letter case buys nothing), per address, and per address range (a /24,
 * or an IPv6 /64, for many addresses behind one network). Each has its free failures, then an
 * exponential wait; the account is locked after many, until the lock ends or an admin lifts it.
 * Failures are counted in `throttles`, not audited one by one: the audit log gets one row when a
 * run of failures starts, one when it starts to be slowed, one at a lock, and the count on success.
 */
import { AppError } from '../../platform/errors.js';
import { claimAttempt, clearAttempts, releaseAttempt, type Claim, type ThrottlePolicy } from '../../platform/throttle.js';
import type { Db } from '../../db/database.js';

export const ACCOUNT_POLICY: ThrottlePolicy = { free: 5, baseSeconds: 2, maxSeconds: 15 * 60, windowSeconds: 3600, lockAfter: 15, lockSeconds: 3600 };
export const ADDRESS_POLICY: ThrottlePolicy = { free: 20, baseSeconds: 1, maxSeconds: 15 * 60, windowSeconds: 3600 };
export const RANGE_POLICY: ThrottlePolicy = { free: 100, baseSeconds: 1, maxSeconds: 15 * 60, windowSeconds: 3600 };

export const accountKey = (username: string) => `account:${username}`;

/** 203.0.113.7 -> 203.0.113.0/24; 2001:db8:1:2:3:4:5:6 -> 2001:db8:1:2::/64. */
export function addressRange(ip: string): string {
  const v4 = /^(?:::ffff:)?(\d+)\.(\d+)\.(\d+)\.\d+$/i.exec(ip);
  if (v4) return `${v4[1]}.${v4[2]}.${v4[3]}.0/24`;
  const head = ip.toLowerCase().split('::')[0]!.split(':').slice(0, 4);
  while (head.length < 4) head.push('0');
  return `${head.join(':')}::/64`;
}

export interface SignInClaims {
  /** This attempt's number in the account's run of failures (1 = the first). */
  account: number;
  accountLockedNow: boolean;
  address: number;
}

/** Claim one attempt on each key, account first; refused with 429 and how long to wait. */
export async function claimSignIn(db: Db, username: string, ip: string, now: Date): Promise<SignInClaims> {
  const account = await claimAttempt(db, accountKey(username), ACCOUNT_POLICY, now);
  if (!account.ok) throw throttled(account);
  const address = await claimAttempt(db, `ip:${ip}`, ADDRESS_POLICY, now);
  if (!address.ok) {
    await releaseAttempt(db, accountKey(username));
    throw throttled(address);
  }
  const range = await claimAttempt(db, `net:${addressRange(ip)}`, RANGE_POLICY, now);
  if (!range.ok) {
    await Promise.all([releaseAttempt(db, accountKey(username)), releaseAttempt(db, `ip:${ip}`)]);
    throw throttled(range);
  }
  return { account: account.failures, accountLockedNow: account.lockedNow, address: address.failures };
}

/** The password was right: the account starts afresh; the shared keys take back this claim. */
export async function settleSignIn(db: Db, username: string, ip: string): Promise<void> {
  await Promise.all([clearAttempts(db, accountKey(username)), releaseAttempt(db, `ip:${ip}`), releaseAttempt(db, `net:${addressRange(ip)}`)]);
}

/** The one audit row a failure deserves, if any: the first of a run, the first slowed, a lock. */
export function failureAudit(claims: SignInClaims, details: { username: string; ip: string }): { action: string; details: Record<string, unknown> } | null {
  const d = { ...details, failures: claims.account, addressFailures: claims.address };
  if (claims.accountLockedNow) return { action: 'auth.account_locked', details: d };
  if (claims.account === ACCOUNT_POLICY.free + 1) return { action: 'auth.sign_in_throttled', details: d };
  if (claims.account === 1 || claims.address === ADDRESS_POLICY.free + 1) return { action: 'auth.sign_in_failed', details: d };
  return null;
}

function throttled(claim: Extract<Claim, { ok: false }>): AppError {
  return claim.locked
    ? new AppError('RATE_LIMITED', {
        message: 'This account is locked after repeated wrong passwords; try later or ask the city admin to lift the lock',
        messageFa: 'این حساب به دلیل گذرواژه‌های نادرست پیاپی موقتاً قفل شده است؛ بعداً تلاش کنید یا از مدیر سامانه بخواهید قفل را بردارد',
        details: { retryAfterSeconds: claim.retryAfterSeconds, locked: true },
      })
    : new AppError('RATE_LIMITED', { details: { retryAfterSeconds: claim.retryAfterSeconds, locked: false } });
}

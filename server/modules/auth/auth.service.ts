import { hash, verify } from '@node-rs/argon2';

/** Algorithm.Argon2id: the package exports it as an ambient const enum, unusable under isolatedModules. */
const ARGON2ID = 2;
import { ROLE_TITLES_FA, type Role } from '../../../contracts/roles.js';
import { ROLE_PERMISSIONS } from '../../../contracts/permissions.js';
import type { Ctx } from '../../platform/context.js';
import type { Actor } from '../../platform/actor.js';
import { AppError, fieldError, invalid, notFound } from '../../platform/errors.js';
import { appendAudit } from '../../platform/audit.js';
import { hashToken, newSessionToken } from '../../platform/auth.js';
import { findLockedAccounts, findMe, findStaffByUsername } from './auth.queries.js';
import { passwordProblem } from './auth.password.js';
import { accountKey, claimSignIn, failureAudit, settleSignIn } from './auth.throttle.js';

export function hashPassword(password: string): Promise<string> {
  return hash(password, { algorithm: ARGON2ID, memoryCost: 19456, timeCost: 2, parallelism: 1 });
}

// Verified when the username is unknown too, so timing does not tell which usernames exist.
let dummyHash: Promise<string> | null = null;

export async function signIn(ctx: Ctx, input: { username: string; password: string; ip: string; userAgent: string }) {
  const username = input.username.trim().toLowerCase();
  const now = ctx.clock.now();
  // Claimed before the password is checked, so parallel guesses are counted one by one.
  const claims = await claimSignIn(ctx.db, username, input.ip, now);
  const staff = await findStaffByUsername(ctx.db, username);
  dummyHash ??= hashPassword('not-a-real-password');
  const ok = await verify(staff?.password_hash ?? (await dummyHash), input.password);
  if (!staff || !ok || staff.active !== 1) {
    const audit = failureAudit(claims, { username, ip: input.ip });
    if (audit) {
      await ctx.db.transaction().execute((trx) =>
        appendAudit(trx, null, { ...audit, entityType: 'staff', entityId: staff?.id ?? null, cityId: staff?.city_id ?? null }, now),
      );
    }
    throw new AppError('INVALID_CREDENTIALS');
  }
  await settleSignIn(ctx.db, username, input.ip);
  const token = newSessionToken();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('sessions')
      .values({
        id: hashToken(token),
        staff_id: staff.id,
        created_at: now.toISOString(),
        expires_at: new Date(now.getTime() + ctx.config.sessionHours * 3600_000).toISOString(),
        last_seen_at: now.toISOString(),
        ip: input.ip,
        user_agent: input.userAgent.slice(0, 300),
      })
      .execute();
    const actor: Actor = {
      staffId: staff.id, role: staff.role as Role, cityId: staff.city_id, officeId: staff.office_id,
      districtId: staff.district_id, name: `${staff.first_name} ${staff.last_name}`, ip: input.ip,
    };
    const failedBefore = claims.account - 1;
    await appendAudit(trx, actor, { action: 'auth.sign_in', entityType: 'staff', entityId: staff.id, ...(failedBefore > 0 ? { details: { failedBefore } } : {}) }, now);
  });
  return { token, me: await getMe(ctx, staff.id) };
}

export async function signOut(ctx: Ctx, token: string | undefined): Promise<void> {
  if (token) await ctx.db.deleteFrom('sessions').where('id', '=', hashToken(token)).execute();
}

export async function getMe(ctx: Ctx, staffId: string) {
  const r = await findMe(ctx.db, staffId);
  if (!r) throw notFound();
  const role = r.role as Role;
  return {
    id: r.id,
    username: r.username,
    firstName: r.first_name,
    lastName: r.last_name,
    role,
    roleTitleFa: ROLE_TITLES_FA[role],
    specialty: r.specialty,
    city: { id: r.city_id, code: r.city_code, nameFa: r.city_name_fa },
    office: r.office_id ? { id: r.office_id, govCode: r.office_gov_code!, nameFa: r.office_name_fa! } : null,
    district: r.district_id ? { id: r.district_id, number: r.district_number!, nameFa: r.district_name_fa! } : null,
    permissions: [...ROLE_PERMISSIONS[role]],
  };
}

/** Change one's own password; every other session of this person is ended. */
export async function changePassword(
  ctx: Ctx,
  actor: Actor,
  input: { currentPassword: string; newPassword: string; keepToken: string | undefined },
): Promise<void> {
  const staff = await ctx.db.selectFrom('staff').selectAll().where('id', '=', actor.staffId).executeTakeFirstOrThrow();
  if (!(await verify(staff.password_hash, input.currentPassword))) {
    throw invalid([fieldError('currentPassword', 'wrong_password', 'The current password is wrong', 'گذرواژه فعلی نادرست است')]);
  }
  const weak = await passwordProblem('newPassword', input.newPassword, staff.username);
  if (weak) throw invalid([weak]);
  if (input.newPassword === input.currentPassword) {
    throw invalid([fieldError('newPassword', 'same_password', 'Choose a different password', 'گذرواژه جدید باید با گذرواژه فعلی متفاوت باشد')]);
  }
  const passwordHash = await hashPassword(input.newPassword);
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('staff').set({ password_hash: passwordHash, updated_at: now.toISOString() }).where('id', '=', actor.staffId).execute();
    await trx
      .deleteFrom('sessions')
      .where('staff_id', '=', actor.staffId)
      .where('id', '!=', input.keepToken ? hashToken(input.keepToken) : '')
      .execute();
    await appendAudit(trx, actor, { action: 'auth.password_changed', entityType: 'staff', entityId: actor.staffId }, now);
  });
}


/** Accounts locked after repeated wrong passwords (the admin's list to lift). */
export async function listLockouts(ctx: Ctx) {
  const rows = await findLockedAccounts(ctx.db, ctx.clock.now().toISOString());
  return {
    items: rows.map((r) => ({
      username: r.key.slice('account:'.length),
      staffId: r.staff_id,
      name: r.staff_id ? `${r.first_name} ${r.last_name}` : null,
      failures: r.failures,
      lockedUntil: r.locked_until!,
    })),
  };
}

/** Lift a lock before it ends (رفع قفل): the account starts afresh; audited. */
export async function liftLockout(ctx: Ctx, actor: Actor, username: string): Promise<void> {
  const key = accountKey(username.trim().toLowerCase());
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('throttles').select(['failures', 'locked_until']).where('key', '=', key).executeTakeFirst();
    if (!row?.locked_until || row.locked_until <= now.toISOString()) throw notFound();
    await trx.deleteFrom('throttles').where('key', '=', key).execute();
    const staff = await findStaffByUsername(trx, key.slice('account:'.length));
    await appendAudit(trx, actor, { action: 'auth.lockout_lifted', entityType: 'staff', entityId: staff?.id ?? null, details: { username: key.slice('account:'.length), failures: row.failures } }, now);
  });
}

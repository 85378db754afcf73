/** The city's system account (سامانه میز خدمت): who signs what the system does by itself. */
import type { Ctx } from '../../platform/context.js';
import type { Actor } from '../../platform/actor.js';
import { newId } from '../../platform/ids.js';

/** How the system signs the automatic assignment at intake (timeline, audit): never the clerk who registered. */
export const AUTO_ASSIGN_NAME_FA = 'سامانه میز خدمت (خودکار)';

/** Per database handle: the account never changes once made, so an intake need not look it up each time. */
const known = new WeakMap<object, Map<string, string>>();

/** The city's own account for what the system does by itself: intake on a client's behalf, automatic follow-up; it cannot sign in. */
export async function ensureSystemStaff(ctx: Ctx, cityId: string): Promise<string> {
  const cached = known.get(ctx.db)?.get(cityId);
  if (cached) return cached;
  const username = `system-${cityId.slice(-12)}`;
  let existing = await ctx.db.selectFrom('staff').select('id').where('username', '=', username).executeTakeFirst();
  if (!existing) {
    const now = ctx.clock.now().toISOString();
    await ctx.db
      .insertInto('staff')
      .values({ id: newId(), city_id: cityId, username, password_hash: '!', first_name: 'سامانه', last_name: 'میز خدمت (خودکار)', national_code: '0000000000', mobile: '00000000000', role: 'office_operator', office_id: null, district_id: null, specialty: null, active: 0, created_at: now, updated_at: now })
      .onConflict((oc) => oc.column('username').doNothing())
      .execute();
    existing = await ctx.db.selectFrom('staff').select('id').where('username', '=', username).executeTakeFirstOrThrow();
  }
  // Only a handle outside any transaction remembers it: one made in a transaction that rolls back is gone.
  if (!ctx.db.isTransaction) known.set(ctx.db, (known.get(ctx.db) ?? new Map<string, string>()).set(cityId, existing.id));
  return existing.id;
}

/** The system account signing an automatic step (as escalation and API intake are), not the clerk; read before the caller's transaction opens. */
export async function systemActor(ctx: Ctx, actor: Actor): Promise<Actor> {
  return { ...actor, staffId: await ensureSystemStaff(ctx, actor.cityId), name: AUTO_ASSIGN_NAME_FA, ip: 'system' };
}

/**
 * Holiday lists (فهرست تعطیلات سال): which Solar Hijri years a city holds, and how far to trust each.
 *
 * official    the published list shipped with the release (platform/holidays.official.ts)
 * provisional computed (fixed solar days + crescent model) or left from before 0018: to be checked
 * confirmed   the city admin compared it with the published calendar and confirmed it («تأیید فهرست»)
 *
 * The city admin is warned while this year's or next year's list is missing or provisional. A daily
 * job writes missing lists and replaces provisional ones once a release ships the official data.
 */
import type { Db } from '../../db/database.js';
import type { HolidayListTable } from '../../db/schema.js';
import type { Ctx } from '../../platform/context.js';
import type { Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit.js';
import { fromJalali, TEHRAN_TZ, tehranDate, toJalali } from '../../platform/calendar.js';
import { AppError, notFound } from '../../platform/errors.js';
import { holidaysOfYear } from '../../platform/holidays.js';
import { newId } from '../../platform/ids.js';
import { enqueueOutbox } from '../../platform/outbox.js';
import * as q from './calendar.queries.js';

export type ListStatus = HolidayListTable['status'];

/** The years an admin must have settled: the current one and the coming one. */
export function yearsToSettle(now: Date): [number, number] {
  const year = toJalali(tehranDate(now)).year;
  return [year, year + 1];
}

const yearRange = (year: number) => ({ from: fromJalali(year, 1, 1), to: fromJalali(year + 1, 1, 1) });

/**
 * Writes a year's list as the release computes it (official when shipped, else provisional), next to
 * any one-off closures already held for that year. The caller audits.
 */
export async function writeYearList(trx: Db, cityId: string, year: number, at: Date): Promise<ListStatus> {
  const computed = holidaysOfYear(year);
  const { from, to } = yearRange(year);
  await q.deleteOfficialDays(trx, cityId, from, to);
  const taken = new Set((await q.holidayDatesBetween(trx, cityId, from, to)).map((r) => r.date));
  const rows = computed.holidays
    .filter((h) => !taken.has(h.date))
    .map((h) => ({ id: newId(), city_id: cityId, date: h.date, title_fa: h.titleFa, title_en: h.titleEn, kind: h.kind }));
  if (rows.length) await trx.insertInto('holidays').values(rows).execute();
  const existing = await q.findHolidayList(trx, cityId, year);
  const fields = { status: computed.status, source: computed.source, confirmed_by: null, confirmed_at: null, updated_at: at.toISOString() };
  if (existing) await q.updateHolidayList(trx, existing.id, fields);
  else await q.insertHolidayList(trx, { id: newId(), city_id: cityId, year, ...fields });
  return computed.status;
}

/**
 * The daily upkeep, as the system: writes this and next year's list where a city holds none, and
 * replaces any provisional list whose official data this release ships. Idempotent.
 */
export async function syncHolidayLists(ctx: Ctx): Promise<{ written: number }> {
  const now = ctx.clock.now();
  const settle = yearsToSettle(now);
  const lists = await q.allHolidayLists(ctx.db);
  let written = 0;
  for (const { id: cityId } of await q.cityIds(ctx.db)) {
    const held = new Map(lists.filter((l) => l.city_id === cityId).map((l) => [l.year, l.status]));
    const years = new Set([...held.keys(), ...settle]);
    for (const year of years) {
      const status = held.get(year);
      const upgrade = status === 'provisional' && holidaysOfYear(year).status === 'official';
      if (status !== undefined && !upgrade) continue;
      await ctx.db.transaction().execute(async (trx) => {
        const again = await q.findHolidayList(trx, cityId, year); // another instance may have done it
        if (again && !(again.status === 'provisional' && upgrade)) return;
        const written_ = await writeYearList(trx, cityId, year, now);
        await appendAudit(trx, null, { action: upgrade ? 'holiday_list.official' : 'holiday_list.create', entityType: 'holiday_list', entityId: `${cityId}:${year}`, details: { year, status: written_ }, cityId }, now);
        written++;
      });
    }
  }
  return { written };
}

/** Years (of the two to settle) whose list is missing or still provisional. */
async function unsettledYears(db: Db, cityId: string, now: Date): Promise<number[]> {
  const lists = new Map((await q.holidayLists(db, cityId)).map((l) => [l.year, l.status]));
  return yearsToSettle(now).filter((y) => (lists.get(y) ?? 'provisional') === 'provisional');
}

export async function listHolidayLists(ctx: Ctx, actor: Actor) {
  const now = ctx.clock.now();
  const lists = await q.holidayLists(ctx.db, actor.cityId);
  const names = new Map<string, string>();
  for (const id of new Set(lists.map((l) => l.confirmed_by).filter((x): x is string => !!x))) {
    const s = await q.staffName(ctx.db, id);
    if (s) names.set(id, `${s.first_name} ${s.last_name}`);
  }
  return {
    items: lists.map((l) => ({
      year: l.year,
      status: l.status,
      source: l.source,
      confirmedAt: l.confirmed_at,
      confirmedByName: l.confirmed_by ? (names.get(l.confirmed_by) ?? null) : null,
      officialAvailable: holidaysOfYear(l.year).status === 'official',
    })),
    unsettled: await unsettledYears(ctx.db, actor.cityId, now),
  };
}

function notProvisional(year: number): AppError {
  return new AppError('CONFLICT', {
    message: `The holiday list of ${year} is not provisional`,
    messageFa: 'فهرست تعطیلات این سال موقت نیست و نیازی به تأیید ندارد',
  });
}

/** «تأیید فهرست»: the admin has checked the year against the published calendar. */
export async function confirmHolidayList(ctx: Ctx, actor: Actor, year: number) {
  const at = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const list = await q.findHolidayList(trx, actor.cityId, year);
    if (!list) throw notFound();
    if (list.status !== 'provisional') throw notProvisional(year);
    await q.updateHolidayList(trx, list.id, { status: 'confirmed', confirmed_by: actor.staffId, confirmed_at: at.toISOString(), updated_at: at.toISOString() });
    await appendAudit(trx, actor, { action: 'holiday_list.confirm', entityType: 'holiday_list', entityId: list.id, details: { year, from: list.status, to: 'confirmed' } }, at);
  });
  return listHolidayLists(ctx, actor);
}

/** Writes the list of a year the city does not hold yet: official when shipped, else provisional (audited). */
export async function createHolidayList(ctx: Ctx, actor: Actor, year: number) {
  const at = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    if (await q.findHolidayList(trx, actor.cityId, year)) {
      throw new AppError('CONFLICT', { message: `The list of ${year} is already held`, messageFa: 'فهرست تعطیلات این سال قبلاً ثبت شده است' });
    }
    const status = await writeYearList(trx, actor.cityId, year, at);
    await appendAudit(trx, actor, { action: 'holiday_list.create', entityType: 'holiday_list', entityId: `${actor.cityId}:${year}`, details: { year, status } }, at);
  });
  return listHolidayLists(ctx, actor);
}

/** Replaces a year's solar and lunar days with the official list this release ships (closures stay). */
export async function applyOfficialList(ctx: Ctx, actor: Actor, year: number) {
  const at = ctx.clock.now();
  if (holidaysOfYear(year).status !== 'official') {
    throw new AppError('CONFLICT', {
      message: `No official list of ${year} ships with this release`,
      messageFa: 'فهرست رسمی این سال هنوز در سامانه نیست؛ روزها را مطابق تقویم رسمی ویرایش و سپس فهرست را تأیید کنید',
    });
  }
  await ctx.db.transaction().execute(async (trx) => {
    const list = await q.findHolidayList(trx, actor.cityId, year);
    if (list?.status === 'official') throw new AppError('CONFLICT', { message: `The list of ${year} is already the official one`, messageFa: 'فهرست این سال همان فهرست رسمی است' });
    await writeYearList(trx, actor.cityId, year, at);
    await appendAudit(trx, actor, { action: 'holiday_list.official', entityType: 'holiday_list', entityId: `${actor.cityId}:${year}`, details: { year, from: list?.status ?? null, to: 'official' } }, at);
  });
  return listHolidayLists(ctx, actor);
}

// ---------------------------------------------------------------- the admin's daily reminder

/** From this hour, Tehran time, like the follow-up digest. */
export const REMINDER_HOUR = 7;

const tehranHour = (d: Date) => Number(new Intl.DateTimeFormat('en-GB', { timeZone: TEHRAN_TZ, hour: '2-digit', hourCycle: 'h23' }).format(d));

/**
 * Once a Tehran day from 07:00: keeps the lists (syncHolidayLists), then sends each active city
 * admin whose city has an unsettled year one SMS naming the years. Outbox key
 * `holidays:<staffId>:<date>`, so a second run or instance sends nothing twice.
 */
export async function remindHolidayLists(ctx: Ctx): Promise<{ sent: number }> {
  const now = ctx.clock.now();
  const tally = { sent: 0 };
  if (tehranHour(now) < REMINDER_HOUR) return tally;
  const date = tehranDate(now);
  const admins = await q.activeCityAdmins(ctx.db);
  const keyOf = (staffId: string) => `holidays:${staffId}:${date}`;
  const taken = new Set((await q.existingOutboxKeys(ctx.db, admins.map((a) => keyOf(a.id)))).map((r) => r.idempotency_key));
  const todo = admins.filter((a) => !taken.has(keyOf(a.id)));
  if (todo.length === 0) return tally;
  await syncHolidayLists(ctx);
  const unsettled = new Map<string, number[]>();
  for (const a of todo) {
    if (!unsettled.has(a.city_id)) unsettled.set(a.city_id, await unsettledYears(ctx.db, a.city_id, now));
    const years = unsettled.get(a.city_id)!;
    if (years.length === 0) continue;
    const key = keyOf(a.id);
    try {
      await ctx.db.transaction().execute((trx) =>
        enqueueOutbox(trx, { eventType: 'calendar.holidays_unconfirmed', aggregateType: 'city', aggregateId: a.city_id, idempotencyKey: key, payload: { toStaffId: a.id, years } }, now),
      );
      tally.sent++;
    } catch (e) {
      if ((await q.existingOutboxKeys(ctx.db, [key])).length === 0) throw e;
    }
  }
  return tally;
}

/**
 * The working calendar (تقویم کاری): the city's official holidays, which SLA due dates skip.
 * The arithmetic is in platform/calendar.ts; this module keeps the holiday table.
 */
import type { Db } from '../../db/database.js';
import type { HolidayTable } from '../../db/schema.js';
import type { Ctx } from '../../platform/context.js';
import type { Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit.js';
import { addWorkingDays, fromJalali, toJalali, workingDaysBetween } from '../../platform/calendar.js';
import { AppError, fieldError, notFound } from '../../platform/errors.js';
import { holidaysOfYear } from '../../platform/holidays.js';
import { newId } from '../../platform/ids.js';
import { auditChanges } from '../audit/index.js';
import type { Static } from '../../platform/schemas.js';
import type { DueDateQuery, HolidayCreateBody, HolidayPatchBody, HolidayQuery } from './calendar.schemas.js';
import * as q from './calendar.queries.js';

/**
 * A city's holidays as a set of Tehran-local ISO dates, for `addWorkingDays` and friends. Years the
 * city holds a list for answer from the table; any other year answers from the computed calendar
 * (fixed solar days, official or provisional lunar days), so a due date never crosses an unheld
 * year counting Nowruz as working days.
 */
class CityHolidays extends Set<string> {
  constructor(
    dates: Iterable<string>,
    private readonly held: ReadonlyArray<{ from: string; to: string }>,
  ) {
    super(dates);
  }

  override has(date: string): boolean {
    if (super.has(date)) return true;
    if (this.held.some((r) => date >= r.from && date < r.to)) return false;
    return computedDates(toJalali(date).year).has(date);
  }
}

const computed = new Map<number, ReadonlySet<string>>();
function computedDates(year: number): ReadonlySet<string> {
  let dates = computed.get(year);
  if (!dates) computed.set(year, (dates = new Set(holidaysOfYear(year).holidays.map((h) => h.date))));
  return dates;
}

/** Read fresh every time: an admin's edit counts from the next due date on. */
export async function loadHolidays(db: Db, cityId: string): Promise<ReadonlySet<string>> {
  const rows = await q.holidayCalendar(db, cityId);
  const years = rows.flatMap((r) => (r.year === null ? [] : [Number(r.year)])).sort((a, b) => a - b);
  const held = years.map((year) => ({ from: fromJalali(year, 1, 1), to: fromJalali(year + 1, 1, 1) }));
  return new CityHolidays(rows.flatMap((r) => (r.date === null ? [] : [r.date])), held);
}

function toHoliday(h: HolidayTable) {
  return { id: h.id, date: h.date, jalali: toJalali(h.date), titleFa: h.title_fa, titleEn: h.title_en, kind: h.kind };
}

function duplicateDate(): AppError {
  const message = 'There is already a holiday on this date';
  const messageFa = 'برای این تاریخ قبلاً تعطیلی ثبت شده است';
  return new AppError('CONFLICT', { message, messageFa, fields: [fieldError('date', 'duplicate', message, messageFa)] });
}

export async function listHolidays(ctx: Ctx, actor: Actor, query: Static<typeof HolidayQuery>) {
  const range = query.year === undefined ? {} : { from: fromJalali(query.year, 1, 1), to: fromJalali(query.year + 1, 1, 1) };
  const { rows, total } = await q.listHolidays(ctx.db, actor.cityId, range, query);
  return { items: rows.map(toHoliday), total, page: query.page, pageSize: query.pageSize };
}

async function getHoliday(db: Db, actor: Actor, id: string) {
  const holiday = await q.findHoliday(db, actor.cityId, id);
  if (!holiday) throw notFound();
  return holiday;
}

export async function createHoliday(ctx: Ctx, actor: Actor, input: Static<typeof HolidayCreateBody>) {
  const at = ctx.clock.now();
  const id = await ctx.db.transaction().execute(async (trx) => {
    const inserted = await q.insertHoliday(trx, {
      id: newId(), city_id: actor.cityId, date: input.date, title_fa: input.titleFa, title_en: input.titleEn, kind: input.kind ?? 'special',
    });
    if (!inserted) throw duplicateDate();
    await appendAudit(trx, actor, { action: 'holiday.create', entityType: 'holiday', entityId: inserted.id, details: { ...input } }, at);
    return inserted.id;
  });
  return toHoliday(await getHoliday(ctx.db, actor, id));
}

export async function updateHoliday(ctx: Ctx, actor: Actor, id: string, input: Static<typeof HolidayPatchBody>) {
  const at = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const holiday = await getHoliday(trx, actor, id);
    if (input.date && input.date !== holiday.date && (await q.findHolidayOn(trx, actor.cityId, input.date))) throw duplicateDate();
    await q.updateHoliday(trx, id, { date: input.date, title_fa: input.titleFa, title_en: input.titleEn, kind: input.kind });
    await appendAudit(
      trx, actor,
      { action: 'holiday.update', entityType: 'holiday', entityId: id, details: { changes: auditChanges(toHoliday(holiday), input) } },
      at,
    );
  });
  return toHoliday(await getHoliday(ctx.db, actor, id));
}

/** A real delete: holidays are configuration, and the audit row keeps what was removed. */
export async function deleteHoliday(ctx: Ctx, actor: Actor, id: string): Promise<void> {
  const at = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const holiday = await getHoliday(trx, actor, id);
    await q.deleteHoliday(trx, id);
    const { date, titleFa, titleEn, kind } = toHoliday(holiday);
    await appendAudit(trx, actor, { action: 'holiday.delete', entityType: 'holiday', entityId: id, details: { date, titleFa, titleEn, kind } }, at);
  });
}

export async function dueDate(ctx: Ctx, actor: Actor, query: Static<typeof DueDateQuery>) {
  const holidays = await loadHolidays(ctx.db, actor.cityId);
  const from = new Date(query.from);
  const due = addWorkingDays(from, query.days, holidays);
  return { dueAt: due.toISOString(), workingDays: workingDaysBetween(from, due, holidays) };
}

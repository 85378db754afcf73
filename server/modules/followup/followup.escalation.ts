/**
 * The follow-up background work: automatic escalation of late steps (escalation.rules.ts) and the
 * follow-up officers' daily digest. Both run in the server's polling loop (main.ts) and are
 * idempotent: an escalation is claimed by its unique row (request, step, level) in the same
 * transaction that writes its timeline line, chase record, audit row and SMS; a digest by its
 * outbox key `digest:<staffId>:<tehranDate>`. Two instances, or a second run, send nothing twice.
 */
import { digitsEnToFa } from '@persian-tools/persian-tools';
import { STATE_LABELS_FA, type RequestState } from '../../../contracts/workflow.js';
import type { Role } from '../../../contracts/roles.js';
import type { Ctx } from '../../platform/context.js';
import type { Actor } from '../../platform/actor.js';
import type { Db } from '../../db/database.js';
import { appendAudit } from '../../platform/audit.js';
import { enqueueOutbox } from '../../platform/outbox.js';
import { newId } from '../../platform/ids.js';
import { AppError } from '../../platform/errors.js';
import { addWorkingDays, dayWeight, tehranDate, TEHRAN_TZ } from '../../platform/calendar.js';
import { slaState } from '../../platform/sla.js';
import { loadHolidays } from '../calendar/index.js';
import { addTimeline, assignInspector, ensureSystemStaff, inspectorsForCase } from '../requests/index.js';
import { ESCALATION_RULES, REASSIGN_ROLE, RECIPIENT_TITLE_FA, levelsOf, type EscalationLevel, type StepRule } from './escalation.rules.js';
import { districtOpenClocks, escalationLevelsDone, existingOutboxKeys, followupOfficers, overdueCasesToEscalate, recipientsOf } from './escalation.queries.js';

/** How the system signs what it does on its own (timeline, audit). */
export const SYSTEM_NAME_FA = 'پیگیری خودکار سامانه';
/** Cases looked at per pass; the oldest due first, and a case leaves the list once all its levels are done. */
const BATCH = 200;
/** The digest goes out from this hour, Tehran time. */
export const DIGEST_HOUR = 7;

type Due = Awaited<ReturnType<typeof overdueCasesToEscalate>>[number];
type Person = { id: string; first_name: string; last_name: string };

const nameOf = (p: Person) => `${p.first_name} ${p.last_name}`;
/** A due day as the notes print it, Jalali in Persian digits: ۱۴۰۵/۰۷/۲۵. */
const jalaliNumeric = new Intl.DateTimeFormat('fa-IR-u-ca-persian', { timeZone: TEHRAN_TZ, year: 'numeric', month: '2-digit', day: '2-digit' });
const jalaliOf = (instant: string) => jalaliNumeric.format(new Date(instant));

/** When a level of a rule comes due: the reminder at the due time, the others N working days later. */
export function levelDueAt(rule: StepRule, level: EscalationLevel, stepDueAt: string, holidays: ReadonlySet<string>): Date {
  const due = new Date(stepDueAt);
  if (level === 'remind') return due;
  const days = level === 'escalate' ? rule.escalate!.afterDays : rule.reassign!.afterDays;
  return addWorkingDays(due, days, holidays);
}

/** Per-pass memo of what is the same for every case of a city. */
function cityCache(ctx: Ctx) {
  const holidays = new Map<string, Promise<ReadonlySet<string>>>();
  const system = new Map<string, Promise<string>>();
  return {
    holidays: (cityId: string) => holidays.get(cityId) ?? holidays.set(cityId, loadHolidays(ctx.db, cityId)).get(cityId)!,
    actor: async (c: { city_id: string; district_id: string }, role: Role): Promise<Actor> => {
      const staffId = await (system.get(c.city_id) ?? system.set(c.city_id, ensureSystemStaff(ctx, c.city_id)).get(c.city_id)!);
      return { staffId, role, cityId: c.city_id, officeId: null, districtId: c.district_id, name: SYSTEM_NAME_FA, ip: 'system' };
    },
  };
}

/** One pass: every level now due and not yet done, for the oldest late cases first. */
export async function runEscalations(ctx: Ctx) {
  const now = ctx.clock.now();
  const levelsByState = Object.fromEntries(Object.entries(ESCALATION_RULES).map(([s, r]) => [s, levelsOf(r).length])) as Partial<Record<RequestState, number>>;
  const due = await overdueCasesToEscalate(ctx.db, now.toISOString(), levelsByState, BATCH);
  const tally = { remind: 0, escalate: 0, reassign: 0 };
  if (due.length === 0) return tally;
  const cache = cityCache(ctx);
  for (const c of due) {
    const rule = ESCALATION_RULES[c.state as RequestState]!;
    const holidays = await cache.holidays(c.city_id);
    const done = new Set((await escalationLevelsDone(ctx.db, c.id, c.step_started_at)).map((r) => r.level));
    for (const level of levelsOf(rule)) {
      if (done.has(level)) continue;
      // Levels come due in order: if this one is not due, the later ones are not either.
      if (now.getTime() <= levelDueAt(rule, level, c.step_due_at!, holidays).getTime()) break;
      const wrote = level === 'reassign' ? await reassign(ctx, c, rule, cache, now) : await notify(ctx, c, rule, level, await cache.actor(c, 'followup_officer'), now);
      if (wrote) tally[level]++;
    }
  }
  return tally;
}

/** Claims the level for this step; false when another run already did it. */
async function claim(trx: Db, c: Due, level: EscalationLevel, id: string, notified: string | null, reassignedTo: string | null, now: Date): Promise<boolean> {
  const row = await trx
    .insertInto('escalations')
    .values({ id, request_id: c.id, state: c.state, step_started_at: c.step_started_at, level, notified_staff_id: notified, reassigned_to: reassignedTo, created_at: now.toISOString() })
    .onConflict((oc) => oc.columns(['request_id', 'step_started_at', 'level']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

/** The case's timeline line (internal), the chase record signed by the system, the audit row, and one SMS per person told. */
async function record(
  trx: Db,
  actor: Actor,
  c: Due,
  level: EscalationLevel,
  escalationId: string,
  note: string,
  told: (Person & { mobile: string })[],
  payload: Record<string, unknown>,
  now: Date,
) {
  const state = c.state as RequestState;
  await addTimeline(trx, actor, { requestId: c.id, cityId: c.city_id, action: `escalation.${level}`, from: state, to: state, note, isPublic: false, data: { escalationId, level, notified: told.map((p) => ({ id: p.id, name: nameOf(p) })) } }, now);
  await trx
    .insertInto('followups')
    .values({ id: newId(), request_id: c.id, staff_id: actor.staffId, state, note, contacted: told.map(nameOf).join('، ') || null, promised_date: null, created_at: now.toISOString() })
    .execute();
  await appendAudit(trx, actor, { action: `request.escalation.${level}`, entityType: 'request', entityId: c.id, details: { escalationId, state, notified: told.map((p) => p.id) } }, now);
  for (const p of told) {
    await enqueueOutbox(
      trx,
      { eventType: `escalation.${level}`, aggregateType: 'request', aggregateId: c.id, idempotencyKey: `escalation:${escalationId}:${p.id}`, payload: { ...payload, toStaffId: p.id } },
      now,
    );
  }
}

/** Remind the holder, or tell the one above them. */
async function notify(ctx: Ctx, c: Due, rule: StepRule, level: 'remind' | 'escalate', actor: Actor, now: Date): Promise<boolean> {
  const who = level === 'remind' ? rule.remind : rule.escalate!.to;
  const people = await recipientsOf(ctx.db, who, c);
  const stepFa = STATE_LABELS_FA[c.state as RequestState];
  const names = people.map(nameOf).join('، ');
  const dueFa = jalaliOf(c.step_due_at!);
  const told = names ? `به ${RECIPIENT_TITLE_FA[who]} (${names}) پیامک فرستاده شد.` : `${RECIPIENT_TITLE_FA[who]} فعالی برای اطلاع پیدا نشد.`;
  const note =
    level === 'remind'
      ? `یادآوری خودکار: مهلت مرحله «${stepFa}» در ${dueFa} به پایان رسیده است. ${told}`
      : `ارجاع خودکار به ${RECIPIENT_TITLE_FA[who]}: مرحله «${stepFa}» ${digitsEnToFa(rule.escalate!.afterDays)} روز کاری پس از مهلت (${dueFa}) هنوز انجام نشده است. ${told}`;
  const payload = { trackingCode: c.tracking_code, stepFa, dueDate: tehranDate(new Date(c.step_due_at!)), holderFa: RECIPIENT_TITLE_FA[rule.remind] };
  const id = newId();
  return ctx.db.transaction().execute(async (trx) => {
    if (!(await claim(trx, c, level, id, people[0]?.id ?? null, null, now))) return false;
    await record(trx, actor, c, level, id, note, people, payload, now);
    return true;
  });
}

/** Thrown inside the reassignment's transaction when another run has the level: rolls the action back. */
const TAKEN = new Error('escalation level already taken');

/**
 * Give the step to the lightest-loaded other inspector who may take the case (the same rule as
 * the reassign list, inspectors.rules.ts), through the workflow's own assign_inspector (as a district reviewer may). The claim
 * of the level, the action (version check, timeline, audit) and the escalation's bookkeeping are
 * one transaction: a refused action or a level another run took writes nothing.
 */
async function reassign(ctx: Ctx, c: Due, rule: StepRule, cache: ReturnType<typeof cityCache>, now: Date): Promise<boolean> {
  const service = await ctx.db.selectFrom('services').select('inspector_specialty').where('city_id', '=', c.city_id).where('code', '=', c.service_code).executeTakeFirst();
  const candidates = await inspectorsForCase(ctx.db, { ...c, inspector_specialty: service?.inspector_specialty ?? null });
  const next = candidates.find((i) => !i.current);
  const previous = c.assigned_inspector_id ? (await recipientsOf(ctx.db, 'assigned_inspector', c))[0] : undefined;
  const stepFa = STATE_LABELS_FA[c.state as RequestState];
  const days = rule.reassign!.afterDays;
  const id = newId();
  const bookkeeper = await cache.actor(c, 'followup_officer');

  if (!next) {
    // Nobody to give it to: recorded once, so the officer sees why the case was not moved.
    const note = `ارجاع مجدد خودکار انجام نشد: مرحله «${stepFa}» ${digitsEnToFa(days)} روز کاری پس از مهلت انجام نشده، اما مامور بازدید دیگری با تخصص لازم در منطقه فعال نیست.`;
    return ctx.db.transaction().execute(async (trx) => {
      if (!(await claim(trx, c, 'reassign', id, null, null, now))) return false;
      await record(trx, bookkeeper, c, 'reassign', id, note, [], {}, now);
      return true;
    });
  }

  const note = `ارجاع مجدد خودکار: مرحله «${stepFa}» ${digitsEnToFa(days)} روز کاری پس از مهلت انجام نشد؛ پرونده${previous ? ` از ${nameOf(previous)}` : ''} به ${nameOf(next)} (کمترین کار در دست) سپرده شد.`;
  try {
    await assignInspector(ctx, await cache.actor(c, REASSIGN_ROLE), c.id, {
      version: c.version, inspectorId: next.id, note,
      also: async (trx, at) => {
        if (!(await claim(trx, c, 'reassign', id, next.id, next.id, at))) throw TAKEN;
        const [person] = await recipientsOf(trx, 'assigned_inspector', { ...c, assigned_inspector_id: next.id });
        await record(trx, bookkeeper, c, 'reassign', id, note, person ? [person] : [], { trackingCode: c.tracking_code, stepFa, holderFa: RECIPIENT_TITLE_FA.assigned_inspector }, at);
      },
    });
  } catch (e) {
    // Another run took the level, or the case moved on: nothing was written.
    if (e === TAKEN) return false;
    if (e instanceof AppError && ['STALE_VERSION', 'ILLEGAL_TRANSITION', 'GUARD_FAILED', 'VALIDATION_FAILED', 'NOT_FOUND'].includes(e.code)) return false;
    throw e;
  }
  return true;
}

// ---------------------------------------------------------------- daily digest (گزارش روزانه)

const tehranHour = (d: Date) => Number(new Intl.DateTimeFormat('en-GB', { timeZone: TEHRAN_TZ, hour: '2-digit', hourCycle: 'h23' }).format(d));

/**
 * Once per Tehran working day from 07:00: one SMS to each active follow-up officer with the
 * district's overdue and at-risk open cases and its oldest overdue tracking code. Nothing on
 * Fridays and holidays; a second run the same day finds every key taken and sends nothing.
 */
export async function sendDailyDigests(ctx: Ctx) {
  const now = ctx.clock.now();
  const date = tehranDate(now);
  const tally = { sent: 0 };
  if (tehranHour(now) < DIGEST_HOUR || dayWeight(date, new Set()) === 0) return tally;
  const officers = await followupOfficers(ctx.db);
  const keyOf = (staffId: string) => `digest:${staffId}:${date}`;
  const taken = new Set((await existingOutboxKeys(ctx.db, officers.map((o) => keyOf(o.id)))).map((r) => r.idempotency_key));
  const todo = officers.filter((o) => !taken.has(keyOf(o.id)));
  if (todo.length === 0) return tally;

  const holidays = new Map<string, ReadonlySet<string>>();
  const figures = new Map<string, { overdue: number; atRisk: number; oldestOverdue: string | null }>();
  for (const o of todo) {
    if (!holidays.has(o.city_id)) holidays.set(o.city_id, await loadHolidays(ctx.db, o.city_id));
    if (dayWeight(date, holidays.get(o.city_id)!) === 0) continue;
    if (!figures.has(o.district_id!)) figures.set(o.district_id!, await districtFigures(ctx.db, o.district_id!, now, ctx.config.atRiskShare));
    const f = figures.get(o.district_id!)!;
    const key = keyOf(o.id);
    try {
      await ctx.db.transaction().execute((trx) =>
        enqueueOutbox(trx, { eventType: 'followup.digest', aggregateType: 'district', aggregateId: o.district_id!, idempotencyKey: key, payload: { toStaffId: o.id, districtNumber: o.district_number, date, ...f } }, now),
      );
      tally.sent++;
    } catch (e) {
      // Another instance wrote the same key a moment ago: the unique key refused ours, as it should.
      if ((await existingOutboxKeys(ctx.db, [key])).length === 0) throw e;
    }
  }
  return tally;
}

async function districtFigures(db: Db, districtId: string, now: Date, atRiskShare: number) {
  let overdue = 0;
  let atRisk = 0;
  let oldest: { code: string; due: string } | null = null;
  for (const r of await districtOpenClocks(db, districtId)) {
    const risk = slaState(r.step_started_at, r.step_due_at!, now, atRiskShare);
    if (risk === 'at_risk') atRisk++;
    if (risk === 'overdue') {
      overdue++;
      if (!oldest || r.step_due_at! < oldest.due) oldest = { code: r.tracking_code, due: r.step_due_at! };
    }
  }
  return { overdue, atRisk, oldestOverdue: oldest?.code ?? null };
}

/**
 * Citizens follow their own cases online: sign in with a mobile number and a one-time SMS code,
 * see the property files they own and the requests they made or that concern their property,
 * download the answers, and propose an inspection date.
 */
import { createHash, randomBytes } from 'node:crypto';
import { STATE_LABELS_FA, type RequestState } from '../../../contracts/workflow.js';
import type { Ctx } from '../../platform/context.js';
import { AppError, fieldError, invalid, notFound } from '../../platform/errors.js';
import { appendAudit } from '../../platform/audit.js';
import { newId } from '../../platform/ids.js';
import { nthWorkingDay, dayWeight } from '../../platform/calendar.js';
import { loadHolidays } from '../calendar/index.js';
import { answerLetterState, downloadCitizenLetter, listTimeline, openVisitDays, presentTimelineEvent } from '../requests/index.js';
import type { LetterDownload } from '../letters/index.js';
import { citizenProperties, citizenRequestsQuery } from './citizen.queries.js';
import { claimAttempt, releaseAttempt, type ThrottlePolicy } from '../../platform/throttle.js';
import { SmsSendError } from '../../platform/sms.js';
import { hashOtp, newOtpCode, OTP_MAX_TRIES, OTP_PER_ADDRESS, OTP_PER_MOBILE, OTP_TTL_MS, OTP_WINDOW_MS, otpMatches } from './citizen.otp.js';

export const CITIZEN_COOKIE = 'mk_citizen';
const CITIZEN_SESSION_HOURS = 2;

/** `limit` codes, then none until the window has passed since the last one. */
const otpSendPolicy = (limit: number): ThrottlePolicy => ({ free: limit - 1, baseSeconds: OTP_WINDOW_MS / 1000, maxSeconds: OTP_WINDOW_MS / 1000, windowSeconds: OTP_WINDOW_MS / 1000 });

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/**
 * Send a code. The answer is the same whether or not the number belongs to anyone on file, so the
 * endpoint cannot be used to find out who is a client of the municipality.
 */
export async function requestOtp(ctx: Ctx, mobile: string, ip: string): Promise<{ smsFailed: boolean }> {
  const now = ctx.clock.now();
  // Claimed before the code is made (a compare-and-set in `throttles`): a burst of parallel asks
  // cannot all pass a count and send more codes than the limit.
  const byAddress = await claimAttempt(ctx.db, `otp-send:ip:${ip}`, otpSendPolicy(OTP_PER_ADDRESS), now);
  // Refused with when to ask again (Retry-After), as every 429 is.
  if (!byAddress.ok) throw new AppError('RATE_LIMITED', { details: { retryAfterSeconds: byAddress.retryAfterSeconds } });
  const byMobile = await claimAttempt(ctx.db, `otp-send:mobile:${mobile}`, otpSendPolicy(OTP_PER_MOBILE), now);
  if (!byMobile.ok) {
    await releaseAttempt(ctx.db, `otp-send:ip:${ip}`);
    throw new AppError('RATE_LIMITED', { details: { retryAfterSeconds: byMobile.retryAfterSeconds } });
  }
  const code = newOtpCode();
  const id = newId();
  await ctx.db
    .insertInto('citizen_otps')
    .values({ id, mobile, code_hash: hashOtp(ctx.config.otpSecret, mobile, code), expires_at: new Date(now.getTime() + OTP_TTL_MS).toISOString(), attempts: 0, consumed_at: null, ip, created_at: now.toISOString() })
    .execute();
  const known = await ctx.db.selectFrom('persons').select('id').where('mobile', '=', mobile).limit(1).executeTakeFirst();
  if (known) {
    const digits = code.replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]!);
    try {
      await ctx.sms.send({ to: mobile, text: `کد ورود شما به میز خدمت: ${digits}\nاین کد تا ۲ دقیقه معتبر است. آن را به کسی ندهید.`, idempotencyKey: `otp:${mobile}:${now.getTime()}` });
    } catch (err) {
      // A code that never left is withdrawn and its claims given back, so it neither stays live nor
      // counts against the number. Not a transaction: that would hold SQLite's write lock for the
      // provider's round trip.
      await ctx.db.deleteFrom('citizen_otps').where('id', '=', id).execute();
      await releaseAttempt(ctx.db, `otp-send:mobile:${mobile}`);
      await releaseAttempt(ctx.db, `otp-send:ip:${ip}`);
      if (!(err instanceof SmsSendError)) throw err;
      // The caller hears what an unknown number hears (no SMS comes), so an outage does not tell who is on file.
      return { smsFailed: true };
    }
  }
  return { smsFailed: false };
}

/** Check a code; on success a citizen session starts. Wrong codes count against the code's tries. */
export async function verifyOtp(ctx: Ctx, mobile: string, code: string, ip: string): Promise<{ token: string }> {
  const now = ctx.clock.now();
  const otp = await ctx.db
    .selectFrom('citizen_otps')
    .selectAll()
    .where('mobile', '=', mobile)
    .where('consumed_at', 'is', null)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  const wrong = (codeName: string, en: string, fa: string) => invalid([fieldError('code', codeName, en, fa)]);
  if (!otp || otp.expires_at <= now.toISOString()) throw wrong('expired', 'The code has expired; ask for a new one', 'کد منقضی شده است؛ کد تازه بخواهید');
  // A try is claimed before the code is compared, with one conditional update: however many
  // guesses arrive at once, no more than OTP_MAX_TRIES of them are ever compared.
  const claimed = await ctx.db
    .updateTable('citizen_otps')
    .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
    .where('id', '=', otp.id)
    .where('attempts', '<', OTP_MAX_TRIES)
    .where('consumed_at', 'is', null)
    .returning('attempts')
    .executeTakeFirst();
  if (!claimed) throw wrong('locked', 'Too many wrong codes; ask for a new one', 'تعداد تلاش‌های نادرست زیاد است؛ کد تازه بخواهید');
  if (!otpMatches(ctx.config.otpSecret, mobile, code, otp.code_hash)) {
    const left = OTP_MAX_TRIES - claimed.attempts;
    throw wrong('wrong_code', `Wrong code; ${left} tries left`, `کد نادرست است؛ ${left.toLocaleString('fa-IR')} بار دیگر می‌توانید تلاش کنید`);
  }
  const consumed = await ctx.db.updateTable('citizen_otps').set({ consumed_at: now.toISOString() }).where('id', '=', otp.id).where('consumed_at', 'is', null).executeTakeFirst();
  if (Number(consumed.numUpdatedRows) !== 1) throw wrong('expired', 'The code was already used', 'این کد قبلاً استفاده شده است');
  const token = randomBytes(32).toString('base64url');
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('citizen_sessions')
      .values({ id: sha256(token), mobile, created_at: now.toISOString(), expires_at: new Date(now.getTime() + CITIZEN_SESSION_HOURS * 3600_000).toISOString() })
      .execute();
    // A citizen signs in to every city at once: the row is no one city's.
    await appendAudit(trx, null, { action: 'citizen.sign_in', entityType: 'citizen', entityId: null, details: { mobile, ip }, cityId: null }, now);
  });
  return { token };
}

/** The mobile number of a live citizen session, or null. */
export async function citizenOf(ctx: Ctx, token: string | undefined): Promise<string | null> {
  if (!token) return null;
  const s = await ctx.db.selectFrom('citizen_sessions').select(['mobile', 'expires_at']).where('id', '=', sha256(token)).executeTakeFirst();
  return s && s.expires_at > ctx.clock.now().toISOString() ? s.mobile : null;
}

export async function signOutCitizen(ctx: Ctx, token: string | undefined): Promise<void> {
  if (token) await ctx.db.deleteFrom('citizen_sessions').where('id', '=', sha256(token)).execute();
}

export async function myOverview(ctx: Ctx, mobile: string) {
  const properties = await citizenProperties(ctx.db, mobile);
  const requests = await citizenRequestsQuery(ctx.db, mobile)
    .select(['requests.id', 'requests.tracking_code', 'requests.state', 'requests.created_at', 'requests.step_due_at', 'services.name_fa as service_name_fa', 'properties.file_number'])
    .orderBy('requests.created_at', 'desc')
    .limit(100)
    .execute();
  return {
    mobile,
    properties: properties.map((p) => ({ id: p.id, fileNumber: p.file_number, address: p.address, postalCode: p.postal_code, districtNumber: p.district_number, shareDang: p.share_milli_dang / 1000 })),
    requests: requests.map((r) => ({
      id: r.id, trackingCode: r.tracking_code, serviceNameFa: r.service_name_fa, state: r.state, stateLabelFa: STATE_LABELS_FA[r.state as RequestState],
      createdAt: r.created_at, stepDueAt: r.step_due_at, propertyFileNumber: r.file_number,
    })),
  };
}

async function findMyRequest(ctx: Ctx, mobile: string, id: string) {
  const row = await citizenRequestsQuery(ctx.db, mobile)
    .select(['requests.id', 'requests.tracking_code', 'requests.state', 'requests.version', 'requests.created_at', 'requests.city_id', 'requests.proposed_visit_date', 'services.name_fa as service_name_fa', 'properties.file_number', 'properties.address'])
    .where('requests.id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound();
  return row;
}

export async function myRequest(ctx: Ctx, mobile: string, id: string) {
  const r = await findMyRequest(ctx, mobile, id);
  const [events, response, letter, visitDays] = await Promise.all([
    listTimeline(ctx.db, id, true),
    ctx.db.selectFrom('responses').select(['letter_number', 'issued_at', 'decision', 'text', 'conditions', 'valid_until', 'delivered_at']).where('request_id', '=', id).executeTakeFirst(),
    answerLetterState(ctx, id),
    proposableDays(ctx, r.city_id, r.state),
  ]);
  return {
    id: r.id, trackingCode: r.tracking_code, serviceNameFa: r.service_name_fa, state: r.state, stateLabelFa: STATE_LABELS_FA[r.state as RequestState],
    createdAt: r.created_at, propertyFileNumber: r.file_number, propertyAddress: r.address, proposedVisitDate: r.proposed_visit_date,
    proposableDays: visitDays,
    timeline: events.map((e) => {
      const p = presentTimelineEvent(e);
      return { labelFa: p.labelFa, at: p.at };
    }),
    answer: response
      ? {
          letterNumber: response.letter_number, issuedAt: response.issued_at, decision: response.decision, text: response.text,
          conditions: response.conditions ? (JSON.parse(response.conditions) as string[]) : [], validUntil: response.valid_until, deliveredAt: response.delivered_at,
          letter: letter && { serial: letter.serial, status: letter.status, revoked: letter.letter?.revoked_at != null, downloadUrl: `/api/citizen/requests/${id}/letter` },
        }
      : null,
  };
}

/**
 * The citizen's copy of their answer letter (PDF): only of their own cases (404 otherwise, as for
 * anything out of reach); printed now if the letter job has not yet. Each copy is audited.
 */
export async function myLetter(ctx: Ctx, mobile: string, id: string): Promise<LetterDownload> {
  const r = await findMyRequest(ctx, mobile, id);
  const file = await downloadCitizenLetter(ctx, id);
  if ('printing' in file) return file;
  const { letterId, serial, ...pdf } = file;
  await ctx.db.transaction().execute((trx) =>
    appendAudit(trx, null, { action: 'citizen.letter_download', entityType: 'letter', entityId: letterId!, details: { mobile, requestId: id, serial }, cityId: r.city_id }, ctx.clock.now()),
  );
  return pdf;
}

/** The earliest day a citizen may propose for the visit: the third working day from now. */
const earliestProposal = (now: Date, holidays: ReadonlySet<string>) => nthWorkingDay(now, 3, holidays);

/** The days the citizen's date picker offers: exactly those proposeVisitDate accepts, 60 days ahead. */
async function proposableDays(ctx: Ctx, cityId: string, state: string): Promise<string[]> {
  if (!['registered', 'inspector_assigned'].includes(state)) return [];
  const holidays = await loadHolidays(ctx.db, cityId);
  return openVisitDays(earliestProposal(ctx.clock.now(), holidays), 60, holidays);
}

/** The citizen proposes an inspection date: a working day, the third working day from now at the earliest. */
export async function proposeVisitDate(ctx: Ctx, mobile: string, id: string, date: string) {
  const r = await findMyRequest(ctx, mobile, id);
  if (!['registered', 'inspector_assigned'].includes(r.state)) {
    throw new AppError('ILLEGAL_TRANSITION', { message: 'The visit can no longer be proposed', messageFa: 'در این مرحله امکان پیشنهاد زمان بازدید نیست' });
  }
  const now = ctx.clock.now();
  const holidays = await loadHolidays(ctx.db, r.city_id);
  const earliest = earliestProposal(now, holidays);
  if (date < earliest) throw invalid([fieldError('date', 'too_early', `The earliest date is ${earliest}`, 'زودترین تاریخ قابل پیشنهاد، سومین روز کاری از امروز است')]);
  if (dayWeight(date, holidays) === 0) throw invalid([fieldError('date', 'not_working_day', 'Not a working day', 'این تاریخ روز کاری نیست')]);
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('requests').set({ proposed_visit_date: date, updated_at: now.toISOString() }).where('id', '=', id).execute();
    await appendAudit(trx, null, { action: 'citizen.propose_visit', entityType: 'request', entityId: id, details: { mobile, date }, cityId: r.city_id }, now);
  });
  return myRequest(ctx, mobile, id);
}

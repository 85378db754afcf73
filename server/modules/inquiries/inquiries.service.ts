/**
 * Inquiries (استعلام) from banks, notary offices and agencies, by API. Answered at once when the
 * property file has what is needed; otherwise a case is opened at a desk of the property's district
 * and the answer follows (poll, or webhook). An Idempotency-Key makes retries safe: the same key
 * and body give the first answer again and create nothing.
 */
import { digitsEnToFa } from '@persian-tools/persian-tools';
import { isNationalCode } from '../../../contracts/identifiers.js';
import type { Ctx } from '../../platform/context.js';
import type { InquiryTable } from '../../db/schema.js';
import { AppError, fieldError, invalid, notFound } from '../../platform/errors.js';
import { checkSameRequest, requestFingerprint } from '../../platform/idempotency.js';
import { appendAudit } from '../../platform/audit.js';
import { newId } from '../../platform/ids.js';
import { tehranDate, toJalali } from '../../platform/calendar.js';
import { nextCounter } from '../../platform/counters.js';
import { letterNumber as formatLetterNumber, letterRegister } from '../letters/index.js';
import { downloadInquiryLetter, inquiryLetterRef, queueInquiryLetter } from './inquiries.letter.js';
import { inTransaction, isUniqueViolation } from '../../db/sql.js';
import { openCaseForClient } from '../requests/index.js';
import type { ApiCaller } from '../clients/index.js';
import { apiFieldOfForm, decideInstant, INQUIRY_TYPES, inquiryForm, type InquiryLetter, type InquiryType } from './inquiries.rules.js';
import { validateForm, type FormField } from '../catalog/index.js';
import { enqueueWebhook } from '../clients/index.js';
import { fileFacts, findPropertyByIdentifiers, inquiryByKeyQuery, ownersOf, type PropertyIdentifiers } from './inquiries.queries.js';

export interface InquiryInput {
  type: InquiryType;
  property: PropertyIdentifiers;
  subjectNationalCode: string;
  letterNumber: string;
  letterDate?: string;
  branch?: { name?: string; code?: string };
  purpose?: 'mortgage' | 'facility' | 'guarantee';
  loanAmountRials?: number;
  buyerNationalCode?: string;
  transferType?: 'sale' | 'gift' | 'inheritance' | 'settlement' | 'exchange';
  subject?: string;
}

export interface InquiryResult {
  statusCode: 200 | 202;
  body: Awaited<ReturnType<typeof present>>;
}

export async function submitInquiry(ctx: Ctx, caller: ApiCaller, input: InquiryInput, idempotencyKey: string | null): Promise<InquiryResult> {
  const print = requestFingerprint(input);
  if (idempotencyKey) {
    const earlier = await inquiryByKeyQuery(ctx.db, caller.clientId, idempotencyKey).executeTakeFirst();
    if (earlier) return replay(ctx, earlier, print);
  }
  checkInput(input);
  const property = await findPropertyByIdentifiers(ctx.db, caller.cityId, input.property);
  if (!property) {
    throw new AppError('NOT_FOUND', {
      message: 'No property file matches these identifiers (all those sent must be the one file\'s)',
      messageFa: 'پرونده ملکی با این مشخصات پیدا نشد (همه مشخصات فرستاده‌شده باید از یک پرونده باشد)؛ مالک باید در دفتر پیشخوان پرونده تشکیل دهد',
    });
  }
  const now = ctx.clock.now();
  const owners = await ownersOf(ctx.db, property.id);
  const subject = owners.find((o) => o.national_code === input.subjectNationalCode);
  const decision = decideInstant(input.type, await fileFacts(ctx.db, property.id), now);
  const service = await ctx.db
    .selectFrom('services')
    .innerJoin('cities', 'cities.id', 'services.city_id')
    .select(['services.code', 'services.answer_validity_days', 'services.answer_purpose_fa', 'services.form_fields', 'cities.name_fa as city_name_fa'])
    .where('services.city_id', '=', caller.cityId)
    .where('services.code', '=', INQUIRY_TYPES[input.type].serviceCode)
    .executeTakeFirstOrThrow();
  // The city's form for this inquiry (the desk's) holds on both paths: what a case would refuse is
  // refused at once, named by the field the caller sent, whether or not the file answers alone.
  const letter: InquiryLetter = { letterNumber: input.letterNumber, letterDate: input.letterDate ?? null, branchName: input.branch?.name ?? null, branchCode: input.branch?.code ?? null };
  const form = inquiryForm(input.type, { ...caller, cityNameFa: service.city_name_fa }, letter, input);
  checkAgainstForm(JSON.parse(service.form_fields) as FormField[], form);

  const row: InquiryTable = {
    id: newId(), client_id: caller.clientId, type: input.type, idempotency_key: idempotencyKey, fingerprint: print, status: 'pending',
    property_id: property.id, subject_national_code: input.subjectNationalCode, request_id: null, answer: null, created_at: now.toISOString(), answered_at: null,
    letter_number: input.letterNumber, letter_date: input.letterDate ?? null, branch_name: input.branch?.name ?? null, branch_code: input.branch?.code ?? null,
    city_id: caller.cityId, district_id: property.district_id,
  };
  let instantAnswer: Record<string, unknown> | null = null;
  if (decision.instant) {
    row.status = 'answered';
    row.answered_at = now.toISOString();
    instantAnswer = {
      decision: 'confirmed',
      fileNumber: property.file_number,
      districtNumber: property.district_number,
      landUse: property.land_use,
      landArea: property.land_area,
      floors: property.floors,
      units: property.units,
      subjectIsOwner: Boolean(subject),
      subjectShareDang: subject ? subject.share_milli_dang / 1000 : 0,
      openViolations: 0,
      validUntil: tehranDate(new Date(now.getTime() + service.answer_validity_days * 86_400_000)),
      validForFa: service.answer_purpose_fa,
      inReplyTo: input.letterNumber,
    };
  }
  try {
    // One transaction for the whole write, and the idempotency claim first (decisions/0021): a second
    // call with the same key waits on the unique index until this one commits, then replays it; the
    // case, its timeline, audit and outbox rows commit with the inquiry or not at all.
    await inTransaction(ctx.db, async (trx) => {
      await trx.insertInto('inquiries').values(row).execute();
      if (decision.instant) {
        // The letter of an instant answer is a letter of the property's district, numbered in its register like the district's own answers.
        const year = toJalali(tehranDate(now)).year;
        const letterNumber = formatLetterNumber(year, property.district_number, await nextCounter(trx, letterRegister(property.district_id, year)));
        row.answer = JSON.stringify({ ...instantAnswer, letterNumber });
        await trx.updateTable('inquiries').set({ answer: row.answer }).where('id', '=', row.id).execute();
        // The letter is queued with the answer (serial reserved) and printed by the letter job: the API never waits on the printer.
        await queueInquiryLetter(trx, row.id, now);
      } else {
        row.request_id = await openCase({ ...ctx, db: trx }, caller, input, form, property, owners, decision.reasons);
        await trx.updateTable('inquiries').set({ request_id: row.request_id }).where('id', '=', row.id).execute();
      }
      await appendAudit(trx, null, { action: `inquiry.${row.status}`, entityType: 'inquiry', entityId: row.id, details: { clientId: caller.clientId, type: input.type, requestId: row.request_id }, cityId: caller.cityId }, now);
    });
  } catch (e) {
    // The same key sent twice at once: the first one stands.
    if (idempotencyKey && isUniqueViolation(e)) {
      const first = await inquiryByKeyQuery(ctx.db, caller.clientId, idempotencyKey).executeTakeFirstOrThrow();
      return replay(ctx, first, print);
    }
    throw e;
  }
  return { statusCode: row.status === 'pending' ? 202 : 200, body: await present(ctx, row) };
}

async function replay(ctx: Ctx, earlier: InquiryTable, print: string): Promise<InquiryResult> {
  checkSameRequest(earlier.fingerprint, print);
  const fresh = await refresh(ctx, earlier);
  return { statusCode: fresh.status === 'pending' ? 202 : 200, body: await present(ctx, fresh) };
}

function checkInput(input: InquiryInput): void {
  const errors = [];
  if (!input.property.postalCode && !input.property.renovationCode && !input.property.plate) {
    errors.push(fieldError('property', 'identifier_required', 'Give a postal code, renovation code or registration plate', 'کد پستی، کد نوسازی یا پلاک ثبتی ملک را وارد کنید'));
  }
  if (!isNationalCode(input.subjectNationalCode)) errors.push(fieldError('subjectNationalCode', 'invalid_national_code', 'Invalid national code', 'کد ملی معتبر نیست'));
  const need: Record<InquiryType, (keyof InquiryInput)[]> = { bank: ['purpose'], notary_transfer: ['buyerNationalCode', 'transferType'], agency: ['subject'] };
  for (const field of need[input.type]) {
    if (input[field] === undefined) errors.push(fieldError(field, 'required', 'This field is required for this inquiry type', 'این فیلد برای این نوع استعلام الزامی است'));
  }
  if (input.type === 'notary_transfer' && input.branch) {
    errors.push(fieldError('branch', 'not_applicable', 'A notary inquiry has no branch: the office is your client record', 'استعلام دفترخانه شعبه ندارد؛ دفترخانه همان حساب سامانه شماست'));
  }
  if (input.buyerNationalCode && !isNationalCode(input.buyerNationalCode)) {
    errors.push(fieldError('buyerNationalCode', 'invalid_national_code', 'Invalid national code', 'کد ملی معتبر نیست'));
  }
  if (errors.length) throw invalid(errors);
}

/**
 * The desk's case for an inquiry the file cannot answer alone; the client is named on it, and the
 * person it asks about in its note (the applicant is that person when on record, else an owner).
 */
async function openCase(
  ctx: Ctx,
  caller: ApiCaller,
  input: InquiryInput,
  form: Record<string, unknown>,
  property: { id: string; district_id: string },
  owners: { id: string; national_code: string }[],
  reasons: string[],
): Promise<string> {
  const subject = await ctx.db.selectFrom('persons').select('id').where('national_code', '=', input.subjectNationalCode).executeTakeFirst();
  const about = subject ? '' : `؛ درباره کد ملی ${digitsEnToFa(input.subjectNationalCode)} (در پرونده‌ها ثبت نشده است)`;
  const kase = await openCaseForClient(ctx, {
    cityId: caller.cityId,
    clientNameFa: caller.nameFa,
    property,
    serviceCode: INQUIRY_TYPES[input.type].serviceCode,
    applicantPersonId: subject?.id ?? owners[0]!.id,
    form,
    note: `استعلام الکترونیکی ${caller.nameFa}${about}؛ پاسخ فوری ممکن نبود: ${reasons.join('، ')}`,
  });
  return kase.id;
}

/** The city's form refuses what the caller sent: 400, each problem named by the API field it came from. */
function checkAgainstForm(fields: FormField[], form: Record<string, unknown>): void {
  try {
    validateForm(fields, Object.fromEntries(Object.entries(form).filter(([, v]) => v !== undefined)));
  } catch (e) {
    if (!(e instanceof AppError) || !e.fields) throw e;
    throw invalid(e.fields.map((f) => ({ ...f, field: apiFieldOfForm(f.field.replace(/^form\./, '')) })));
  }
}

/**
 * A pending inquiry whose case has its final answer becomes answered; one whose case was
 * cancelled without an answer becomes closed. Each tells the client by webhook, once.
 */
async function refresh(ctx: Ctx, row: InquiryTable): Promise<InquiryTable> {
  if (row.status !== 'pending' || !row.request_id) return row;
  const response = await ctx.db.selectFrom('responses').selectAll().where('request_id', '=', row.request_id).executeTakeFirst();
  if (!response) {
    const kase = await ctx.db.selectFrom('requests').select(['state', 'closed_at', 'cancel_reason']).where('id', '=', row.request_id).executeTakeFirst();
    if (kase?.state !== 'cancelled') return row;
    const closed: InquiryTable = { ...row, status: 'closed' };
    await settle(ctx, closed, 'inquiry.closed', { inquiryId: row.id, type: row.type, closedAt: kase.closed_at, reason: kase.cancel_reason });
    return closed;
  }
  const answered: InquiryTable = {
    ...row,
    status: 'answered',
    answered_at: response.issued_at,
    answer: JSON.stringify({
      decision: response.decision === 'approved' ? 'confirmed' : 'refused',
      letterNumber: response.letter_number,
      text: response.text,
      conditions: JSON.parse(response.conditions ?? '[]') as string[],
      validUntil: response.valid_until,
    }),
  };
  await settle(ctx, answered, 'inquiry.answered', { inquiryId: row.id, type: row.type, answer: JSON.parse(answered.answer!) as unknown });
  return answered;
}

/** Moves a pending inquiry to its settled status and queues the client's webhook, in one transaction; a second caller changes nothing. */
async function settle(ctx: Ctx, row: InquiryTable, event: 'inquiry.answered' | 'inquiry.closed', data: Record<string, unknown>): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const moved = await trx.updateTable('inquiries').set({ status: row.status, answered_at: row.answered_at, answer: row.answer }).where('id', '=', row.id).where('status', '=', 'pending').executeTakeFirst();
    if (Number(moved.numUpdatedRows) === 1) await enqueueWebhook(trx, row.client_id, event, `${event}:${row.id}`, data, ctx.clock.now());
  });
}

/** Background pass: pending inquiries whose case has been answered, or cancelled, are settled (and notify by webhook). */
export async function settleAnsweredInquiries(ctx: Ctx): Promise<number> {
  const ready = await ctx.db
    .selectFrom('inquiries')
    .innerJoin('requests', 'requests.id', 'inquiries.request_id')
    .leftJoin('responses', 'responses.request_id', 'inquiries.request_id')
    .selectAll('inquiries')
    .where('inquiries.status', '=', 'pending')
    .where((eb) => eb.or([eb('responses.id', 'is not', null), eb('requests.state', '=', 'cancelled')]))
    .limit(100)
    .execute();
  for (const row of ready) await refresh(ctx, row);
  return ready.length;
}

async function ownInquiry(ctx: Ctx, caller: ApiCaller, id: string): Promise<InquiryTable> {
  const row = await ctx.db.selectFrom('inquiries').selectAll().where('id', '=', id).where('client_id', '=', caller.clientId).executeTakeFirst();
  if (!row) throw notFound();
  return refresh(ctx, row);
}

export async function getInquiry(ctx: Ctx, caller: ApiCaller, id: string) {
  return present(ctx, await ownInquiry(ctx, caller, id));
}

/** The answer letter of the client's own inquiry (its instant letter, or its case's answer letter); 404 while unanswered or not theirs. */
export async function getInquiryLetter(ctx: Ctx, caller: ApiCaller, id: string) {
  return downloadInquiryLetter(ctx, await ownInquiry(ctx, caller, id));
}

async function present(ctx: Ctx, row: InquiryTable) {
  const kase = row.request_id
    ? await ctx.db.selectFrom('requests').select(['tracking_code', 'state', 'step_due_at', 'closed_at', 'cancel_reason']).where('id', '=', row.request_id).executeTakeFirst()
    : undefined;
  return {
    id: row.id,
    type: row.type,
    status: row.status,
    createdAt: row.created_at,
    answeredAt: row.answered_at,
    closed: row.status === 'closed' && kase ? { at: kase.closed_at ?? row.created_at, reason: kase.cancel_reason } : null,
    answer: row.answer ? (JSON.parse(row.answer) as Record<string, unknown>) : null,
    case: kase ? { trackingCode: kase.tracking_code, state: kase.state, stepDueAt: kase.step_due_at } : null,
    letter: await inquiryLetterRef(ctx, row),
  };
}

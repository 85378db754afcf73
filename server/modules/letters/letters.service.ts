/**
 * Answer letters (نامه پاسخ): the PDF a bank lends against and a notary transfers a property on;
 * and excavation permits (مجوز حفاری), the PDF a utility's contractor digs the street with.
 * Made right after the answer is issued or the permit approved (after its transaction commits:
 * printing takes a browser and a second, and must never hold a lock); if printing fails the
 * decision stands, and the first download makes the letter. One letter per answer or permit, kept
 * byte for byte: its SHA-256 is published on the public verification page, so a changed copy
 * shows as changed.
 */
import { ROLE_TITLES_FA, type Role } from '../../../contracts/roles.js';
import type { LetterTable } from '../../db/schema.js';
import type { Ctx } from '../../platform/context.js';
import type { Actor } from '../../platform/actor.js';
import { AppError, notFound } from '../../platform/errors.js';
import { appendAudit, auditRead } from '../../platform/audit.js';
import { newId } from '../../platform/ids.js';
import { tehranDate } from '../../platform/calendar.js';
import { personName } from '../requests/requests.present.js';
import { STREET_TYPE_FA, trenchArea } from '../excavations/excavations.rules.js';
import { addresseeOf, DECISION_FA, jalaliDate, LETTER_KIND_FA, masked, newSerial, readSerial } from './letters.rules.js';
import { inquiryLetterHtml, letterHtml, permitLetterHtml, type LetterFacts, type PermitLetterFacts } from './letters.template.js';
import { INQUIRY_TYPES, inquiryForm, type InquiryType } from '../inquiries/inquiries.rules.js';
import {
  findAnswerFacts, findCaseInScope, findLetterBySerial, findLetterInScope, findLetterOf, findPermitFacts,
  findPermitLetterBySerial, insertLetterOnce, revokeOnce, type AnswerFacts, type PermitFacts,
  findInquiryLetterBySerial, findInquiryLetterFacts, type InquiryLetterFacts,
} from './letters.queries.js';

const json = <T>(s: string | null, fallback: T): T => (s === null ? fallback : (JSON.parse(s) as T));

function letterFacts(a: AnswerFacts, serial: string, publicBaseUrl: string): LetterFacts {
  return {
    serial,
    letterNumber: a.letter_number,
    issuedAt: a.issued_at,
    trackingCode: a.tracking_code,
    district: { number: a.district_number },
    serviceNameFa: a.service_name_fa,
    addressee: addresseeOf(a.service_code, json(a.form, {}), personName(a)),
    property: {
      fileNumber: a.file_number, postalCode: a.postal_code, renovationCode: a.renovation_code, address: a.address,
      plate: a.plate_main === null ? null : { main: a.plate_main, sub: a.plate_sub, registrySection: a.registry_section },
    },
    decision: a.decision,
    text: a.text,
    conditions: json<string[]>(a.conditions, []),
    purposeFa: a.answer_purpose_fa,
    validUntil: a.valid_until,
    signer: { name: `${a.signer_first_name} ${a.signer_last_name}`, titleFa: ROLE_TITLES_FA[a.signer_role as Role] ?? a.signer_role },
    verifyUrl: `${publicBaseUrl}/verify/${serial}`,
  };
}

type NewLetter = Pick<LetterTable, 'request_id' | 'response_id' | 'excavation_id' | 'inquiry_id' | 'kind' | 'letter_number' | 'issued_at'>;

/** Print the page (it carries its new serial), keep the bytes, record the letter; a concurrent print of the same letter loses quietly. */
async function printAndRecord(ctx: Ctx, actor: Actor | null, letter: NewLetter, page: (serial: string) => Promise<string>): Promise<void> {
  const serial = newSerial();
  const pdf = await ctx.pdf.print(await page(serial));
  const sha256 = await ctx.files.put(pdf);
  const now = ctx.clock.now();
  const id = newId();
  await ctx.db.transaction().execute(async (trx) => {
    const inserted = await insertLetterOnce(trx, {
      ...letter, id, serial, sha256, size_bytes: pdf.length, created_at: now.toISOString(), revoked_at: null, revoked_by: null, revoke_reason: null,
    });
    if (inserted) {
      const subject = letter.inquiry_id ? { inquiryId: letter.inquiry_id } : letter.excavation_id ? { excavationId: letter.excavation_id } : { requestId: letter.request_id };
      await appendAudit(trx, actor, { action: 'letter.issue', entityType: 'letter', entityId: id, details: { ...subject, serial, sha256, letterNumber: letter.letter_number } }, now);
    }
  });
}

/**
 * The case's answer letter, printed and stored now if it was not before; null while the case has
 * no answer. The caller has checked the case is in the actor's scope (no actor: an API client's own inquiry).
 */
export async function ensureAnswerLetter(ctx: Ctx, actor: Actor | null, requestId: string): Promise<LetterTable | null> {
  const answer = await findAnswerFacts(ctx.db, requestId);
  if (!answer) return null;
  const existing = await findLetterOf(ctx.db, 'final_answer', 'response_id', answer.response_id);
  if (existing) return existing;
  await printAndRecord(
    ctx, actor,
    { request_id: requestId, response_id: answer.response_id, excavation_id: null, inquiry_id: null, kind: 'final_answer', letter_number: answer.letter_number, issued_at: answer.issued_at },
    (serial) => letterHtml(letterFacts(answer, serial, ctx.config.publicBaseUrl)),
  );
  return (await findLetterOf(ctx.db, 'final_answer', 'response_id', answer.response_id))!;
}

function permitLetterFacts(p: PermitFacts, serial: string, publicBaseUrl: string): PermitLetterFacts {
  return {
    serial,
    letterNumber: p.letter_number!,
    issuedAt: p.decided_at!,
    trackingCode: p.tracking_code,
    district: { number: p.district_number },
    utilityFa: p.client_name_fa,
    purpose: p.purpose,
    streetTypeFa: STREET_TYPE_FA[p.street_type],
    lengthMeters: p.length_m,
    widthMeters: p.width_m,
    depthMeters: p.depth_m,
    areaSquareMeters: trenchArea(p.length_m, p.width_m),
    startDate: p.start_date,
    endDate: p.end_date,
    contractor: { name: p.contractor_name, mobile: p.contractor_mobile },
    feeRials: p.fee_rials,
    tariffRialsPerMeter: p.tariff_rials_per_meter,
    note: p.decision_note ?? '',
    conditions: json<string[]>(p.conditions, []),
    signer: { name: `${p.signer_first_name} ${p.signer_last_name}`, titleFa: ROLE_TITLES_FA[p.signer_role as Role] ?? p.signer_role },
    verifyUrl: `${publicBaseUrl}/verify/${serial}`,
  };
}

/**
 * An approved permit's letter, printed and stored now if it was not before; null unless the permit
 * is approved. The caller has checked the permit is the client's own or in the actor's scope.
 */
export async function ensurePermitLetter(ctx: Ctx, actor: Actor | null, excavationId: string): Promise<LetterTable | null> {
  const permit = await findPermitFacts(ctx.db, excavationId);
  if (!permit) return null;
  const existing = await findLetterOf(ctx.db, 'excavation_permit', 'excavation_id', excavationId);
  if (existing) return existing;
  await printAndRecord(
    ctx, actor,
    { request_id: null, response_id: null, excavation_id: excavationId, inquiry_id: null, kind: 'excavation_permit', letter_number: permit.letter_number!, issued_at: permit.decided_at! },
    (serial) => permitLetterHtml(permitLetterFacts(permit, serial, ctx.config.publicBaseUrl)),
  );
  return (await findLetterOf(ctx.db, 'excavation_permit', 'excavation_id', excavationId))!;
}

/** What the instant answer (inquiries.answer) carries that the letter prints. */
interface InstantAnswer {
  letterNumber: string;
  inReplyTo?: string;
  landUse: string | null;
  landArea: number | null;
  floors: number | null;
  units: number | null;
  subjectIsOwner: boolean;
  subjectShareDang: number;
  validUntil: string;
  validForFa: string;
}

function inquiryLetterFacts(q: InquiryLetterFacts, serial: string, publicBaseUrl: string) {
  const answer = JSON.parse(q.answer!) as InstantAnswer;
  return {
    serial,
    letterNumber: answer.letterNumber,
    issuedAt: q.answered_at!,
    district: { number: q.district_number },
    inquiryTypeFa: INQUIRY_TYPES[q.type as InquiryType].titleFa,
    addressee: addresseeOf(
      INQUIRY_TYPES[q.type as InquiryType].serviceCode,
      inquiryForm(q.type as InquiryType, { nameFa: q.client_name_fa, officialCode: q.official_code }, {
        letterNumber: q.letter_number ?? answer.inReplyTo ?? null, letterDate: q.letter_date, branchName: q.branch_name, branchCode: q.branch_code,
      }),
      '',
    ),
    property: {
      fileNumber: q.file_number, postalCode: q.postal_code, renovationCode: q.renovation_code, address: q.address,
      plate: q.plate_main === null ? null : { main: q.plate_main, sub: q.plate_sub, registrySection: q.registry_section },
      landUse: answer.landUse, landArea: answer.landArea, floors: answer.floors, units: answer.units,
    },
    subjectMasked: masked(q.subject_national_code)!,
    subjectIsOwner: answer.subjectIsOwner,
    subjectShareDang: answer.subjectShareDang,
    purposeFa: answer.validForFa,
    validUntil: answer.validUntil,
    verifyUrl: `${publicBaseUrl}/verify/${serial}`,
  };
}

/**
 * The letter of an inquiry answered at once, printed and stored now if it was not before; null
 * unless the inquiry was answered at once (one answered through a case has the case's letter).
 * The caller has checked the inquiry is the client's own; the API call is audited as such.
 */
export async function ensureInquiryLetter(ctx: Ctx, inquiryId: string): Promise<LetterTable | null> {
  const facts = await findInquiryLetterFacts(ctx.db, inquiryId);
  if (!facts) return null;
  const existing = await findLetterOf(ctx.db, 'inquiry_answer', 'inquiry_id', inquiryId);
  if (existing) return existing;
  const letterNumber = (JSON.parse(facts.answer!) as InstantAnswer).letterNumber;
  await printAndRecord(
    ctx, null,
    { request_id: null, response_id: null, excavation_id: null, inquiry_id: inquiryId, kind: 'inquiry_answer', letter_number: letterNumber, issued_at: facts.answered_at! },
    (serial) => inquiryLetterHtml(inquiryLetterFacts(facts, serial, ctx.config.publicBaseUrl)),
  );
  return (await findLetterOf(ctx.db, 'inquiry_answer', 'inquiry_id', inquiryId))!;
}

/** Right after an instant inquiry answer commits; as for answers, a failed print is left to the first download. */
export async function printLetterAfterInquiry(ctx: Ctx, inquiryId: string): Promise<void> {
  await ensureInquiryLetter(ctx, inquiryId).catch(() => undefined);
}

/** The inquiry's letter as the client sees it in the answer: its own (instant answer) or its case's; null until printed. */
export async function inquiryLetterRef(ctx: Ctx, inquiry: { id: string; request_id: string | null; status: string }) {
  if (inquiry.status !== 'answered') return null;
  const letter = inquiry.request_id ? await findLetterOf(ctx.db, 'final_answer', 'request_id', inquiry.request_id) : await findLetterOf(ctx.db, 'inquiry_answer', 'inquiry_id', inquiry.id);
  if (!letter) return null;
  return {
    serial: letter.serial,
    letterNumber: letter.letter_number,
    verifyUrl: `${ctx.config.publicBaseUrl}/verify/${letter.serial}`,
    downloadUrl: `/api/v1/inquiries/${inquiry.id}/letter`,
  };
}

/** An answered inquiry's letter for the client that asked (the caller has checked it is theirs). */
export async function downloadInquiryLetter(ctx: Ctx, inquiry: { id: string; request_id: string | null }) {
  const none = new AppError('NOT_FOUND', { message: 'The inquiry has no answer yet', messageFa: 'این استعلام هنوز پاسخ داده نشده است' });
  const ensure = () => (inquiry.request_id ? ensureAnswerLetter(ctx, null, inquiry.request_id) : ensureInquiryLetter(ctx, inquiry.id));
  const { letter, bytes } = await letterFile(ctx, ensure, none);
  return { bytes, sha256: letter.sha256, fileName: `inquiry-answer-${letter.letter_number.replace(/\//g, '-')}.pdf` };
}

/** Right after issue_response commits. A failure here leaves the answer issued and the letter to the first download. */
export async function printLetterAfterAnswer(ctx: Ctx, actor: Actor, requestId: string): Promise<void> {
  // The printer has logged why it failed; GET /api/requests/:id/letter tries again.
  await ensureAnswerLetter(ctx, actor, requestId).catch(() => undefined);
}

/** Right after a permit's approval commits; as for answers, a failed print is left to the first download. */
export async function printLetterAfterPermit(ctx: Ctx, actor: Actor, excavationId: string): Promise<void> {
  await ensurePermitLetter(ctx, actor, excavationId).catch(() => undefined);
}

/** A letter's stored bytes, printed now if need be; `none` when there is nothing to print yet. */
async function letterFile(ctx: Ctx, ensure: () => Promise<LetterTable | null>, none: AppError) {
  let letter: LetterTable | null;
  try {
    letter = await ensure();
  } catch {
    throw new AppError('UNAVAILABLE', { message: 'The letter cannot be printed right now', messageFa: 'نامه هم‌اکنون آماده نمی‌شود؛ کمی بعد دوباره تلاش کنید' });
  }
  if (!letter) throw none;
  const bytes = await ctx.files.get(letter.sha256);
  if (!bytes) throw new AppError('UNAVAILABLE', { message: 'The stored letter is missing', messageFa: 'فایل نامه در دسترس نیست' });
  return { letter, bytes };
}

export async function downloadAnswerLetter(ctx: Ctx, actor: Actor, requestId: string) {
  if (!(await findCaseInScope(ctx.db, actor, requestId))) throw notFound();
  const none = new AppError('NOT_FOUND', { message: 'The case has no final answer yet', messageFa: 'این پرونده هنوز پاسخ نهایی ندارد' });
  const { letter, bytes } = await letterFile(ctx, () => ensureAnswerLetter(ctx, actor, requestId), none);
  await auditRead(ctx.db, actor, { action: 'letter.download', entityType: 'letter', entityId: letter.id, details: { requestId } }, ctx.clock.now());
  return { bytes, sha256: letter.sha256, fileName: `letter-${letter.letter_number.replace(/\//g, '-')}.pdf` };
}

/**
 * An approved permit's letter. The caller has checked the permit: the client's own (no actor: the
 * API call is audited as such) or in the staff member's scope (the download is audited here).
 */
export async function downloadPermitLetter(ctx: Ctx, actor: Actor | null, excavationId: string) {
  const none = new AppError('NOT_FOUND', { message: 'The permit is not approved', messageFa: 'این درخواست حفاری تأیید نشده و مجوزی ندارد' });
  const { letter, bytes } = await letterFile(ctx, () => ensurePermitLetter(ctx, actor, excavationId), none);
  if (actor) await auditRead(ctx.db, actor, { action: 'letter.download', entityType: 'letter', entityId: letter.id, details: { excavationId } }, ctx.clock.now());
  return { bytes, sha256: letter.sha256, fileName: `excavation-permit-${letter.serial}.pdf` };
}

const verificationOf = (row: LetterTable) => ({
  serial: row.serial,
  kind: row.kind,
  kindFa: LETTER_KIND_FA[row.kind],
  letterNumber: row.letter_number,
  issuedAt: row.issued_at,
  issuedAtFa: jalaliDate(row.issued_at),
  revoked: row.revoked_at !== null,
  revokedAt: row.revoked_at,
  revokeReasonFa: row.revoke_reason,
  sha256: row.sha256,
});

/** The public check a notary, a bank or a street inspector makes: the facts of the letter, masked, and its published hash. */
export async function verifyLetter(ctx: Ctx, typedSerial: string) {
  const serial = readSerial(typedSerial);
  if (!serial) throw notFound();
  const today = tehranDate(ctx.clock.now());
  const row = await findLetterBySerial(ctx.db, serial);
  if (row) {
    const addressee = addresseeOf(row.service_code, json(row.form, {}), '');
    return {
      ...verificationOf(row),
      decision: row.decision,
      decisionFa: DECISION_FA[row.decision] ?? row.decision,
      service: { code: row.service_code, nameFa: row.service_name_fa },
      districtNumber: row.district_number,
      addresseeFa: addressee.institution ? addressee.toFa : null,
      property: {
        fileNumber: masked(row.file_number)!,
        postalCode: masked(row.postal_code),
        renovationCode: masked(row.renovation_code),
        plateMain: row.plate_main,
        registrySection: row.registry_section,
      },
      validity: {
        purposeFa: row.answer_purpose_fa,
        until: row.valid_until,
        untilFa: row.valid_until ? jalaliDate(row.valid_until) : null,
        expired: row.valid_until !== null && row.valid_until < today,
      },
    };
  }
  const inquiry = await findInquiryLetterBySerial(ctx.db, serial);
  if (inquiry) {
    const answer = JSON.parse(inquiry.answer!) as InstantAnswer;
    const type = INQUIRY_TYPES[inquiry.type as InquiryType];
    return {
      ...verificationOf(inquiry),
      decision: 'confirmed',
      decisionFa: DECISION_FA.confirmed!,
      service: { code: type.serviceCode, nameFa: type.titleFa },
      districtNumber: inquiry.district_number,
      addresseeFa: inquiry.client_name_fa,
      subjectNationalCode: masked(inquiry.subject_national_code),
      property: {
        fileNumber: masked(inquiry.file_number)!,
        postalCode: masked(inquiry.postal_code),
        renovationCode: masked(inquiry.renovation_code),
        plateMain: inquiry.plate_main,
        registrySection: inquiry.registry_section,
      },
      validity: { purposeFa: answer.validForFa, until: answer.validUntil, untilFa: jalaliDate(answer.validUntil), expired: answer.validUntil < today },
    };
  }
  const permit = await findPermitLetterBySerial(ctx.db, serial);
  if (!permit) throw notFound();
  return {
    ...verificationOf(permit),
    decision: 'approved',
    decisionFa: DECISION_FA.approved!,
    service: { code: 'excavation_permit', nameFa: LETTER_KIND_FA.excavation_permit },
    districtNumber: permit.district_number,
    addresseeFa: permit.client_name_fa,
    property: null,
    validity: { purposeFa: `حفاری معبر به منظور «${permit.purpose}»`, until: permit.end_date, untilFa: jalaliDate(permit.end_date), expired: permit.end_date < today },
  };
}

/** ابطال نامه: the district's approver (or the city admin) withdraws a letter, with the reason the public will read. */
export async function revokeLetter(ctx: Ctx, actor: Actor, typedSerial: string, reason: string) {
  const serial = readSerial(typedSerial);
  const letter = serial ? await findLetterInScope(ctx.db, actor, serial) : undefined;
  if (!letter) throw notFound();
  const alreadyRevoked = new AppError('CONFLICT', { message: 'The letter is already revoked', messageFa: 'این نامه قبلاً ابطال شده است' });
  if (letter.revoked_at) throw alreadyRevoked;
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await revokeOnce(trx, letter.id, actor.staffId, reason, now.toISOString()))) throw alreadyRevoked;
    const subject = letter.inquiry_id ? { inquiryId: letter.inquiry_id } : { requestId: letter.request_id };
    await appendAudit(trx, actor, { action: 'letter.revoke', entityType: 'letter', entityId: letter.id, details: { ...subject, serial: letter.serial, reason } }, now);
  });
  return verifyLetter(ctx, letter.serial);
}

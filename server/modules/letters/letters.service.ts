/**
 * Answer letters (نامه پاسخ): the PDF a bank lends against and a notary transfers a property on;
 * and excavation permits (مجوز حفاری), the PDF a utility's contractor digs the street with.
 * Queued in the transaction of the decision and printed right after by the letter job
 * (letters.jobs.ts): the decision never waits on the printer. A download of a letter not yet printed
 * prints it then (once), or says it is being printed (202, Retry-After). One letter per answer or
 * permit, kept byte for byte: its SHA-256 is published on the public verification page, so a
 * changed copy shows as changed.
 */
import { ROLE_TITLES_FA, type Role } from '../../../contracts/roles.js';
import { maskedFileNumberFa } from '../../../contracts/fileNumber.js';
import type { LetterTable } from '../../db/schema.js';
import type { Ctx } from '../../platform/context.js';
import type { Actor } from '../../platform/actor.js';
import { AppError, notFound } from '../../platform/errors.js';
import { appendAudit, auditRead } from '../../platform/audit.js';
import { tehranDate } from '../../platform/calendar.js';
import { publicBaseUrl } from '../../platform/baseUrl.js';
import { addresseeOf, DECISION_FA, groupedSerial, jalaliDate, LETTER_KIND_FA, masked, readSerial } from './letters.rules.js';
import { INQUIRY_TYPES, type InquiryType } from '../inquiries/inquiries.rules.js';
import type { InstantAnswer } from './letters.print.js';
import { findJobOf, findLetterOfSubject, printNow, type LetterNow, type LetterSubject } from './letters.jobs.js';
import {
  countPrints, findCaseInScope, findLetterBySerial, findLetterInScope, findPermitFacts, findPermitLetterBySerial, revokeOnce,
  findInquiryLetterBySerial, findInquiryLetterFacts, findResponseOf,
} from './letters.queries.js';

const json = <T>(s: string | null, fallback: T): T => (s === null ? fallback : (JSON.parse(s) as T));

/** A letter's PDF to send, or word that it is being printed right now (the route answers 202 with Retry-After). */
export type LetterDownload = { bytes: Buffer; sha256: string; fileName: string } | { printing: true };

/** How long a client should wait before asking again for a letter being printed. */
export const RETRY_AFTER_SECONDS = 2;

const unavailable = () => new AppError('UNAVAILABLE', { message: 'The letter cannot be printed right now', messageFa: 'نامه هم‌اکنون آماده نمی‌شود؛ کمی بعد دوباره تلاش کنید' });

/** The stored bytes of a letter that `printNow` found or printed; `none` when there is nothing to print. */
async function letterFile(ctx: Ctx, found: LetterNow, none: AppError): Promise<{ letter: LetterTable; bytes: Buffer } | { printing: true }> {
  if (found === null) throw none;
  if ('printing' in found) return { printing: true };
  if ('unavailable' in found) throw unavailable();
  const bytes = await ctx.files.get(found.letter.sha256);
  if (!bytes) throw new AppError('UNAVAILABLE', { message: 'The stored letter is missing', messageFa: 'فایل نامه در دسترس نیست' });
  return { letter: found.letter, bytes };
}

// ---------------------------------------------------------------- a case's answer letter

/** The subject of a case's answer letter; null while the case has no answer. */
async function answerSubject(ctx: Ctx, requestId: string): Promise<{ subject: LetterSubject; letterNumber: string; issuedAt: string } | null> {
  const response = await findResponseOf(ctx.db, requestId);
  if (!response) return null;
  return { subject: { kind: 'final_answer', requestId, responseId: response.id }, letterNumber: response.letter_number, issuedAt: response.issued_at };
}

/** The case's answer letter, printed now if it was not yet (the caller has checked the case's scope). */
async function answerLetterNow(ctx: Ctx, requestId: string): Promise<LetterNow> {
  const answer = await answerSubject(ctx, requestId);
  if (!answer) return null;
  return printNow(ctx, answer.subject, async () => answer);
}

const noAnswer = () => new AppError('NOT_FOUND', { message: 'The case has no final answer yet', messageFa: 'این پرونده هنوز پاسخ نهایی ندارد' });
const fileNameOf = (letter: LetterTable) => `letter-${letter.letter_number.replace(/\//g, '-')}.pdf`;

/**
 * The desk downloads or prints the case's answer letter. Every print and reprint (`print`) is its
 * own audit row (letter.print), so the audit shows how many paper copies left the desk and who made them.
 */
export async function downloadAnswerLetter(ctx: Ctx, actor: Actor, requestId: string, purpose: 'download' | 'print' = 'download'): Promise<LetterDownload> {
  if (!(await findCaseInScope(ctx.db, actor, requestId))) throw notFound();
  const file = await letterFile(ctx, await answerLetterNow(ctx, requestId), noAnswer());
  if ('printing' in file) return file;
  const { letter, bytes } = file;
  const now = ctx.clock.now();
  if (purpose === 'print') {
    const earlier = await countPrints(ctx.db, letter.id);
    await ctx.db.transaction().execute((trx) =>
      appendAudit(trx, actor, { action: 'letter.print', entityType: 'letter', entityId: letter.id, details: { requestId, serial: letter.serial, letterNumber: letter.letter_number, copy: earlier + 1 } }, now),
    );
  } else {
    await auditRead(ctx.db, actor, { action: 'letter.download', entityType: 'letter', entityId: letter.id, details: { requestId } }, now);
  }
  return { bytes, sha256: letter.sha256, fileName: fileNameOf(letter) };
}

/**
 * What the case page shows of its answer letter: its serial and number at once (reserved with the
 * decision), whether it is printed yet, revoked, and how many times the desk has printed it.
 */
export async function answerLetterStatus(ctx: Ctx, actor: Actor, requestId: string) {
  if (!(await findCaseInScope(ctx.db, actor, requestId))) throw notFound();
  const state = await answerLetterState(ctx, requestId);
  if (!state) throw noAnswer();
  const { serial, letter } = state;
  return {
    serial,
    serialGrouped: serial ? groupedSerial(serial) : null,
    letterNumber: state.letterNumber,
    issuedAt: state.issuedAt,
    status: state.status,
    revoked: letter?.revoked_at != null,
    revokedAt: letter?.revoked_at ?? null,
    revokeReasonFa: letter?.revoke_reason ?? null,
    sha256: letter?.sha256 ?? null,
    prints: letter ? await countPrints(ctx.db, letter.id) : 0,
    verifyPath: serial ? `/verify/${serial}` : null,
    verifyUrl: serial ? `${publicBaseUrl(ctx)}/verify/${serial}` : null,
    downloadUrl: `/api/requests/${requestId}/letter`,
    printUrl: `/api/requests/${requestId}/letter?print=true`,
  };
}

/**
 * The case's answer letter now: its serial (reserved with the decision), printed or not yet; null
 * without an answer. The caller has checked the case is the reader's.
 */
export async function answerLetterState(ctx: Ctx, requestId: string) {
  const answer = await answerSubject(ctx, requestId);
  if (!answer) return null;
  const [letter, job] = await Promise.all([findLetterOfSubject(ctx.db, answer.subject), findJobOf(ctx.db, answer.subject)]);
  // An answer issued before letters had jobs, and never downloaded, has neither: it is printed on first download.
  const status: 'pending' | 'printed' | 'failed' = letter ? 'printed' : job?.status === 'failed' ? 'failed' : 'pending';
  return { serial: letter?.serial ?? job?.serial ?? null, letterNumber: answer.letterNumber, issuedAt: answer.issuedAt, status, letter: letter ?? null };
}

/** The serial of the case's answer letter (reserved with the decision, or printed before jobs); null without an answer. */
export async function answerLetterSerial(ctx: Ctx, requestId: string): Promise<string | null> {
  return (await answerLetterState(ctx, requestId))?.serial ?? null;
}

/** The citizen's copy: the caller has checked the case is the citizen's own (and audits it). */
export async function downloadCitizenLetter(ctx: Ctx, requestId: string): Promise<LetterDownload & { letterId?: string; serial?: string }> {
  const file = await letterFile(ctx, await answerLetterNow(ctx, requestId), noAnswer());
  if ('printing' in file) return file;
  return { bytes: file.bytes, sha256: file.letter.sha256, fileName: fileNameOf(file.letter), letterId: file.letter.id, serial: file.letter.serial };
}

// ---------------------------------------------------------------- permits and inquiries

/**
 * An approved permit's letter. The caller has checked the permit: the client's own (no actor: the
 * API call is audited as such) or in the staff member's scope (the download is audited here).
 */
export async function downloadPermitLetter(ctx: Ctx, actor: Actor | null, excavationId: string): Promise<LetterDownload> {
  const none = new AppError('NOT_FOUND', { message: 'The permit is not approved', messageFa: 'این درخواست حفاری تأیید نشده و مجوزی ندارد' });
  const found = await printNow(ctx, { kind: 'excavation_permit', excavationId }, async () => {
    const permit = await findPermitFacts(ctx.db, excavationId);
    return permit ? { letterNumber: permit.letter_number!, issuedAt: permit.decided_at! } : null;
  });
  const file = await letterFile(ctx, found, none);
  if ('printing' in file) return file;
  if (actor) await auditRead(ctx.db, actor, { action: 'letter.download', entityType: 'letter', entityId: file.letter.id, details: { excavationId } }, ctx.clock.now());
  return { bytes: file.bytes, sha256: file.letter.sha256, fileName: `excavation-permit-${file.letter.serial}.pdf` };
}

/** The letter of an inquiry answered at once, printed now if it was not yet; null unless it was answered at once. */
function inquiryLetterNow(ctx: Ctx, inquiryId: string): Promise<LetterNow> {
  return printNow(ctx, { kind: 'inquiry_answer', inquiryId }, async () => {
    const facts = await findInquiryLetterFacts(ctx.db, inquiryId);
    return facts ? { letterNumber: (JSON.parse(facts.answer!) as InstantAnswer).letterNumber, issuedAt: facts.answered_at! } : null;
  });
}

/**
 * The inquiry's letter as the client sees it in the answer: its own (instant answer) or its case's.
 * The serial and number are there from the moment of the answer (reserved with it); the PDF follows
 * within seconds, and GET downloadUrl prints it at once if it is not yet.
 */
export async function inquiryLetterRef(ctx: Ctx, inquiry: { id: string; request_id: string | null; status: string }) {
  if (inquiry.status !== 'answered') return null;
  let ref: { serial: string; letterNumber: string } | null = null;
  if (inquiry.request_id) {
    const answer = await answerSubject(ctx, inquiry.request_id);
    if (answer) {
      const serial = (await findLetterOfSubject(ctx.db, answer.subject))?.serial ?? (await findJobOf(ctx.db, answer.subject))?.serial;
      if (serial) ref = { serial, letterNumber: answer.letterNumber };
    }
  } else {
    const subject: LetterSubject = { kind: 'inquiry_answer', inquiryId: inquiry.id };
    const found = (await findLetterOfSubject(ctx.db, subject)) ?? (await findJobOf(ctx.db, subject));
    if (found) ref = { serial: found.serial, letterNumber: found.letter_number };
  }
  if (!ref) return null;
  return { ...ref, verifyUrl: `${publicBaseUrl(ctx)}/verify/${ref.serial}`, downloadUrl: `/api/v1/inquiries/${inquiry.id}/letter` };
}

/** An answered inquiry's letter for the client that asked (the caller has checked it is theirs). */
export async function downloadInquiryLetter(ctx: Ctx, inquiry: { id: string; request_id: string | null }): Promise<LetterDownload> {
  const none = new AppError('NOT_FOUND', { message: 'The inquiry has no answer yet', messageFa: 'این استعلام هنوز پاسخ داده نشده است' });
  const found = inquiry.request_id ? await answerLetterNow(ctx, inquiry.request_id) : await inquiryLetterNow(ctx, inquiry.id);
  const file = await letterFile(ctx, found, none);
  if ('printing' in file) return file;
  return { bytes: file.bytes, sha256: file.letter.sha256, fileName: `inquiry-answer-${file.letter.letter_number.replace(/\//g, '-')}.pdf` };
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
        fileNumber: maskedFileNumberFa(row.file_number),
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
        fileNumber: maskedFileNumberFa(inquiry.file_number),
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

/**
 * Answer letters (نامه پاسخ): the PDF a bank lends against and a notary transfers a property on.
 * Made right after the answer is issued (after its transaction commits: printing takes a browser
 * and a second, and must never hold the case's lock); if printing fails the answer stands, and the
 * first download makes the letter. One letter per answer, kept byte for byte: its SHA-256 is
 * published on the public verification page, so a changed copy shows as changed.
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
import { addresseeOf, DECISION_FA, jalaliDate, LETTER_KIND_FA, masked, newSerial, readSerial } from './letters.rules.js';
import { letterHtml, type LetterFacts } from './letters.template.js';
import {
  findAnswerFacts, findCaseInScope, findLetterBySerial, findLetterInScope, findLetterOfResponse, insertLetterOnce, revokeOnce, type AnswerFacts,
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

/**
 * The case's answer letter, printed and stored now if it was not before; null while the case has
 * no answer. The caller has checked the case is in the actor's scope.
 */
export async function ensureAnswerLetter(ctx: Ctx, actor: Actor, requestId: string): Promise<LetterTable | null> {
  const answer = await findAnswerFacts(ctx.db, requestId);
  if (!answer) return null;
  const existing = await findLetterOfResponse(ctx.db, answer.response_id);
  if (existing) return existing;

  const serial = newSerial();
  const pdf = await ctx.pdf.print(await letterHtml(letterFacts(answer, serial, ctx.config.publicBaseUrl)));
  const sha256 = await ctx.files.put(pdf);
  const now = ctx.clock.now();
  const id = newId();
  await ctx.db.transaction().execute(async (trx) => {
    const inserted = await insertLetterOnce(trx, {
      id, serial, request_id: requestId, response_id: answer.response_id, kind: 'final_answer', letter_number: answer.letter_number,
      sha256, size_bytes: pdf.length, issued_at: answer.issued_at, created_at: now.toISOString(), revoked_at: null, revoked_by: null, revoke_reason: null,
    });
    if (inserted) {
      await appendAudit(trx, actor, { action: 'letter.issue', entityType: 'letter', entityId: id, details: { requestId, serial, sha256, letterNumber: answer.letter_number } }, now);
    }
  });
  return (await findLetterOfResponse(ctx.db, answer.response_id))!;
}

/** Right after issue_response commits. A failure here leaves the answer issued and the letter to the first download. */
export async function printLetterAfterAnswer(ctx: Ctx, actor: Actor, requestId: string): Promise<void> {
  // The printer has logged why it failed; GET /api/requests/:id/letter tries again.
  await ensureAnswerLetter(ctx, actor, requestId).catch(() => undefined);
}

const NO_ANSWER = { message: 'The case has no final answer yet', messageFa: 'این پرونده هنوز پاسخ نهایی ندارد' };

export async function downloadAnswerLetter(ctx: Ctx, actor: Actor, requestId: string) {
  if (!(await findCaseInScope(ctx.db, actor, requestId))) throw notFound();
  let letter: LetterTable | null;
  try {
    letter = await ensureAnswerLetter(ctx, actor, requestId);
  } catch {
    throw new AppError('UNAVAILABLE', { message: 'The letter cannot be printed right now', messageFa: 'نامه هم‌اکنون آماده نمی‌شود؛ کمی بعد دوباره تلاش کنید' });
  }
  if (!letter) throw new AppError('NOT_FOUND', NO_ANSWER);
  const bytes = await ctx.files.get(letter.sha256);
  if (!bytes) throw new AppError('UNAVAILABLE', { message: 'The stored letter is missing', messageFa: 'فایل نامه در دسترس نیست' });
  await auditRead(ctx.db, actor, { action: 'letter.download', entityType: 'letter', entityId: letter.id, details: { requestId } }, ctx.clock.now());
  return { bytes, sha256: letter.sha256, fileName: `letter-${letter.letter_number.replace(/\//g, '-')}.pdf` };
}

/** The public check a notary or a bank makes: the facts of the letter, masked, and its published hash. */
export async function verifyLetter(ctx: Ctx, typedSerial: string) {
  const serial = readSerial(typedSerial);
  const row = serial ? await findLetterBySerial(ctx.db, serial) : undefined;
  if (!row) throw notFound();
  const addressee = addresseeOf(row.service_code, json(row.form, {}), '');
  return {
    serial: row.serial,
    kind: row.kind,
    kindFa: LETTER_KIND_FA[row.kind],
    letterNumber: row.letter_number,
    issuedAt: row.issued_at,
    issuedAtFa: jalaliDate(row.issued_at),
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
      expired: row.valid_until !== null && row.valid_until < tehranDate(ctx.clock.now()),
    },
    revoked: row.revoked_at !== null,
    revokedAt: row.revoked_at,
    revokeReasonFa: row.revoke_reason,
    sha256: row.sha256,
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
    await appendAudit(trx, actor, { action: 'letter.revoke', entityType: 'letter', entityId: letter.id, details: { requestId: letter.request_id, serial: letter.serial, reason } }, now);
  });
  return verifyLetter(ctx, letter.serial);
}

/**
 * Letters as one service (decision 0027): it numbers, prints, stores and verifies letters, and knows
 * no domain. A domain (a case's answer, an instant inquiry answer, an excavation permit) declares its
 * kind of letter (letters.jobs `letterKind`: the page to print), queues it in the transaction of its
 * decision with its public facts (`queueLetter`), and serves it with `letterFile`. The letter is
 * printed right after by the letter job (letters.jobs.ts): the decision never waits on the printer.
 * A download of a letter not yet printed prints it then (once), or says it is being printed (202,
 * Retry-After). One letter per subject, kept byte for byte: its SHA-256 is published on the public
 * verification page, so a changed copy shows as changed. Verifying and revoking read the letter row
 * alone: its public facts were written on it when it was queued.
 */
import type { LetterJobTable, LetterTable } from '../../db/schema.js';
import type { Ctx } from '../../platform/context.js';
import type { Actor } from '../../platform/actor.js';
import { AppError, notFound } from '../../platform/errors.js';
import { appendAudit } from '../../platform/audit.js';
import { tehranDate } from '../../platform/calendar.js';
import { jalaliDate, readSerial } from './letters.rules.js';
import type { LetterPublicFacts } from './letters.schemas.js';
import { findJobOf, findLetterOfSubject, printNow, subjectIds, type LetterRecord, type LetterSubject } from './letters.jobs.js';
import { countPrints, findLetterBySerial, revokeOnce } from './letters.queries.js';
import { requireInReach } from '../../platform/access.js';

export { countPrints };
export { letterKind, queueLetter, type LetterKind, type LetterRecord, type LetterSubject } from './letters.jobs.js';

/** A letter's PDF to send, or word that it is being printed right now (the route answers 202 with Retry-After). */
export type LetterDownload = { bytes: Buffer; sha256: string; fileName: string } | { printing: true };

/** How long a client should wait before asking again for a letter being printed. */
export const RETRY_AFTER_SECONDS = 2;

const unavailable = () => new AppError('UNAVAILABLE', { message: 'The letter cannot be printed right now', messageFa: 'نامه هم‌اکنون آماده نمی‌شود؛ کمی بعد دوباره تلاش کنید' });

/**
 * The subject's letter and its stored bytes, printed now if it was not yet (once, whoever asks at the
 * same moment), or word that it is being printed. `queue` gives the letter's record when the subject
 * has a letter but no job yet (issued before letters had jobs); `none` is thrown when it has no letter.
 * The caller has checked the reader may have it.
 */
export async function letterFile(
  ctx: Ctx,
  subject: LetterSubject,
  queue: () => Promise<LetterRecord | null>,
  none: () => AppError,
): Promise<{ letter: LetterTable; bytes: Buffer } | { printing: true }> {
  const found = await printNow(ctx, subject, queue);
  if (found === null) throw none();
  if ('printing' in found) return { printing: true };
  if ('unavailable' in found) throw unavailable();
  const bytes = await ctx.files.get(found.letter.sha256);
  if (!bytes) throw new AppError('UNAVAILABLE', { message: 'The stored letter is missing', messageFa: 'فایل نامه در دسترس نیست' });
  return { letter: found.letter, bytes };
}

/** The subject's letter as it stands: printed (`letter`), or queued (`job`: serial reserved), or neither. */
export async function letterState(ctx: Ctx, subject: LetterSubject): Promise<{ letter: LetterTable | null; job: LetterJobTable | null }> {
  const [letter, job] = await Promise.all([findLetterOfSubject(ctx.db, subject), findJobOf(ctx.db, subject)]);
  return { letter: letter ?? null, job: job ?? null };
}

/** The public check a notary, a bank or a street inspector makes: the letter's public facts, masked, and its published hash. */
export async function verifyLetter(ctx: Ctx, typedSerial: string) {
  const serial = readSerial(typedSerial);
  const row = serial ? await findLetterBySerial(ctx.db, serial) : undefined;
  if (!row?.public_facts) throw notFound();
  const facts = JSON.parse(row.public_facts) as LetterPublicFacts;
  const until = facts.validity.until;
  return {
    ...facts,
    serial: row.serial,
    kind: row.kind,
    letterNumber: row.letter_number,
    issuedAt: row.issued_at,
    issuedAtFa: jalaliDate(row.issued_at),
    city: { nameFa: row.city_name_fa, nameEn: row.city_name_en },
    validity: { ...facts.validity, expired: until !== null && until < tehranDate(ctx.clock.now()) },
    revoked: row.revoked_at !== null,
    revokedAt: row.revoked_at,
    revokeReasonFa: row.revoke_reason,
    sha256: row.sha256,
  };
}

/**
 * ابطال نامه: the approver of the letter's district (or the city admin) withdraws a letter of any
 * kind, with the reason the public will read.
 */
export async function revokeLetter(ctx: Ctx, actor: Actor, typedSerial: string, reason: string) {
  const serial = readSerial(typedSerial);
  if (!serial) throw notFound();
  await requireInReach(ctx.db, actor, 'letter', serial);
  const letter = (await findLetterBySerial(ctx.db, serial))!;
  const alreadyRevoked = new AppError('CONFLICT', { message: 'The letter is already revoked', messageFa: 'این نامه قبلاً ابطال شده است' });
  if (letter.revoked_at) throw alreadyRevoked;
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await revokeOnce(trx, letter.id, actor.staffId, reason, now.toISOString()))) throw alreadyRevoked;
    await appendAudit(trx, actor, { action: 'letter.revoke', entityType: 'letter', entityId: letter.id, details: { ...subjectIds(letter), serial: letter.serial, reason } }, now);
  });
  return verifyLetter(ctx, letter.serial);
}

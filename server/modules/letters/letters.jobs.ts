/**
 * The letter job (چاپ نامه): letters are printed after the decision, never inside it (decision 0013).
 *
 * The decision's transaction queues the letter (`queueLetter`): its serial and number are reserved
 * there, so the answer can already give them. A worker pass (`printDueLetters`, polled by main.ts
 * every LETTER_POLL_MS, run by tests directly) claims the next due job with a lease (FOR UPDATE
 * SKIP LOCKED on PostgreSQL: of workers on any number of servers exactly one takes it), prints it
 * with Chromium, and records the letter in one transaction; a failed print is retried with the
 * outbox's backoff and marked `failed` after the last attempt. A download of a letter not yet
 * printed claims that job (a compare-and-set on its attempts) and prints it then (`printNow`);
 * while another holds the lease it is told the letter is being printed (202).
 * Should a lease expire mid-print and a second print finish too, the letters table takes one letter
 * per answer (unique index), so one letter is ever recorded and published.
 *
 * The job knows no domain: each domain declares its kind of letter once (`letterKind`: what to
 * print for a subject) and queues it with its public facts (decision 0027).
 */
import type { Db } from '../../db/database.js';
import type { ExpressionBuilder } from 'kysely';
import type { Database, LetterJobTable, LetterTable } from '../../db/schema.js';
import type { Ctx } from '../../platform/context.js';
import { appendAudit } from '../../platform/audit.js';
import { newId } from '../../platform/ids.js';
import { backoffMs, leaseUntil, skipLocked } from '../../platform/retry.js';
import { publicBaseUrl } from '../../platform/baseUrl.js';
import { newSerial } from './letters.rules.js';
import type { LetterPublicFacts } from './letters.schemas.js';
import { findLetterOf, insertLetterOnce } from './letters.queries.js';

/** What a letter is the letter of: a case's answer, a permit, or an inquiry answered at once. */
export type LetterSubject =
  | { kind: 'final_answer'; requestId: string; responseId: string }
  | { kind: 'excavation_permit'; excavationId: string }
  | { kind: 'inquiry_answer'; inquiryId: string };

type Kind = LetterSubject['kind'];
type SubjectOf<K extends Kind> = Extract<LetterSubject, { kind: K }>;

/** What a domain hands over when its letter is issued: number, date, whose letter it is, its public facts. */
export interface LetterRecord {
  letterNumber: string;
  /** The date printed on the letter (ISO instant). */
  issuedAt: string;
  /** The district whose letter it is: its approver (or the city admin) may revoke it. */
  owner: { cityId: string; districtId: string };
  publicFacts: LetterPublicFacts;
}

/** A domain's kind of letter: the page to print for a subject (null when it has nothing to print any more). */
export interface LetterKind<K extends Kind = Kind> {
  kind: K;
  render: (db: Db, subject: SubjectOf<K>, page: { serial: string; verifyUrl: string }) => Promise<string | null>;
}

const KINDS = new Map<Kind, LetterKind>();

/**
 * Declare a kind of letter, once, in the domain that owns it (requests.letter.ts, ...): the letter
 * job looks the job's kind up here to print it. Loaded with the app, as each domain's service is.
 */
export function letterKind<K extends Kind>(kind: LetterKind<K>): LetterKind<K> {
  KINDS.set(kind.kind, kind as unknown as LetterKind);
  return kind;
}

/** The subject a letter or job row is the letter of. */
export function subjectOf(row: Pick<LetterTable, 'kind' | 'request_id' | 'response_id' | 'excavation_id' | 'inquiry_id'>): LetterSubject {
  switch (row.kind) {
    case 'final_answer':
      return { kind: row.kind, requestId: row.request_id!, responseId: row.response_id! };
    case 'excavation_permit':
      return { kind: row.kind, excavationId: row.excavation_id! };
    case 'inquiry_answer':
      return { kind: row.kind, inquiryId: row.inquiry_id! };
  }
}

/** The subject's ids as the audit log names them. */
export const subjectIds = (row: Pick<LetterTable, 'request_id' | 'excavation_id' | 'inquiry_id'>) =>
  row.inquiry_id ? { inquiryId: row.inquiry_id } : row.excavation_id ? { excavationId: row.excavation_id } : { requestId: row.request_id };

const subjectColumn = (s: LetterSubject) =>
  s.kind === 'final_answer' ? (['response_id', s.responseId] as const) : s.kind === 'excavation_permit' ? (['excavation_id', s.excavationId] as const) : (['inquiry_id', s.inquiryId] as const);

/** After the last attempt a job is `failed`; a download still tries (and the admin sees why). */
export const LETTER_MAX_ATTEMPTS = 5;

export function findJobOf(db: Db, subject: LetterSubject) {
  const [column, id] = subjectColumn(subject);
  return db.selectFrom('letter_jobs').selectAll().where(column, '=', id).executeTakeFirst();
}

export function findLetterOfSubject(db: Db, subject: LetterSubject) {
  const [column, id] = subjectColumn(subject);
  return findLetterOf(db, subject.kind, column, id);
}

/**
 * In the decision's transaction: reserve the letter's serial and queue its printing. A second call
 * for the same answer (a retry) finds the first job. Returns the job.
 */
export async function queueLetter(trx: Db, subject: LetterSubject, letter: LetterRecord & { serial?: string }, now: Date): Promise<LetterJobTable> {
  const [column] = subjectColumn(subject);
  await trx
    .insertInto('letter_jobs')
    .values({
      id: newId(),
      serial: letter.serial ?? newSerial(),
      kind: subject.kind,
      request_id: subject.kind === 'final_answer' ? subject.requestId : null,
      response_id: subject.kind === 'final_answer' ? subject.responseId : null,
      excavation_id: subject.kind === 'excavation_permit' ? subject.excavationId : null,
      inquiry_id: subject.kind === 'inquiry_answer' ? subject.inquiryId : null,
      letter_number: letter.letterNumber,
      issued_at: letter.issuedAt,
      status: 'pending',
      attempts: 0,
      next_attempt_at: now.toISOString(),
      locked_until: null,
      last_error: null,
      created_at: now.toISOString(),
      printed_at: null,
      public_facts: JSON.stringify(letter.publicFacts),
      city_id: letter.owner.cityId,
      district_id: letter.owner.districtId,
    })
    .onConflict((oc) => oc.column(column).doNothing())
    .execute();
  return (await findJobOf(trx, subject))!;
}

const leaseFree = (nowIso: string) => (eb: ExpressionBuilder<Database, 'letter_jobs'>) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', nowIso)]);

/**
 * A download takes the job for one print: only if it is not printed and nobody holds a live lease
 * (a compare-and-set on the attempts read: of two takers one wins). Returns the job as taken.
 */
function claim(db: Db, job: LetterJobTable, now: Date) {
  return db
    .updateTable('letter_jobs')
    .set({ locked_until: leaseUntil(now), attempts: job.attempts + 1 })
    .where('id', '=', job.id)
    .where('status', '!=', 'printed')
    .where('attempts', '=', job.attempts)
    .where(leaseFree(now.toISOString()))
    .returningAll()
    .executeTakeFirst();
}

/** The worker takes the next due job (FOR UPDATE SKIP LOCKED on PostgreSQL: decision 0038), the oldest first. Returns the job as taken. */
function claimNext(db: Db, now: Date) {
  const nowIso = now.toISOString();
  return db
    .updateTable('letter_jobs')
    .set((eb) => ({ locked_until: leaseUntil(now), attempts: eb('attempts', '+', 1) }))
    .where('id', '=', (eb) =>
      skipLocked(db, eb.selectFrom('letter_jobs').select('id').where('status', '=', 'pending').where('next_attempt_at', '<=', nowIso).where(leaseFree(nowIso)).orderBy('next_attempt_at').limit(1)),
    )
    .returningAll()
    .executeTakeFirst();
}

type Outcome = 'printed' | 'retry' | 'failed';

/** Print a job as claimed (its attempts count this one) and record the letter, or record why not. */
async function printClaimed(ctx: Ctx, job: LetterJobTable, maxAttempts: number): Promise<Outcome> {
  const attempts = job.attempts;
  try {
    const kind = KINDS.get(job.kind);
    if (!kind) throw new Error(`no letter of kind ${job.kind} is declared`);
    const page = await kind.render(ctx.db, subjectOf(job), { serial: job.serial, verifyUrl: `${publicBaseUrl(ctx)}/verify/${job.serial}` });
    if (page === null) throw new Error(`nothing to print: the subject of the ${job.kind} letter is gone`);
    const pdf = await ctx.pdf.print(page);
    const sha256 = await ctx.files.put(pdf);
    const now = ctx.clock.now();
    await ctx.db.transaction().execute(async (trx) => {
      const letter: LetterTable = {
        id: newId(), serial: job.serial, request_id: job.request_id, response_id: job.response_id, excavation_id: job.excavation_id, inquiry_id: job.inquiry_id,
        kind: job.kind, letter_number: job.letter_number, sha256, size_bytes: pdf.length, issued_at: job.issued_at, created_at: now.toISOString(),
        revoked_at: null, revoked_by: null, revoke_reason: null, public_facts: job.public_facts, city_id: job.city_id, district_id: job.district_id,
      };
      if (await insertLetterOnce(trx, letter)) {
        await appendAudit(trx, null, { action: 'letter.issue', entityType: 'letter', entityId: letter.id, details: { ...subjectIds(job), serial: job.serial, sha256, letterNumber: job.letter_number, attempts }, cityId: job.city_id }, now);
      }
      await trx
        .updateTable('letter_jobs')
        .set({ status: 'printed', printed_at: now.toISOString(), locked_until: null, last_error: null })
        .where('id', '=', job.id)
        .execute();
    });
    return 'printed';
  } catch (err) {
    const failed = attempts >= maxAttempts;
    const now = ctx.clock.now();
    await ctx.db
      .updateTable('letter_jobs')
      .set({
        status: failed ? 'failed' : 'pending',
        last_error: (err as Error).message.slice(0, 500),
        next_attempt_at: new Date(now.getTime() + backoffMs(attempts)).toISOString(),
        locked_until: null,
      })
      .where('id', '=', job.id)
      .where('status', '!=', 'printed')
      .execute();
    return failed ? 'failed' : 'retry';
  }
}

/** One pass of the letter job: up to `batchSize` due letters printed once; returns how many were printed, retried and given up. */
export async function printDueLetters(ctx: Ctx, opts: { batchSize?: number; maxAttempts?: number } = {}) {
  const tally = { printed: 0, retried: 0, failed: 0 };
  let left = opts.batchSize ?? 20;
  // As many lanes as the printer prints at once (platform/pdf.ts), so a burst of decisions is not printed one by one.
  // Each job is claimed just before it is printed, so its lease covers its own print however long the pass.
  const lane = async () => {
    while (left > 0) {
      left--;
      const job = await claimNext(ctx.db, ctx.clock.now());
      if (!job) return;
      const outcome = await printClaimed(ctx, job, opts.maxAttempts ?? LETTER_MAX_ATTEMPTS);
      tally[outcome === 'printed' ? 'printed' : outcome === 'retry' ? 'retried' : 'failed']++;
    }
  };
  await Promise.all([lane(), lane()]);
  return tally;
}

export type LetterNow = { letter: LetterTable } | { printing: LetterJobTable } | { unavailable: LetterJobTable } | null;

/**
 * A letter as a download needs it: printed already, or printed now (claimed like the worker does,
 * so it is printed once); `printing` while another print holds the job; null when there is nothing
 * to print (no answer). `queue` makes the job of an answer issued before letters had jobs.
 */
export async function printNow(ctx: Ctx, subject: LetterSubject, queue: () => Promise<LetterRecord | null>): Promise<LetterNow> {
  const printed = await findLetterOfSubject(ctx.db, subject);
  if (printed) return { letter: printed };
  let job = await findJobOf(ctx.db, subject);
  if (!job) {
    const letter = await queue();
    if (!letter) return null;
    job = await ctx.db.transaction().execute((trx) => queueLetter(trx, subject, letter, ctx.clock.now()));
  }
  const taken = job.status !== 'printed' ? await claim(ctx.db, job, ctx.clock.now()) : undefined;
  // A download is a person waiting: a failure is theirs to see at once, and the worker keeps retrying.
  if (taken) await printClaimed(ctx, taken, Number.MAX_SAFE_INTEGER);
  const letter = await findLetterOfSubject(ctx.db, subject);
  if (letter) return { letter };
  const now = (await findJobOf(ctx.db, subject))!;
  return now.locked_until !== null && now.locked_until >= ctx.clock.now().toISOString() ? { printing: now } : { unavailable: now };
}

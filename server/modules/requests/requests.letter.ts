/**
 * A case's answer letter (نامه پاسخ): the PDF a bank lends against and a notary transfers a property
 * on. The case owns its letter's facts, its page and its public facts (what the verification page
 * shows); the letters service numbers, prints, stores, verifies and revokes it (decision 0027).
 * Queued in the transaction of «صدور پاسخ نهایی», printed right after by the letter job.
 */
import { ROLE_TITLES_FA, type Role } from '../../../contracts/roles.js';
import { maskedFileNumberFa } from '../../../contracts/fileNumber.js';
import type { Db } from '../../db/database.js';
import type { Ctx } from '../../platform/context.js';
import type { Actor } from '../../platform/actor.js';
import { AppError } from '../../platform/errors.js';
import { appendAudit, auditRead } from '../../platform/audit.js';
import { publicBaseUrl } from '../../platform/baseUrl.js';
import { requireInReach } from '../../platform/access.js';
import { type Addressee, addresseeOf, code, countPrints, DECISION_FA, decisionSection, esc, fa, factsTable, groupedSerial, jalaliDate, type LetterDownload, letterFile, letterKind, letterPage, type LetterRecord, letterState, type LetterSubject, masked, type PropertyOnLetter, propertyRows, queueLetter, validitySection } from '../letters/index.js';
import { personName } from './requests.present.js';

const json = <T>(s: string | null, fallback: T): T => (s === null ? fallback : (JSON.parse(s) as T));

/** Everything printed on the answer letter of a case; undefined while the case has no answer. */
function findAnswerFacts(db: Db, requestId: string) {
  return db
    .selectFrom('responses')
    .innerJoin('requests', 'requests.id', 'responses.request_id')
    .innerJoin('services', 'services.id', 'requests.service_id')
    .innerJoin('districts', 'districts.id', 'requests.district_id')
    .innerJoin('cities', 'cities.id', 'requests.city_id')
    .innerJoin('properties', 'properties.id', 'requests.property_id')
    .innerJoin('persons', 'persons.id', 'requests.applicant_person_id')
    .innerJoin('staff', 'staff.id', 'responses.issued_by')
    .select([
      'responses.id as response_id', 'responses.letter_number', 'responses.issued_at', 'responses.decision', 'responses.text',
      'responses.conditions', 'responses.valid_until',
      'requests.id as request_id', 'requests.tracking_code', 'requests.service_code', 'requests.form', 'requests.city_id', 'requests.district_id',
      'services.name_fa as service_name_fa', 'services.answer_purpose_fa',
      'districts.number as district_number', 'cities.name_fa as city_name_fa',
      'properties.file_number', 'properties.postal_code', 'properties.renovation_code', 'properties.plate_main', 'properties.plate_sub',
      'properties.registry_section', 'properties.address',
      'persons.first_name', 'persons.last_name', 'persons.company_name',
      'staff.first_name as signer_first_name', 'staff.last_name as signer_last_name', 'staff.role as signer_role',
    ])
    .where('responses.request_id', '=', requestId)
    .executeTakeFirst();
}
type AnswerFacts = NonNullable<Awaited<ReturnType<typeof findAnswerFacts>>>;

/** What the answer letter prints. */
export interface AnswerLetterFacts {
  serial: string;
  letterNumber: string;
  /** When the answer was issued (ISO instant): the letter's date. */
  issuedAt: string;
  trackingCode: string;
  district: { number: number; cityFa: string };
  serviceNameFa: string;
  addressee: Addressee;
  property: PropertyOnLetter;
  decision: string;
  text: string;
  conditions: string[];
  purposeFa: string;
  /** YYYY-MM-DD; null for a rejection, which is not "valid" for anything. */
  validUntil: string | null;
  signer: { name: string; titleFa: string };
  verifyUrl: string;
}

export function answerLetterHtml(f: AnswerLetterFacts): Promise<string> {
  const body = `<p class="text">${fa(f.text)}</p>

${factsTable(propertyRows(f.property))}

${decisionSection(f.decision, f.conditions)}

${validitySection(`این پاسخ فقط برای «${esc(f.purposeFa)}» صادر شده است و برای منظور دیگری قابل استناد نیست.`, f.validUntil)}`;
  return letterPage({ ...f, subjectHtml: `پاسخ درخواست «${esc(f.serviceNameFa)}»، کد رهگیری ${code(f.trackingCode)}` }, body);
}

function answerLetterFacts(a: AnswerFacts, page: { serial: string; verifyUrl: string }): AnswerLetterFacts {
  return {
    ...page,
    letterNumber: a.letter_number,
    issuedAt: a.issued_at,
    trackingCode: a.tracking_code,
    district: { number: a.district_number, cityFa: a.city_name_fa },
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
  };
}

/** The answer letter's record for the letters service: its number and date, its district, and what the public page shows (no names, identifiers masked). */
function answerRecord(a: AnswerFacts): LetterRecord {
  const addressee = addresseeOf(a.service_code, json(a.form, {}), '');
  return {
    letterNumber: a.letter_number,
    issuedAt: a.issued_at,
    owner: { cityId: a.city_id, districtId: a.district_id },
    publicFacts: {
      kindFa: 'پاسخ نهایی درخواست',
      decision: a.decision,
      decisionFa: DECISION_FA[a.decision] ?? a.decision,
      service: { code: a.service_code, nameFa: a.service_name_fa },
      districtNumber: a.district_number,
      addresseeFa: addressee.institution ? addressee.toFa : null,
      property: {
        fileNumber: maskedFileNumberFa(a.file_number),
        postalCode: masked(a.postal_code),
        renovationCode: masked(a.renovation_code),
        plateMain: a.plate_main,
        registrySection: a.registry_section,
      },
      validity: { purposeFa: a.answer_purpose_fa, until: a.valid_until, untilFa: a.valid_until ? jalaliDate(a.valid_until) : null },
    },
  };
}

/** The record of a case's answer letter; null while the case has no answer. */
export async function answerLetterRecord(db: Db, requestId: string): Promise<LetterRecord | null> {
  const a = await findAnswerFacts(db, requestId);
  return a ? answerRecord(a) : null;
}

export const answerLetter = letterKind({
  kind: 'final_answer',
  render: async (db, subject, page) => {
    const a = await findAnswerFacts(db, subject.requestId);
    return a ? answerLetterHtml(answerLetterFacts(a, page)) : null;
  },
});

/** In the transaction of «صدور پاسخ نهایی», after the response is written: queue its letter with the serial already reserved. */
export async function queueAnswerLetter(trx: Db, answer: { requestId: string; responseId: string; serial: string }, at: Date): Promise<void> {
  const record = (await answerLetterRecord(trx, answer.requestId))!;
  await queueLetter(trx, { kind: 'final_answer', requestId: answer.requestId, responseId: answer.responseId }, { ...record, serial: answer.serial }, at);
}

// ---------------------------------------------------------------- reading and serving it

/** The subject of a case's answer letter, with the answer's number and date; null while the case has no answer. */
async function answerSubject(db: Db, requestId: string): Promise<{ subject: LetterSubject; letterNumber: string; issuedAt: string } | null> {
  const response = await db.selectFrom('responses').select(['id', 'letter_number', 'issued_at']).where('request_id', '=', requestId).executeTakeFirst();
  if (!response) return null;
  return { subject: { kind: 'final_answer', requestId, responseId: response.id }, letterNumber: response.letter_number, issuedAt: response.issued_at };
}

const noAnswer = () => new AppError('NOT_FOUND', { message: 'The case has no final answer yet', messageFa: 'این پرونده هنوز پاسخ نهایی ندارد' });

/**
 * The case's answer letter and its bytes, printed now if it was not yet (the caller has checked the
 * case's scope); `none` when the case has no answer. An answer issued before letters had jobs is queued now.
 */
export async function answerLetterFile(ctx: Ctx, requestId: string, none: () => AppError = noAnswer) {
  const answer = await answerSubject(ctx.db, requestId);
  if (!answer) throw none();
  return letterFile(ctx, answer.subject, () => answerLetterRecord(ctx.db, requestId), none);
}

const fileNameOf = (letterNumber: string) => `letter-${letterNumber.replace(/\//g, '-')}.pdf`;

/**
 * The desk downloads or prints the case's answer letter. Every print and reprint (`print`) is its
 * own audit row (letter.print), so the audit shows how many paper copies left the desk and who made them.
 */
export async function downloadAnswerLetter(ctx: Ctx, actor: Actor, requestId: string, purpose: 'download' | 'print' = 'download'): Promise<LetterDownload> {
  await requireInReach(ctx.db, actor, 'case', requestId);
  const file = await answerLetterFile(ctx, requestId);
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
  return { bytes, sha256: letter.sha256, fileName: fileNameOf(letter.letter_number) };
}

/**
 * The case's answer letter now: its serial (reserved with the decision), printed or not yet; null
 * without an answer. The caller has checked the case is the reader's.
 */
export async function answerLetterState(ctx: Ctx, requestId: string) {
  const answer = await answerSubject(ctx.db, requestId);
  if (!answer) return null;
  const { letter, job } = await letterState(ctx, answer.subject);
  // An answer issued before letters had jobs, and never downloaded, has neither: it is printed on first download.
  const status: 'pending' | 'printed' | 'failed' = letter ? 'printed' : job?.status === 'failed' ? 'failed' : 'pending';
  return { serial: letter?.serial ?? job?.serial ?? null, letterNumber: answer.letterNumber, issuedAt: answer.issuedAt, status, letter };
}

/** The serial of the case's answer letter (reserved with the decision, or printed before jobs); null without an answer. */
export async function answerLetterSerial(ctx: Ctx, requestId: string): Promise<string | null> {
  return (await answerLetterState(ctx, requestId))?.serial ?? null;
}

/**
 * What the case page shows of its answer letter: its serial and number at once (reserved with the
 * decision), whether it is printed yet, revoked, and how many times the desk has printed it.
 */
export async function answerLetterStatus(ctx: Ctx, actor: Actor, requestId: string) {
  await requireInReach(ctx.db, actor, 'case', requestId);
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

/** The citizen's copy: the caller has checked the case is the citizen's own (and audits it). */
export async function downloadCitizenLetter(ctx: Ctx, requestId: string): Promise<LetterDownload & { letterId?: string; serial?: string }> {
  const file = await answerLetterFile(ctx, requestId);
  if ('printing' in file) return file;
  return { bytes: file.bytes, sha256: file.letter.sha256, fileName: fileNameOf(file.letter.letter_number), letterId: file.letter.id, serial: file.letter.serial };
}

/** Typed queries for issued letters. Staff reach a letter through its case's scope; the public by serial. */
import type { Db } from '../../db/database.js';
import type { LetterTable } from '../../db/schema.js';
import type { Actor } from '../../platform/actor.js';
import { ROLE_SCOPE } from '../../../contracts/roles.js';
import { propertiesInScope, requestsInScope } from '../../platform/scope.js';

export function findCaseInScope(db: Db, actor: Actor, requestId: string) {
  return db.selectFrom('requests').select('requests.id').where('requests.id', '=', requestId).where(requestsInScope(actor)).executeTakeFirst();
}

/** Everything printed on the answer letter of a case; undefined while the case has no answer. */
export function findAnswerFacts(db: Db, requestId: string) {
  return db
    .selectFrom('responses')
    .innerJoin('requests', 'requests.id', 'responses.request_id')
    .innerJoin('services', 'services.id', 'requests.service_id')
    .innerJoin('districts', 'districts.id', 'requests.district_id')
    .innerJoin('properties', 'properties.id', 'requests.property_id')
    .innerJoin('persons', 'persons.id', 'requests.applicant_person_id')
    .innerJoin('staff', 'staff.id', 'responses.issued_by')
    .select([
      'responses.id as response_id', 'responses.letter_number', 'responses.issued_at', 'responses.decision', 'responses.text',
      'responses.conditions', 'responses.valid_until',
      'requests.id as request_id', 'requests.tracking_code', 'requests.service_code', 'requests.form',
      'services.name_fa as service_name_fa', 'services.answer_purpose_fa',
      'districts.number as district_number',
      'properties.file_number', 'properties.postal_code', 'properties.renovation_code', 'properties.plate_main', 'properties.plate_sub',
      'properties.registry_section', 'properties.address',
      'persons.first_name', 'persons.last_name', 'persons.company_name',
      'staff.first_name as signer_first_name', 'staff.last_name as signer_last_name', 'staff.role as signer_role',
    ])
    .where('responses.request_id', '=', requestId)
    .executeTakeFirst();
}
export type AnswerFacts = NonNullable<Awaited<ReturnType<typeof findAnswerFacts>>>;

/**
 * The letter of a kind printed for what it answers: a case's answer (by response, or by case), a
 * permit, an instant inquiry answer.
 */
export function findLetterOf(db: Db, kind: LetterTable['kind'], of: 'response_id' | 'request_id' | 'excavation_id' | 'inquiry_id', id: string) {
  return db.selectFrom('letters').selectAll().where(of, '=', id).where('kind', '=', kind).executeTakeFirst();
}

/** A second writer of the same answer's (or permit's) letter, a concurrent retry, leaves the first in place. */
export async function insertLetterOnce(trx: Db, letter: LetterTable): Promise<boolean> {
  const result = await trx
    .insertInto('letters')
    .values(letter)
    .onConflict((oc) => oc.columns([letter.inquiry_id !== null ? 'inquiry_id' : letter.excavation_id !== null ? 'excavation_id' : 'response_id', 'kind']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
}

/** Everything printed on an approved permit's letter; undefined unless the permit is approved. */
export function findPermitFacts(db: Db, excavationId: string) {
  return db
    .selectFrom('excavation_permits')
    .innerJoin('api_clients', 'api_clients.id', 'excavation_permits.client_id')
    .innerJoin('districts', 'districts.id', 'excavation_permits.district_id')
    .innerJoin('staff', 'staff.id', 'excavation_permits.decided_by')
    .selectAll('excavation_permits')
    .select([
      'api_clients.name_fa as client_name_fa', 'districts.number as district_number',
      'staff.first_name as signer_first_name', 'staff.last_name as signer_last_name', 'staff.role as signer_role',
    ])
    .where('excavation_permits.id', '=', excavationId)
    .where('excavation_permits.status', '=', 'approved')
    .executeTakeFirst();
}
export type PermitFacts = NonNullable<Awaited<ReturnType<typeof findPermitFacts>>>;

/** A permit letter by its public serial, with what the verification page shows (no names but the utility's). */
export function findPermitLetterBySerial(db: Db, serial: string) {
  return db
    .selectFrom('letters')
    .innerJoin('excavation_permits', 'excavation_permits.id', 'letters.excavation_id')
    .innerJoin('api_clients', 'api_clients.id', 'excavation_permits.client_id')
    .innerJoin('districts', 'districts.id', 'excavation_permits.district_id')
    .selectAll('letters')
    .select([
      'excavation_permits.purpose', 'excavation_permits.end_date', 'api_clients.name_fa as client_name_fa',
      'districts.number as district_number',
    ])
    .where('letters.serial', '=', serial)
    .executeTakeFirst();
}

/** A letter by its public serial, with what the verification page shows (no names, no national codes). */
export function findLetterBySerial(db: Db, serial: string) {
  return db
    .selectFrom('letters')
    .innerJoin('responses', 'responses.id', 'letters.response_id')
    .innerJoin('requests', 'requests.id', 'letters.request_id')
    .innerJoin('services', 'services.id', 'requests.service_id')
    .innerJoin('districts', 'districts.id', 'requests.district_id')
    .innerJoin('properties', 'properties.id', 'requests.property_id')
    .selectAll('letters')
    .select([
      'responses.decision', 'responses.valid_until', 'requests.service_code', 'requests.form',
      'services.name_fa as service_name_fa', 'services.answer_purpose_fa', 'districts.number as district_number',
      'properties.file_number', 'properties.postal_code', 'properties.renovation_code', 'properties.plate_main', 'properties.registry_section',
    ])
    .where('letters.serial', '=', serial)
    .executeTakeFirst();
}

export async function findLetterInScope(db: Db, actor: Actor, serial: string): Promise<LetterTable | undefined> {
  const ofCase = await db
    .selectFrom('letters')
    .innerJoin('requests', 'requests.id', 'letters.request_id')
    .selectAll('letters')
    .where('letters.serial', '=', serial)
    .where(requestsInScope(actor))
    .executeTakeFirst();
  if (ofCase) return ofCase;
  // An instant inquiry answer has no case: it belongs to the district of the property (district and city roles only).
  if (ROLE_SCOPE[actor.role] !== 'district' && ROLE_SCOPE[actor.role] !== 'city') return undefined;
  return db
    .selectFrom('letters')
    .innerJoin('inquiries', 'inquiries.id', 'letters.inquiry_id')
    .innerJoin('properties', 'properties.id', 'inquiries.property_id')
    .selectAll('letters')
    .where('letters.serial', '=', serial)
    .where(propertiesInScope(actor))
    .executeTakeFirst();
}

/** Everything printed on the letter of an inquiry answered at once; undefined unless it was (a case's answer has its own letter). */
export function findInquiryLetterFacts(db: Db, inquiryId: string) {
  return db
    .selectFrom('inquiries')
    .innerJoin('api_clients', 'api_clients.id', 'inquiries.client_id')
    .innerJoin('properties', 'properties.id', 'inquiries.property_id')
    .innerJoin('districts', 'districts.id', 'properties.district_id')
    .select([
      'inquiries.id', 'inquiries.type', 'inquiries.subject_national_code', 'inquiries.answer', 'inquiries.answered_at',
      'inquiries.letter_number', 'inquiries.letter_date', 'inquiries.branch_name', 'inquiries.branch_code',
      'api_clients.name_fa as client_name_fa', 'api_clients.kind as client_kind', 'api_clients.official_code',
      'districts.number as district_number',
      'properties.file_number', 'properties.postal_code', 'properties.renovation_code', 'properties.plate_main', 'properties.plate_sub',
      'properties.registry_section', 'properties.address',
    ])
    .where('inquiries.id', '=', inquiryId)
    .where('inquiries.status', '=', 'answered')
    .where('inquiries.request_id', 'is', null)
    .executeTakeFirst();
}
export type InquiryLetterFacts = NonNullable<Awaited<ReturnType<typeof findInquiryLetterFacts>>>;

/** An instant inquiry letter by its public serial, with what the verification page shows (the organisation's name, masked identifiers). */
export function findInquiryLetterBySerial(db: Db, serial: string) {
  return db
    .selectFrom('letters')
    .innerJoin('inquiries', 'inquiries.id', 'letters.inquiry_id')
    .innerJoin('api_clients', 'api_clients.id', 'inquiries.client_id')
    .innerJoin('properties', 'properties.id', 'inquiries.property_id')
    .innerJoin('districts', 'districts.id', 'properties.district_id')
    .selectAll('letters')
    .select([
      'inquiries.type', 'inquiries.answer', 'inquiries.subject_national_code', 'api_clients.name_fa as client_name_fa', 'districts.number as district_number',
      'properties.file_number', 'properties.postal_code', 'properties.renovation_code', 'properties.plate_main', 'properties.registry_section',
    ])
    .where('letters.serial', '=', serial)
    .executeTakeFirst();
}

/** Revoke only what is not yet revoked: of two concurrent revocations exactly one succeeds. */
export async function revokeOnce(trx: Db, id: string, by: string, reason: string, at: string): Promise<boolean> {
  const result = await trx
    .updateTable('letters')
    .set({ revoked_at: at, revoked_by: by, revoke_reason: reason })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The case's final answer (its letter's number and date); undefined while it has none. */
export function findResponseOf(db: Db, requestId: string) {
  return db.selectFrom('responses').select(['id', 'letter_number', 'issued_at']).where('request_id', '=', requestId).executeTakeFirst();
}

/** How many times the desk has printed the letter: its letter.print rows in the audit log. */
export async function countPrints(db: Db, letterId: string): Promise<number> {
  const row = await db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('entity_type', '=', 'letter')
    .where('entity_id', '=', letterId)
    .where('action', '=', 'letter.print')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

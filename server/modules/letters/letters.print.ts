/**
 * What a letter prints: the facts of the answer, permit or instant inquiry answer it is the letter
 * of, as the template's HTML, with the serial reserved for it and the address its QR code points at.
 */
import { ROLE_TITLES_FA, type Role } from '../../../contracts/roles.js';
import type { LetterJobTable } from '../../db/schema.js';
import type { Db } from '../../db/database.js';
import { personName } from '../requests/requests.present.js';
import { STREET_TYPE_FA, trenchArea } from '../excavations/excavations.rules.js';
import { INQUIRY_TYPES, inquiryForm, type InquiryType } from '../inquiries/inquiries.rules.js';
import { addresseeOf, masked } from './letters.rules.js';
import { inquiryLetterHtml, letterHtml, permitLetterHtml, type LetterFacts, type PermitLetterFacts } from './letters.template.js';
import { findAnswerFacts, findInquiryLetterFacts, findPermitFacts, type AnswerFacts, type InquiryLetterFacts, type PermitFacts } from './letters.queries.js';

const json = <T>(s: string | null, fallback: T): T => (s === null ? fallback : (JSON.parse(s) as T));

export function letterFacts(a: AnswerFacts, serial: string, publicBaseUrl: string): LetterFacts {
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

/** What the instant answer (inquiries.answer) carries that the letter prints. */
export interface InstantAnswer {
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
 * The page of a letter job, or null when what it is the letter of no longer has a letter to print
 * (an answer, permit or instant answer that is gone).
 */
export async function letterPage(db: Db, job: Pick<LetterJobTable, 'kind' | 'request_id' | 'excavation_id' | 'inquiry_id' | 'serial'>, publicBaseUrl: string): Promise<string | null> {
  switch (job.kind) {
    case 'final_answer': {
      const answer = await findAnswerFacts(db, job.request_id!);
      return answer ? letterHtml(letterFacts(answer, job.serial, publicBaseUrl)) : null;
    }
    case 'excavation_permit': {
      const permit = await findPermitFacts(db, job.excavation_id!);
      return permit ? permitLetterHtml(permitLetterFacts(permit, job.serial, publicBaseUrl)) : null;
    }
    case 'inquiry_answer': {
      const facts = await findInquiryLetterFacts(db, job.inquiry_id!);
      return facts ? inquiryLetterHtml(inquiryLetterFacts(facts, job.serial, publicBaseUrl)) : null;
    }
  }
}

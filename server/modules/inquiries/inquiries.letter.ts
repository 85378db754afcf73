/**
 * The letter of an inquiry answered at once from the property file (پاسخ فوری استعلام): to the
 * organisation that asked, signed by the system on behalf of the district municipality. It states
 * its scope (the inquiry type, the property, the person asked about, masked) and its validity. The
 * inquiry owns its letter's facts, page and public facts; the letters service numbers, prints,
 * stores, verifies and revokes it (decision 0027). An inquiry answered through a case has the case's
 * answer letter instead (requests.letter.ts).
 */
import type { Db } from '../../db/database.js';
import type { Ctx } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { publicBaseUrl } from '../../platform/baseUrl.js';
import { maskedFileNumberFa } from '../../../contracts/fileNumber.js';
import { type Addressee, addresseeOf, amountFa, code, DECISION_FA, decisionSection, esc, fa, factsTable, jalaliDate, type LetterDownload, letterFile, letterKind, letterPage, type LetterRecord, letterState, type LetterSubject, masked, metres, type PropertyOnLetter, propertyRows, queueLetter, validitySection } from '../letters/index.js';
import { answerLetterFile, answerLetterState } from '../requests/index.js';
import { INQUIRY_TYPES, inquiryForm, type InquiryType } from './inquiries.rules.js';

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

/**
 * Everything printed on the letter of an inquiry answered at once, by the inquiry's id alone. Whether
 * it was answered at once is checked after (findInquiryLetterFacts): given `request_id is null` in
 * SQL, SQLite read it through the index on `request_id`, among every inquiry answered at once
 * (200,000 at 10^6 cases: 24 ms against 0.1). The plan check holds it to its id (hot-queries.ts).
 */
export function inquiryLetterFactsQuery(db: Db, inquiryId: string) {
  return db
    .selectFrom('inquiries')
    .innerJoin('api_clients', 'api_clients.id', 'inquiries.client_id')
    .innerJoin('properties', 'properties.id', 'inquiries.property_id')
    .innerJoin('districts', 'districts.id', 'properties.district_id')
    .innerJoin('cities', 'cities.id', 'properties.city_id')
    .select([
      'cities.name_fa as city_name_fa', 'inquiries.id', 'inquiries.status', 'inquiries.request_id', 'inquiries.type', 'inquiries.subject_national_code', 'inquiries.answer', 'inquiries.answered_at',
      'inquiries.letter_number', 'inquiries.letter_date', 'inquiries.branch_name', 'inquiries.branch_code',
      'api_clients.name_fa as client_name_fa', 'api_clients.kind as client_kind', 'api_clients.official_code',
      'districts.number as district_number', 'properties.city_id', 'properties.district_id',
      'properties.file_number', 'properties.postal_code', 'properties.renovation_code', 'properties.plate_main', 'properties.plate_sub',
      'properties.registry_section', 'properties.address',
    ])
    .where('inquiries.id', '=', inquiryId);
}

/** The letter's facts; undefined unless the inquiry was answered at once (a case's answer has its own letter). */
async function findInquiryLetterFacts(db: Db, inquiryId: string) {
  const row = await inquiryLetterFactsQuery(db, inquiryId).executeTakeFirst();
  return row?.status === 'answered' && row.request_id === null ? row : undefined;
}
type InquiryFacts = NonNullable<Awaited<ReturnType<typeof findInquiryLetterFacts>>>;

/** What the instant answer's letter prints. */
export interface InquiryLetterFacts {
  serial: string;
  letterNumber: string;
  /** When the inquiry was answered (ISO instant): the letter's date. */
  issuedAt: string;
  district: { number: number; cityFa: string };
  inquiryTypeFa: string;
  /** The organisation that asked (its branch), and its own letter: addresseeOf. */
  addressee: Pick<Addressee, 'toFa' | 'referenceFa'>;
  property: PropertyOnLetter & { landUse: string | null; landArea: number | null; floors: number | null; units: number | null };
  /** The subject's national code, masked (۰۴******۹۹) as the verification page shows it. */
  subjectMasked: string;
  subjectIsOwner: boolean;
  subjectShareDang: number;
  purposeFa: string;
  validUntil: string;
  verifyUrl: string;
}

export function inquiryLetterHtml(f: InquiryLetterFacts): Promise<string> {
  const p = f.property;
  const body = `<p class="text">در پاسخ به «${esc(f.inquiryTypeFa)}» آن مرجع درباره ملک و شخص زیر، بر پایه پرونده ملکی و بدون دخالت کارشناس اعلام می‌شود: پرونده ملک تخلف باز و درخواست در جریانی که پاسخ را تغییر دهد ندارد و آخرین بازدید آن در مهلت مقرر برای این نوع استعلام انجام شده است.</p>

${factsTable([
  ['نوع استعلام', esc(f.inquiryTypeFa)],
  ...propertyRows(p),
  ['کاربری و مساحت', p.landUse ? `${esc(p.landUse)}${p.landArea !== null ? `، ${metres(p.landArea, 'مترمربع')}` : ''}` : null],
  ['طبقات و واحدها', p.floors !== null ? `${fa(p.floors)} طبقه${p.units !== null ? `، ${fa(p.units)} واحد` : ''}` : null],
  ['شخص موضوع استعلام', `کد ملی ${code(f.subjectMasked)}، ${f.subjectIsOwner ? `مالک ${amountFa(f.subjectShareDang)} دانگ` : 'در پرونده مالک ثبت نشده است'}`],
  ['تخلف باز', 'ندارد'],
])}

${decisionSection('confirmed', [])}

${validitySection(`این پاسخ فقط برای «${esc(f.purposeFa)}» و فقط درباره همین ملک و همین شخص صادر شده است و برای منظور دیگری قابل استناد نیست.`, f.validUntil)}`;
  return letterPage(
    {
      ...f,
      subjectHtml: `پاسخ ${esc(f.inquiryTypeFa)}`,
      signer: { name: 'سامانه میز خدمت (پاسخ خودکار)', titleFa: 'از طرف' },
    },
    body,
  );
}

/** Whom the letter is addressed to (the organisation, its branch, its own letter): the letter and its public page say the same. */
function inquiryAddressee(q: InquiryFacts, answer: InstantAnswer) {
  return addresseeOf(
    INQUIRY_TYPES[q.type as InquiryType].serviceCode,
    inquiryForm(q.type as InquiryType, { nameFa: q.client_name_fa, officialCode: q.official_code, cityNameFa: q.city_name_fa }, {
      letterNumber: q.letter_number ?? answer.inReplyTo ?? null, letterDate: q.letter_date, branchName: q.branch_name, branchCode: q.branch_code,
    }),
    '',
  );
}

function inquiryLetterFacts(q: InquiryFacts, page: { serial: string; verifyUrl: string }): InquiryLetterFacts {
  const answer = JSON.parse(q.answer!) as InstantAnswer;
  const type = INQUIRY_TYPES[q.type as InquiryType];
  return {
    ...page,
    letterNumber: answer.letterNumber,
    issuedAt: q.answered_at!,
    district: { number: q.district_number, cityFa: q.city_name_fa },
    inquiryTypeFa: type.titleFa,
    addressee: inquiryAddressee(q, answer),
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
  };
}

/** The instant answer letter's record for the letters service: the public page names the organisation and masks the person and the property. */
function inquiryRecord(q: InquiryFacts): LetterRecord {
  const answer = JSON.parse(q.answer!) as InstantAnswer;
  const type = INQUIRY_TYPES[q.type as InquiryType];
  return {
    letterNumber: answer.letterNumber,
    issuedAt: q.answered_at!,
    owner: { cityId: q.city_id, districtId: q.district_id },
    publicFacts: {
      kindFa: 'پاسخ فوری استعلام',
      decision: 'confirmed',
      decisionFa: DECISION_FA.confirmed!,
      service: { code: type.serviceCode, nameFa: type.titleFa },
      districtNumber: q.district_number,
      addresseeFa: inquiryAddressee(q, answer).toFa,
      subjectNationalCode: masked(q.subject_national_code),
      property: {
        fileNumber: maskedFileNumberFa(q.file_number),
        postalCode: masked(q.postal_code),
        renovationCode: masked(q.renovation_code),
        plateMain: q.plate_main,
        registrySection: q.registry_section,
      },
      validity: { purposeFa: answer.validForFa, until: answer.validUntil, untilFa: jalaliDate(answer.validUntil) },
    },
  };
}

/** The record of an instant answer's letter; null unless the inquiry was answered at once. */
export async function inquiryLetterRecord(db: Db, inquiryId: string): Promise<LetterRecord | null> {
  const q = await findInquiryLetterFacts(db, inquiryId);
  return q ? inquiryRecord(q) : null;
}

export const inquiryLetter = letterKind({
  kind: 'inquiry_answer',
  render: async (db, subject, page) => {
    const q = await findInquiryLetterFacts(db, subject.inquiryId);
    return q ? inquiryLetterHtml(inquiryLetterFacts(q, page)) : null;
  },
});

/** In the answer's transaction, after the inquiry is written answered: queue its letter (serial reserved). */
export async function queueInquiryLetter(trx: Db, inquiryId: string, now: Date): Promise<void> {
  await queueLetter(trx, { kind: 'inquiry_answer', inquiryId }, (await inquiryLetterRecord(trx, inquiryId))!, now);
}

/**
 * The inquiry's letter as the client sees it in the answer: its own (instant answer) or its case's.
 * The serial and number are there from the moment of the answer (reserved with it); the PDF follows
 * within seconds, and GET downloadUrl prints it at once if it is not yet.
 */
export async function inquiryLetterRef(ctx: Ctx, inquiry: { id: string; request_id: string | null; status: string }) {
  if (inquiry.status !== 'answered') return null;
  let ref: { serial: string; letterNumber: string; revokedAt: string | null } | null = null;
  if (inquiry.request_id) {
    const answer = await answerLetterState(ctx, inquiry.request_id);
    if (answer?.serial) ref = { serial: answer.serial, letterNumber: answer.letterNumber, revokedAt: answer.letter?.revoked_at ?? null };
  } else {
    const subject: LetterSubject = { kind: 'inquiry_answer', inquiryId: inquiry.id };
    const { letter, job } = await letterState(ctx, subject);
    const found = letter ?? job;
    if (found) ref = { serial: found.serial, letterNumber: found.letter_number, revokedAt: letter?.revoked_at ?? null };
  }
  if (!ref) return null;
  return { ...ref, verifyUrl: `${publicBaseUrl(ctx)}/verify/${ref.serial}`, downloadUrl: `/api/v1/inquiries/${inquiry.id}/letter` };
}

/** An answered inquiry's letter for the client that asked (the caller has checked it is theirs). */
export async function downloadInquiryLetter(ctx: Ctx, inquiry: { id: string; request_id: string | null }): Promise<LetterDownload> {
  const none = () => new AppError('NOT_FOUND', { message: 'The inquiry has no answer yet', messageFa: 'این استعلام هنوز پاسخ داده نشده است' });
  const file = inquiry.request_id
    ? await answerLetterFile(ctx, inquiry.request_id, none)
    : await letterFile(ctx, { kind: 'inquiry_answer', inquiryId: inquiry.id }, () => inquiryLetterRecord(ctx.db, inquiry.id), none);
  if ('printing' in file) return file;
  return { bytes: file.bytes, sha256: file.letter.sha256, fileName: `inquiry-answer-${file.letter.letter_number.replace(/\//g, '-')}.pdf` };
}

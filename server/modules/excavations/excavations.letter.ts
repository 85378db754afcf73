/**
 * The excavation permit letter (مجوز حفاری): the PDF a utility's contractor digs the street with,
 * addressed to the utility. The permit owns its letter's facts, page and public facts; the letters
 * service numbers, prints, stores, verifies and revokes it (decision 0027). Queued with the
 * approval, printed right after by the letter job.
 */
import { ROLE_TITLES_FA, type Role } from '../../../contracts/roles.js';
import type { Db } from '../../db/database.js';
import type { Ctx } from '../../platform/context.js';
import type { Actor } from '../../platform/actor.js';
import { AppError } from '../../platform/errors.js';
import { auditRead } from '../../platform/audit.js';
import { amountFa, code, DECISION_FA, decisionSection, esc, fa, factsTable, jalaliDate, type LetterDownload, letterFile, letterKind, letterPage, type LetterRecord, metres, queueLetter, validitySection } from '../letters/index.js';
import { STREET_TYPE_FA, trenchArea } from './excavations.rules.js';

const PERMIT_LETTER_FA = 'مجوز حفاری معبر';

/** Everything printed on an approved permit's letter; undefined unless the permit is approved. */
function findPermitFacts(db: Db, excavationId: string) {
  return db
    .selectFrom('excavation_permits')
    .innerJoin('api_clients', 'api_clients.id', 'excavation_permits.client_id')
    .innerJoin('districts', 'districts.id', 'excavation_permits.district_id')
    .innerJoin('cities', 'cities.id', 'districts.city_id')
    .innerJoin('staff', 'staff.id', 'excavation_permits.decided_by')
    .selectAll('excavation_permits')
    .select([
      'api_clients.name_fa as client_name_fa', 'districts.number as district_number', 'cities.name_fa as city_name_fa',
      'staff.first_name as signer_first_name', 'staff.last_name as signer_last_name', 'staff.role as signer_role',
    ])
    .where('excavation_permits.id', '=', excavationId)
    .where('excavation_permits.status', '=', 'approved')
    .executeTakeFirst();
}
type PermitFacts = NonNullable<Awaited<ReturnType<typeof findPermitFacts>>>;

/** What the permit letter prints. */
export interface PermitLetterFacts {
  serial: string;
  letterNumber: string;
  /** When the district approved (ISO instant): the letter's date. */
  issuedAt: string;
  trackingCode: string;
  district: { number: number; cityFa: string };
  utilityFa: string;
  purpose: string;
  streetTypeFa: string;
  lengthMeters: number;
  widthMeters: number;
  depthMeters: number;
  areaSquareMeters: number;
  startDate: string;
  endDate: string;
  contractor: { name: string; mobile: string };
  feeRials: number;
  tariffRialsPerMeter: number;
  note: string;
  conditions: string[];
  signer: { name: string; titleFa: string };
  verifyUrl: string;
}

export function permitLetterHtml(f: PermitLetterFacts): Promise<string> {
  const body = `<p class="text">با درخواست آن شرکت برای حفاری معبر به منظور «${fa(f.purpose)}» با مشخصات زیر موافقت می‌شود.
${fa(f.note)}</p>

${factsTable([
  ['کد رهگیری', code(f.trackingCode)],
  ['نوع معبر', esc(f.streetTypeFa)],
  ['طول مسیر', metres(f.lengthMeters)],
  ['عرض و عمق', `${metres(f.widthMeters)} × ${metres(f.depthMeters)}`],
  ['مساحت', metres(f.areaSquareMeters, 'مترمربع')],
  ['مدت', `از ${fa(jalaliDate(f.startDate))} تا ${fa(jalaliDate(f.endDate))}`],
  ['پیمانکار', `${esc(f.contractor.name)}، ${code(f.contractor.mobile)}`],
  ['هزینه ترمیم', `${amountFa(f.feeRials)} ریال (${amountFa(f.tariffRialsPerMeter)} ریال برای هر متر)`],
])}

${decisionSection('approved', f.conditions)}

${validitySection('این مجوز فقط برای حفاری در همین مسیر، با همین ابعاد و در همین مدت معتبر است.', f.endDate)}`;
  return letterPage(
    { ...f, addressee: { toFa: f.utilityFa, referenceFa: null }, subjectHtml: `مجوز حفاری معبر، کد رهگیری ${code(f.trackingCode)}` },
    body,
  );
}

function permitLetterFacts(p: PermitFacts, page: { serial: string; verifyUrl: string }): PermitLetterFacts {
  return {
    ...page,
    letterNumber: p.letter_number!,
    issuedAt: p.decided_at!,
    trackingCode: p.tracking_code,
    district: { number: p.district_number, cityFa: p.city_name_fa },
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
    conditions: JSON.parse(p.conditions ?? '[]') as string[],
    signer: { name: `${p.signer_first_name} ${p.signer_last_name}`, titleFa: ROLE_TITLES_FA[p.signer_role as Role] ?? p.signer_role },
  };
}

/** The permit letter's record for the letters service: what the public page shows is the utility, the district, the purpose and the period. */
function permitRecord(p: PermitFacts): LetterRecord {
  return {
    letterNumber: p.letter_number!,
    issuedAt: p.decided_at!,
    owner: { cityId: p.city_id, districtId: p.district_id },
    publicFacts: {
      kindFa: PERMIT_LETTER_FA,
      decision: 'approved',
      decisionFa: DECISION_FA.approved!,
      service: { code: 'excavation_permit', nameFa: PERMIT_LETTER_FA },
      districtNumber: p.district_number,
      addresseeFa: p.client_name_fa,
      property: null,
      validity: { purposeFa: `حفاری معبر به منظور «${p.purpose}»`, until: p.end_date, untilFa: jalaliDate(p.end_date) },
    },
  };
}

/** The record of an approved permit's letter; null unless the permit is approved. */
export async function permitLetterRecord(db: Db, excavationId: string): Promise<LetterRecord | null> {
  const p = await findPermitFacts(db, excavationId);
  return p ? permitRecord(p) : null;
}

export const permitLetter = letterKind({
  kind: 'excavation_permit',
  render: async (db, subject, page) => {
    const p = await findPermitFacts(db, subject.excavationId);
    return p ? permitLetterHtml(permitLetterFacts(p, page)) : null;
  },
});

/** In the approval's transaction, after the permit is written approved: queue its letter. */
export async function queuePermitLetter(trx: Db, excavationId: string, now: Date): Promise<void> {
  await queueLetter(trx, { kind: 'excavation_permit', excavationId }, (await permitLetterRecord(trx, excavationId))!, now);
}

/**
 * An approved permit's letter. The caller has checked the permit: the client's own (no actor: the
 * API call is audited as such) or in the staff member's scope (the download is audited here).
 */
export async function downloadPermitLetter(ctx: Ctx, actor: Actor | null, excavationId: string): Promise<LetterDownload> {
  const none = () => new AppError('NOT_FOUND', { message: 'The permit is not approved', messageFa: 'این درخواست حفاری تأیید نشده و مجوزی ندارد' });
  const file = await letterFile(ctx, { kind: 'excavation_permit', excavationId }, () => permitLetterRecord(ctx.db, excavationId), none);
  if ('printing' in file) return file;
  if (actor) await auditRead(ctx.db, actor, { action: 'letter.download', entityType: 'letter', entityId: file.letter.id, details: { excavationId } }, ctx.clock.now());
  return { bytes: file.bytes, sha256: file.letter.sha256, fileName: `excavation-permit-${file.letter.serial}.pdf` };
}

/**
 * Synthetic data at scale (decision 0042): `npm run seed:synthetic -- --cases N --cities K`.
 * Into an empty, migrated database it writes K cities, each with districts, desks and their staff
 * (operators, managers, reviewers, approvers, follow-up officers, inspectors of each specialty),
 * the catalog, holidays and restoration tariffs, a bank, a notary office and an agency calling the
 * inquiry API; a population of persons (about one for every three cases, Persian names, valid
 * national codes) owning property files (about one for every 1.5 cases); and N cases made by the
 * history generator (seed/history.ts: timelines through each service's workflow, inspections,
 * answers), with beside them the audit rows of every step (one chain), the letters of the answers
 * handed over (their records, not PDFs) and the inquiries that opened the inquiry cases.
 * Skew, as a country has it: cities, districts and desks draw cases by Zipf-like weights (the
 * busiest desk takes several times the median's), and months by season. The same seed and `now`
 * give the same rows. Rows go in through seed/bulk.ts (one transaction; COPY on PostgreSQL); the
 * rollups are rebuilt at the end.
 */
import { createHash } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { sql, type Insertable } from 'kysely';
import { isPostgres, type Db } from '../db/database.js';
import { ensurePartitionYears } from '../db/partitions.js';
import type { AuditLogTable } from '../db/schema.js';
import type { Role } from '../../contracts/roles.js';
import { SPECIALTIES } from '../../contracts/roles.js';
import { FILE_NUMBER_CITY_FA, formatFileNumber, maskedFileNumberFa } from '../../contracts/fileNumber.js';
import { inquiryTypeOfService, type InquiryType } from '../modules/inquiries/index.js';
import { DECISION_FA, addresseeOf, jalaliDate, masked, type LetterPublicFacts } from '../modules/letters/index.js';
import { writeYearList } from '../modules/calendar/index.js';
import { loadHolidays } from '../modules/calendar/index.js';
import { hashPassword } from '../modules/auth/index.js';
import { rebuildRollups } from '../modules/reports/index.js';
import { rebuildOpenVisits } from '../modules/requests/index.js';
import { auditLinkHash, auditRowHash, type AuditContent } from '../platform/audit.js';
import { toJalali, tehranDate } from '../platform/calendar.js';
import { searchKey } from '../platform/normalize.js';
import { mulberry32, weightedDraw } from '../platform/random.js';
import { openBulkWriter, type BulkTarget, type Row } from './bulk.js';
import {
  historyService, jalaliMonthStart, simulateHistory,
  type HistoryBatch, type HistoryDesk, type HistoryInspector, type HistoryPerson, type HistoryProperty, type HistorySource, type HistoryStaff,
} from './history.js';
import { FAMILY_NAMES, FEMALE_FIRST_NAMES, MALE_FIRST_NAMES, toPersianDigits } from './persian-names.js';
import { DEMO_PASSWORD, OPENING_HOURS_FA, catalogRows, seedExcavationTariffs } from './seed.js';
import { nationalCodeCheckDigit } from './isfahan.data.js';

export interface SyntheticOptions {
  cases: number;
  cities: number;
  /** Months of history before `now` (and this month so far). */
  months: number;
  seed: number;
  now: Date;
  /** Told the cases made so far (of `cases`). */
  onProgress?: (cases: number) => void;
}

export interface SyntheticResult {
  cities: number; districts: number; desks: number; staff: number; persons: number; properties: number;
  cases: number; open: number; events: number; inspections: number; responses: number; letters: number; inquiries: number; audit: number;
  /** Seconds making and writing rows (wall clock, and this process's CPU), and rebuilding the rollups. */
  loadSeconds: number; loadCpuSeconds: number; rollupSeconds: number;
}

/** Cities the generator can make, with their file-number code, names (the Persian one as their file numbers carry it), province and centre. */
export const SYNTHETIC_CITIES = [
  { code: 'ISFAHAN', nameFa: FILE_NUMBER_CITY_FA.ISFAHAN!, nameEn: 'Isfahan', provinceFa: 'اصفهان', at: [32.654, 51.668] },
  { code: 'MASHHAD', nameFa: FILE_NUMBER_CITY_FA.MASHHAD!, nameEn: 'Mashhad', provinceFa: 'خراسان رضوی', at: [36.297, 59.606] },
  { code: 'SHIRAZ', nameFa: FILE_NUMBER_CITY_FA.SHIRAZ!, nameEn: 'Shiraz', provinceFa: 'فارس', at: [29.591, 52.584] },
  { code: 'TABRIZ', nameFa: FILE_NUMBER_CITY_FA.TABRIZ!, nameEn: 'Tabriz', provinceFa: 'آذربایجان شرقی', at: [38.08, 46.292] },
  { code: 'KARAJ', nameFa: FILE_NUMBER_CITY_FA.KARAJ!, nameEn: 'Karaj', provinceFa: 'البرز', at: [35.84, 50.939] },
  { code: 'QOM', nameFa: FILE_NUMBER_CITY_FA.QOM!, nameEn: 'Qom', provinceFa: 'قم', at: [34.64, 50.876] },
  { code: 'AHVAZ', nameFa: FILE_NUMBER_CITY_FA.AHVAZ!, nameEn: 'Ahvaz', provinceFa: 'خوزستان', at: [31.318, 48.671] },
  { code: 'KERMANSHAH', nameFa: FILE_NUMBER_CITY_FA.KERMANSHAH!, nameEn: 'Kermanshah', provinceFa: 'کرمانشاه', at: [34.314, 47.065] },
  { code: 'URMIA', nameFa: FILE_NUMBER_CITY_FA.URMIA!, nameEn: 'Urmia', provinceFa: 'آذربایجان غربی', at: [37.552, 45.076] },
  { code: 'RASHT', nameFa: FILE_NUMBER_CITY_FA.RASHT!, nameEn: 'Rasht', provinceFa: 'گیلان', at: [37.281, 49.583] },
  { code: 'KERMAN', nameFa: FILE_NUMBER_CITY_FA.KERMAN!, nameEn: 'Kerman', provinceFa: 'کرمان', at: [30.283, 57.083] },
  { code: 'YAZD', nameFa: FILE_NUMBER_CITY_FA.YAZD!, nameEn: 'Yazd', provinceFa: 'یزد', at: [31.897, 54.357] },
  { code: 'HAMEDAN', nameFa: FILE_NUMBER_CITY_FA.HAMEDAN!, nameEn: 'Hamedan', provinceFa: 'همدان', at: [34.799, 48.515] },
  { code: 'ARAK', nameFa: FILE_NUMBER_CITY_FA.ARAK!, nameEn: 'Arak', provinceFa: 'مرکزی', at: [34.092, 49.689] },
  { code: 'ZANJAN', nameFa: FILE_NUMBER_CITY_FA.ZANJAN!, nameEn: 'Zanjan', provinceFa: 'زنجان', at: [36.676, 48.485] },
  { code: 'SARI', nameFa: FILE_NUMBER_CITY_FA.SARI!, nameEn: 'Sari', provinceFa: 'مازندران', at: [36.563, 53.06] },
] as const;

/** Intakes by Jalali month: building season from spring to autumn, quiet around Nowruz and in winter. */
const SEASON = [0.8, 1.15, 1.25, 1.25, 1.2, 1.1, 1.05, 1.0, 0.9, 0.8, 0.8, 0.7] as const;
/** Zipf exponents: how unequal cities, desks and districts are. */
const CITY_SKEW = 0.8;
const DESK_SKEW = 0.7;
/** Share of the inquiry services' cases opened by an API client rather than at a desk. */
const INQUIRY_BY_API = 0.4;
const STREETS = ['خیابان امام خمینی', 'خیابان آزادی', 'بلوار کشاورز', 'خیابان انقلاب', 'خیابان طالقانی', 'بلوار جمهوری', 'خیابان شریعتی', 'خیابان فردوسی', 'بلوار بهشتی', 'خیابان حافظ', 'خیابان سعدی', 'بلوار معلم'];
const LAND_USES = ['مسکونی', 'مسکونی', 'مسکونی', 'تجاری', 'اداری', 'آموزشی'];
const CLIENTS = [
  { kind: 'bank' as const, nameFa: 'بانک ملی ایران، شعبه مرکزی', scopes: ['bank'] },
  { kind: 'notary' as const, nameFa: 'دفتر اسناد رسمی شماره ۱۲', scopes: ['notary_transfer'] },
  { kind: 'agency' as const, nameFa: 'اداره کل ثبت اسناد و املاک استان', scopes: ['agency'] },
];

/** Weights 1/rank^s for `n` items, ranks dealt at random. */
function zipf(n: number, s: number, random: () => number): number[] {
  const ranks = Array.from({ length: n }, (_, i) => i + 1);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [ranks[i], ranks[j]] = [ranks[j]!, ranks[i]!];
  }
  return ranks.map((r) => 1 / r ** s);
}

/** Whole parts of `total` in proportion to `weights` (largest remainders), each at least `min`. */
function apportion(total: number, weights: readonly number[], min = 0): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const rest = total - min * weights.length;
  const exact = weights.map((w) => (rest * w) / sum);
  const parts = exact.map((x) => Math.floor(x) + min);
  let left = total - parts.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0]);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) parts[order[k]![1]]!++;
  return parts;
}

export async function generateSynthetic(db: Db, target: BulkTarget, opts: SyntheticOptions): Promise<SyntheticResult> {
  if (opts.cities < 1 || opts.cities > SYNTHETIC_CITIES.length) throw new Error(`--cities must be 1 to ${SYNTHETIC_CITIES.length}`);
  if (await db.selectFrom('cities').select('id').limit(1).executeTakeFirst()) throw new Error('the database is not empty: synthetic data goes into a fresh, migrated database');
  const started = performance.now();
  const cpu = process.cpuUsage();
  const random = mulberry32(opts.seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const between = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const digits = (n: number) => {
    let s = '';
    for (let i = 0; i < n; i++) s += String(Math.floor(random() * 10));
    return s;
  };
  const idAt = (ms: number) => {
    const b = new Uint8Array(16);
    for (let i = 0; i < 16; i++) b[i] = Math.floor(random() * 256);
    return uuidv7({ msecs: ms, random: b });
  };
  const from = jalaliMonthStart(opts.now, opts.months);
  const at = new Date(from.getTime() - 30 * 86_400_000).toISOString();
  const atMs = Date.parse(at);
  const passwordHash = await hashPassword(DEMO_PASSWORD);

  const usedNationalCodes = new Set<string>();
  const nationalCode = () => {
    for (;;) {
      const body = String(between(1, 9)) + digits(8);
      const code = body + String(nationalCodeCheckDigit(body));
      if (!usedNationalCodes.has(code) && !/^(\d)\1{9}$/.test(code)) {
        usedNationalCodes.add(code);
        return code;
      }
    }
  };
  const identity = () => {
    const female = random() < 0.35;
    return { first: pick(female ? FEMALE_FIRST_NAMES : MALE_FIRST_NAMES), last: pick(FAMILY_NAMES), nationalCode: nationalCode(), mobile: `09${pick(['12', '13', '19', '35', '36', '01', '02'])}${digits(7)}` };
  };

  // ------------------------------------------------------------ the organisation of every city (small: through Kysely)
  const cityShares = apportion(opts.cases, zipf(opts.cities, CITY_SKEW, random).sort((a, b) => b - a));
  const holidaysYears = new Set<number>();
  for (let t = from.getTime(); t <= opts.now.getTime() + 400 * 86_400_000; t += 20 * 86_400_000) holidaysYears.add(toJalali(tehranDate(new Date(t))).year);
  let govCode = 20_000_000 + between(0, 999_999);
  const staffOffice = new Map<string, string | null>();
  const nationalCodeOf = new Map<string, string>();
  const sources: { source: HistorySource; cases: number; deskWeights: number[]; desks: HistoryDesk[]; propertiesOf: Map<string, HistoryProperty[]>; clients: Map<InquiryType, string>; fileNumbers: Map<string, { fileNumber: string; postalCode: string; renovationCode: string; plateMain: number; section: number }> }[] = [];
  const totals = { districts: 0, desks: 0, staff: 0 };
  const personRows: Row<'persons'>[] = [];
  const propertyRows: Row<'properties'>[] = [];
  const ownerRows: Row<'property_owners'>[] = [];

  for (let k = 0; k < opts.cities; k++) {
    const c = SYNTHETIC_CITIES[k]!;
    const cases = cityShares[k]!;
    const cityId = idAt(atMs);
    // A city's size is its cases a year: ten years of history make ten times the cases, not the desks.
    const casesAYear = (cases * 12) / opts.months;
    const districtCount = Math.max(3, Math.min(22, Math.round(4 + Math.sqrt(casesAYear / 2_000))));
    const districts = Array.from({ length: districtCount }, (_, i) => ({ id: idAt(atMs), number: i + 1, size: 0.5 + random() * 1.5, lat: c.at[0] + (random() - 0.5) * 0.12, lng: c.at[1] + (random() - 0.5) * 0.12 }));
    const desks: HistoryDesk[] = [];
    const staff: Row<'staff'>[] = [];
    const addStaff = (role: Role, username: string, officeId: string | null, districtId: string | null, specialty: string | null = null): HistoryStaff => {
      const p = identity();
      const id = idAt(atMs);
      staff.push({
        id, city_id: cityId, username, password_hash: passwordHash, first_name: p.first, last_name: p.last, national_code: p.nationalCode, mobile: p.mobile,
        role, office_id: officeId, district_id: districtId, specialty, active: 1, created_at: at, updated_at: at,
        covers_district_ids: '[]', daily_visit_cap: 12, starts_from: 'office', home_lat: null, home_lng: null,
      });
      staffOffice.set(id, officeId);
      return { id, role, name: `${p.first} ${p.last}` };
    };
    const code = c.code.toLowerCase();
    const operators = new Map<string, HistoryStaff[]>();
    const managers = new Map<string, HistoryStaff[]>();
    const reviewers = new Map<string, HistoryStaff[]>();
    const approvers = new Map<string, HistoryStaff[]>();
    const inspectors: HistoryInspector[] = [];
    const offices: Row<'offices'>[] = [];
    // Desks: one for about every 1,500 cases a year of the city, spread unevenly over districts.
    const deskCount = Math.max(districtCount * 3, Math.round(casesAYear / 1_500));
    const deskParts = apportion(deskCount, districts.map((d) => d.size), 1);
    for (const d of districts) {
      for (let n = 0; n < deskParts[d.number - 1]!; n++) {
        const id = idAt(atMs);
        const gov = String(govCode++);
        offices.push({
          id, city_id: cityId, district_id: d.id, gov_code: gov, name_fa: `دفتر پیشخوان خدمات دولت ${c.nameFa} کد ${gov}`, address_fa: `${c.nameFa}، ${pick(STREETS)}، پلاک ${between(1, 400)}`,
          phone: `0${between(11, 87)}${digits(8)}`, status: 'active', opening_hours_fa: pick(OPENING_HOURS_FA), created_at: at, updated_at: at,
        });
        desks.push({ id, districtId: d.id });
        operators.set(id, [addStaff('office_operator', `${code}-o${gov}-op1`, id, d.id), addStaff('office_operator', `${code}-o${gov}-op2`, id, d.id)]);
        managers.set(id, [addStaff('office_manager', `${code}-o${gov}-manager`, id, d.id)]);
      }
      reviewers.set(d.id, [addStaff('district_reviewer', `${code}-d${d.number}-reviewer1`, null, d.id), addStaff('district_reviewer', `${code}-d${d.number}-reviewer2`, null, d.id)]);
      approvers.set(d.id, [addStaff('district_approver', `${code}-d${d.number}-approver`, null, d.id)]);
      addStaff('followup_officer', `${code}-d${d.number}-followup1`, null, d.id);
      for (const [i, specialty] of [...SPECIALTIES, pick(SPECIALTIES)].entries()) {
        inspectors.push({ ...addStaff('inspector', `${code}-d${d.number}-inspector${i + 1}`, null, d.id, specialty), districtId: d.id, specialty });
      }
    }
    addStaff('city_admin', `${code}-admin`, null, null);
    addStaff('auditor', `${code}-auditor`, null, null);
    const services = catalogRows(cityId, at, () => idAt(atMs));
    const clients = new Map<InquiryType, string>();
    const clientRows = CLIENTS.map((cl) => {
      const id = idAt(atMs);
      for (const s of cl.scopes) clients.set(s as InquiryType, id);
      return {
        id, city_id: cityId, kind: cl.kind, name_fa: cl.nameFa, official_code: digits(6), allowed_ips: null, rate_limit_per_minute: 600,
        webhook_url: null, webhook_secret: null, webhook_events: '[]', active: 1, created_at: at, updated_at: at,
      };
    });

    await db.transaction().execute(async (trx) => {
      await trx.insertInto('cities').values({ id: cityId, code, name_fa: c.nameFa, name_en: c.nameEn, province_fa: c.provinceFa, created_at: at }).execute();
      await seedExcavationTariffs(trx, cityId, at);
      await trx.insertInto('districts').values(districts.map((d) => ({
        id: d.id, city_id: cityId, number: d.number, name_fa: `منطقه ${toPersianDigits(d.number)}`, name_en: `District ${d.number}`,
        address_fa: `${c.nameFa}، ${pick(STREETS)}، ساختمان شهرداری منطقه ${toPersianDigits(d.number)}`, phone: `0${between(11, 87)}${digits(8)}`,
        office_lat: Math.round(d.lat * 1e6) / 1e6, office_lng: Math.round(d.lng * 1e6) / 1e6,
      }))).execute();
      for (let i = 0; i < offices.length; i += 200) await trx.insertInto('offices').values(offices.slice(i, i + 200)).execute();
      await trx.insertInto('services').values(services).execute();
      const offered = offices.flatMap((o) => services.map((s) => ({ office_id: o.id, service_id: s.id })));
      for (let i = 0; i < offered.length; i += 500) await trx.insertInto('office_services').values(offered.slice(i, i + 500)).execute();
      for (let i = 0; i < staff.length; i += 200) await trx.insertInto('staff').values(staff.slice(i, i + 200)).execute();
      await trx.insertInto('api_clients').values(clientRows).execute();
      for (const year of holidaysYears) await writeYearList(trx, cityId, year, opts.now);
    });
    totals.districts += districts.length;
    totals.desks += desks.length;
    totals.staff += staff.length;

    // ------------------------------------------------------------ persons and property files (bulk, below)
    const persons: HistoryPerson[] = [];
    for (let i = 0, n = Math.max(10, Math.round(cases / 3)); i < n; i++) {
      const p = identity();
      const id = idAt(atMs);
      personRows.push({
        id, kind: 'natural', national_code: p.nationalCode, first_name: p.first, last_name: p.last, father_name: pick(MALE_FIRST_NAMES), company_name: null,
        mobile: p.mobile, search_text: searchKey(`${p.first} ${p.last}`), created_by_office_id: null, created_at: at, updated_at: at,
      });
      persons.push({ id, nationalCode: p.nationalCode, name: `${p.first} ${p.last}`, mobile: p.mobile });
      nationalCodeOf.set(id, p.nationalCode);
    }
    // Cases come to desks by weight; a district's files are in proportion to its desks' share.
    const deskWeights = zipf(desks.length, DESK_SKEW, random);
    const districtWeight = new Map<string, number>();
    desks.forEach((d, i) => districtWeight.set(d.districtId, (districtWeight.get(d.districtId) ?? 0) + deskWeights[i]!));
    const propertyParts = apportion(Math.max(districts.length, Math.round(cases / 1.5)), districts.map((d) => districtWeight.get(d.id) ?? 0), 1);
    const propertiesOf = new Map<string, HistoryProperty[]>();
    const fileNumbers = new Map<string, { fileNumber: string; postalCode: string; renovationCode: string; plateMain: number; section: number }>();
    const admin = staff.find((s) => s.role === 'city_admin')!;
    let seq = 0;
    for (const d of districts) {
      const list: HistoryProperty[] = [];
      for (let i = 0; i < propertyParts[d.number - 1]!; i++) {
        seq++;
        const id = idAt(atMs);
        const lat = Math.round((d.lat + (random() - 0.5) * 0.03) * 1e6) / 1e6;
        const lng = Math.round((d.lng + (random() - 0.5) * 0.03) * 1e6) / 1e6;
        const address = `${c.nameFa}، ${pick(STREETS)}، کوچه ${toPersianDigits(between(1, 60))}، پلاک ${toPersianDigits(between(1, 250))}`;
        const facts = {
          fileNumber: formatFileNumber(c.code, seq),
          // Unique within the city by construction: the sequence is in each identifier.
          postalCode: `${between(1, 9)}${String(seq).padStart(8, '0')}${between(1, 9)}`,
          renovationCode: `${d.number}-${Math.floor(seq / 80) + 1}-${(seq % 80) + 1}-0-0-0`,
          plateMain: seq, section: between(1, 20),
        };
        const landUse = pick(LAND_USES);
        const floors = landUse === 'مسکونی' ? between(1, 6) : between(1, 4);
        propertyRows.push({
          id, city_id: cityId, district_id: d.id, file_number: facts.fileNumber, renovation_code: facts.renovationCode, plate_main: facts.plateMain, plate_sub: between(1, 999),
          registry_section: facts.section, postal_code: facts.postalCode, address, lat, lng, land_area: between(8_000, 60_000) / 100, land_use: landUse, floors, units: floors * between(1, 2),
          search_text: searchKey(address), created_by_office_id: null, created_by_staff_id: admin.id, version: 1, created_at: at, updated_at: at,
        });
        const owners = random() < 0.75 ? [pick(persons)] : [...new Set([pick(persons), pick(persons), ...(random() < 0.2 ? [pick(persons)] : [])])];
        const shares = apportion(6000, owners.map(() => 1));
        owners.forEach((o, n) => ownerRows.push({ property_id: id, person_id: o.id, share_milli_dang: shares[n]! }));
        fileNumbers.set(id, facts);
        list.push({ id, districtId: d.id, lat, lng, owners });
      }
      propertiesOf.set(d.id, list);
    }
    const desksOf = new Map<string, HistoryDesk[]>();
    for (const d of desks) desksOf.set(d.districtId, [...(desksOf.get(d.districtId) ?? []), d]);
    sources.push({
      cases, deskWeights, desks, propertiesOf, clients, fileNumbers,
      source: {
        // Letter numbers (year/district/sequence) are unique within a city: every city has its district 1.
        cityId, place: { cityFa: c.nameFa, provinceFa: c.provinceFa }, holidays: await loadHolidays(db, cityId), districtNumber: new Map(districts.map((d) => [d.id, d.number])),
        services: services.map(historyService), offered: new Set(offices.flatMap((o) => services.map((s) => `${o.id}|${s.id}`))),
        desksOf, operators, managers, reviewers, approvers, inspectors, properties: [...propertiesOf.values()].flat(),
        usedCodes: new Set(), counters: new Map(),
      },
    });
  }

  // ------------------------------------------------------------ the bulk: persons, files, cases and what goes with them
  // The audit rows are written sealed (decision 0036): numbered after any row there, chained after the head.
  const head = await db.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirstOrThrow();
  let chainSeq = Number(head.seq);
  let auditPrev = head.hash;
  let auditSeq = Number((await db.selectFrom('audit_log').select((eb) => eb.fn.max('seq').as('seq')).executeTakeFirst())?.seq ?? 0);
  // The timelines' years made before their lines are written (db/partitions.ts); a line of a year with no partition would sit unpruned in the default one.
  await ensurePartitionYears(db, from.getUTCFullYear(), opts.now.getUTCFullYear() + 1);
  const counts = { persons: personRows.length, properties: propertyRows.length, cases: 0, open: 0, events: 0, inspections: 0, responses: 0, letters: 0, inquiries: 0, audit: 0 };
  const writer = await openBulkWriter(target, db, ['persons', 'properties', 'property_owners', 'requests', 'request_events', 'inspections', 'responses', 'letters', 'inquiries', 'audit_log']);
  const usedCodes = new Set<string>();
  /** What the letter of a delivered case shows, kept from its case row until its answer is numbered. */
  /** Inquiries that opened a case, kept until the case's answer is issued. */
  const awaitingAnswer = new Map<string, Row<'inquiries'>>();
  const awaitingLetter = new Map<string, { cityId: string; districtId: string; publicFacts: Omit<LetterPublicFacts, 'decision' | 'decisionFa' | 'validity'>; purposeFa: string }>();
  try {
    for (let i = 0; i < personRows.length; i += 5000) await writer.write('persons', personRows.slice(i, i + 5000));
    for (let i = 0; i < propertyRows.length; i += 5000) await writer.write('properties', propertyRows.slice(i, i + 5000));
    for (let i = 0; i < ownerRows.length; i += 5000) await writer.write('property_owners', ownerRows.slice(i, i + 5000));
    personRows.length = propertyRows.length = ownerRows.length = 0;

    for (const [k, city] of sources.entries()) {
      // One set of tracking codes for the country: the public page finds a case by its code alone.
      city.source.usedCodes = usedCodes;
      const drawDesk = weightedDraw(city.deskWeights, random);
      const made = counts.cases;
      const serviceCode = new Map(city.source.services.map((s) => [s.id, s]));
      const districtNumber = city.source.districtNumber;
      const totalsOfCity = await simulateHistory(
        city.source,
        {
          cases: city.cases, from, now: opts.now, seed: (opts.seed * 31 + k) >>> 0,
          season: (month) => SEASON[month - 1]!,
          pickCase: (r) => {
            const desk = city.desks[drawDesk()]!;
            const list = city.propertiesOf.get(desk.districtId)!;
            return { desk, property: list[Math.floor(r() * list.length)]! };
          },
        },
        async (batch: HistoryBatch) => {
          const audit = auditRows(batch.events, batch.requests);
          for (const q of batch.requests) {
            if (q.state !== 'delivered') continue;
            const service = serviceCode.get(q.service_id)!;
            const f = city.fileNumbers.get(q.property_id)!;
            const addressee = addresseeOf(service.code, JSON.parse(q.form) as Record<string, unknown>, '');
            awaitingLetter.set(q.id, {
              cityId: q.city_id, districtId: q.district_id, purposeFa: service.purposeFa,
              publicFacts: {
                kindFa: 'پاسخ نهایی درخواست', service: { code: service.code, nameFa: service.nameFa }, districtNumber: districtNumber.get(q.district_id)!,
                addresseeFa: addressee.institution ? addressee.toFa : null,
                property: { fileNumber: maskedFileNumberFa(f.fileNumber), postalCode: masked(f.postalCode), renovationCode: masked(f.renovationCode), plateMain: f.plateMain, registrySection: f.section },
              },
            });
          }
          const letters: Row<'letters'>[] = [];
          for (const r of batch.responses) {
            const facts = awaitingLetter.get(r.request_id);
            if (!facts || !r.delivered_at) continue;
            awaitingLetter.delete(r.request_id);
            const publicFacts: LetterPublicFacts = {
              ...facts.publicFacts, decision: r.decision, decisionFa: DECISION_FA[r.decision] ?? r.decision,
              validity: { purposeFa: facts.purposeFa, until: r.valid_until ?? null, untilFa: r.valid_until ? jalaliDate(r.valid_until) : null },
            };
            letters.push({
              id: idAt(Date.parse(r.issued_at)), serial: serial(), request_id: r.request_id, response_id: r.id, excavation_id: null, inquiry_id: null, kind: 'final_answer',
              letter_number: r.letter_number, sha256: createHash('sha256').update(r.id).digest('hex'), size_bytes: between(60_000, 90_000),
              issued_at: r.issued_at, created_at: r.issued_at, revoked_at: null, revoked_by: null, revoke_reason: null,
              public_facts: JSON.stringify(publicFacts), city_id: facts.cityId, district_id: facts.districtId,
            });
          }
          for (const q of batch.requests) {
            const type = inquiryTypeOfService(q.service_code);
            if (!type || random() >= INQUIRY_BY_API) continue;
            awaitingAnswer.set(q.id, {
              id: idAt(Date.parse(q.created_at) - 1000), client_id: city.clients.get(type)!, type, idempotency_key: null, fingerprint: createHash('sha256').update(q.id).digest('hex'),
              status: 'pending', property_id: q.property_id, subject_national_code: nationalCodeOf.get(q.applicant_person_id)!, request_id: q.id, answer: null, created_at: q.created_at, answered_at: null,
              letter_number: `${between(100, 999)}/${between(1, 9)}/ص`, letter_date: tehranDate(new Date(q.created_at)), branch_name: null, branch_code: null,
              city_id: q.city_id, district_id: q.district_id,
            });
          }
          // An inquiry is answered with its case's final answer, as the inquiry service's settling pass does.
          const inquiries: Row<'inquiries'>[] = [];
          for (const r of batch.responses) {
            const inquiry = awaitingAnswer.get(r.request_id);
            if (!inquiry) continue;
            awaitingAnswer.delete(r.request_id);
            inquiries.push({
              ...inquiry, status: 'answered', answered_at: r.issued_at,
              answer: JSON.stringify({ decision: r.decision === 'approved' ? 'confirmed' : 'refused', letterNumber: r.letter_number, text: r.text, conditions: JSON.parse(r.conditions ?? '[]') as string[], validUntil: r.valid_until ?? null }),
            });
          }
          await writer.write('requests', batch.requests);
          await writer.write('request_events', batch.events);
          await writer.write('inspections', batch.inspections);
          await writer.write('responses', batch.responses);
          await writer.write('letters', letters);
          await writer.write('inquiries', inquiries);
          await writer.write('audit_log', audit);
          counts.letters += letters.length;
          counts.inquiries += inquiries.length;
          counts.audit += audit.length;
          counts.cases += batch.requests.length;
          opts.onProgress?.(counts.cases);
          // SQLite's writes are synchronous: without a turn of the event loop between batches no
          // timer runs, and the progress bar (redrawn on a timer when stderr is not a terminal)
          // stood at 0% for the whole 10^6 load.
          await new Promise((resolve) => setImmediate(resolve));
        },
      );
      // The inquiries whose case has no answer yet are still pending.
      const pending = [...awaitingAnswer.values()];
      awaitingAnswer.clear();
      await writer.write('inquiries', pending);
      counts.inquiries += pending.length;
      counts.cases = made + totalsOfCity.cases;
      counts.open += totalsOfCity.open;
      counts.events += totalsOfCity.events;
      counts.inspections += totalsOfCity.inspections;
      counts.responses += totalsOfCity.responses;
    }
    await writer.commit();
  } catch (e) {
    await writer.abort();
    throw e;
  }

  await db.transaction().execute(async (trx) => {
    const counters = sources.flatMap((c) => [...c.source.counters, [`property_file:${c.source.cityId}`, c.fileNumbers.size] as const]);
    for (let i = 0; i < counters.length; i += 200) await trx.insertInto('counters').values(counters.slice(i, i + 200).map(([name, value]) => ({ name, value }))).execute();
    await trx.updateTable('audit_head').set({ seq: chainSeq, hash: auditPrev }).where('id', '=', 1).execute();
    if (isPostgres(db) && auditSeq > 0) await sql`select setval(pg_get_serial_sequence('audit_log', 'seq'), ${auditSeq})`.execute(trx);
  });
  const loadSeconds = (performance.now() - started) / 1000;
  const { user, system } = process.cpuUsage(cpu);
  const rollupStarted = performance.now();
  // Statistics of what the rebuild reads, first: without them SQLite pages the rebuild's cases
  // through the city's index and sorts every case of the city for each page of 1,000 (10^6 cases
  // ran for hours). The caller gathers the rest (`analyzeAll`) once the rollups are written.
  for (const table of ['requests', 'request_events']) await sql`analyze ${sql.table(table)}`.execute(db);
  for (const c of sources) {
    await rebuildOpenVisits(db, c.source.cityId);
    await rebuildRollups(db, opts.now, c.source.cityId);
  }
  return {
    cities: sources.length, ...totals, persons: counts.persons, properties: counts.properties,
    cases: counts.cases, open: counts.open, events: counts.events, inspections: counts.inspections, responses: counts.responses,
    letters: counts.letters, inquiries: counts.inquiries, audit: counts.audit,
    loadSeconds, loadCpuSeconds: (user + system) / 1e6, rollupSeconds: (performance.now() - rollupStarted) / 1000,
  };

  // ------------------------------------------------------------ helpers over the running state
  function serial(): string {
    const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
    let s = '';
    for (let i = 0; i < 12; i++) s += alphabet[Math.floor(random() * 32)];
    return s;
  }
  /** Every step audited as the services do (request.<action>), sealed into the chain in the order written. */
  function auditRows(events: HistoryBatch['events'], requests: HistoryBatch['requests']): Insertable<AuditLogTable>[] {
    const tracking = new Map(requests.map((q) => [q.id, q]));
    const rows: Insertable<AuditLogTable>[] = [];
    for (const e of events) {
      const q = tracking.get(e.request_id);
      const register = e.action === 'register';
      const content: AuditContent = {
        at: e.created_at, actor_staff_id: e.actor_staff_id ?? null, actor_role: e.actor_role, actor_office_id: staffOffice.get(e.actor_staff_id ?? '') ?? null,
        action: register ? 'request.register' : e.action === 'record_payment' ? 'request.payment' : `request.${e.action}`,
        entity_type: 'request', entity_id: e.request_id, ip: null,
        // The actor's city: the case's, whose staff acted.
        city_id: e.actor_staff_id ? e.city_id : null,
        details: JSON.stringify(register && q ? { trackingCode: q.tracking_code, serviceCode: q.service_code, feePaid: q.fee_paid_at === q.created_at } : { from: e.from_state ?? null, to: e.to_state }),
      };
      const seq = ++auditSeq;
      const rowHash = auditRowHash(content);
      const prev = auditPrev;
      auditPrev = auditLinkHash(++chainSeq, seq, rowHash, prev);
      rows.push({ seq, ...content, row_hash: rowHash, chain_seq: chainSeq, prev_hash: prev, hash: auditPrev });
    }
    return rows;
  }
}

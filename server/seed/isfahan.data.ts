/**
 * Demo organisation data for Isfahan (اصفهان): the 15 municipal districts, the government counter
 * offices (دفاتر پیشخوان دولت) that run the urban-planning service desks (میز خدمت), their staff,
 * the district / city staff, some citizens and their property files.
 *
 * Pure and deterministic: no database code, no I/O, no Math.random / Date. Everything is produced by
 * `generateIsfahanSeed(seed)` from a mulberry32 PRNG, and the exported constants are that function's
 * output for `SEED`, so the same data comes out on every run and every machine.
 *
 * Conventions:
 * - identifiers (usernames, national codes, mobiles, phones, gov codes, postal codes, renovation codes)
 *   are ASCII digits/letters; Persian digits appear only in display text (nameFa, addressFa, descriptionFa);
 * - Persian text uses «ی» (U+06CC) and «ک» (U+06A9) only, and ZWNJ (U+200C) where Persian needs it.
 * - Street names and neighbourhood hints are plausible for each district, not an authoritative map.
 */
import type { Role, Specialty } from '../../contracts/roles.js';
import { ROLE_TITLES_FA } from '../../contracts/roles.js';
import { haversineMeters } from '../platform/routing/routing.travel.js';
import {
  FAMILY_NAMES,
  FEMALE_FIRST_NAMES,
  MALE_FIRST_NAMES,
  mulberry32,
  pick,
  pickDistinct,
  randInt,
  randomDigits,
  toPersianDigits as fa,
  type Rng,
} from './persian-names.js';

export interface SeedDistrict {
  number: number;
  nameFa: string;
  nameEn: string;
  /** The district municipality's address. */
  addressFa: string;
  phone: string;
  /** Where the district office is [lat, lng]: the start and end of its inspectors' days. */
  office: readonly [number, number];
  /** The neighbouring districts (districtNeighbours), which its inspectors may also cover. */
  neighbours: readonly number[];
}
export interface SeedOffice {
  /** 8-digit government counter office code (کد دفتر پیشخوان), unique, ASCII digits. */
  govCode: string;
  nameFa: string;
  districtNumber: number;
  addressFa: string;
  /** 031 + 8 digits, ASCII, e.g. '03136251234'. */
  phone: string;
  active: boolean;
}
export interface SeedStaff {
  username: string;
  firstName: string;
  lastName: string;
  /** Valid 10-digit Iranian national code. */
  nationalCode: string;
  /** 09xxxxxxxxx */
  mobile: string;
  role: Role;
  districtNumber?: number;
  officeGovCode?: string;
  specialty?: Specialty;
}
export interface SeedPerson {
  nationalCode: string;
  firstName: string;
  lastName: string;
  fatherName: string;
  mobile: string;
}
export interface SeedProperty {
  districtNumber: number;
  renovationCode: string;
  plateMain: number;
  plateSub: number;
  registrySection: number;
  postalCode: string;
  addressFa: string;
  lat: number;
  lng: number;
  landArea: number;
  landUse: string;
  floors: number;
  units: number;
  owners: { nationalCode: string; shareDang: number }[];
}
export interface SeedDemoLogin {
  username: string;
  role: Role;
  descriptionFa: string;
}
export interface SeedCity {
  code: 'isfahan';
  nameFa: 'اصفهان';
  nameEn: 'Isfahan';
  provinceFa: 'اصفهان';
}
export interface IsfahanSeedData {
  CITY: SeedCity;
  DISTRICTS: SeedDistrict[];
  OFFICES: SeedOffice[];
  STAFF: SeedStaff[];
  PERSONS: SeedPerson[];
  PROPERTIES: SeedProperty[];
  DEMO_LOGINS: SeedDemoLogin[];
}

/** The seed the exported constants are generated with. */
export const SEED = 1404;

/** Number of government counter offices registered in the city; the demo activates 75 of them. */
export const OFFICE_POOL_SIZE = 170;
/** Active offices per district (index 0 = district 1): uneven, 3..7 each, 75 in total. */
export const ACTIVE_OFFICES_PER_DISTRICT: readonly number[] = [7, 4, 6, 5, 7, 3, 4, 5, 6, 4, 3, 5, 7, 4, 5];
/** Registered-but-inactive offices included in OFFICES (active: false). */
export const INACTIVE_OFFICE_COUNT = 20;
/** Districts with three inspectors; every other district has two (32 in total). */
export const DISTRICTS_WITH_THREE_INSPECTORS: readonly number[] = [5, 13];
/** Districts with two follow-up officers; every other district has one (22 in total). */
export const DISTRICTS_WITH_TWO_FOLLOWUPS: readonly number[] = [1, 3, 5, 8, 9, 12, 13];
/** Isfahan-city national code prefixes (as known to @persian-tools/persian-tools). */
export const ISFAHAN_NATIONAL_ID_PREFIXES: readonly string[] = ['127', '128', '129'];
export const LAND_USES: readonly string[] = ['مسکونی', 'تجاری', 'اداری', 'آموزشی', 'مختلط'];

export const CITY: SeedCity = { code: 'isfahan', nameFa: 'اصفهان', nameEn: 'Isfahan', provinceFa: 'اصفهان' };

interface DistrictProfile {
  number: number;
  /** Neighbourhood hint, e.g. «محدوده مرکزی — میدان امام و بازار». */
  areaFa: string;
  /** Where on streets[0] the district municipality sits. */
  hallFa: string;
  streets: readonly string[];
  /** Rough centre [lat, lng], used to scatter property coordinates. */
  center: readonly [number, number];
}

const DISTRICT_PROFILES: readonly DistrictProfile[] = [
  {
    number: 1,
    areaFa: 'محدوده مرکزی — میدان امام و بازار بزرگ',
    hallFa: 'نرسیده به میدان امام',
    streets: ['خیابان حافظ', 'خیابان سپه', 'خیابان عبدالرزاق', 'خیابان استانداری', 'خیابان نشاط', 'خیابان هاتف'],
    center: [32.66, 51.676],
  },
  {
    number: 2,
    areaFa: 'شرق مرکزی — احمدآباد و بزرگمهر',
    hallFa: 'نبش خیابان کمال اسماعیل',
    streets: ['خیابان بزرگمهر', 'خیابان احمدآباد', 'خیابان جامی', 'خیابان کمال اسماعیل', 'خیابان سروش'],
    center: [32.664, 51.697],
  },
  {
    number: 3,
    areaFa: 'محدوده مرکزی — چهارباغ عباسی و دروازه دولت',
    hallFa: 'نرسیده به دروازه دولت',
    streets: [
      'خیابان چهارباغ عباسی',
      'خیابان طالقانی',
      'خیابان مسجد سید',
      'خیابان شمس‌آبادی',
      'خیابان آمادگاه',
      'خیابان هشت‌بهشت',
    ],
    center: [32.654, 51.665],
  },
  {
    number: 4,
    areaFa: 'شرق — خیابان جی و شهرک پرتوی',
    hallFa: 'روبه‌روی پارک پرتوی',
    streets: ['خیابان جی', 'خیابان ارتش', 'خیابان پرتوی', 'خیابان مشتاق اول'],
    center: [32.657, 51.725],
  },
  {
    number: 5,
    areaFa: 'جنوب — هزارجریب و نظر',
    hallFa: 'نرسیده به چهارراه نظر',
    streets: ['خیابان هزارجریب', 'خیابان نظر شرقی', 'خیابان چهارباغ بالا', 'خیابان توحید', 'خیابان ارباب', 'خیابان شیخ مفید'],
    center: [32.628, 51.668],
  },
  {
    number: 6,
    areaFa: 'جنوب شرق — سعادت‌آباد و آپادانا',
    hallFa: 'نبش خیابان حکیم نظامی',
    streets: ['خیابان آپادانا', 'خیابان حکیم نظامی', 'خیابان سعادت‌آباد', 'خیابان میر', 'خیابان مرداویج'],
    center: [32.624, 51.69],
  },
  {
    number: 7,
    areaFa: 'شمال شرق — خیابان رباط و خیابان صدر',
    hallFa: 'بعد از چهارراه صدر',
    streets: ['خیابان رباط', 'خیابان صدر', 'خیابان پروین', 'خیابان لاله', 'خیابان گلزار'],
    center: [32.69, 51.7],
  },
  {
    number: 8,
    areaFa: 'شمال — خیابان کاوه و ملک‌شهر',
    hallFa: 'نرسیده به میدان ملک‌شهر',
    streets: ['خیابان کاوه', 'خیابان ملک‌شهر', 'خیابان گلستان', 'خیابان مدرس', 'خیابان اشراق'],
    center: [32.702, 51.66],
  },
  {
    number: 9,
    areaFa: 'غرب — آتشگاه و منارجنبان',
    hallFa: 'نرسیده به پل آتشگاه',
    streets: ['خیابان آتشگاه', 'خیابان منارجنبان', 'خیابان کهندژ', 'خیابان فیض'],
    center: [32.662, 51.61],
  },
  {
    number: 10,
    areaFa: 'شمال شرق — زینبیه و دشتستان',
    hallFa: 'نبش خیابان دشتستان',
    streets: ['خیابان زینبیه', 'خیابان دشتستان', 'خیابان امام خمینی', 'خیابان بهارستان'],
    center: [32.706, 51.712],
  },
  {
    number: 11,
    areaFa: 'جنوب غرب — خیابان سجاد و آینه‌خانه',
    hallFa: 'روبه‌روی بوستان آینه‌خانه',
    streets: ['خیابان سجاد', 'خیابان آینه‌خانه', 'خیابان نظر غربی', 'خیابان مولوی'],
    center: [32.64, 51.64],
  },
  {
    number: 12,
    areaFa: 'شمال غرب — خیابان کشاورز و ولیعصر',
    hallFa: 'نرسیده به چهارراه کشاورز',
    streets: ['خیابان کشاورز', 'خیابان ولیعصر', 'خیابان امام رضا', 'خیابان شریعتی'],
    center: [32.682, 51.628],
  },
  {
    number: 13,
    areaFa: 'جنوب شرق — ارغوانیه و امیریه',
    hallFa: 'نبش خیابان امیریه',
    streets: ['خیابان ارغوانیه', 'خیابان امیریه', 'خیابان آزادگان', 'خیابان سلمان فارسی', 'خیابان مطهری'],
    center: [32.63, 51.72],
  },
  {
    number: 14,
    areaFa: 'شمال — خیابان ابوذر و بابا قاسم',
    hallFa: 'بعد از میدان ابوذر',
    streets: ['خیابان ابوذر', 'خیابان شهید کشوری', 'خیابان بابا قاسم', 'خیابان گلدسته'],
    center: [32.7, 51.685],
  },
  {
    number: 15,
    areaFa: 'شرق — خیابان فرودگاه و مشتاق سوم',
    hallFa: 'نرسیده به میدان فرودگاه',
    streets: ['خیابان فرودگاه', 'خیابان مشتاق سوم', 'خیابان امام حسین', 'خیابان ولیعصر شرقی'],
    center: [32.69, 51.745],
  },
];

/**
 * Each district's rough centre by district number, taken as where its municipality (the district
 * office the inspectors start from) stands: the synthetic planning day (bench/day.instance.ts) and
 * anything else that needs the districts on the map.
 */
export const DISTRICT_CENTRES: ReadonlyMap<number, { readonly lat: number; readonly lng: number }> = new Map(
  DISTRICT_PROFILES.map((p) => [p.number, Object.freeze({ lat: p.center[0], lng: p.center[1] })]),
);

/** How many nearest districts each district shares inspectors with, before making it mutual. */
const NEAREST_NEIGHBOURS = 3;

/**
 * Neighbouring districts, derived from the centres: each district's `k` nearest (straight line),
 * made mutual (if B is among A's nearest, A is among B's), nearest first; 3 to 6 each for Isfahan.
 * Mutual because sharing inspectors is an arrangement between two districts, and because with the
 * seed's staffing one-way nearest leaves district 8 with no architecture inspector covering it.
 */
export function districtNeighbours(k: number = NEAREST_NEIGHBOURS): Map<number, number[]> {
  const districts = [...DISTRICT_CENTRES.entries()];
  const distance = (a: number, b: number) => haversineMeters(DISTRICT_CENTRES.get(a)!, DISTRICT_CENTRES.get(b)!);
  const byDistance = (from: number) => (a: number, b: number) => distance(from, a) - distance(from, b) || a - b;
  const nearest = new Map(
    districts.map(([n]) => [
      n,
      districts
        .map(([m]) => m)
        .filter((m) => m !== n)
        .sort(byDistance(n))
        .slice(0, k),
    ]),
  );
  return new Map(
    districts.map(([n]) => [
      n,
      districts
        .map(([m]) => m)
        .filter((m) => m !== n && (nearest.get(n)!.includes(m) || nearest.get(m)!.includes(n)))
        .sort(byDistance(n)),
    ]),
  );
}

const NEIGHBOURS = districtNeighbours();

/** Brand-style names some counter offices trade under. */
const OFFICE_BRANDS: readonly string[] = [
  'نقش جهان', 'زاینده‌رود', 'چهلستون', 'عالی‌قاپو', 'سی‌وسه‌پل', 'هشت‌بهشت', 'سپاهان', 'صفه', 'خواجو',
  'منار', 'نگین', 'پارسیان', 'آفتاب', 'ارغوان', 'مهر', 'نیکان', 'فرهنگ', 'آسمان', 'ستاره', 'امید',
  'ناژوان', 'صائب', 'جلفا', 'گلستان', 'پارسا', 'آرمان', 'کوثر', 'ایرانیان', 'شیخ بهایی', 'مادی',
  'نور', 'رضوان', 'پیام', 'سپهر', 'یاران',
];
const FLOWERS: readonly string[] = ['ارغوان', 'یاس', 'نسترن', 'لاله', 'اقاقیا', 'بهار', 'نرگس', 'شقایق', 'میخک', 'سوسن'];
const LANDLINE_PREFIXES: readonly string[] = ['32', '33', '34', '35', '36', '37'];
const SHARE_PATTERNS: readonly (readonly number[])[] = [[6], [3, 3], [2, 2, 2], [4.5, 1.5], [6], [4, 2], [3, 3], [6]];

/** The Iranian national code check digit for the first nine digits. */
export function nationalCodeCheckDigit(first9: string): number {
  if (!/^\d{9}$/.test(first9)) throw new Error('nationalCodeCheckDigit: need 9 ASCII digits');
  let s = 0;
  for (let i = 0; i < 9; i++) s += Number(first9[i]) * (10 - i);
  const r = s % 11;
  return r < 2 ? r : 11 - r;
}

/** Draws from `make` until the value is acceptable and not in `used`, then records it. */
function unique<T>(used: Set<T>, make: () => T, accept: (v: T) => boolean = () => true): T {
  for (let attempt = 0; attempt < 100_000; attempt++) {
    const v = make();
    if (!used.has(v) && accept(v)) {
      used.add(v);
      return v;
    }
  }
  throw new Error('unique: value space exhausted');
}

const round = (x: number, digits: number): number => Math.round(x * 10 ** digits) / 10 ** digits;

interface Identity {
  firstName: string;
  lastName: string;
  nationalCode: string;
  mobile: string;
}

/** Generates the whole data set for a seed. Same seed → deep-equal result. */
export function generateIsfahanSeed(seed: number = SEED): IsfahanSeedData {
  // One independent stream per section, so changing one section doesn't reshuffle the others.
  const stream = (section: number): Rng => mulberry32((Math.imul(section, 0x9e3779b1) ^ seed) >>> 0);

  const usedPhones = new Set<string>();
  const usedCodes = new Set<string>();
  const usedMobiles = new Set<string>();
  const usedFullNames = new Set<string>();

  const landline = (rng: Rng) => unique(usedPhones, () => '031' + pick(rng, LANDLINE_PREFIXES) + randomDigits(rng, 6));
  const identity = (rng: Rng, femaleShare: number): Identity => {
    let firstName = '';
    let lastName = '';
    unique(usedFullNames, () => {
      const male = rng() >= femaleShare;
      firstName = pick(rng, male ? MALE_FIRST_NAMES : FEMALE_FIRST_NAMES);
      lastName = pick(rng, FAMILY_NAMES);
      return `${firstName} ${lastName}`;
    });
    const nationalCode = unique(
      usedCodes,
      () => {
        const body = pick(rng, ISFAHAN_NATIONAL_ID_PREFIXES) + randomDigits(rng, 6);
        return body + String(nationalCodeCheckDigit(body));
      },
      (code) => !/^(\d)\1{9}$/.test(code),
    );
    const mobile = unique(usedMobiles, () => '0913' + randomDigits(rng, 7, '123456789'));
    return { firstName, lastName, nationalCode, mobile };
  };

  // ---- districts -------------------------------------------------------------------------------
  const districtRng = stream(1);
  const DISTRICTS: SeedDistrict[] = DISTRICT_PROFILES.map((p) => ({
    number: p.number,
    nameFa: `منطقه ${fa(p.number)}`,
    nameEn: `District ${p.number}`,
    addressFa: `اصفهان، ${p.streets[0]}، ${p.hallFa}، ساختمان شهرداری منطقه ${fa(p.number)} (${p.areaFa})`,
    phone: landline(districtRng),
    office: p.center,
    neighbours: NEIGHBOURS.get(p.number)!,
  }));

  // ---- offices ---------------------------------------------------------------------------------
  const officeRng = stream(2);
  const usedGovCodes = new Set<string>();
  const brands = pickDistinct(officeRng, OFFICE_BRANDS, OFFICE_BRANDS.length);
  const inactivePerDistrict = new Array<number>(DISTRICT_PROFILES.length).fill(0);
  for (let i = 0; i < INACTIVE_OFFICE_COUNT; i++) {
    const d = randInt(officeRng, 0, DISTRICT_PROFILES.length - 1);
    inactivePerDistrict[d] = (inactivePerDistrict[d] ?? 0) + 1;
  }
  const officeLandmark = (rng: Rng): string => {
    const n = randInt(rng, 2, 48);
    return pick(rng, [
      `نبش کوچه ${fa(n)}`,
      `بین کوچه ${fa(n)} و ${fa(n + 2)}`,
      `روبه‌روی کوچه ${fa(n)}`,
      'روبه‌روی بانک ملت',
      'جنب بانک ملی',
      'جنب داروخانه',
      'نرسیده به چهارراه',
      `مجتمع تجاری ${pick(rng, FLOWERS)}، طبقه همکف`,
      `ساختمان ${pick(rng, FLOWERS)}، طبقه اول`,
    ]);
  };
  const OFFICES: SeedOffice[] = [];
  for (const p of DISTRICT_PROFILES) {
    const active = ACTIVE_OFFICES_PER_DISTRICT[p.number - 1] ?? 0;
    const inactive = inactivePerDistrict[p.number - 1] ?? 0;
    for (let k = 0; k < active + inactive; k++) {
      const govCode = unique(usedGovCodes, () => '10' + randomDigits(officeRng, 6, '123456789'));
      const street = p.streets[k % p.streets.length] as string;
      const style = randInt(officeRng, 0, 2);
      const brand = style === 2 ? brands.shift() : undefined;
      const nameFa =
        brand !== undefined
          ? `دفتر پیشخوان خدمات دولت ${brand} (کد ${fa(govCode)})`
          : style === 1
            ? `دفتر پیشخوان خدمات دولت ${street} (کد ${fa(govCode)})`
            : `دفتر پیشخوان دولت کد ${fa(govCode)} — ${street}`;
      OFFICES.push({
        govCode,
        nameFa,
        districtNumber: p.number,
        addressFa: `اصفهان، ${street}، ${officeLandmark(officeRng)}، پلاک ${fa(randInt(officeRng, 1, 420))}`,
        phone: landline(officeRng),
        active: k < active,
      });
    }
  }

  // ---- staff -----------------------------------------------------------------------------------
  const staffRng = stream(3);
  const STAFF: SeedStaff[] = [];
  const person = (): Identity => identity(staffRng, 0.4);
  STAFF.push({ username: 'admin', ...person(), role: 'city_admin' });
  STAFF.push({ username: 'auditor', ...person(), role: 'auditor' });
  for (const p of DISTRICT_PROFILES) {
    const d = p.number;
    STAFF.push({ username: `d${d}-reviewer1`, ...person(), role: 'district_reviewer', districtNumber: d });
    STAFF.push({ username: `d${d}-reviewer2`, ...person(), role: 'district_reviewer', districtNumber: d });
    STAFF.push({ username: `d${d}-approver`, ...person(), role: 'district_approver', districtNumber: d });
    const followups = DISTRICTS_WITH_TWO_FOLLOWUPS.includes(d) ? 2 : 1;
    for (let f = 1; f <= followups; f++) {
      STAFF.push({ username: `d${d}-followup${f}`, ...person(), role: 'followup_officer', districtNumber: d });
    }
  }
  // Inspectors: every district gets an urbanism inspector first, then architecture (odd districts) or
  // civil (even districts); districts 5 and 13 get a third (civil / architecture): 15 / 9 / 8 = 32.
  let inspectorNo = 0;
  for (const p of DISTRICT_PROFILES) {
    const d = p.number;
    const specialties: Specialty[] = ['urbanism', d % 2 === 1 ? 'architecture' : 'civil'];
    if (DISTRICTS_WITH_THREE_INSPECTORS.includes(d)) specialties.push(d === 5 ? 'civil' : 'architecture');
    for (const specialty of specialties) {
      inspectorNo++;
      STAFF.push({
        username: `inspector${String(inspectorNo).padStart(2, '0')}`,
        ...person(),
        role: 'inspector',
        districtNumber: d,
        specialty,
      });
    }
  }
  for (const o of OFFICES) {
    if (!o.active) continue;
    const at = { officeGovCode: o.govCode, districtNumber: o.districtNumber };
    STAFF.push({ username: `o${o.govCode}-manager`, ...person(), role: 'office_manager', ...at });
    STAFF.push({ username: `o${o.govCode}-op1`, ...person(), role: 'office_operator', ...at });
    STAFF.push({ username: `o${o.govCode}-op2`, ...person(), role: 'office_operator', ...at });
  }

  // ---- citizens --------------------------------------------------------------------------------
  const personRng = stream(4);
  const PERSONS: SeedPerson[] = [];
  for (let i = 0; i < 60; i++) {
    const id = identity(personRng, 0.45);
    let fatherName = pick(personRng, MALE_FIRST_NAMES);
    while (fatherName === id.firstName) fatherName = pick(personRng, MALE_FIRST_NAMES);
    PERSONS.push({
      nationalCode: id.nationalCode,
      firstName: id.firstName,
      lastName: id.lastName,
      fatherName,
      mobile: id.mobile,
    });
  }

  // ---- property files --------------------------------------------------------------------------
  const propRng = stream(5);
  const usedRenovation = new Set<string>();
  const usedPlates = new Set<string>();
  const usedPostal = new Set<string>();
  const FIRST_USES = ['تجاری', 'مسکونی', 'مختلط', 'آموزشی', 'اداری'];
  const WEIGHTED_USES = ['مسکونی', 'مسکونی', 'مسکونی', 'مسکونی', 'مسکونی', 'تجاری', 'تجاری', 'مختلط', 'مختلط', 'اداری', 'آموزشی'];
  const PROPERTIES: SeedProperty[] = [];
  for (let i = 0; i < 40; i++) {
    const p = DISTRICT_PROFILES[i % DISTRICT_PROFILES.length] as DistrictProfile;
    const rng = propRng;
    const landUse = FIRST_USES[i] ?? pick(rng, WEIGHTED_USES);
    let landArea: number;
    let floors: number;
    let units: number;
    switch (landUse) {
      case 'مسکونی':
        landArea = randInt(rng, 12000, 60000) / 100;
        floors = randInt(rng, 1, landArea > 400 ? 8 : 5);
        units = floors === 1 ? 1 : randInt(rng, floors - 1, Math.min(16, floors * 2));
        break;
      case 'تجاری':
        landArea = randInt(rng, 8000, 90000) / 100;
        floors = randInt(rng, 1, 4);
        units = randInt(rng, 1, Math.min(16, floors * 4));
        break;
      case 'مختلط':
        landArea = randInt(rng, 20000, 120000) / 100;
        floors = randInt(rng, 3, 8);
        units = randInt(rng, floors, Math.min(16, floors * 2));
        break;
      case 'اداری':
        landArea = randInt(rng, 30000, 200000) / 100;
        floors = randInt(rng, 1, 6);
        units = 1;
        break;
      default: // آموزشی
        landArea = randInt(rng, 50000, 200000) / 100;
        floors = randInt(rng, 1, 3);
        units = 1;
    }
    const renovationCode = unique(usedRenovation, () => {
      const building = rng() < 0.15 ? 1 : 0;
      return `${p.number}-${randInt(rng, 1, 450)}-${randInt(rng, 1, 80)}-${building}-0-0`;
    });
    const plate = unique(usedPlates, () => `${randInt(rng, 1, 20000)}/${randInt(rng, 1, 999)}/${randInt(rng, 1, 20)}`);
    const [plateMain, plateSub, registrySection] = plate.split('/').map(Number) as [number, number, number];
    // Iranian postal code: first five digits never 0 or 2, and the fifth never 5.
    const NO_0_2 = '13456789';
    const NO_0_2_5 = '1346789';
    const postalCode = unique(
      usedPostal,
      () =>
        '81' + pick(rng, NO_0_2) + pick(rng, NO_0_2) + pick(rng, NO_0_2_5) + randomDigits(rng, 5, '123456789'),
    );
    const street = pick(rng, p.streets);
    const alley = pick(rng, [
      `کوچه ${fa(randInt(rng, 1, 60))}`,
      `کوچه شهید ${pick(rng, FAMILY_NAMES)}`,
      `کوچه ${pick(rng, FLOWERS)}`,
      `بن‌بست ${pick(rng, FLOWERS)}`,
    ]);
    const lat = Math.min(32.715, Math.max(32.585, p.center[0] + (rng() - 0.5) * 0.024));
    const lng = Math.min(51.775, Math.max(51.585, p.center[1] + (rng() - 0.5) * 0.024));
    const pattern = SHARE_PATTERNS[i % SHARE_PATTERNS.length] as readonly number[];
    const owners = pickDistinct(rng, PERSONS, pattern.length).map((o, k) => ({
      nationalCode: o.nationalCode,
      shareDang: pattern[k] as number,
    }));
    PROPERTIES.push({
      districtNumber: p.number,
      renovationCode,
      plateMain,
      plateSub,
      registrySection,
      postalCode,
      addressFa: `اصفهان، ${street}، ${alley}، پلاک ${fa(randInt(rng, 1, 250))}`,
      lat: round(lat, 6),
      lng: round(lng, 6),
      landArea: round(landArea, 2),
      landUse,
      floors,
      units,
      owners,
    });
  }

  // ---- demo logins -----------------------------------------------------------------------------
  const firstActive = (d: number): SeedOffice => {
    const o = OFFICES.find((x) => x.active && x.districtNumber === d);
    if (!o) throw new Error(`no active office in district ${d}`);
    return o;
  };
  const o3 = firstActive(3);
  const o5 = firstActive(5);
  const urbanism3 = STAFF.find((s) => s.role === 'inspector' && s.specialty === 'urbanism' && s.districtNumber === 3);
  if (!urbanism3) throw new Error('no urbanism inspector in district 3');
  const DEMO_LOGINS: SeedDemoLogin[] = [
    { username: 'admin', role: 'city_admin', descriptionFa: `${ROLE_TITLES_FA.city_admin} — دسترسی کامل به همه مناطق، دفاتر و تنظیمات` },
    { username: 'auditor', role: 'auditor', descriptionFa: `${ROLE_TITLES_FA.auditor} — دسترسی فقط‌خواندنی به همه پرونده‌ها و گزارش‌ها` },
    {
      username: `o${o3.govCode}-manager`,
      role: 'office_manager',
      descriptionFa: `${ROLE_TITLES_FA.office_manager} کد ${fa(o3.govCode)} در منطقه ۳`,
    },
    {
      username: `o${o3.govCode}-op1`,
      role: 'office_operator',
      descriptionFa: `${ROLE_TITLES_FA.office_operator} کد ${fa(o3.govCode)} در منطقه ۳ — ثبت درخواست شهروند`,
    },
    {
      username: `o${o5.govCode}-op1`,
      role: 'office_operator',
      descriptionFa: `${ROLE_TITLES_FA.office_operator} کد ${fa(o5.govCode)} در منطقه ۵ — نباید پرونده‌های دفتر دیگر را ببیند`,
    },
    { username: 'd3-reviewer1', role: 'district_reviewer', descriptionFa: `${ROLE_TITLES_FA.district_reviewer} ۳` },
    { username: 'd3-approver', role: 'district_approver', descriptionFa: `${ROLE_TITLES_FA.district_approver} ۳` },
    { username: 'd3-followup1', role: 'followup_officer', descriptionFa: `${ROLE_TITLES_FA.followup_officer} منطقه ۳` },
    {
      username: 'd5-reviewer1',
      role: 'district_reviewer',
      descriptionFa: `${ROLE_TITLES_FA.district_reviewer} ۵ — نباید پرونده‌های منطقه ۳ را ببیند`,
    },
    {
      username: urbanism3.username,
      role: 'inspector',
      descriptionFa: `${ROLE_TITLES_FA.inspector} (شهرسازی) با منطقه مبنای ۳`,
    },
  ];

  return { CITY: { ...CITY }, DISTRICTS, OFFICES, STAFF, PERSONS, PROPERTIES, DEMO_LOGINS };
}

const DATA = generateIsfahanSeed(SEED);

export const DISTRICTS: SeedDistrict[] = DATA.DISTRICTS;
export const OFFICES: SeedOffice[] = DATA.OFFICES;
export const STAFF: SeedStaff[] = DATA.STAFF;
export const PERSONS: SeedPerson[] = DATA.PERSONS;
export const PROPERTIES: SeedProperty[] = DATA.PROPERTIES;
export const DEMO_LOGINS: SeedDemoLogin[] = DATA.DEMO_LOGINS;

import {
  findProvinceFromCoordinate,
  isPhoneNumberValid,
  phoneNumberDetail,
  verifyIranianNationalId,
} from '@persian-tools/persian-tools';
import { describe, expect, it } from 'vitest';
import { ROLES, SPECIALTIES, type Role } from '../../contracts/roles.js';
import * as seedModule from './isfahan.data.js';
import {
  ACTIVE_OFFICES_PER_DISTRICT,
  CITY,
  DEMO_LOGINS,
  DISTRICTS,
  OFFICES,
  OFFICE_POOL_SIZE,
  PERSONS,
  PROPERTIES,
  SEED,
  STAFF,
  generateIsfahanSeed,
  nationalCodeCheckDigit,
} from './isfahan.data.js';
import * as namesModule from './persian-names.js';
import { FAMILY_NAMES, FIRST_NAMES, MALE_FIRST_NAMES, mulberry32 } from './persian-names.js';

const DISTRICT_NUMBERS = Array.from({ length: 15 }, (_, i) => i + 1);
const activeOffices = OFFICES.filter((o) => o.active);
const byRole = (role: Role) => STAFF.filter((s) => s.role === role);

function expectUnique(values: readonly unknown[]): void {
  const dupes = values.filter((v, i) => values.indexOf(v) !== i);
  expect(dupes).toEqual([]);
}

/** Every string reachable from `value`, with its path. */
function walkStrings(value: unknown, path: string, out: [string, string][]): [string, string][] {
  if (typeof value === 'string') out.push([path, value]);
  else if (Array.isArray(value)) value.forEach((v, i) => walkStrings(v, `${path}[${i}]`, out));
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) walkStrings(v, `${path}.${k}`, out);
  }
  return out;
}

describe('Isfahan seed data: shape and counts', () => {
  it('has the city', () => {
    expect(CITY).toEqual({ code: 'isfahan', nameFa: 'اصفهان', nameEn: 'Isfahan', provinceFa: 'اصفهان' });
  });

  it('has exactly 15 districts numbered 1..15', () => {
    expect(DISTRICTS.map((d) => d.number)).toEqual(DISTRICT_NUMBERS);
    for (const d of DISTRICTS) {
      expect(d.nameFa).toMatch(/^منطقه [۱-۹][۰-۹]?$/);
      expect(d.nameEn).toBe(`District ${d.number}`);
      expect(d.addressFa).toContain('اصفهان');
      expect(d.phone).toMatch(/^031\d{8}$/);
    }
  });

  it('has 75 active offices, 3..7 per district, plus 20 inactive ones from the pool of 170', () => {
    expect(activeOffices).toHaveLength(75);
    expect(OFFICES.filter((o) => !o.active)).toHaveLength(20);
    expect(OFFICES.length).toBeLessThanOrEqual(OFFICE_POOL_SIZE);
    for (const n of DISTRICT_NUMBERS) {
      const count = activeOffices.filter((o) => o.districtNumber === n).length;
      expect(count, `district ${n}`).toBeGreaterThanOrEqual(3);
      expect(count, `district ${n}`).toBeLessThanOrEqual(7);
      expect(count).toBe(ACTIVE_OFFICES_PER_DISTRICT[n - 1]);
    }
    expect(new Set(activeOffices.map((o) => activeOffices.filter((x) => x.districtNumber === o.districtNumber).length)).size).toBeGreaterThan(1);
    for (const o of OFFICES) {
      expect(o.govCode).toMatch(/^\d{8}$/);
      expect(o.phone).toMatch(/^031\d{8}$/);
      expect(DISTRICT_NUMBERS).toContain(o.districtNumber);
      expect(o.nameFa).toContain('پیشخوان');
      expect(o.addressFa.startsWith('اصفهان، ')).toBe(true);
    }
  });

  it('staffs every active office with one manager and two operators', () => {
    for (const o of activeOffices) {
      const staff = STAFF.filter((s) => s.officeGovCode === o.govCode);
      expect(staff.map((s) => [s.username, s.role, s.districtNumber])).toEqual([
        [`o${o.govCode}-manager`, 'office_manager', o.districtNumber],
        [`o${o.govCode}-op1`, 'office_operator', o.districtNumber],
        [`o${o.govCode}-op2`, 'office_operator', o.districtNumber],
      ]);
    }
    expect(byRole('office_manager')).toHaveLength(75);
    expect(byRole('office_operator')).toHaveLength(150);
    const inactiveCodes = new Set(OFFICES.filter((o) => !o.active).map((o) => o.govCode));
    expect(STAFF.filter((s) => s.officeGovCode !== undefined && inactiveCodes.has(s.officeGovCode))).toEqual([]);
  });

  it('has 32 inspectors with specialties and home districts, at least 2 (and an urbanism one) per district', () => {
    const inspectors = byRole('inspector');
    expect(inspectors).toHaveLength(32);
    expect(inspectors.map((s) => s.username)).toEqual(
      Array.from({ length: 32 }, (_, i) => `inspector${String(i + 1).padStart(2, '0')}`),
    );
    for (const s of inspectors) {
      expect(SPECIALTIES).toContain(s.specialty);
      expect(DISTRICT_NUMBERS).toContain(s.districtNumber);
      expect(s.officeGovCode).toBeUndefined();
    }
    for (const n of DISTRICT_NUMBERS) {
      const here = inspectors.filter((s) => s.districtNumber === n);
      expect(here.length, `district ${n}`).toBeGreaterThanOrEqual(2);
      expect(here.length, `district ${n}`).toBeLessThanOrEqual(3);
      expect(here.some((s) => s.specialty === 'urbanism'), `district ${n}`).toBe(true);
    }
    const counts = Object.fromEntries(SPECIALTIES.map((sp) => [sp, inspectors.filter((s) => s.specialty === sp).length]));
    expect(counts).toEqual({ urbanism: 15, architecture: 9, civil: 8 });
    expect(STAFF.filter((s) => s.role !== 'inspector' && s.specialty !== undefined)).toEqual([]);
  });

  it('has 1-2 follow-up officers (22 in all), 2 reviewers and 1 approver per district', () => {
    expect(byRole('followup_officer')).toHaveLength(22);
    for (const n of DISTRICT_NUMBERS) {
      const inD = (role: Role) => byRole(role).filter((s) => s.districtNumber === n).map((s) => s.username);
      const followups = inD('followup_officer');
      expect(followups.length === 1 || followups.length === 2, `district ${n}`).toBe(true);
      expect(followups).toEqual(followups.map((_, i) => `d${n}-followup${i + 1}`));
      expect(inD('district_reviewer')).toEqual([`d${n}-reviewer1`, `d${n}-reviewer2`]);
      expect(inD('district_approver')).toEqual([`d${n}-approver`]);
    }
  });

  it('has one city admin and one auditor without a district', () => {
    for (const [role, username] of [['city_admin', 'admin'], ['auditor', 'auditor']] as const) {
      const staff = byRole(role);
      expect(staff.map((s) => s.username)).toEqual([username]);
      expect(staff[0]?.districtNumber).toBeUndefined();
      expect(staff[0]?.officeGovCode).toBeUndefined();
    }
    expect(STAFF).toHaveLength(75 * 3 + 32 + 22 + 15 * 3 + 2);
    for (const s of STAFF) expect(ROLES).toContain(s.role);
  });

  it('has 60 citizens and 40 property files spread over every district', () => {
    expect(PERSONS).toHaveLength(60);
    expect(PROPERTIES).toHaveLength(40);
    for (const n of DISTRICT_NUMBERS) expect(PROPERTIES.some((p) => p.districtNumber === n), `district ${n}`).toBe(true);
  });
});

describe('Isfahan seed data: identifiers', () => {
  const people = [...STAFF, ...PERSONS];

  it('keeps identifiers unique', () => {
    expectUnique(STAFF.map((s) => s.username));
    expectUnique(OFFICES.map((o) => o.govCode));
    expectUnique(OFFICES.map((o) => o.nameFa));
    expectUnique([...DISTRICTS.map((d) => d.phone), ...OFFICES.map((o) => o.phone)]);
    expectUnique(people.map((p) => p.nationalCode));
    expectUnique(people.map((p) => p.mobile));
    expectUnique(PROPERTIES.map((p) => p.postalCode));
    expectUnique(PROPERTIES.map((p) => `${p.plateMain}/${p.plateSub}/${p.registrySection}`));
    expectUnique(PROPERTIES.map((p) => p.renovationCode));
  });

  it('uses ASCII, readable usernames', () => {
    for (const s of STAFF) {
      expect(s.username).toMatch(
        /^(admin|auditor|d([1-9]|1[0-5])-(reviewer[12]|approver|followup[12])|inspector\d{2}|o\d{8}-(manager|op1|op2))$/,
      );
    }
  });

  it('gives everyone a valid Isfahan national code', () => {
    for (const p of people) {
      expect(p.nationalCode).toMatch(/^12[789]\d{7}$/);
      expect(verifyIranianNationalId(p.nationalCode), p.nationalCode).toBe(true);
      expect(Number(p.nationalCode[9])).toBe(nationalCodeCheckDigit(p.nationalCode.slice(0, 9)));
      expect(p.nationalCode).not.toMatch(/^(\d)\1{9}$/);
    }
    // a known valid code, to pin the check-digit formula independently of the generator
    expect(nationalCodeCheckDigit('049937089')).toBe(9);
  });

  it('gives everyone a valid 0913 mobile', () => {
    for (const p of people) {
      expect(p.mobile).toMatch(/^0913\d{7}$/);
      expect(isPhoneNumberValid(p.mobile)).toBe(true);
    }
    expect(phoneNumberDetail(people[0]?.mobile ?? '')?.base).toBe('اصفهان');
  });

  it('produces realistic property files', () => {
    for (const p of PROPERTIES) {
      const where = p.renovationCode;
      expect(p.postalCode, where).toMatch(/^81[13-9]{2}[13-46-9]\d{5}$/);
      expect(p.renovationCode.startsWith(`${p.districtNumber}-`), where).toBe(true);
      expect(p.renovationCode, where).toMatch(/^\d{1,2}-\d+-\d+-\d+-\d+-\d+$/);
      expect(p.plateMain).toBeGreaterThanOrEqual(1);
      expect(p.plateMain).toBeLessThanOrEqual(20000);
      expect(p.plateSub).toBeGreaterThanOrEqual(1);
      expect(p.plateSub).toBeLessThanOrEqual(999);
      expect(p.registrySection).toBeGreaterThanOrEqual(1);
      expect(p.registrySection).toBeLessThanOrEqual(20);
      expect(p.lat).toBeGreaterThanOrEqual(32.58);
      expect(p.lat).toBeLessThanOrEqual(32.72);
      expect(p.lng).toBeGreaterThanOrEqual(51.58);
      expect(p.lng).toBeLessThanOrEqual(51.78);
      expect(findProvinceFromCoordinate({ latitude: p.lat, longitude: p.lng }).fa).toBe('اصفهان');
      expect(p.landArea).toBeGreaterThanOrEqual(80);
      expect(p.landArea).toBeLessThanOrEqual(2000);
      expect(['مسکونی', 'تجاری', 'اداری', 'آموزشی', 'مختلط']).toContain(p.landUse);
      expect(p.floors).toBeGreaterThanOrEqual(1);
      expect(p.floors).toBeLessThanOrEqual(8);
      expect(p.units).toBeGreaterThanOrEqual(1);
      expect(p.units).toBeLessThanOrEqual(16);
      expect(p.addressFa.startsWith('اصفهان، ')).toBe(true);
    }
    expect(new Set(PROPERTIES.map((p) => p.landUse)).size).toBe(5);
  });

  it('gives every property 1..3 distinct citizen owners whose shares add up to exactly 6 dang', () => {
    const citizenCodes = new Set(PERSONS.map((p) => p.nationalCode));
    const patterns = new Set<string>();
    for (const p of PROPERTIES) {
      expect(p.owners.length).toBeGreaterThanOrEqual(1);
      expect(p.owners.length).toBeLessThanOrEqual(3);
      expectUnique(p.owners.map((o) => o.nationalCode));
      for (const o of p.owners) {
        expect(citizenCodes.has(o.nationalCode)).toBe(true);
        expect(o.shareDang).toBeGreaterThan(0);
      }
      expect(p.owners.reduce((sum, o) => sum + o.shareDang, 0)).toBe(6);
      patterns.add(p.owners.map((o) => o.shareDang).join('+'));
    }
    for (const pattern of ['6', '3+3', '2+2+2', '4.5+1.5']) expect(patterns).toContain(pattern);
  });
});

describe('Isfahan seed data: Persian text', () => {
  const allStrings = walkStrings(
    { ...seedModule, names: { ...namesModule } },
    'module',
    [],
  );

  it('walks a meaningful amount of text', () => {
    expect(allStrings.length).toBeGreaterThan(3000);
  });

  it('never uses Arabic Yeh (U+064A) or Arabic Kaf (U+0643), nor Arabic-Indic digits', () => {
    const bad = allStrings.filter(([, s]) => /[\u064A\u0643\u0660-\u0669]/.test(s));
    expect(bad).toEqual([]);
  });

  it('uses ZWNJ only between letters', () => {
    const bad = allStrings.filter(([, s]) => /(^|[\s\u200c])\u200c|\u200c($|\s)/.test(s));
    expect(bad).toEqual([]);
    expect(DISTRICTS.some((d) => d.addressFa.includes('ملک\u200cشهر'))).toBe(true);
    expect(allStrings.some(([, s]) => /ملک ?شهر/.test(s))).toBe(false);
  });

  it('keeps Persian digits out of identifiers', () => {
    const faDigits = /[۰-۹]/;
    const displayField = /\.(nameFa|addressFa|descriptionFa)$/;
    const bad = allStrings.filter(([path, s]) => faDigits.test(s) && !displayField.test(path));
    expect(bad).toEqual([]);
  });

  it('has enough realistic names', () => {
    expect(FIRST_NAMES.length).toBeGreaterThanOrEqual(60);
    expect(FAMILY_NAMES.length).toBeGreaterThanOrEqual(60);
    expectUnique(FIRST_NAMES);
    expectUnique(FAMILY_NAMES);
    for (const name of ['اصفهانی', 'نوربخش', 'کاظمی', 'رضایی', 'صالحی', 'جعفری', 'طباطبایی']) {
      expect(FAMILY_NAMES).toContain(name);
    }
    for (const p of PERSONS) {
      expect(MALE_FIRST_NAMES).toContain(p.fatherName);
      expect(p.fatherName).not.toBe(p.firstName);
    }
  });
});

describe('Isfahan seed data: demo logins', () => {
  it('lists logins that exist in STAFF with the same role', () => {
    expect(DEMO_LOGINS.length).toBe(10);
    expectUnique(DEMO_LOGINS.map((l) => l.username));
    for (const l of DEMO_LOGINS) {
      const s = STAFF.find((x) => x.username === l.username);
      expect(s, l.username).toBeDefined();
      expect(s?.role).toBe(l.role);
      expect(l.descriptionFa.length).toBeGreaterThan(5);
    }
  });

  it('covers the scenario accounts', () => {
    const get = (username: string) => STAFF.find((s) => s.username === username);
    const d3Office = activeOffices.find((o) => o.districtNumber === 3);
    const names = DEMO_LOGINS.map((l) => l.username);
    expect(names).toEqual(
      expect.arrayContaining([
        'admin',
        'auditor',
        `o${d3Office?.govCode}-manager`,
        `o${d3Office?.govCode}-op1`,
        'd3-reviewer1',
        'd3-approver',
        'd3-followup1',
        'd5-reviewer1',
      ]),
    );
    const d5Operator = DEMO_LOGINS.find((l) => l.role === 'office_operator' && get(l.username)?.districtNumber === 5);
    expect(d5Operator).toBeDefined();
    const inspector = DEMO_LOGINS.find((l) => l.role === 'inspector');
    expect(get(inspector?.username ?? '')).toMatchObject({ specialty: 'urbanism', districtNumber: 3 });
  });
});

describe('Isfahan seed data: determinism', () => {
  it('generates the same data for the same seed, and it is what the module exports', () => {
    const a = generateIsfahanSeed(SEED);
    const b = generateIsfahanSeed(SEED);
    expect(a).toEqual(b);
    expect(a).toEqual({ CITY, DISTRICTS, OFFICES, STAFF, PERSONS, PROPERTIES, DEMO_LOGINS });
  });

  it('generates different but equally shaped data for another seed', () => {
    const other = generateIsfahanSeed(7);
    expect(other.STAFF.map((s) => s.nationalCode)).not.toEqual(STAFF.map((s) => s.nationalCode));
    expect(other.STAFF).toHaveLength(STAFF.length);
    expect(other.OFFICES.filter((o) => o.active)).toHaveLength(75);
    expect(other.PROPERTIES.every((p) => p.owners.reduce((s, o) => s + o.shareDang, 0) === 6)).toBe(true);
  });

  it('mulberry32 is reproducible', () => {
    const r1 = mulberry32(42);
    const r2 = mulberry32(42);
    const xs = Array.from({ length: 5 }, () => r1());
    expect(Array.from({ length: 5 }, () => r2())).toEqual(xs);
    for (const x of xs) {
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
    }
  });
});

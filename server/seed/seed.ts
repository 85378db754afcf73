/**
 * The Isfahan demo organisation: city, 15 districts, 75 active desks (plus part of the pool of
 * 170), staff for every role, the service catalog, official holidays for this Solar Hijri year
 * and the next, and some citizens with property files. Runs once, on an empty database.
 */
import type { Db } from '../db/database.js';
import { ensurePartitionYearsAround } from '../db/partitions.js';
import type { Selectable } from 'kysely';
import type { ServiceTable, StreetType } from '../db/schema.js';
import { hashPassword } from '../modules/auth/index.js';
import { SERVICES } from '../modules/catalog/index.js';
import { writeYearList } from '../modules/calendar/index.js';
import { toJalali, tehranDate } from '../platform/calendar.js';
import { appendAudit } from '../platform/audit.js';
import { newId } from '../platform/ids.js';
import { formatFileNumber, nextCounter } from '../platform/counters.js';
import { searchKey } from '../platform/normalize.js';
import { systemClock, type Clock } from '../platform/clock.js';
import { generateHistory, jalaliMonthStart } from './history.js';
import { CITY, DEMO_LOGINS, DISTRICTS, OFFICES, PERSONS, PROPERTIES, STAFF, type SeedDemoLogin } from './isfahan.data.js';

/** Desks keep office hours close to the government's, some with an afternoon shift (ASCII digits: data, not display). */
export const OPENING_HOURS_FA = [
  'شنبه تا چهارشنبه 7:30 تا 14:30؛ پنجشنبه 7:30 تا 12',
  'شنبه تا چهارشنبه 8 تا 14 و 16 تا 19؛ پنجشنبه 8 تا 12',
  'شنبه تا چهارشنبه 7:30 تا 15؛ پنجشنبه تعطیل',
] as const;

/** Every demo account signs in with this password (demo data only; README says so). */
export const DEMO_PASSWORD = 'Isfahan-1405';

/**
 * Past cases of the demo: Isfahan takes in about 106,000 cases a year (~9,000 a month); the demo
 * writes a third of that rate so a first start stays quick (about 7,000 cases for two months).
 */
export const DEMO_CASES_PER_MONTH = 3_000;

export interface DemoHistory {
  months: number;
  cases: number;
  open: number;
  seconds: number;
}

/**
 * Seed the demo into an empty database; with `historyMonths` > 0 also the past cases of that many
 * Jalali months before this one plus this month so far (seed/history.ts), so dashboards, queues,
 * the chase list and the monthly report have figures. Tests seed with seedDemo: no history.
 */
export async function seedDemoIfEmpty(
  db: Db,
  clock: Clock = systemClock,
  opts: { historyMonths: number },
): Promise<{ logins: SeedDemoLogin[]; history: DemoHistory | null } | null> {
  const existing = await db.selectFrom('cities').select('id').limit(1).executeTakeFirst();
  if (existing) return null;
  await seedDemo(db, clock);
  if (opts.historyMonths <= 0) return { logins: DEMO_LOGINS, history: null };
  const started = performance.now();
  const now = clock.now();
  const from = jalaliMonthStart(now, opts.historyMonths);
  const cases = Math.round((DEMO_CASES_PER_MONTH * (now.getTime() - from.getTime())) / (30.44 * 86_400_000));
  const result = await generateHistory(db, { cases, from, now });
  return { logins: DEMO_LOGINS, history: { months: opts.historyMonths, cases: result.cases, open: result.open, seconds: (performance.now() - started) / 1000 } };
}

/** Restoration tariffs (تعرفه ترمیم حفاری) of the demo city, rials per metre of trench; the city admin sets the real ones. */
const DEMO_EXCAVATION_TARIFFS: Record<StreetType, number> = { main: 4_500_000, secondary: 3_500_000, local: 2_500_000, alley: 1_800_000, sidewalk: 1_500_000 };

export async function seedExcavationTariffs(trx: Db, cityId: string, at: string): Promise<void> {
  await trx
    .insertInto('excavation_tariffs')
    .values(Object.entries(DEMO_EXCAVATION_TARIFFS).map(([streetType, rials]) => ({ city_id: cityId, street_type: streetType as StreetType, rials_per_meter: rials, updated_at: at })))
    .execute();
}

/** The service catalog's rows for a city (ids from `id`). */
export function catalogRows(cityId: string, at: string, id: () => string): Selectable<ServiceTable>[] {
  return SERVICES.map((s) => ({
    id: id(), city_id: cityId, code: s.code, name_fa: s.nameFa, name_en: s.nameEn, description_fa: s.descriptionFa,
    description_en: s.descriptionEn, category: s.category, workflow_code: s.workflowCode, inspector_specialty: s.inspectorSpecialty, visit_minutes: s.visitMinutes ?? 30,
    required_documents: JSON.stringify(s.requiredDocuments), form_fields: JSON.stringify(s.formFields), inspection_checklist: JSON.stringify(s.inspectionChecklist), sla_days: JSON.stringify(s.slaDays),
    fee_rials: s.feeRials, answer_validity_days: s.answerValidityDays, answer_purpose_fa: s.answerPurposeFa, active: 1, updated_at: at,
  }));
}

export async function seedDemo(db: Db, clock: Clock = systemClock): Promise<void> {
  const now = clock.now();
  const at = now.toISOString();
  // The demo's clock may be in another year than the server's: its timelines' years (db/partitions.ts).
  await ensurePartitionYearsAround(db, now);
  // One hash for all demo accounts: hashing 300 passwords with argon2id would take many seconds.
  const passwordHash = await hashPassword(DEMO_PASSWORD);

  await db.transaction().execute(async (trx) => {
    const cityId = newId();
    await trx.insertInto('cities').values({ id: cityId, code: CITY.code, name_fa: CITY.nameFa, name_en: CITY.nameEn, province_fa: CITY.provinceFa, created_at: at }).execute();
    await seedExcavationTariffs(trx, cityId, at);

    const districtIds = new Map<number, string>();
    for (const d of DISTRICTS) districtIds.set(d.number, newId());
    await trx
      .insertInto('districts')
      .values(DISTRICTS.map((d) => ({ id: districtIds.get(d.number)!, city_id: cityId, number: d.number, name_fa: d.nameFa, name_en: d.nameEn, address_fa: d.addressFa, phone: d.phone, office_lat: d.office[0], office_lng: d.office[1] })))
      .execute();

    const officeIds = new Map<string, string>();
    for (const o of OFFICES) officeIds.set(o.govCode, newId());
    await trx
      .insertInto('offices')
      .values(
        OFFICES.map((o, i) => ({
          id: officeIds.get(o.govCode)!, city_id: cityId, district_id: districtIds.get(o.districtNumber)!, gov_code: o.govCode,
          name_fa: o.nameFa, address_fa: o.addressFa, phone: o.phone, status: o.active ? ('active' as const) : ('inactive' as const),
          opening_hours_fa: OPENING_HOURS_FA[i % OPENING_HOURS_FA.length]!, created_at: at, updated_at: at,
        })),
      )
      .execute();

    const serviceRows = catalogRows(cityId, at, newId);
    await trx.insertInto('services').values(serviceRows).execute();
    const activeOffices = OFFICES.filter((o) => o.active);
    await trx
      .insertInto('office_services')
      .values(activeOffices.flatMap((o) => serviceRows.map((s) => ({ office_id: officeIds.get(o.govCode)!, service_id: s.id }))))
      .execute();

    await trx
      .insertInto('staff')
      .values(
        STAFF.map((s) => ({
          id: newId(), city_id: cityId, username: s.username, password_hash: passwordHash, first_name: s.firstName, last_name: s.lastName,
          national_code: s.nationalCode, mobile: s.mobile, role: s.role,
          office_id: s.officeGovCode ? officeIds.get(s.officeGovCode)! : null,
          district_id: s.districtNumber ? districtIds.get(s.districtNumber)! : null,
          specialty: s.specialty ?? null, active: 1, created_at: at, updated_at: at,
          // Every row names every column: a multi-row insert on SQLite fills a missing one with null, not its default.
          covers_district_ids: JSON.stringify(s.role === 'inspector' && s.districtNumber ? DISTRICTS.find((d) => d.number === s.districtNumber)!.neighbours.map((n) => districtIds.get(n)!) : []),
          daily_visit_cap: 12, starts_from: 'office' as const, home_lat: null, home_lng: null,
        })),
      )
      .execute();

    const thisYear = toJalali(tehranDate(now)).year;
    // This year's and next year's lists: official when published, else provisional (the admin is warned).
    for (const year of [thisYear, thisYear + 1]) await writeYearList(trx, cityId, year, now);

    const personIds = new Map<string, string>();
    for (const p of PERSONS) personIds.set(p.nationalCode, newId());
    await trx
      .insertInto('persons')
      .values(
        PERSONS.map((p) => ({
          id: personIds.get(p.nationalCode)!, kind: 'natural' as const, national_code: p.nationalCode, first_name: p.firstName,
          last_name: p.lastName, father_name: p.fatherName, company_name: null, mobile: p.mobile,
          search_text: searchKey(`${p.firstName} ${p.lastName}`), created_at: at, updated_at: at,
        })),
      )
      .execute();

    const seeder = await trx.selectFrom('staff').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow();
    for (const p of PROPERTIES) {
      const id = newId();
      const fileNumber = formatFileNumber(CITY.code, await nextCounter(trx, `property_file:${cityId}`));
      await trx
        .insertInto('properties')
        .values({
          id, city_id: cityId, district_id: districtIds.get(p.districtNumber)!, file_number: fileNumber,
          renovation_code: p.renovationCode, plate_main: p.plateMain, plate_sub: p.plateSub, registry_section: p.registrySection,
          postal_code: p.postalCode, address: p.addressFa, lat: p.lat, lng: p.lng, land_area: p.landArea, land_use: p.landUse,
          floors: p.floors, units: p.units, search_text: searchKey(p.addressFa), created_by_office_id: null, created_by_staff_id: seeder.id,
          version: 1, created_at: at, updated_at: at,
        })
        .execute();
      await trx
        .insertInto('property_owners')
        .values(p.owners.map((o) => ({ property_id: id, person_id: personIds.get(o.nationalCode)!, share_milli_dang: Math.round(o.shareDang * 1000) })))
        .execute();
    }
    await appendAudit(trx, null, { action: 'seed.demo', entityType: 'city', entityId: cityId, details: { offices: OFFICES.length, staff: STAFF.length }, cityId }, now);
  });
}

import { digitsEnToFa } from '@persian-tools/persian-tools';
import type { Db } from '../../db/database.js';
import type { Ctx } from '../../platform/context.js';
import type { Actor } from '../../platform/actor.js';
import { AppError, fieldError, invalid, notFound, type FieldError } from '../../platform/errors.js';
import { appendAudit, auditRead } from '../../platform/audit.js';
import { formatFileNumber, nextCounter } from '../../platform/counters.js';
import { newId } from '../../platform/ids.js';
import { searchKey } from '../../platform/normalize.js';
import { isPostalCode } from '../../../contracts/identifiers.js';
import { displayName, findPersonsInScope, whenPersonRenamed, type NameFields } from '../persons/index.js';
import { isUniqueViolation } from '../../db/sql.js';
import { maskIfHidden } from '../../platform/mask.js';
import { fileNotEditable, propertyAccess, type PropertyAccess } from './properties.policy.js';
import {
  countRequestsOutOfScope, findFilesWithIdentifiers,
  findAddressesOwnedBy, findCityCode, findDistrictInCity, findDuplicates, findOwners, findPropertyInScope, findRequestsOfProperty,
  insertProperty, replaceOwners, searchPropertyRows, setSearchText, updatePropertyAtVersion,
  type OwnerRow, type PropertyIdentifiers, type PropertyRow,
} from './properties.queries.js';
import type {
  CreatePropertyInput, LandUse, PropertyDetailView, PropertySearchInput, PropertyView, UpdatePropertyInput,
} from './properties.schemas.js';

/** Shares are stored in thousandths of a dang; a whole property is 6 dang. */
const MILLI_DANG_PER_DANG = 1000;
const WHOLE_PROPERTY_MILLI_DANG = 6 * MILLI_DANG_PER_DANG;
/** How many of a file's requests its page lists. */
const RECENT_REQUESTS = 20;

/** A property file's own fields, every optional one present (null when unknown). */
interface FileFields extends PropertyIdentifiers {
  districtId: string;
  address: string;
  lat: number | null;
  lng: number | null;
  landArea: number | null;
  landUse: LandUse | null;
  floors: number | null;
  units: number | null;
}
const FILE_FIELDS = [
  'districtId', 'address', 'renovationCode', 'plate', 'postalCode', 'lat', 'lng', 'landArea', 'landUse', 'floors', 'units',
] as const satisfies readonly (keyof FileFields)[];

interface OwnerInput {
  personId: string;
  shareDang: number;
}

/** «03-125-014» and «3-125-14» are the same code: store and search one spelling. */
function canonicalRenovationCode(code: string): string {
  return code
    .split('-')
    .map((group) => String(Number(group)))
    .join('-');
}

function withCanonicalCode<T extends { renovationCode?: string | null }>(input: T): T {
  return input.renovationCode ? { ...input, renovationCode: canonicalRenovationCode(input.renovationCode) } : input;
}

function fieldsOfRow(row: PropertyRow): FileFields {
  return {
    districtId: row.district_id,
    address: row.address,
    renovationCode: row.renovation_code,
    plate:
      row.plate_main !== null && row.plate_sub !== null && row.registry_section !== null
        ? { main: row.plate_main, sub: row.plate_sub, registrySection: row.registry_section }
        : null,
    postalCode: row.postal_code,
    lat: row.lat,
    lng: row.lng,
    landArea: row.land_area,
    landUse: row.land_use as LandUse | null,
    floors: row.floors,
    units: row.units,
  };
}

function columnsOf(f: FileFields) {
  return {
    district_id: f.districtId,
    address: f.address,
    renovation_code: f.renovationCode,
    plate_main: f.plate?.main ?? null,
    plate_sub: f.plate?.sub ?? null,
    registry_section: f.plate?.registrySection ?? null,
    postal_code: f.postalCode,
    lat: f.lat,
    lng: f.lng,
    land_area: f.landArea,
    land_use: f.landUse,
    floors: f.floors,
    units: f.units,
  };
}

function milliDang(shareDang: number): number {
  return Math.round(shareDang * MILLI_DANG_PER_DANG);
}

function ownerRows(propertyId: string, owners: readonly OwnerInput[]) {
  return owners.map((o) => ({ property_id: propertyId, person_id: o.personId, share_milli_dang: milliDang(o.shareDang) }));
}

/** Search text: the address and the owners' names, so either finds the file. */
function searchTextOf(address: string, owners: readonly NameFields[]): string {
  return searchKey([address, ...owners.map(displayName)].join(' '));
}

/** Rebuild the search text of every file a person owns, after the person's name changed. */
export async function refreshSearchTextOfOwner(trx: Db, personId: string): Promise<void> {
  const files = await findAddressesOwnedBy(trx, personId);
  const owners = groupByProperty(await findOwners(trx, files.map((f) => f.id)));
  for (const f of files) await setSearchText(trx, f.id, searchTextOf(f.address, owners.get(f.id) ?? []));
}
whenPersonRenamed(refreshSearchTextOfOwner);

function groupByProperty(owners: OwnerRow[]): Map<string, OwnerRow[]> {
  const byProperty = new Map<string, OwnerRow[]>();
  for (const o of owners) byProperty.set(o.property_id, [...(byProperty.get(o.property_id) ?? []), o]);
  return byProperty;
}

function propertyView(row: PropertyRow, owners: readonly OwnerRow[], can: PropertyAccess): PropertyView {
  const f = fieldsOfRow(row);
  return {
    id: row.id,
    fileNumber: row.file_number,
    district: { id: row.district_id, number: row.district_number, nameFa: row.district_name_fa },
    renovationCode: f.renovationCode,
    plate: f.plate,
    postalCode: f.postalCode,
    address: f.address,
    lat: f.lat,
    lng: f.lng,
    landArea: f.landArea,
    landUse: f.landUse,
    floors: f.floors,
    units: f.units,
    owners: owners.map((o) => ({
      person: { id: o.id, kind: o.kind, nationalCode: maskIfHidden(o.national_code, 'nationalCode', can.seeIdentifiers), displayName: displayName(o) },
      shareDang: o.share_milli_dang / MILLI_DANG_PER_DANG,
    })),
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    can,
  };
}

async function accessTo(ctx: Ctx, actor: Actor, id: string): Promise<PropertyAccess> {
  return propertyAccess(actor, (await findFilesWithIdentifiers(ctx.db, actor, [id])).has(id));
}

async function checkOwners(ctx: Ctx, actor: Actor, owners: readonly OwnerInput[]) {
  const errors: FieldError[] = [];
  // Owners the clerk found by national code: a person of another city may own a file here too.
  const persons = await findPersonsInScope(ctx.db, actor, [...new Set(owners.map((o) => o.personId))], { atIntake: true });
  const known = new Set(persons.map((p) => p.id));
  const listed = new Set<string>();
  let total = 0;
  let sharesExact = true;
  owners.forEach((o, i) => {
    if (Math.abs(o.shareDang * MILLI_DANG_PER_DANG - milliDang(o.shareDang)) > 1e-6) {
      sharesExact = false;
      errors.push(fieldError(`owners.${i}.shareDang`, 'share_precision', 'At most three decimals', 'سهم را حداکثر با سه رقم اعشار وارد کنید'));
    }
    total += milliDang(o.shareDang);
    if (!known.has(o.personId)) {
      errors.push(fieldError(`owners.${i}.personId`, 'unknown_person', 'No such person is registered', 'چنین شخصی ثبت نشده است'));
    } else if (listed.has(o.personId)) {
      errors.push(fieldError(`owners.${i}.personId`, 'duplicate_owner', 'This person is listed twice', 'این شخص بیش از یک بار در فهرست مالکان آمده است'));
    }
    listed.add(o.personId);
  });
  if (sharesExact && total !== WHOLE_PROPERTY_MILLI_DANG) {
    errors.push(
      fieldError('owners', 'shares_sum', `The owners' shares must add up to 6 dang (they add up to ${total / MILLI_DANG_PER_DANG})`, 'مجموع سهم مالکان باید ۶ دانگ باشد'),
    );
  }
  return { errors, persons };
}

/**
 * Every rule a file must meet beyond its schema, on its complete (merged, when editing) fields.
 * Returns the owners' person records when a new owner list was given.
 */
async function checkFile(ctx: Ctx, actor: Actor, f: FileFields, owners: readonly OwnerInput[] | undefined) {
  const errors: FieldError[] = [];
  const district = await findDistrictInCity(ctx.db, actor.cityId, f.districtId);
  if (!district) {
    errors.push(fieldError('districtId', 'unknown_district', 'No such district in your city', 'این منطقه در شهر شما وجود ندارد'));
  }
  if (!f.renovationCode && !f.plate && !f.postalCode) {
    for (const field of ['renovationCode', 'plate', 'postalCode']) {
      errors.push(
        fieldError(field, 'identifier_required', 'Give a renovation code, a registry plate or a postal code', 'دست‌کم یکی از کد نوسازی، پلاک ثبتی یا کد پستی را وارد کنید'),
      );
    }
  }
  if (district && f.renovationCode && Number(f.renovationCode.split('-')[0]) !== district.number) {
    errors.push(
      fieldError(
        'renovationCode',
        'district_mismatch',
        `The renovation code must start with the district number (${district.number})`,
        `کد نوسازی باید با شماره منطقه (${digitsEnToFa(district.number)}) شروع شود`,
      ),
    );
  }
  if (f.postalCode && !isPostalCode(f.postalCode)) {
    errors.push(fieldError('postalCode', 'invalid_postal_code', 'Not a valid postal code', 'کد پستی معتبر نیست'));
  }
  if ((f.lat === null) !== (f.lng === null)) {
    errors.push(
      fieldError(f.lat === null ? 'lat' : 'lng', 'coordinates_pair', 'Give both latitude and longitude, or neither', 'عرض و طول جغرافیایی را با هم وارد کنید'),
    );
  }
  const checked = owners ? await checkOwners(ctx, actor, owners) : { errors: [], persons: [] };
  errors.push(...checked.errors);
  if (errors.length > 0) throw invalid(errors);
  return checked.persons;
}

const IDENTIFIER_LABELS = {
  postalCode: { en: 'postal code', fa: 'کد پستی' },
  plate: { en: 'registry plate', fa: 'پلاک ثبتی' },
  renovationCode: { en: 'renovation code', fa: 'کد نوسازی' },
} as const;

/** 409 naming the existing file and what matched, so the desk can open that file instead. */
async function refuseDuplicates(db: Db, cityId: string, f: FileFields, exceptId: string | null): Promise<void> {
  const [existing] = await findDuplicates(db, cityId, f, exceptId);
  if (!existing) return;
  const matchedOn = (Object.keys(IDENTIFIER_LABELS) as (keyof typeof IDENTIFIER_LABELS)[]).filter((key) => {
    switch (key) {
      case 'postalCode':
        return f.postalCode !== null && existing.postal_code === f.postalCode;
      case 'renovationCode':
        return f.renovationCode !== null && existing.renovation_code === f.renovationCode;
      case 'plate':
        return (
          f.plate !== null &&
          existing.registry_section === f.plate.registrySection &&
          existing.plate_main === f.plate.main &&
          existing.plate_sub === f.plate.sub
        );
    }
  });
  throw new AppError('DUPLICATE_PROPERTY', {
    message: `A file for this property already exists: ${existing.file_number} (same ${matchedOn.map((k) => IDENTIFIER_LABELS[k].en).join(' and ')})`,
    messageFa: `برای این ملک قبلاً پرونده ${existing.file_number} تشکیل شده است (${matchedOn.map((k) => IDENTIFIER_LABELS[k].fa).join(' و ')} یکسان است)`,
    details: { propertyId: existing.id, fileNumber: existing.file_number, matchedOn },
  });
}

/**
 * Run a file's write transaction. Two desks saving the same property at once both pass the
 * duplicate check; the unique indexes then refuse one, which gets the same 409 as if it had been
 * second all along.
 */
async function writeFile(ctx: Ctx, actor: Actor, f: FileFields, exceptId: string | null, work: (trx: Db) => Promise<void>) {
  try {
    await ctx.db.transaction().execute(work);
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    await refuseDuplicates(ctx.db, actor.cityId, f, exceptId);
    throw err;
  }
}

async function loadView(ctx: Ctx, actor: Actor, id: string): Promise<PropertyView> {
  const row = await findPropertyInScope(ctx.db, actor, id);
  if (!row) throw notFound();
  return propertyView(row, await findOwners(ctx.db, [id]), await accessTo(ctx, actor, id));
}

export async function createProperty(ctx: Ctx, actor: Actor, input: CreatePropertyInput): Promise<PropertyView> {
  const given = withCanonicalCode(input);
  const f: FileFields = {
    districtId: given.districtId,
    address: given.address,
    renovationCode: given.renovationCode ?? null,
    plate: given.plate ?? null,
    postalCode: given.postalCode ?? null,
    lat: given.lat ?? null,
    lng: given.lng ?? null,
    landArea: given.landArea ?? null,
    landUse: given.landUse ?? null,
    floors: given.floors ?? null,
    units: given.units ?? null,
  };
  const owners = await checkFile(ctx, actor, f, input.owners);
  await refuseDuplicates(ctx.db, actor.cityId, f, null);

  const id = newId();
  const at = ctx.clock.now();
  await writeFile(ctx, actor, f, null, async (trx) => {
    const city = await findCityCode(trx, actor.cityId);
    const fileNumber = formatFileNumber(city.code, await nextCounter(trx, `property_file:${actor.cityId}`));
    await insertProperty(trx, {
      id, city_id: actor.cityId, file_number: fileNumber, ...columnsOf(f), search_text: searchTextOf(f.address, owners),
      created_by_office_id: actor.officeId, created_by_staff_id: actor.staffId, version: 1,
      created_at: at.toISOString(), updated_at: at.toISOString(),
    });
    await replaceOwners(trx, id, ownerRows(id, input.owners));
    await appendAudit(trx, actor, { action: 'property.create', entityType: 'property', entityId: id, details: { fileNumber } }, at);
  });
  return loadView(ctx, actor, id);
}

function sameOwners(current: readonly OwnerRow[], next: readonly OwnerInput[]): boolean {
  const key = (pairs: [string, number][]) => JSON.stringify(pairs.sort(([a], [b]) => a.localeCompare(b)));
  return key(current.map((o) => [o.id, o.share_milli_dang])) === key(next.map((o) => [o.personId, milliDang(o.shareDang)]));
}

/**
 * The audit of an edit: each changed field's value before and after. Owners are recorded as person
 * ids with shares (the audit log names persons by id, never by national code).
 */
function beforeAndAfter(changed: readonly string[], before: FileFields, after: FileFields, currentOwners: readonly OwnerRow[], owners: readonly OwnerInput[] | undefined) {
  const pick = (fields: FileFields) => Object.fromEntries(FILE_FIELDS.filter((k) => changed.includes(k)).map((k) => [k, fields[k]]));
  const ownersChanged = changed.includes('owners') && owners;
  return {
    before: { ...pick(before), ...(ownersChanged ? { owners: currentOwners.map((o) => ({ personId: o.id, shareDang: o.share_milli_dang / MILLI_DANG_PER_DANG })) } : {}) },
    after: { ...pick(after), ...(ownersChanged ? { owners: owners.map((o) => ({ personId: o.personId, shareDang: milliDang(o.shareDang) / MILLI_DANG_PER_DANG })) } : {}) },
  };
}

export async function updateProperty(ctx: Ctx, actor: Actor, id: string, input: UpdatePropertyInput): Promise<PropertyView> {
  const current = await findPropertyInScope(ctx.db, actor, id);
  if (!current) throw notFound();
  const can = await accessTo(ctx, actor, id);
  if (!can.edit) throw fileNotEditable();
  if (current.version !== input.version) throw new AppError('STALE_VERSION');

  const { version, owners, ...patch } = withCanonicalCode(input);
  const before = fieldsOfRow(current);
  const f: FileFields = { ...before, ...patch };
  const currentOwners = await findOwners(ctx.db, [id]);
  const changed: string[] = FILE_FIELDS.filter((k) => JSON.stringify(before[k]) !== JSON.stringify(f[k]));
  if (owners && !sameOwners(currentOwners, owners)) changed.push('owners');
  if (changed.length === 0) return propertyView(current, currentOwners, can);

  const newOwners = await checkFile(ctx, actor, f, owners);
  await refuseDuplicates(ctx.db, actor.cityId, f, id);
  const at = ctx.clock.now();
  await writeFile(ctx, actor, f, id, async (trx) => {
    const saved = await updatePropertyAtVersion(trx, id, version, {
      ...columnsOf(f), search_text: searchTextOf(f.address, owners ? newOwners : currentOwners), updated_at: at.toISOString(),
    });
    // Someone saved between our read and this write: theirs stands, this one changes nothing.
    if (!saved) throw new AppError('STALE_VERSION');
    if (owners) await replaceOwners(trx, id, ownerRows(id, owners));
    await appendAudit(trx, actor, { action: 'property.update', entityType: 'property', entityId: id, details: { changed, version: version + 1, ...beforeAndAfter(changed, before, f, currentOwners, owners) } }, at);
  });
  return loadView(ctx, actor, id);
}

export async function getProperty(ctx: Ctx, actor: Actor, id: string): Promise<PropertyDetailView> {
  const row = await findPropertyInScope(ctx.db, actor, id);
  if (!row) throw notFound();
  const owners = await findOwners(ctx.db, [id]);
  const requests = await findRequestsOfProperty(ctx.db, actor, id, RECENT_REQUESTS);
  const notShown = await countRequestsOutOfScope(ctx.db, actor, id);
  const can = await accessTo(ctx, actor, id);
  // The file shows its owners' national codes: reading it is reading persons' data.
  await auditRead(ctx.db, actor, { action: 'property.read', entityType: 'property', entityId: id }, ctx.clock.now());
  return {
    ...propertyView(row, owners, can),
    requests: requests.map((r) => ({ id: r.id, trackingCode: r.tracking_code, serviceCode: r.service_code, state: r.state, createdAt: r.created_at })),
    requestsNotShown: notShown,
  };
}

export async function searchProperties(ctx: Ctx, actor: Actor, query: PropertySearchInput) {
  const { page, pageSize, sort, order, ...criteria } = withCanonicalCode(query);
  const { rows, total } = await searchPropertyRows(
    ctx.db,
    actor,
    { ...criteria, q: criteria.q ? searchKey(criteria.q) : undefined },
    { page, pageSize, sort, order },
  );
  const owners = groupByProperty(await findOwners(ctx.db, rows.map((r) => r.id)));
  const visible = await findFilesWithIdentifiers(ctx.db, actor, rows.map((r) => r.id));
  if (rows.length > 0) {
    await auditRead(ctx.db, actor, { action: 'property.search', entityType: 'property', entityId: null, details: criteria }, ctx.clock.now());
  }
  return { items: rows.map((r) => propertyView(r, owners.get(r.id) ?? [], propertyAccess(actor, visible.has(r.id)))), total, page, pageSize };
}

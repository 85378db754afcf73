/**
 * The organisation (سازمان): districts, service desks (دفاتر پیشخوان) and their staff. Only the city
 * admin changes it; every write carries its audit row in the same transaction.
 */
import { isNationalCode } from '../../../contracts/identifiers.js';
import { ROLE_SCOPE, ROLE_TITLES_FA, type Role, type ScopeKind, type Specialty } from '../../../contracts/roles.js';
import { can } from '../../../contracts/permissions.js';
import type { Ctx } from '../../platform/context.js';
import type { Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit.js';
import { AppError, fieldError, invalid, notFound, type FieldError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import type { Db } from '../../db/database.js';
import type { Static } from '../../platform/schemas.js';
import { hashPassword, passwordProblem } from '../auth/index.js';
import { auditChanges } from '../audit/index.js';
import type {
  DistrictPatchBody, InspectorQuery, OfficeCreateBody, OfficePatchBody, OfficeQuery, StaffCreateBody, StaffPatchBody, StaffQuery,
} from './organisation.schemas.js';
import * as q from './organisation.queries.js';

function notInCity(field: string, what: string, whatFa: string): FieldError {
  return fieldError(field, 'not_found', `No such ${what} in this city`, `${whatFa} در این شهر پیدا نشد`);
}

function duplicate(field: string, message: string, messageFa: string): AppError {
  return new AppError('CONFLICT', { message, messageFa, fields: [fieldError(field, 'duplicate', message, messageFa)] });
}

// ---- districts ----------------------------------------------------------------------------------

export async function listDistricts(ctx: Ctx, actor: Actor) {
  const rows = await q.listDistricts(ctx.db, actor.cityId);
  return {
    items: rows.map((d) => ({
      id: d.id, number: d.number, nameFa: d.name_fa, nameEn: d.name_en, addressFa: d.address_fa, phone: d.phone,
      activeOffices: Number(d.active_offices ?? 0), inspectors: Number(d.inspectors ?? 0), deskTarget: Number(d.desk_target),
    })),
  };
}

/** The planned number of desks of a district (the city's plan: 8), which the desk-network figures measure against. */
export async function updateDistrict(ctx: Ctx, actor: Actor, id: string, input: Static<typeof DistrictPatchBody>) {
  const at = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const district = await q.findDistrict(trx, actor.cityId, id);
    if (!district) throw notFound();
    await q.setDeskTarget(trx, id, input.deskTarget);
    await appendAudit(
      trx, actor,
      { action: 'district.update', entityType: 'district', entityId: id, details: { changes: auditChanges({ deskTarget: Number(district.desk_target) }, input) } },
      at,
    );
  });
  const { items } = await listDistricts(ctx, actor);
  return items.find((d) => d.id === id)!;
}

// ---- offices ------------------------------------------------------------------------------------

function toOffice(o: q.OfficeRow) {
  return {
    id: o.id,
    govCode: o.gov_code,
    nameFa: o.name_fa,
    district: { id: o.district_id, number: o.district_number, nameFa: o.district_name_fa },
    addressFa: o.address_fa,
    phone: o.phone,
    status: o.status,
    openingHoursFa: o.opening_hours_fa,
    staffCount: Number(o.staff_count ?? 0),
    createdAt: o.created_at,
    updatedAt: o.updated_at,
  };
}

export async function listOffices(ctx: Ctx, actor: Actor, query: Static<typeof OfficeQuery>) {
  const { rows, total } = await q.listOffices(ctx.db, actor.cityId, query, query);
  return { items: rows.map(toOffice), total, page: query.page, pageSize: query.pageSize };
}

export async function getOffice(ctx: Ctx, actor: Actor, id: string) {
  const office = await q.findOffice(ctx.db, actor.cityId, id);
  if (!office) throw notFound();
  return toOffice(office);
}

async function districtOf(db: Db, actor: Actor, districtId: string) {
  const district = await q.findDistrict(db, actor.cityId, districtId);
  if (!district) throw invalid([notInCity('districtId', 'district', 'منطقه')]);
  return district;
}

export async function createOffice(ctx: Ctx, actor: Actor, input: Static<typeof OfficeCreateBody>) {
  const at = ctx.clock.now();
  const id = await ctx.db.transaction().execute(async (trx) => {
    await districtOf(trx, actor, input.districtId);
    const inserted = await q.insertOffice(trx, {
      id: newId(), city_id: actor.cityId, district_id: input.districtId, gov_code: input.govCode, name_fa: input.nameFa,
      address_fa: input.addressFa, phone: input.phone, status: input.status ?? 'active', opening_hours_fa: input.openingHoursFa ?? '',
      created_at: at.toISOString(), updated_at: at.toISOString(),
    });
    if (!inserted) {
      throw duplicate('govCode', 'An office with this government code already exists', 'دفتری با این کد پیشخوان قبلاً ثبت شده است');
    }
    await appendAudit(trx, actor, { action: 'office.create', entityType: 'office', entityId: inserted.id, details: { ...input } }, at);
    return inserted.id;
  });
  return getOffice(ctx, actor, id);
}

export async function updateOffice(ctx: Ctx, actor: Actor, id: string, input: Static<typeof OfficePatchBody>) {
  const at = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const office = await q.findOffice(trx, actor.cityId, id);
    if (!office) throw notFound();
    if (input.districtId) await districtOf(trx, actor, input.districtId);
    await q.updateOffice(trx, id, {
      name_fa: input.nameFa, district_id: input.districtId, address_fa: input.addressFa, phone: input.phone, status: input.status,
      opening_hours_fa: input.openingHoursFa, updated_at: at.toISOString(),
    });
    if (input.districtId && input.districtId !== office.district_id) await q.moveOfficeStaff(trx, id, input.districtId, at.toISOString());
    const before = { ...toOffice(office), districtId: office.district_id };
    await appendAudit(trx, actor, { action: 'office.update', entityType: 'office', entityId: id, details: { changes: auditChanges(before, input) } }, at);
  });
  return getOffice(ctx, actor, id);
}

// ---- staff --------------------------------------------------------------------------------------

/**
 * What each kind of role is anchored to. Desk staff belong to a desk (their district is the desk's),
 * district staff to a district, inspectors to a district with a specialty, city staff to nothing.
 */
const ANCHORS: Record<ScopeKind, { office: boolean; district: boolean; specialty: boolean }> = {
  office: { office: true, district: false, specialty: false },
  district: { office: false, district: true, specialty: false },
  assignments: { office: false, district: true, specialty: true },
  city: { office: false, district: false, specialty: false },
};

interface Anchors {
  officeId: string | null;
  districtId: string | null;
  specialty: Specialty | null;
}

/**
 * Checks a role's anchors, adding to the problems already found so the clerk sees every one at
 * once; returns the columns to store.
 */
async function resolveAnchors(db: Db, actor: Actor, role: Role, given: Anchors, problems: FieldError[] = []) {
  const needs = ANCHORS[ROLE_SCOPE[role]];
  const title = ROLE_TITLES_FA[role];
  const errors = [...problems];
  const check = (field: keyof Anchors, needed: boolean) => {
    if (needed && given[field] === null) {
      errors.push(fieldError(field, 'required', `Required for the role ${role}`, `برای نقش «${title}» الزامی است`));
    }
    if (!needed && given[field] !== null) {
      errors.push(fieldError(field, 'not_applicable', `Does not apply to the role ${role}`, `برای نقش «${title}» کاربرد ندارد`));
    }
  };
  check('officeId', needs.office);
  check('districtId', needs.district);
  check('specialty', needs.specialty);

  const office = needs.office && given.officeId ? await q.findOffice(db, actor.cityId, given.officeId) : undefined;
  if (needs.office && given.officeId && !office) errors.push(notInCity('officeId', 'office', 'دفتر'));
  const district = needs.district && given.districtId ? await q.findDistrict(db, actor.cityId, given.districtId) : undefined;
  if (needs.district && given.districtId && !district) errors.push(notInCity('districtId', 'district', 'منطقه'));
  if (errors.length > 0) throw invalid(errors);

  return {
    office_id: office?.id ?? null,
    district_id: office?.district_id ?? district?.id ?? null,
    specialty: needs.specialty ? given.specialty : null,
  };
}

/** National codes and mobiles of colleagues are for those who manage or audit staff only. */
function seesPersonalData(actor: Actor): boolean {
  return can(actor.role, 'organisation.manage') || can(actor.role, 'audit.read');
}

function toStaffMember(s: q.StaffRow, personal: boolean) {
  const role = s.role as Role;
  return {
    id: s.id,
    username: s.username,
    firstName: s.first_name,
    lastName: s.last_name,
    nationalCode: personal ? s.national_code : null,
    mobile: personal ? s.mobile : null,
    role,
    roleTitleFa: ROLE_TITLES_FA[role],
    specialty: s.specialty as Specialty | null,
    office: s.office_id ? { id: s.office_id, govCode: s.office_gov_code!, nameFa: s.office_name_fa! } : null,
    district: s.district_id ? { id: s.district_id, number: s.district_number!, nameFa: s.district_name_fa! } : null,
    active: s.active === 1,
    createdAt: s.created_at,
    updatedAt: s.updated_at,
  };
}

export async function listStaff(ctx: Ctx, actor: Actor, query: Static<typeof StaffQuery>) {
  const { rows, total } = await q.listStaff(ctx.db, actor.cityId, query, query);
  const personal = seesPersonalData(actor);
  return { items: rows.map((s) => toStaffMember(s, personal)), total, page: query.page, pageSize: query.pageSize };
}

async function getStaffMember(ctx: Ctx, actor: Actor, id: string) {
  const staff = await q.findStaff(ctx.db, actor.cityId, id);
  if (!staff) throw notFound();
  return toStaffMember(staff, seesPersonalData(actor));
}

export async function createStaff(ctx: Ctx, actor: Actor, input: Static<typeof StaffCreateBody>) {
  const problems = isNationalCode(input.nationalCode)
    ? []
    : [fieldError('nationalCode', 'invalid_national_code', 'Not a valid national code', 'کد ملی معتبر نیست')];
  const weak = await passwordProblem('password', input.password, input.username);
  if (weak) problems.push(weak);
  const anchors = await resolveAnchors(
    ctx.db, actor, input.role,
    { officeId: input.officeId ?? null, districtId: input.districtId ?? null, specialty: input.specialty ?? null },
    problems,
  );
  // Hashed before the transaction: argon2 is slow on purpose and must not hold the write lock.
  const passwordHash = await hashPassword(input.password);
  const at = ctx.clock.now();
  const id = await ctx.db.transaction().execute(async (trx) => {
    const inserted = await q.insertStaff(trx, {
      id: newId(), city_id: actor.cityId, username: input.username, password_hash: passwordHash, first_name: input.firstName,
      last_name: input.lastName, national_code: input.nationalCode, mobile: input.mobile, role: input.role, ...anchors,
      active: 1, created_at: at.toISOString(), updated_at: at.toISOString(),
    });
    if (!inserted) throw duplicate('username', 'This username is taken', 'این نام کاربری قبلاً ثبت شده است');
    await appendAudit(
      trx, actor,
      { action: 'staff.create', entityType: 'staff', entityId: inserted.id, details: { username: input.username, role: input.role, ...anchors } },
      at,
    );
    return inserted.id;
  });
  return getStaffMember(ctx, actor, id);
}

/**
 * Change a staff member's role, anchors or active flag. Anchors not given are kept while the (new)
 * role still has them and dropped otherwise, so moving a reviewer to another district or an
 * operator to city-wide work is one small request. Deactivation ends their sessions at once.
 */
export async function updateStaff(ctx: Ctx, actor: Actor, id: string, input: Static<typeof StaffPatchBody>) {
  if (id === actor.staffId && (input.active === false || (input.role !== undefined && input.role !== actor.role))) {
    throw new AppError('CONFLICT', {
      message: 'You cannot deactivate yourself or change your own role',
      messageFa: 'نمی‌توانید حساب خودتان را غیرفعال کنید یا نقش خودتان را تغییر دهید',
    });
  }
  const at = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const current = await q.findStaff(trx, actor.cityId, id);
    if (!current) throw notFound();
    const role = input.role ?? (current.role as Role);
    const needs = ANCHORS[ROLE_SCOPE[role]];
    const keep = <T>(given: T | null | undefined, now: T | null, needed: boolean): T | null =>
      given !== undefined ? given : needed ? now : null;
    const anchors = await resolveAnchors(trx, actor, role, {
      officeId: keep(input.officeId, current.office_id, needs.office),
      districtId: keep(input.districtId, current.district_id, needs.district),
      specialty: keep(input.specialty, current.specialty as Specialty | null, needs.specialty),
    });
    const active = input.active === undefined ? current.active : input.active ? 1 : 0;
    await q.updateStaff(trx, id, { role, ...anchors, active, updated_at: at.toISOString() });
    const sessionsEnded = active === 0 ? await q.endSessionsOf(trx, id) : 0;
    const before = { role: current.role, officeId: current.office_id, districtId: current.district_id, specialty: current.specialty, active: current.active === 1 };
    const after = { role, officeId: anchors.office_id, districtId: anchors.district_id, specialty: anchors.specialty, active: active === 1 };
    await appendAudit(
      trx, actor,
      { action: 'staff.update', entityType: 'staff', entityId: id, details: { changes: auditChanges(before, after), sessionsEnded } },
      at,
    );
  });
  return getStaffMember(ctx, actor, id);
}

// ---- inspectors ---------------------------------------------------------------------------------

/** City staff see every district's inspectors; everyone else only their own district's. */
export async function listInspectors(ctx: Ctx, actor: Actor, query: Static<typeof InspectorQuery>) {
  const cityWide = ROLE_SCOPE[actor.role] === 'city';
  if (!cityWide && query.districtId && query.districtId !== actor.districtId) return { items: [] };
  const districtId = cityWide ? query.districtId : (actor.districtId ?? '');
  const rows = await q.listInspectors(ctx.db, actor.cityId, { districtId, specialty: query.specialty });
  return {
    items: rows.map((i) => ({
      id: i.id,
      username: i.username,
      firstName: i.first_name,
      lastName: i.last_name,
      specialty: i.specialty as Specialty,
      district: { id: i.district_id, number: i.district_number, nameFa: i.district_name_fa },
      openAssignments: Number(i.open_assignments ?? 0),
    })),
  };
}

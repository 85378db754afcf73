/**
 * The admin forms' pure parts: the checks cheap enough to run as the admin types (the server's
 * own patterns), and the bodies the API takes. A PATCH carries only what changed.
 */
import { ROLE_SCOPE, ROLE_TITLES_FA, ROLES, type Role, type Specialty } from '../../../contracts/roles';
import type { paths } from '../../api/schema';
import { canonicalMobile, canonicalNationalCode, isMobile, isNationalCode } from '../../../contracts/identifiers';
import { faDigits, formatJalaliDate, persianWeekdays, t, toAsciiDigits, toJalali } from '../../i18n';
import type { Option } from '../../ui/SearchSelect';
import type { Problems } from '../../ui/useForm';

type Ok<T> = T extends { responses: { 200: { content: { 'application/json': infer R } } } } ? R : T extends { responses: { 201: { content: { 'application/json': infer R } } } } ? R : never;
type In<T> = T extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never;

export type OfficePage = Ok<paths['/api/offices']['get']>;
export type Office = OfficePage['items'][number];
export type OfficeStatus = Office['status'];
export type OfficeCreate = In<paths['/api/offices']['post']>;
export type OfficePatch = In<paths['/api/offices/{id}']['patch']>;
export type StaffPage = Ok<paths['/api/staff']['get']>;
export type StaffMember = StaffPage['items'][number];
export type StaffCreate = In<paths['/api/staff']['post']>;
export type StaffPatch = In<paths['/api/staff/{id}']['patch']>;
export type ServiceSummary = Ok<paths['/api/services']['get']>['items'][number];
export type ServiceDetail = Ok<paths['/api/services/{code}']['get']>;
export type ServicePatch = In<paths['/api/services/{code}']['patch']>;
export type Holiday = Ok<paths['/api/holidays']['get']>['items'][number];
export type HolidayCreate = In<paths['/api/holidays']['post']>;
export type HolidayKind = NonNullable<HolidayCreate['kind']>;

export const ADMIN_PAGE_SIZE = 20;
export const OFFICE_STATUSES: OfficeStatus[] = ['active', 'suspended', 'inactive'];
export const HOLIDAY_KINDS: HolidayKind[] = ['solar', 'lunar', 'special'];

const trimmed = (s: string) => s.trim();
const digits = (s: string) => toAsciiDigits(s.trim());

// ---- desks --------------------------------------------------------------------------------------

export interface OfficeForm {
  govCode: string;
  nameFa: string;
  districtId: string | null;
  addressFa: string;
  phone: string;
  status: OfficeStatus;
  /** ساعات کار: free text shown to citizens, e.g. «شنبه تا چهارشنبه ۷:۳۰ تا ۱۴:۳۰». */
  openingHoursFa: string;
}

export const EMPTY_OFFICE: OfficeForm = { govCode: '', nameFa: '', districtId: null, addressFa: '', phone: '', status: 'active', openingHoursFa: '' };

export function officeFormOf(o: Office): OfficeForm {
  return { govCode: o.govCode, nameFa: o.nameFa, districtId: o.district.id, addressFa: o.addressFa, phone: o.phone, status: o.status, openingHoursFa: o.openingHoursFa };
}

export function officeProblems(v: OfficeForm): Problems<OfficeForm> {
  const m = t.admin.offices.form;
  const p: Problems<OfficeForm> = {};
  if (!/^\d{8}$/.test(digits(v.govCode))) p.govCode = m.govCodeInvalid;
  if (trimmed(v.nameFa).length < 2) p.nameFa = m.nameShort;
  if (!v.districtId) p.districtId = t.admin.required;
  if (trimmed(v.addressFa).length < 5) p.addressFa = m.addressShort;
  if (!/^0\d{10}$/.test(digits(v.phone))) p.phone = m.phoneInvalid;
  return p;
}

export function officeCreateBody(v: OfficeForm): OfficeCreate {
  return {
    govCode: digits(v.govCode), nameFa: trimmed(v.nameFa), districtId: v.districtId!, addressFa: trimmed(v.addressFa), phone: digits(v.phone), status: v.status,
    // Left out when empty: the server stores none as ''.
    ...(trimmed(v.openingHoursFa) ? { openingHoursFa: trimmed(v.openingHoursFa) } : {}),
  };
}

/** Only the fields that changed (the desk code never does); null when nothing did. */
export function officePatchBody(before: Office, v: OfficeForm): OfficePatch | null {
  const after = officeCreateBody(v);
  const patch: OfficePatch = {};
  if (after.nameFa !== before.nameFa) patch.nameFa = after.nameFa;
  if (after.districtId !== before.district.id) patch.districtId = after.districtId;
  if (after.addressFa !== before.addressFa) patch.addressFa = after.addressFa;
  if (after.phone !== before.phone) patch.phone = after.phone;
  if (after.status !== before.status) patch.status = after.status;
  if ((after.openingHoursFa ?? '') !== before.openingHoursFa) patch.openingHoursFa = after.openingHoursFa ?? '';
  return Object.keys(patch).length > 0 ? patch : null;
}

// ---- staff --------------------------------------------------------------------------------------

export const ROLE_OPTIONS = ROLES.map((r) => ({ value: r, label: ROLE_TITLES_FA[r] }));

/** What a role is anchored to, as the server checks it: a desk, a district, and for inspectors a specialty. */
export function roleNeeds(role: Role | null): { office: boolean; district: boolean; specialty: boolean } {
  const scope = role ? ROLE_SCOPE[role] : 'city';
  return { office: scope === 'office', district: scope === 'district' || scope === 'assignments', specialty: scope === 'assignments' };
}

export interface StaffForm {
  username: string;
  firstName: string;
  lastName: string;
  nationalCode: string;
  mobile: string;
  role: Role | null;
  /** The desk chosen in the search box (named as the API's field, so its errors land here). */
  officeId: Option | null;
  districtId: string | null;
  specialty: Specialty | null;
  password: string;
}

export const EMPTY_STAFF: StaffForm = {
  username: '', firstName: '', lastName: '', nationalCode: '', mobile: '', role: null, officeId: null, districtId: null, specialty: null, password: '',
};

export function staffFormOf(m: StaffMember): StaffForm {
  return {
    ...EMPTY_STAFF, username: m.username, firstName: m.firstName, lastName: m.lastName, role: m.role,
    officeId: m.office ? { value: m.office.id, label: m.office.nameFa } : null, districtId: m.district?.id ?? null, specialty: m.specialty,
  };
}

/** The role and its anchors: what both adding and editing check. */
export function staffPlaceProblems(v: StaffForm): Problems<StaffForm> {
  const p: Problems<StaffForm> = {};
  const needs = roleNeeds(v.role);
  if (!v.role) p.role = t.admin.required;
  if (needs.office && !v.officeId) p.officeId = t.admin.required;
  if (needs.district && !v.districtId) p.districtId = t.admin.required;
  if (needs.specialty && !v.specialty) p.specialty = t.admin.required;
  return p;
}

export function staffProblems(v: StaffForm): Problems<StaffForm> {
  const m = t.admin.staff.form;
  const p: Problems<StaffForm> = {};
  if (!/^[a-z0-9][a-z0-9._-]{2,40}$/.test(v.username.trim())) p.username = m.usernameInvalid;
  if (!trimmed(v.firstName)) p.firstName = t.admin.required;
  if (!trimmed(v.lastName)) p.lastName = t.admin.required;
  if (!isNationalCode(canonicalNationalCode(v.nationalCode))) p.nationalCode = m.nationalCodeInvalid;
  if (!isMobile(canonicalMobile(v.mobile))) p.mobile = m.mobileInvalid;
  if (v.password.length < 10) p.password = m.passwordShort;
  return { ...p, ...staffPlaceProblems(v) };
}

/** The anchors the role has, and nothing for those it has not (the server refuses those). */
function anchorsOf(v: StaffForm) {
  const needs = roleNeeds(v.role);
  return {
    officeId: needs.office ? v.officeId!.value : null,
    districtId: needs.district ? v.districtId : null,
    specialty: needs.specialty ? v.specialty : null,
  };
}

export function staffCreateBody(v: StaffForm): StaffCreate {
  const a = anchorsOf(v);
  return {
    username: v.username.trim(), firstName: trimmed(v.firstName), lastName: trimmed(v.lastName), nationalCode: canonicalNationalCode(v.nationalCode),
    mobile: canonicalMobile(v.mobile), role: v.role!, password: v.password,
    ...(a.officeId ? { officeId: a.officeId } : {}), ...(a.districtId ? { districtId: a.districtId } : {}), ...(a.specialty ? { specialty: a.specialty } : {}),
  };
}

/** Role and anchors as they should be; the server keeps the rest. Null when nothing changed. */
export function staffPatchBody(before: StaffMember, v: StaffForm): StaffPatch | null {
  const a = anchorsOf(v);
  const patch: StaffPatch = {};
  if (v.role !== before.role) patch.role = v.role!;
  if (a.officeId !== (before.office?.id ?? null)) patch.officeId = a.officeId;
  // A desk's district follows the desk: only district staff and inspectors choose one.
  if (!roleNeeds(v.role).office && a.districtId !== (before.district?.id ?? null)) patch.districtId = a.districtId;
  if (a.specialty !== before.specialty) patch.specialty = a.specialty;
  return Object.keys(patch).length > 0 ? patch : null;
}

// ---- services -----------------------------------------------------------------------------------

export interface ServiceForm {
  feeRials: number | string;
  /** Working days per waiting state, as the API keys them. */
  slaDays: Record<string, number | string>;
  active: boolean;
  answerValidityDays: number | string;
  /** Expected time on site (the day planner's service time). */
  visitMinutes: number | string;
}

export function serviceFormOf(s: ServiceDetail): ServiceForm {
  return { feeRials: s.feeRials, slaDays: { ...s.slaDays }, active: s.active, answerValidityDays: s.answerValidityDays, visitMinutes: s.visitMinutes };
}

const isWholeIn = (n: number | string, min: number, max: number) => typeof n === 'number' && Number.isInteger(n) && n >= min && n <= max;

/** The SLA fields are checked one by one, keyed as the server keys its errors: `slaDays.<state>`. */
export function serviceProblems(v: ServiceForm): Problems<ServiceForm> {
  const m = t.admin.services.form;
  const p: Problems<ServiceForm> = {};
  if (!isWholeIn(v.feeRials, 0, 1_000_000_000_000)) p.feeRials = m.feeInvalid;
  if (!isWholeIn(v.answerValidityDays, 1, 3650)) p.answerValidityDays = m.validityInvalid;
  if (!isWholeIn(v.visitMinutes, 5, 480)) p.visitMinutes = m.visitMinutesInvalid;
  for (const [state, days] of Object.entries(v.slaDays)) {
    if (typeof days !== 'number' || days < 0.5 || days > 90 || !Number.isInteger(days * 2)) p[`slaDays.${state}`] = m.slaInvalid;
  }
  return p;
}

export function servicePatchBody(before: ServiceDetail, v: ServiceForm): ServicePatch | null {
  const patch: ServicePatch = {};
  if (v.feeRials !== before.feeRials) patch.feeRials = Number(v.feeRials);
  if (v.answerValidityDays !== before.answerValidityDays) patch.answerValidityDays = Number(v.answerValidityDays);
  if (v.visitMinutes !== before.visitMinutes) patch.visitMinutes = Number(v.visitMinutes);
  if (v.active !== before.active) patch.active = v.active;
  const sla = Object.fromEntries(Object.entries(v.slaDays).map(([k, d]) => [k, Number(d)]));
  if (Object.entries(sla).some(([k, d]) => before.slaDays[k] !== d)) patch.slaDays = sla;
  return Object.keys(patch).length > 0 ? patch : null;
}

// ---- holidays -----------------------------------------------------------------------------------

export interface HolidayForm {
  date: string | null;
  titleFa: string;
  titleEn: string;
  kind: HolidayKind;
}

export const EMPTY_HOLIDAY: HolidayForm = { date: null, titleFa: '', titleEn: '', kind: 'special' };

export function holidayFormOf(h: Holiday): HolidayForm {
  return { date: h.date, titleFa: h.titleFa, titleEn: h.titleEn, kind: (HOLIDAY_KINDS as string[]).includes(h.kind) ? (h.kind as HolidayKind) : 'special' };
}

export function holidayProblems(v: HolidayForm): Problems<HolidayForm> {
  const m = t.admin.holidays.form;
  const p: Problems<HolidayForm> = {};
  if (!v.date) p.date = t.admin.required;
  if (trimmed(v.titleFa).length < 2) p.titleFa = m.titleShort;
  if (trimmed(v.titleEn).length < 2) p.titleEn = m.titleShort;
  return p;
}

export function holidayBody(v: HolidayForm): HolidayCreate {
  return { date: v.date!, titleFa: trimmed(v.titleFa), titleEn: trimmed(v.titleEn), kind: v.kind };
}

/** The Solar Hijri years the table offers: last year to two years ahead of the given day. */
export function holidayYears(today: string): number[] {
  const year = toJalali(today).year;
  return [year - 1, year, year + 1, year + 2];
}

const WEEKDAYS = persianWeekdays('long');

/** شنبه … جمعه for a calendar day (`YYYY-MM-DD`). */
export function weekdayOf(date: string): string {
  // getUTCDay: 0 = Sunday; the Iranian week, and persianWeekdays, start on Saturday.
  return WEEKDAYS[(new Date(`${date}T12:00:00Z`).getUTCDay() + 1) % 7]!;
}

// ---- holiday lists (official / provisional / confirmed) ----------------------------------------

export type HolidayLists = Ok<paths['/api/holiday-lists']['get']>;
export type HolidayList = HolidayLists['items'][number];

export interface HolidayListNotice {
  tone: 'ok' | 'warn';
  text: string;
  /** The list is provisional: its lunar rows are shown «موقت» and the admin may confirm it. */
  provisional: boolean;
  canConfirm: boolean;
  canApplyOfficial: boolean;
  canCreate: boolean;
}

/** What the holidays page says about one year's list, and which of the admin's actions apply. */
export function holidayListNotice(lists: HolidayList[], year: number): HolidayListNotice {
  const s = t.admin.holidays.notice;
  const y = faDigits(year);
  const list = lists.find((l) => l.year === year);
  const none = { provisional: false, canConfirm: false, canApplyOfficial: false, canCreate: false };
  if (!list) return { ...none, tone: 'warn', text: s.missing(y), provisional: true, canCreate: true };
  const canApplyOfficial = list.officialAvailable && list.status !== 'official';
  if (list.status === 'official') return { ...none, tone: 'ok', text: `${s.official(y)} ${s.source(list.source)}` };
  if (list.status === 'confirmed') {
    const when = list.confirmedAt ? formatJalaliDate(list.confirmedAt) : '';
    return { ...none, tone: 'ok', text: s.confirmed(y, list.confirmedByName ?? '', when), canApplyOfficial };
  }
  return { ...none, tone: 'warn', text: `${s.provisional(y)}${canApplyOfficial ? ` ${s.officialAvailable}` : ''}`, provisional: true, canConfirm: true, canApplyOfficial };
}

/** The banner's text for the unsettled years (this year and the coming one), or null when none. */
export function holidayBanner(unsettled: number[]): string | null {
  if (unsettled.length === 0) return null;
  return t.admin.holidays.banner(unsettled.map((y) => faDigits(y)).join(' و '));
}

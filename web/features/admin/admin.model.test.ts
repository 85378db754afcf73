import { describe, expect, it } from 'vitest';
import {
  EMPTY_HOLIDAY, EMPTY_OFFICE, EMPTY_STAFF, holidayProblems, holidayYears, officeCreateBody, officePatchBody, officeProblems, roleNeeds,
  servicePatchBody, serviceProblems, staffCreateBody, staffPatchBody, staffPlaceProblems, staffProblems, weekdayOf,
  type Office, type ServiceDetail, type StaffForm, type StaffMember,
} from './admin.model';
import { holidayBanner, holidayListNotice, type HolidayList } from './admin.model';

const keys = (o: object) => Object.keys(o).sort();

const OFFICE: Office = {
  id: 'o1', govCode: '10573449', nameFa: 'دفتر پیشخوان چهارباغ', district: { id: 'd3', number: 3, nameFa: 'منطقه ۳' }, addressFa: 'اصفهان، چهارباغ عباسی',
  phone: '03136251234', status: 'active', openingHoursFa: 'شنبه تا چهارشنبه ۷:۳۰ تا ۱۴:۳۰', staffCount: 3, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z',
};

describe('the desk form', () => {
  it('checks the desk code, name, district, address and landline as the server does', () => {
    expect(keys(officeProblems(EMPTY_OFFICE))).toEqual(['addressFa', 'districtId', 'govCode', 'nameFa', 'phone']);
    expect(officeProblems({ ...EMPTY_OFFICE, govCode: '۱۰۵۷۳۴۴۹', nameFa: 'دفتر', districtId: 'd3', addressFa: 'اصفهان، خیابان', phone: '۰۳۱۳۶۲۵۱۲۳۴' })).toEqual({});
    expect(keys(officeProblems({ ...EMPTY_OFFICE, govCode: '1234567', nameFa: 'دفتر', districtId: 'd3', addressFa: 'اصفهان، خیابان', phone: '09131234567' }))).toEqual(['govCode']);
  });

  it('sends ASCII digits and trimmed text', () => {
    expect(officeCreateBody({ ...EMPTY_OFFICE, govCode: '۱۰۵۷۳۴۴۹', nameFa: ' دفتر ', districtId: 'd3', addressFa: 'نشانی کامل', phone: '۰۳۱۳۶۲۵۱۲۳۴' })).toEqual({
      govCode: '10573449', nameFa: 'دفتر', districtId: 'd3', addressFa: 'نشانی کامل', phone: '03136251234', status: 'active',
    });
    expect(officeCreateBody({ ...EMPTY_OFFICE, openingHoursFa: ' شنبه تا چهارشنبه ' }).openingHoursFa).toBe('شنبه تا چهارشنبه');
  });

  it('patches only what changed, and nothing when nothing did', () => {
    const form = { govCode: OFFICE.govCode, nameFa: OFFICE.nameFa, districtId: 'd3', addressFa: OFFICE.addressFa, phone: OFFICE.phone, status: OFFICE.status, openingHoursFa: OFFICE.openingHoursFa };
    expect(officePatchBody(OFFICE, form)).toBeNull();
    expect(officePatchBody(OFFICE, { ...form, districtId: 'd5', status: 'suspended' })).toEqual({ districtId: 'd5', status: 'suspended' });
    // Opening hours changed, or cleared.
    expect(officePatchBody(OFFICE, { ...form, openingHoursFa: 'شنبه تا پنجشنبه' })).toEqual({ openingHoursFa: 'شنبه تا پنجشنبه' });
    expect(officePatchBody(OFFICE, { ...form, openingHoursFa: '  ' })).toEqual({ openingHoursFa: '' });
  });
});

describe('the staff form', () => {
  it('asks each role for its own place: a desk, a district, a district and a specialty, or nothing', () => {
    expect(roleNeeds('office_operator')).toEqual({ office: true, district: false, specialty: false });
    expect(roleNeeds('district_reviewer')).toEqual({ office: false, district: true, specialty: false });
    expect(roleNeeds('inspector')).toEqual({ office: false, district: true, specialty: true });
    expect(roleNeeds('auditor')).toEqual({ office: false, district: false, specialty: false });
  });

  const filled: StaffForm = {
    ...EMPTY_STAFF, username: 'new.inspector', firstName: 'مریم', lastName: 'کاظمی', nationalCode: '۱۲۷۰۰۰۰۰۰۴', mobile: '09131234567',
    role: 'inspector', districtId: 'd3', specialty: 'civil', password: 'Isfahan-1405-new',
  };

  it('checks a new account before sending it', () => {
    expect(keys(staffProblems(EMPTY_STAFF))).toEqual(['firstName', 'lastName', 'mobile', 'nationalCode', 'password', 'role', 'username']);
    expect(staffProblems(filled)).toEqual({});
    expect(keys(staffProblems({ ...filled, specialty: null, username: 'Ab' }))).toEqual(['specialty', 'username']);
  });

  it('sends only the anchors the role has', () => {
    expect(staffCreateBody({ ...filled, officeId: { value: 'o1', label: 'x' } })).toEqual({
      username: 'new.inspector', firstName: 'مریم', lastName: 'کاظمی', nationalCode: '1270000004', mobile: '09131234567', role: 'inspector',
      password: 'Isfahan-1405-new', districtId: 'd3', specialty: 'civil',
    });
  });

  it('moves an operator to a district role with the district and without the desk', () => {
    const member: StaffMember = {
      id: 's1', username: 'op', firstName: 'علی', lastName: 'رضایی', nationalCode: null, mobile: null, role: 'office_operator', roleTitleFa: '',
      specialty: null, office: { id: 'o1', govCode: '10573449', nameFa: 'دفتر' }, district: { id: 'd3', number: 3, nameFa: 'منطقه ۳' }, active: true,
      createdAt: '', updatedAt: '',
    };
    const form: StaffForm = { ...EMPTY_STAFF, role: 'office_operator', officeId: { value: 'o1', label: 'دفتر' }, districtId: 'd3' };
    expect(staffPatchBody(member, form)).toBeNull();
    expect(staffPlaceProblems({ ...form, role: 'district_reviewer', districtId: null })).toEqual({ districtId: 'این مورد را وارد کنید' });
    expect(staffPatchBody(member, { ...form, role: 'district_reviewer', districtId: 'd5' })).toEqual({ role: 'district_reviewer', officeId: null, districtId: 'd5' });
  });
});

describe('the service form', () => {
  const service = { feeRials: 1_500_000, answerValidityDays: 180, visitMinutes: 30, active: true, slaDays: { inspector_assigned: 3, district_review: 2 } } as unknown as ServiceDetail;
  const form = { feeRials: 1_500_000, answerValidityDays: 180, visitMinutes: 30, active: true, slaDays: { inspector_assigned: 3, district_review: 2 } };

  it('checks the fee, the validity and each step in half days', () => {
    expect(serviceProblems(form)).toEqual({});
    expect(keys(serviceProblems({ ...form, feeRials: '', slaDays: { inspector_assigned: 0.7, district_review: 2.5 } }))).toEqual(['feeRials', 'slaDays.inspector_assigned']);
  });

  it('patches only what changed, the SLA table whole', () => {
    expect(servicePatchBody(service, form)).toBeNull();
    expect(servicePatchBody(service, { ...form, feeRials: 2_000_000 })).toEqual({ feeRials: 2_000_000 });
    expect(servicePatchBody(service, { ...form, slaDays: { inspector_assigned: 3, district_review: 1.5 } })).toEqual({ slaDays: { inspector_assigned: 3, district_review: 1.5 } });
  });
});

describe('the holiday form and table', () => {
  it('needs a date and both titles', () => {
    expect(keys(holidayProblems(EMPTY_HOLIDAY))).toEqual(['date', 'titleEn', 'titleFa']);
  });

  it('offers last year to two years ahead, on the Solar Hijri calendar', () => {
    expect(holidayYears('2026-11-29')).toEqual([1404, 1405, 1406, 1407]);
    expect(holidayYears('2027-03-21')).toEqual([1405, 1406, 1407, 1408]);
  });

  it('names the weekday as the Iranian week has it', () => {
    expect(weekdayOf('2026-11-29')).toBe('یکشنبه');
    expect(weekdayOf('2026-12-04')).toBe('جمعه');
  });
});

describe('holiday list notices', () => {
  const list = (year: number, status: 'official' | 'provisional' | 'confirmed', extra: Partial<HolidayList> = {}): HolidayList => ({
    year, status, source: 'منبع آزمایشی', confirmedAt: null, confirmedByName: null, officialAvailable: status === 'official', ...extra,
  });

  it('a provisional year warns, marks its rows «موقت» and offers «تأیید فهرست»', () => {
    const n = holidayListNotice([list(1405, 'official'), list(1406, 'provisional')], 1406);
    expect(n).toMatchObject({ tone: 'warn', provisional: true, canConfirm: true, canApplyOfficial: false, canCreate: false });
    expect(n.text).toContain('فهرست تعطیلات سال ۱۴۰۶ موقت است');
  });

  it('offers the official list when the release ships it for a provisional year', () => {
    const n = holidayListNotice([list(1405, 'provisional', { officialAvailable: true })], 1405);
    expect(n).toMatchObject({ canConfirm: true, canApplyOfficial: true });
    expect(n.text).toContain('فهرست رسمی این سال در سامانه هست');
  });

  it('an official or confirmed year is settled; a year not held can be recorded', () => {
    expect(holidayListNotice([list(1405, 'official')], 1405)).toMatchObject({ tone: 'ok', provisional: false, canConfirm: false });
    const confirmed = holidayListNotice([list(1406, 'confirmed', { confirmedAt: '2026-11-29T06:00:00.000Z', confirmedByName: 'مریم احمدی' })], 1406);
    expect(confirmed).toMatchObject({ tone: 'ok', provisional: false, canConfirm: false });
    expect(confirmed.text).toContain('مریم احمدی');
    expect(confirmed.text).not.toMatch(/[0-9A-Za-z]/);
    expect(holidayListNotice([], 1407)).toMatchObject({ tone: 'warn', provisional: true, canCreate: true, canConfirm: false });
  });

  it('the banner names the unsettled years in Persian digits, and is absent when none', () => {
    expect(holidayBanner([1406, 1407])).toBe('فهرست تعطیلات رسمی سال ۱۴۰۶ و ۱۴۰۷ هنوز تأیید نشده است و مهلت‌ها بر پایه فهرست موقت محاسبه می‌شوند.');
    expect(holidayBanner([])).toBeNull();
  });
});

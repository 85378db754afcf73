/** Staff roles. The Persian title is what the person is called at work. */
export const ROLES = [
  'office_operator', // کارشناس دفتر پیشخوان
  'office_manager', // مدیر دفتر پیشخوان
  'inspector', // مامور بازدید
  'followup_officer', // مسئول پیگیری منطقه
  'district_reviewer', // کارشناس بررسی منطقه
  'district_approver', // مدیر/تاییدکننده منطقه
  'city_admin', // مدیر سامانه شهر (اداره شهرسازی الکترونیک)
  'auditor', // بازرس (فقط خواندنی)
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_TITLES_FA: Record<Role, string> = {
  office_operator: 'کارشناس دفتر پیشخوان',
  office_manager: 'مدیر دفتر پیشخوان',
  inspector: 'مامور بازدید',
  followup_officer: 'مسئول پیگیری',
  district_reviewer: 'کارشناس بررسی منطقه',
  district_approver: 'تاییدکننده منطقه',
  city_admin: 'مدیر سامانه شهر',
  auditor: 'بازرس',
};

/** Where a role's scope is anchored: its office, its district, its own assignments, or the whole city. */
export type ScopeKind = 'office' | 'district' | 'assignments' | 'city';
export const ROLE_SCOPE: Record<Role, ScopeKind> = {
  office_operator: 'office',
  office_manager: 'office',
  inspector: 'assignments',
  followup_officer: 'district',
  district_reviewer: 'district',
  district_approver: 'district',
  city_admin: 'city',
  auditor: 'city',
};

export const SPECIALTIES = ['urbanism', 'architecture', 'civil'] as const; // شهرسازی / معماری / عمران
export type Specialty = (typeof SPECIALTIES)[number];
export const SPECIALTY_TITLES_FA: Record<Specialty, string> = {
  urbanism: 'شهرسازی',
  architecture: 'معماری',
  civil: 'عمران',
};

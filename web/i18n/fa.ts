/**
 * The Persian catalogue: every string the web app shows. Components read `t.<area>.<key>`; a
 * string that takes values is a function. en.ts has the same keys (the type checker holds it).
 */
import { inspectionsFa } from '../features/inspections/strings.fa';
import { planningFa } from '../features/planning/strings.fa';
import { uiFa } from '../ui/strings.fa';
import { districtFa } from '../features/district/strings.fa';
import { followupFa } from '../features/followup/strings.fa';
import { adminFa } from '../features/admin/strings.fa';
import { auditFa } from '../features/audit/strings.fa';
import { dashboardsFa } from '../features/dashboards/strings.fa';
import { clientsFa } from '../features/clients/strings.fa';

import { deskFa } from '../features/desk/strings.fa';
import { citizenFa } from '../features/citizen/strings.fa';
import { notificationsFa } from '../features/notifications/strings.fa';
import { propertiesFa } from '../features/properties/strings.fa';
import { requestsFa } from '../features/requests/strings.fa';
import { verifyFa } from '../verify/strings.fa';

export const fa = {
  verify: verifyFa,
  citizen: citizenFa,
  notifications: notificationsFa,
  desk: deskFa,
  properties: propertiesFa,
  requests: requestsFa,
  ui: uiFa,
  district: districtFa,
  followup: followupFa,
  admin: adminFa,
  audit: auditFa,
  dashboards: dashboardsFa,
  clients: clientsFa,
  inspections: inspectionsFa,
  planning: planningFa,
  app: {
    name: 'میز خدمت',
    tagline: 'سامانه خدمات شهرسازی شهرداری‌ها',
  },
  units: {
    rial: 'ریال',
  },
  common: {
    loading: 'در حال بارگذاری…',
    errorTitle: 'خطا',
    fieldErrorsTitle: 'این موارد را اصلاح کنید:',
    networkError: 'ارتباط با سامانه برقرار نشد؛ اتصال را بررسی کنید و دوباره تلاش کنید.',
    unknownError: 'خطایی رخ داد؛ لطفاً دوباره تلاش کنید.',
    notFoundTitle: 'صفحه پیدا نشد',
    notFoundBody: 'نشانی این صفحه درست نیست یا صفحه جابه‌جا شده است.',
    backHome: 'بازگشت به کارتابل',
    pageTitle: (title: string) => `${title} | میز خدمت`,
  },
  auth: {
    title: 'ورود به سامانه',
    subtitle: 'ویژه کارکنان دفاتر پیشخوان و شهرداری',
    username: 'نام کاربری',
    password: 'گذرواژه',
    submit: 'ورود',
    signOut: 'خروج',
    required: 'این مورد را وارد کنید',
  },
  datePicker: {
    placeholder: 'انتخاب تاریخ',
    previousMonth: 'ماه قبل',
    nextMonth: 'ماه بعد',
  },
  shell: {
    toggleNavigation: 'باز و بسته کردن منو',
    navigation: 'منوی اصلی',
    skipToContent: 'رفتن به محتوای اصلی',
  },
  nav: {
    home: 'کارتابل',
    track: 'پیگیری درخواست شهروند',
  },
  home: {
    title: 'کارتابل',
    greeting: (name: string) => `${name}، خوش آمدید`,
    roleLine: (role: string, place: string | null) => (place ? `${role} — ${place}` : role),
    emptyTitle: 'کاری در کارتابل شما نیست',
    emptyBody: 'پرونده‌هایی که به شما ارجاع می‌شود در اینجا نمایش داده می‌شود.',
    district: (name: string) => `شهرداری ${name}`,
    queueLabel: 'کارهای در انتظار شما',
    open: 'مشاهده فهرست',
    piles: { visitsToday: 'بازدیدهای امروز', chase: 'پرونده‌های دیرکرد و نزدیک موعد', failedSms: 'پیامک‌های ناموفق' },
  },
  track: {
    title: 'پیگیری درخواست',
    intro: 'کد رهگیری ده‌رقمی که دفتر پیشخوان به شما داده است و کد ملی مالک یا متقاضی را وارد کنید.',
    trackingCode: 'کد رهگیری',
    nationalCode: 'کد ملی',
    tenDigits: 'ده رقم؛ با ارقام فارسی یا انگلیسی',
    submit: 'پیگیری',
    searching: 'در حال جست‌وجو…',
    invalidTrackingCode: 'کد رهگیری باید ده رقم باشد',
    invalidNationalCode: 'کد ملی باید ده رقم باشد',
    notFound: 'درخواستی با این کد رهگیری و کد ملی پیدا نشد. هر دو را دوباره بررسی کنید.',
    status: 'وضعیت فعلی',
    service: 'خدمت',
    office: 'دفتر پیشخوان',
    officePhone: 'تلفن دفتر',
    registeredAt: 'تاریخ ثبت',
    stepDueAt: 'موعد پایان مرحله فعلی',
    closedAt: 'تاریخ پایان',
    timeline: 'مراحل پرونده',
    staffSignIn: 'ورود کارکنان',
    visit: 'زمان بازدید کارشناس',
    visitWindow: (from: string, to: string) => `ساعت ${from} تا ${to}`,
  },
};

/** Strings of the shared list pieces in web/ui (pager, SLA badge), hooked into the catalogue as `ui`. */
export const uiFa = {
  /** The name of a list table's scrolling box, when its page gives none. */
  table: 'جدول',
  pager: {
    label: 'صفحه‌ها',
    next: 'صفحه بعد',
    previous: 'صفحه قبل',
    page: (n: string) => `صفحه ${n}`,
    total: (n: string) => `${n} مورد`,
    moreThan: (n: string) => `بیش از ${n} مورد`,
    atLeast: (n: string) => `${n}+`,
  },
  sla: {
    on_time: 'در موعد',
    at_risk: 'نزدیک موعد',
    overdue: 'دیرکرد',
  },
  yes: 'بله',
  no: 'خیر',
  cancel: 'انصراف',
  save: 'ذخیره',
  close: 'بستن',
  edit: 'ویرایش',
  search: 'جست‌وجو',
  actions: 'عملیات',
  /** Under a letter serial: how to say it on the phone. */
  readAloud: (spelled: string) => `خوانش: ${spelled}`,
  /** The shared map (MapView): the day's routes, the desk's location picker. */
  map: {
    noBaseMap: 'نقشه پایه در دسترس نیست؛ مسیرها روی زمینه ساده نمایش داده می‌شوند',
    zoomIn: 'بزرگ‌نمایی',
    zoomOut: 'کوچک‌نمایی',
    picked: 'محل انتخاب‌شده؛ برای جابه‌جایی بکشید',
    loading: 'در حال بارگذاری نقشه…',
    settingsFailed: 'تنظیمات نقشه دریافت نشد؛ دوباره تلاش کنید.',
  },
};

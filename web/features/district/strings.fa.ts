/** The district municipality's queue (صف کار منطقه). */
export const districtFa = {
  nav: 'صف کار منطقه',
  title: 'صف کار منطقه',
  description: (district: string) => `پرونده‌های ${district}؛ فوری‌ترین در بالا`,
  cityWide: 'پرونده‌های همه مناطق؛ فوری‌ترین در بالا',
  tabs: {
    review: 'در انتظار بررسی',
    decision: 'در انتظار تصمیم',
    answer: 'آماده صدور پاسخ',
    visit: 'در حال بازدید',
  },
  tabsLabel: 'مرحله پرونده',
  columns: {
    trackingCode: 'کد رهگیری',
    service: 'خدمت',
    applicant: 'متقاضی',
    office: 'دفتر پیشخوان',
    dueAt: 'موعد مرحله',
    sla: 'وضعیت زمانی',
  },
  noDue: 'بدون موعد',
  emptyTitle: 'پرونده‌ای در این مرحله نیست',
  emptyBody: 'پرونده‌هایی که به این مرحله برسند اینجا نمایش داده می‌شوند.',
  openCase: (code: string) => `باز کردن پرونده ${code}`,
};

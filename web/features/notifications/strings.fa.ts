/** The outbox (صف پیامک‌ها): what citizens were told by SMS, what waits, what failed. */
export const notificationsFa = {
  nav: 'صف پیامک‌ها',
  title: 'صف پیامک‌ها',
  description: 'پیامک‌هایی که برای شهروندان فرستاده شده، در انتظار ارسال است یا ناموفق مانده است.',
  status: 'وضعیت',
  all: 'همه',
  statuses: { pending: 'در انتظار ارسال', sent: 'ارسال شد', skipped: 'بدون پیامک', dead: 'ناموفق' } as Record<string, string>,
  columns: { createdAt: 'زمان رویداد', event: 'رویداد', text: 'متن پیامک', status: 'وضعیت', attempts: 'تلاش‌ها', lastError: 'آخرین خطا', actions: 'اقدام' },
  events: {
    'request.registered': 'ثبت درخواست',
    'inspection.scheduled': 'تعیین زمان بازدید',
    'request.correction_needed': 'بازگشت برای اصلاح',
    'request.answer_ready': 'آماده شدن پاسخ',
    'request.cancelled': 'لغو درخواست',
    'inquiry.answered': 'پاسخ استعلام',
  } as Record<string, string>,
  resend: 'ارسال دوباره',
  resent: 'پیامک دوباره در صف ارسال قرار گرفت.',
  emptyTitle: 'پیامکی در این وضعیت نیست',
};

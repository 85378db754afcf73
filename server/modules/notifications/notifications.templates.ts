/**
 * Persian SMS texts for the events citizens are told about. An event without a template sends
 * nothing. Digits are Persian, dates Jalali, as people read them on their phones.
 */
const faDigits = (s: string) => s.replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]!);

const jalali = (isoDate: string) =>
  new Intl.DateTimeFormat('fa-IR-u-ca-persian', { timeZone: 'Asia/Tehran', day: 'numeric', month: 'long', weekday: 'long' }).format(new Date(`${isoDate}T12:00:00+03:30`));


type Payload = Record<string, unknown>;

const TEMPLATES: Record<string, (p: Payload) => string> = {
  'request.registered': (p) =>
    `درخواست شما ثبت شد.\nکد رهگیری: ${faDigits(String(p.trackingCode))}\nپیگیری: سامانه میز خدمت، صفحه پیگیری درخواست`,
  'inspection.scheduled': (p) =>
    `بازدید ملک شما برای درخواست ${faDigits(String(p.trackingCode))} در روز ${jalali(String(p.date))} بین ساعت ${faDigits(String(p.windowStart))} تا ${faDigits(String(p.windowEnd))} انجام می‌شود.`,
  'inspection.reminder': (p) =>
    `یادآوری: بازدید ملک شما برای درخواست ${faDigits(String(p.trackingCode))} فردا، ${jalali(String(p.date))}، بین ساعت ${faDigits(String(p.windowStart))} تا ${faDigits(String(p.windowEnd))} انجام می‌شود. لطفاً در ملک حاضر باشید.`,
  'request.correction_needed': (p) =>
    `درخواست ${faDigits(String(p.trackingCode))} برای اصلاح به دفتر پیشخوان بازگشت. لطفاً به دفتر مراجعه کنید.${Array.isArray(p.reasons) && p.reasons.length ? `\nعلت: ${p.reasons.join('، ')}` : ''}`,
  'request.answer_ready': (p) => `پاسخ درخواست ${faDigits(String(p.trackingCode))} صادر شد و در دفتر پیشخوان آماده تحویل است.`,
  'inquiry.answered': (p) => `به استعلام ${faDigits(String(p.trackingCode))} پاسخ داده شد.`,
  // To staff (payload.toStaffId): the follow-up module's automatic escalations and daily digest.
  'escalation.remind': (p) =>
    `یادآوری: مهلت مرحله «${String(p.stepFa)}» درخواست ${faDigits(String(p.trackingCode))} در ${jalali(String(p.dueDate))} به پایان رسیده است. لطفاً اقدام کنید.`,
  'escalation.escalate': (p) =>
    `ارجاع به مدیر: درخواست ${faDigits(String(p.trackingCode))} در مرحله «${String(p.stepFa)}» نزد ${String(p.holderFa)} از مهلت ${jalali(String(p.dueDate))} گذشته و هنوز انجام نشده است.`,
  'escalation.reassign': (p) => `درخواست ${faDigits(String(p.trackingCode))} (مرحله «${String(p.stepFa)}») به دلیل تأخیر به شما ارجاع شد.`,
  'followup.digest': (p) =>
    `گزارش روزانه پیگیری منطقه ${faDigits(String(p.districtNumber))}: ${faDigits(String(p.overdue))} پرونده با تأخیر، ${faDigits(String(p.atRisk))} پرونده در آستانه تأخیر.${typeof p.oldestOverdue === 'string' && p.oldestOverdue ? `\nقدیمی‌ترین تأخیر: ${faDigits(p.oldestOverdue)}` : ''}`,
  // To the city admin (calendar module): a year's holiday list is still provisional or missing.
  'calendar.holidays_unconfirmed': (p) =>
    `فهرست تعطیلات رسمی سال ${(Array.isArray(p.years) ? p.years : []).map((y) => faDigits(String(y))).join(' و ')} موقت است. آن را با تقویم رسمی کشور مقایسه کنید و در صفحه «تعطیلات رسمی» تأیید کنید.`,
};

/** Whether an event sends a message at all. */
export const sendsSms = (eventType: string): boolean => eventType in TEMPLATES;

/** The message for an event, signed by the municipality of the city it comes from (`cityFa`, the city's Persian name); null when the event sends none. */
export function renderSms(eventType: string, payload: Payload, cityFa: string): string | null {
  const template = TEMPLATES[eventType];
  return template ? `${template(payload)}\nشهرداری ${cityFa} - میز خدمت` : null;
}

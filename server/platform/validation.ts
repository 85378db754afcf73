/**
 * Turns JSON-schema (Ajv) errors into field errors in English and Persian, so every 400 names
 * the field and says what is wrong in words a clerk understands.
 */
import type { Ajv } from 'ajv';
import type { FieldError } from '../../contracts/errors.js';

/**
 * The years a date sent to the API may fall in. A Jalali date sent where a Gregorian one is asked
 * (1405-08-29, an easy slip for an Iranian bank) would otherwise pass as the year 1405 and be
 * printed on a letter as a date of the 8th century; a century typed wrong likewise.
 */
export const FIRST_DATE_YEAR = 1900;
export const LAST_DATE_YEAR = 2199;

/** A real Gregorian calendar date, strict YYYY-MM-DD (no 2025-02-30), in the years above. */
export function isIsoDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < FIRST_DATE_YEAR || year > LAST_DATE_YEAR || month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const daysInMonth = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  return day <= daysInMonth;
}

/**
 * Ajv's `date` and `date-time` formats held to the years above (given to the Fastify compiler as
 * `onCreate`, which runs once ajv-formats has added its formats: `date-time` keeps its RFC 3339
 * check and adds the years).
 */
export function boundDateFormats(ajv: Ajv): void {
  const rfc3339 = ajv.formats['date-time'];
  if (!rfc3339 || typeof rfc3339 !== 'object' || !('validate' in rfc3339) || typeof rfc3339.validate !== 'function') throw new Error('ajv-formats did not add date-time');
  const isDateTime = rfc3339.validate as (s: string) => boolean;
  ajv.addFormat('date', { type: 'string', validate: isIsoDate });
  ajv.addFormat('date-time', { type: 'string', validate: (s: string) => isDateTime(s) && isIsoDate(s.slice(0, 10)) });
}

interface AjvLikeError {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
  message?: string;
}

const faDigits = (n: unknown) => String(n).replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]!);

const TYPE_FA: Record<string, string> = {
  string: 'متن',
  integer: 'عدد صحیح',
  number: 'عدد',
  boolean: 'بله/خیر',
  object: 'شیء',
  array: 'فهرست',
  null: 'خالی',
};

/** The other formats the schemas use, named in Persian (no English word in a Persian message). */
const FORMAT_FA: Record<string, string> = { uuid: 'شناسه', email: 'نشانی ایمیل', uri: 'نشانی اینترنتی', 'uri-reference': 'نشانی اینترنتی', time: 'زمان' };

/** What a date field that is not an isIsoDate is told (the API's schemas and the service forms alike). */
export const DATE_MESSAGE = {
  en: `Must be a Gregorian date YYYY-MM-DD, years ${FIRST_DATE_YEAR}-${LAST_DATE_YEAR} (a Jalali date is converted first)`,
  fa: `تاریخ باید میلادی و به شکل YYYY-MM-DD باشد (سال ${faDigits(FIRST_DATE_YEAR)} تا ${faDigits(LAST_DATE_YEAR)})؛ تاریخ شمسی را نخست به میلادی برگردانید`,
};

function messages(e: AjvLikeError): { en: string; fa: string } {
  const p = e.params;
  switch (e.keyword) {
    case 'required':
      return { en: 'This field is required', fa: 'این فیلد الزامی است' };
    case 'type': {
      const t = String(p.type);
      return { en: `Must be of type ${t}`, fa: `مقدار باید از نوع ${t.split(',').map((x) => TYPE_FA[x] ?? x).join(' یا ')} باشد` };
    }
    case 'minLength':
      return { en: `Must be at least ${String(p.limit)} characters`, fa: `حداقل ${faDigits(p.limit)} نویسه لازم است` };
    case 'maxLength':
      return { en: `Must be at most ${String(p.limit)} characters`, fa: `حداکثر ${faDigits(p.limit)} نویسه مجاز است` };
    case 'pattern':
      return { en: 'Has the wrong format', fa: 'قالب مقدار واردشده درست نیست' };
    case 'format':
      if (p.format === 'date') return { en: DATE_MESSAGE.en, fa: DATE_MESSAGE.fa };
      if (p.format === 'date-time') {
        return {
          en: `Must be a date and time such as 2026-12-07T09:30:00+03:30, Gregorian, years ${FIRST_DATE_YEAR}-${LAST_DATE_YEAR}`,
          fa: `تاریخ و زمان باید میلادی و به شکل 2026-12-07T09:30:00+03:30 باشد (سال ${faDigits(FIRST_DATE_YEAR)} تا ${faDigits(LAST_DATE_YEAR)})`,
        };
      }
      return { en: `Must be a valid ${String(p.format)}`, fa: `${FORMAT_FA[String(p.format)] ?? 'قالب مقدار'} درست نیست` };
    case 'minimum':
    case 'exclusiveMinimum':
      return { en: `Must be ${e.keyword === 'minimum' ? '>=' : '>'} ${String(p.limit)}`, fa: `مقدار باید ${e.keyword === 'minimum' ? 'حداقل' : 'بیشتر از'} ${faDigits(p.limit)} باشد` };
    case 'maximum':
    case 'exclusiveMaximum':
      return { en: `Must be ${e.keyword === 'maximum' ? '<=' : '<'} ${String(p.limit)}`, fa: `مقدار باید ${e.keyword === 'maximum' ? 'حداکثر' : 'کمتر از'} ${faDigits(p.limit)} باشد` };
    case 'minItems':
      return { en: `Needs at least ${String(p.limit)} items`, fa: `حداقل ${faDigits(p.limit)} مورد لازم است` };
    case 'maxItems':
      return { en: `At most ${String(p.limit)} items`, fa: `حداکثر ${faDigits(p.limit)} مورد مجاز است` };
    case 'enum':
    case 'const':
    case 'anyOf':
      return { en: 'Is not one of the allowed values', fa: 'مقدار از گزینه‌های مجاز نیست' };
    case 'additionalProperties':
      return { en: 'Is not a known field', fa: 'این فیلد شناخته‌شده نیست' };
    case 'uniqueItems':
      return { en: 'Has duplicate items', fa: 'موارد تکراری دارد' };
    default:
      return { en: e.message ?? 'Is not valid', fa: 'مقدار واردشده معتبر نیست' };
  }
}

/** `/owners/1/shareDang` -> `owners.1.shareDang`; a missing or extra property is named too. */
function fieldPath(e: AjvLikeError): string {
  const parts = e.instancePath.split('/').filter(Boolean);
  if (e.keyword === 'required' && typeof e.params.missingProperty === 'string') parts.push(e.params.missingProperty);
  if (e.keyword === 'additionalProperties' && typeof e.params.additionalProperty === 'string') {
    parts.push(e.params.additionalProperty);
  }
  return parts.join('.') || '(body)';
}

export function fieldErrorsFromSchema(errors: readonly AjvLikeError[]): FieldError[] {
  const seen = new Set<string>();
  const out: FieldError[] = [];
  for (const e of errors) {
    // anyOf reports each branch too; the anyOf line itself says enough.
    if (e.keyword === 'if' || e.keyword === 'not') continue;
    const field = fieldPath(e);
    const key = `${field}:${e.keyword}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const m = messages(e);
    out.push({ field, code: e.keyword, message: m.en, messageFa: m.fa });
  }
  // When a union fails, Ajv lists every branch's complaint; keep the union's own line for that path.
  const unionPaths = new Set(out.filter((f) => f.code === 'anyOf').map((f) => f.field));
  return out.filter((f) => f.code === 'anyOf' || !unionPaths.has(f.field));
}

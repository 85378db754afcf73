/**
 * Turns JSON-schema (Ajv) errors into field errors in English and Persian, so every 400 names
 * the field and says what is wrong in words a clerk understands.
 */
import type { FieldError } from '../../contracts/errors.js';

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
      return { en: `Must be a valid ${String(p.format)}`, fa: `قالب مقدار درست نیست (${p.format === 'date' ? 'تاریخ' : p.format === 'date-time' ? 'تاریخ و زمان' : String(p.format)})` };
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

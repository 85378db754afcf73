/**
 * Generic validation of a service's extra form fields (the part of an application that differs per service).
 * Every problem is collected so the clerk can fix the whole form in one go.
 */
import { digitsEnToFa } from '@persian-tools/persian-tools';
import { canonicalMobile, canonicalNationalCode, isMobile, isNationalCode } from '../../../contracts/identifiers.js';
import { fieldError, invalid, type FieldError } from '../../platform/errors.js';
import { DATE_MESSAGE, isIsoDate } from '../../platform/validation.js';
import type { FormField } from './services.data.js';

export type FormValue = string | number | boolean;

interface Problem {
  code: string;
  en: string;
  fa: string;
}

const DEFAULT_MAX_LENGTH = { text: 500, textarea: 4000 } as const;

const REQUIRED: Problem = { code: 'required', en: 'This field is required', fa: 'این فیلد الزامی است' };
const UNKNOWN: Problem = {
  code: 'unknown_field',
  en: 'This field is not part of the form of this service',
  fa: 'این فیلد در فرم این خدمت تعریف نشده است',
};

function problem(code: string, en: string, fa: string): Problem {
  return { code, en, fa };
}

/** Numbers in Persian messages are shown in Persian digits, as on the printed forms. */
const fa = (n: number): string => digitsEnToFa(String(n));

/** Empty strings count as "not given": HTML forms send them for untouched inputs. */
function isMissing(v: unknown): boolean {
  return v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
}

/** Accepts a JSON number or a plain decimal string (form posts send strings). */
function toNumber(v: unknown, integer: boolean): number | undefined {
  let n: number;
  if (typeof v === 'number') n = v;
  else if (typeof v === 'string' && (integer ? /^-?\d+$/ : /^-?\d+(\.\d+)?$/).test(v)) n = Number(v);
  else return undefined;
  if (!Number.isFinite(n)) return undefined;
  if (integer && !Number.isSafeInteger(n)) return undefined;
  return n;
}

function checkNumber(field: FormField, v: unknown): FormValue | Problem {
  const integer = field.type === 'integer';
  const n = toNumber(v, integer);
  if (n === undefined) {
    return integer
      ? problem('not_integer', 'Enter a whole number', 'یک عدد صحیح وارد کنید')
      : problem('not_number', 'Enter a number', 'یک عدد وارد کنید');
  }
  if (field.min !== undefined && n < field.min) {
    return problem('too_small', `Must be at least ${field.min}`, `مقدار باید دست‌کم ${fa(field.min)} باشد`);
  }
  if (field.max !== undefined && n > field.max) {
    return problem('too_large', `Must be at most ${field.max}`, `مقدار نباید بیشتر از ${fa(field.max)} باشد`);
  }
  return n;
}

/** Checks one present (non-missing) value; strings are already trimmed. */
function checkValue(field: FormField, v: unknown): FormValue | Problem {
  switch (field.type) {
    case 'text':
    case 'textarea': {
      if (typeof v !== 'string') return problem('not_text', 'Enter text', 'یک متن وارد کنید');
      const max = field.maxLength ?? DEFAULT_MAX_LENGTH[field.type];
      if (v.length > max) {
        return problem('too_long', `Must be at most ${max} characters`, `حداکثر ${fa(max)} نویسه مجاز است`);
      }
      return v;
    }
    case 'integer':
    case 'number':
      return checkNumber(field, v);
    case 'date':
      if (typeof v !== 'string' || !isIsoDate(v)) {
        return problem('invalid_date', DATE_MESSAGE.en, DATE_MESSAGE.fa);
      }
      return v;
    case 'select':
      if (typeof v !== 'string' || !(field.options ?? []).some((o) => o.value === v)) {
        return problem('invalid_option', 'Choose one of the listed options', 'یکی از گزینه‌های فهرست را انتخاب کنید');
      }
      return v;
    case 'boolean':
      if (typeof v !== 'boolean') return problem('not_boolean', 'Choose yes or no', 'بله یا خیر را انتخاب کنید');
      return v;
    case 'national_code':
      if (typeof v !== 'string' || !isNationalCode(canonicalNationalCode(v))) {
        return problem('invalid_national_code', 'Enter a valid 10-digit national code', 'کد ملی معتبر نیست');
      }
      return canonicalNationalCode(v);
    case 'mobile':
      if (typeof v !== 'string' || !isMobile(canonicalMobile(v))) {
        return problem('invalid_mobile', 'Enter a mobile number like 09121234567', 'شماره همراه را به شکل ۰۹۱۲۱۲۳۴۵۶۷ وارد کنید');
      }
      return canonicalMobile(v);
  }
}

function isProblem(x: FormValue | Problem): x is Problem {
  return typeof x === 'object';
}

/**
 * Validate and normalise a service's form values. Returns the cleaned values (only declared fields;
 * unknown keys rejected with code 'unknown_field'), or throws AppError VALIDATION_FAILED via
 * invalid(fieldErrors) listing EVERY problem at once. Field paths are `form.<name>`.
 * Optional fields left empty are omitted from the result.
 */
export function validateForm(fields: FormField[], values: Record<string, unknown>): Record<string, FormValue> {
  const input = values ?? {};
  const errors: FieldError[] = [];
  const clean: Record<string, FormValue> = {};
  const report = (name: string, p: Problem): void => {
    errors.push(fieldError(`form.${name}`, p.code, p.en, p.fa));
  };

  for (const field of fields) {
    // hasOwn: a field named like an Object.prototype member must not read the prototype.
    const raw = Object.hasOwn(input, field.name) ? input[field.name] : undefined;
    if (isMissing(raw)) {
      if (field.required) report(field.name, REQUIRED);
      continue;
    }
    const result = checkValue(field, typeof raw === 'string' ? raw.trim() : raw);
    if (isProblem(result)) report(field.name, result);
    else clean[field.name] = result;
  }

  const declared = new Set(fields.map((f) => f.name));
  for (const key of Object.keys(input)) {
    if (!declared.has(key)) report(key, UNKNOWN);
  }

  if (errors.length > 0) throw invalid(errors);
  return clean;
}

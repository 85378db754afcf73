/**
 * A service's own application form (فرم اختصاصی خدمت), drawn from its `formFields`: the checks the
 * server makes, made as the clerk types, and the values as the API takes them.
 */
import { canonicalMobile, canonicalNationalCode, isMobile, isNationalCode } from '../../../contracts/identifiers';
import { faDigits, t, toAsciiDigits } from '../../i18n';
import type { FormField } from './requests.queries';

/** What an input holds: text (numbers and dates too, as typed or picked) or a yes/no. */
export type FieldValue = string | boolean;
export type FormValues = Record<string, FieldValue>;

const DEFAULT_MAX_LENGTH = { text: 500, textarea: 4000 } as const;
const INTEGER = /^-?\d+$/;
const DECIMAL = /^-?\d+(\.\d+)?$/;

const isEmpty = (v: FieldValue | undefined) => v === undefined || (typeof v === 'string' && v.trim() === '');
/** Digits as the server reads them; a Persian decimal separator (٫) as a point. */
const asAscii = (v: string) => toAsciiDigits(v.trim()).replace('٫', '.');

/** Every field starts empty, a yes/no field as "no". */
export function emptyValues(fields: readonly FormField[]): FormValues {
  return Object.fromEntries(fields.map((f) => [f.name, f.type === 'boolean' ? false : '']));
}

/** The problem with one value, in the words the server would use, or undefined when it is fine. */
export function fieldProblem(field: FormField, value: FieldValue | undefined): string | undefined {
  const v = t.requests.validation;
  if (isEmpty(value)) return field.required ? v.required : undefined;
  if (typeof value === 'boolean') return undefined;
  const text = asAscii(value!);
  switch (field.type) {
    case 'integer':
    case 'number': {
      if (!(field.type === 'integer' ? INTEGER : DECIMAL).test(text)) return field.type === 'integer' ? v.integer : v.number;
      const n = Number(text);
      if (field.min !== undefined && n < field.min) return v.min(faDigits(field.min));
      if (field.max !== undefined && n > field.max) return v.max(faDigits(field.max));
      return undefined;
    }
    case 'national_code':
      return isNationalCode(canonicalNationalCode(text)) ? undefined : v.nationalCode;
    case 'mobile':
      return isMobile(canonicalMobile(text)) ? undefined : v.mobile;
    case 'select':
      return field.options?.some((o) => o.value === value) ? undefined : v.option;
    case 'text':
    case 'textarea': {
      const max = field.maxLength ?? DEFAULT_MAX_LENGTH[field.type];
      return value!.trim().length > max ? v.maxLength(faDigits(max)) : undefined;
    }
    case 'date':
    case 'boolean':
      return undefined;
  }
}

/** Each field's problem, for the fields that have one. */
export function formProblems(fields: readonly FormField[], values: FormValues): Record<string, string> {
  return Object.fromEntries(fields.flatMap((f) => {
    const problem = fieldProblem(f, values[f.name]);
    return problem ? [[f.name, problem]] : [];
  }));
}

/** The form as POST /api/requests takes it: numbers as numbers, ASCII digits, empty fields left out. */
export function formPayload(fields: readonly FormField[], values: FormValues): Record<string, string | number | boolean> {
  return Object.fromEntries(fields.flatMap((f): [string, string | number | boolean][] => {
    const value = values[f.name];
    if (typeof value === 'boolean') return [[f.name, value]];
    if (isEmpty(value)) return [];
    const text = value!.trim();
    switch (f.type) {
      case 'integer':
      case 'number':
        return [[f.name, Number(asAscii(text))]];
      case 'national_code':
        return [[f.name, canonicalNationalCode(text)]];
      case 'mobile':
        return [[f.name, canonicalMobile(text)]];
      default:
        return [[f.name, text]];
    }
  }));
}

/** A list typed one item a line (reasons, conditions), as the API takes it. */
export function linesOf(text: string): string[] {
  return text.split('\n').map((line) => line.trim()).filter((line) => line.length > 0);
}

import { describe, expect, it } from 'vitest';
import { AppError, type FieldError } from '../../platform/errors.js';
import { validateForm } from './form.js';
import { isIsoDate } from '../../platform/validation.js';
import type { FormField, FormFieldType } from './services.data.js';

function field(name: string, type: FormFieldType, extra: Partial<FormField> = {}): FormField {
  return { name, labelFa: name, labelEn: name, type, required: true, ...extra };
}

/** Runs validateForm expecting failure; returns `path -> code`. */
function errors(fields: FormField[], values: Record<string, unknown>): Record<string, string> {
  try {
    validateForm(fields, values);
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    const err = e as AppError;
    expect(err.code).toBe('VALIDATION_FAILED');
    expect(err.statusCode).toBe(400);
    return Object.fromEntries((err.fields ?? []).map((f: FieldError) => [f.field, f.code]));
  }
  throw new Error('expected validateForm to throw');
}

/** Validates a single field `v` and returns its error code, or the cleaned value. */
function one(f: FormField, value: unknown): { value?: unknown; error?: string } {
  try {
    return { value: validateForm([f], { [f.name]: value })[f.name] };
  } catch (e) {
    return { error: (e as AppError).fields?.[0]?.code };
  }
}

describe('required / optional', () => {
  const req = field('bankName', 'text');
  const opt = field('notes', 'text', { required: false });

  it.each([undefined, null, '', '   '])('reports a missing required value (%j)', (v) => {
    expect(errors([req], v === undefined ? {} : { bankName: v })).toEqual({ 'form.bankName': 'required' });
  });

  it('uses the agreed bilingual message', () => {
    try {
      validateForm([req], {});
    } catch (e) {
      expect((e as AppError).fields).toEqual([
        { field: 'form.bankName', code: 'required', message: 'This field is required', messageFa: 'این فیلد الزامی است' },
      ]);
      return;
    }
    throw new Error('expected a throw');
  });

  it('omits empty optional values from the result', () => {
    expect(validateForm([opt], {})).toEqual({});
    expect(validateForm([opt], { notes: '' })).toEqual({});
    expect(validateForm([opt], { notes: null })).toEqual({});
  });

  it('treats false as a given value for a required boolean', () => {
    expect(validateForm([field('hasParking', 'boolean')], { hasParking: false })).toEqual({ hasParking: false });
  });

  it('treats 0 as a given value for a required number', () => {
    expect(validateForm([field('count', 'integer')], { count: 0 })).toEqual({ count: 0 });
  });
});

describe('text and textarea', () => {
  it('trims and keeps text', () => {
    expect(one(field('name', 'text'), '  بانک ملت  ')).toEqual({ value: 'بانک ملت' });
  });

  it('applies the default text limit of 500', () => {
    expect(one(field('name', 'text'), 'a'.repeat(500))).toEqual({ value: 'a'.repeat(500) });
    expect(one(field('name', 'text'), 'a'.repeat(501))).toEqual({ error: 'too_long' });
  });

  it('applies the default textarea limit of 4000', () => {
    expect(one(field('subject', 'textarea'), 'ب'.repeat(4000)).value).toHaveLength(4000);
    expect(one(field('subject', 'textarea'), 'ب'.repeat(4001))).toEqual({ error: 'too_long' });
  });

  it('applies a declared maxLength (after trimming)', () => {
    const f = field('code', 'text', { maxLength: 5 });
    expect(one(f, ' 12345 ')).toEqual({ value: '12345' });
    expect(one(f, '123456')).toEqual({ error: 'too_long' });
  });

  it('rejects non-strings', () => {
    expect(one(field('name', 'text'), 12)).toEqual({ error: 'not_text' });
    expect(one(field('name', 'textarea'), ['a'])).toEqual({ error: 'not_text' });
  });
});

describe('integer and number', () => {
  const int = field('floors', 'integer', { min: 1, max: 60 });
  const num = field('lengthMeters', 'number', { min: 0.5, max: 100 });

  it('accepts numbers and numeric strings, returning numbers', () => {
    expect(one(int, 5)).toEqual({ value: 5 });
    expect(one(int, '7')).toEqual({ value: 7 });
    expect(one(num, 2.75)).toEqual({ value: 2.75 });
    expect(one(num, '1.25')).toEqual({ value: 1.25 });
    expect(one(num, 3)).toEqual({ value: 3 });
  });

  it('rejects non-integers for integer fields', () => {
    for (const v of [5.5, '5.5', 'five', '1e3', true, Number.NaN, 2 ** 60, '']) {
      if (v === '') continue; // empty is "missing", covered above
      expect(one(int, v), String(v)).toEqual({ error: 'not_integer' });
    }
  });

  it('rejects non-numbers for number fields', () => {
    for (const v of ['abc', '1e3', '1,5', Number.NaN, Number.POSITIVE_INFINITY, false, {}]) {
      expect(one(num, v), typeof v === 'number' ? String(v) : JSON.stringify(v)).toEqual({ error: 'not_number' });
    }
  });

  it('checks min and max inclusively', () => {
    expect(one(int, 1)).toEqual({ value: 1 });
    expect(one(int, 60)).toEqual({ value: 60 });
    expect(one(int, 0)).toEqual({ error: 'too_small' });
    expect(one(int, 61)).toEqual({ error: 'too_large' });
    expect(one(num, 0.5)).toEqual({ value: 0.5 });
    expect(one(num, 0.4)).toEqual({ error: 'too_small' });
    expect(one(num, '100.01')).toEqual({ error: 'too_large' });
  });

  it('shows limits in Persian digits in the Persian message', () => {
    try {
      validateForm([int], { floors: 0 });
    } catch (e) {
      expect((e as AppError).fields?.[0]?.messageFa).toContain('۱');
      expect((e as AppError).fields?.[0]?.message).toBe('Must be at least 1');
      return;
    }
    throw new Error('expected a throw');
  });

  it('allows negative numbers when no min is declared', () => {
    expect(one(field('offset', 'integer'), '-3')).toEqual({ value: -3 });
  });
});

describe('date', () => {
  const d = field('startDate', 'date');

  it('accepts real calendar dates', () => {
    for (const v of ['2025-03-21', '2024-02-29', '2000-02-29', '2025-12-31']) expect(one(d, v), v).toEqual({ value: v });
  });

  it('rejects impossible or badly formatted dates', () => {
    for (const v of ['2025-02-29', '1900-02-29', '2025-04-31', '2025-13-01', '2025-00-10', '2025-01-00', '2025-1-5', '1404/01/01', '2025-03-21T00:00:00Z', 20250321]) {
      expect(one(d, v), String(v)).toEqual({ error: 'invalid_date' });
    }
  });

  it('isIsoDate knows leap years', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2100-02-29')).toBe(false);
    expect(isIsoDate('0000-01-01')).toBe(false);
  });
});

describe('select', () => {
  const s = field('purpose', 'select', {
    options: [
      { value: 'mortgage', labelFa: 'وام رهنی', labelEn: 'Mortgage' },
      { value: 'facility', labelFa: 'تسهیلات', labelEn: 'Facility' },
    ],
  });

  it('accepts a listed option', () => {
    expect(one(s, 'facility')).toEqual({ value: 'facility' });
  });

  it('rejects anything else', () => {
    for (const v of ['guarantee', 'Mortgage', 'وام رهنی', 1, true]) expect(one(s, v), String(v)).toEqual({ error: 'invalid_option' });
  });

  it('rejects every value when no options are declared', () => {
    expect(one(field('x', 'select'), 'a')).toEqual({ error: 'invalid_option' });
  });
});

describe('boolean', () => {
  const b = field('hasParking', 'boolean');

  it('accepts true and false only', () => {
    expect(one(b, true)).toEqual({ value: true });
    expect(one(b, false)).toEqual({ value: false });
    for (const v of ['true', 1, 0, 'yes']) expect(one(b, v), String(v)).toEqual({ error: 'not_boolean' });
  });
});

describe('national_code', () => {
  const n = field('buyerNationalCode', 'national_code');

  it('accepts valid national codes', () => {
    for (const v of ['0499370899', '0013542419', '0084575948']) expect(one(n, v), v).toEqual({ value: v });
  });

  it('rejects bad checksums, repeated digits, wrong lengths and numbers', () => {
    for (const v of ['0499370890', '1111111111', '0000000000', '049937089', '04993708999', '04993708a9', 499370899]) {
      expect(one(n, v), String(v)).toEqual({ error: 'invalid_national_code' });
    }
  });
});

describe('mobile', () => {
  const m = field('contactMobile', 'mobile');

  it('accepts 09xxxxxxxxx, and +98, 0098, 98 or no 0 with spaces and dashes, stored as 09xxxxxxxxx', () => {
    for (const v of ['09121234567', '9121234567', '+989121234567', '0098 912 123 4567', '98-912-123-4567']) {
      expect(one(m, v), v).toEqual({ value: '09121234567' });
    }
  });

  it('accepts a national code that lost its leading zeros, stored padded', () => {
    expect(one(field('buyerNationalCode', 'national_code'), '13542419')).toEqual({ value: '0013542419' });
  });

  it('rejects other shapes', () => {
    for (const v of ['0912123456', '091212345678', '08121234567', '+9708121234567', 9121234567]) {
      expect(one(m, v), String(v)).toEqual({ error: 'invalid_mobile' });
    }
  });
});

describe('unknown fields and the result shape', () => {
  const fields = [field('bankName', 'text'), field('loanAmountRials', 'integer', { required: false })];

  it('rejects keys that are not declared', () => {
    expect(errors(fields, { bankName: 'ملت', branch: '12', constructor: 'x' })).toEqual({
      'form.branch': 'unknown_field',
      'form.constructor': 'unknown_field',
    });
  });

  it('returns only declared fields with cleaned values', () => {
    expect(validateForm(fields, { bankName: ' ملت ', loanAmountRials: '5000000000' })).toEqual({
      bankName: 'ملت',
      loanAmountRials: 5_000_000_000,
    });
  });

  it('reports every problem at once, each with English and Persian messages', () => {
    const all: FormField[] = [
      field('bankName', 'text'),
      field('notes', 'textarea', { maxLength: 3 }),
      field('floors', 'integer', { min: 1 }),
      field('builtArea', 'number'),
      field('startDate', 'date'),
      field('purpose', 'select', { options: [{ value: 'a', labelFa: 'الف', labelEn: 'A' }] }),
      field('hasParking', 'boolean'),
      field('buyerNationalCode', 'national_code'),
      field('contactMobile', 'mobile'),
      field('fine', 'text'),
    ];
    const values = {
      notes: 'long text',
      floors: 0,
      builtArea: 'big',
      startDate: '2025-02-30',
      purpose: 'b',
      hasParking: 'no',
      buyerNationalCode: '1234567890',
      contactMobile: '0912',
      fine: 'ok',
      extra: 1,
    };
    let caught: AppError | undefined;
    try {
      validateForm(all, values);
    } catch (e) {
      caught = e as AppError;
    }
    expect(caught).toBeInstanceOf(AppError);
    expect(Object.fromEntries(caught!.fields!.map((f) => [f.field, f.code]))).toEqual({
      'form.bankName': 'required',
      'form.notes': 'too_long',
      'form.floors': 'too_small',
      'form.builtArea': 'not_number',
      'form.startDate': 'invalid_date',
      'form.purpose': 'invalid_option',
      'form.hasParking': 'not_boolean',
      'form.buyerNationalCode': 'invalid_national_code',
      'form.contactMobile': 'invalid_mobile',
      'form.extra': 'unknown_field',
    });
    for (const f of caught!.fields!) {
      expect(f.message, f.field).toMatch(/[A-Za-z]/);
      expect(f.messageFa, f.field).toMatch(/[\u0600-\u06FF]/);
      expect(f.messageFa, f.field).not.toMatch(/[\u064A\u0643]/);
    }
  });

  it('accepts an empty form when nothing is required', () => {
    expect(validateForm([], {})).toEqual({});
  });
});

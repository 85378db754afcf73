import { describe, expect, it } from 'vitest';
import type { FormField } from './requests.queries';
import { emptyValues, fieldProblem, formPayload, formProblems, linesOf } from './serviceForm';

const field = (type: FormField['type'], extra: Partial<FormField> = {}): FormField => ({ name: type, labelFa: type, labelEn: type, type, required: false, ...extra });

describe("a service's own form", () => {
  it('asks for required fields only', () => {
    expect(fieldProblem(field('text', { required: true }), '  ')).toBe('این مورد را وارد کنید');
    expect(fieldProblem(field('text'), '')).toBeUndefined();
  });

  it('reads numbers typed in Persian digits and checks their bounds', () => {
    const floors = field('integer', { min: 1, max: 20 });
    expect(fieldProblem(floors, '۱۲')).toBeUndefined();
    expect(fieldProblem(floors, '۲۵')).toBe('مقدار نباید بیشتر از ۲۰ باشد');
    expect(fieldProblem(floors, '1.5')).toBe('یک عدد صحیح وارد کنید');
    expect(fieldProblem(field('number'), '۱۲٫۵')).toBeUndefined();
    expect(fieldProblem(field('number'), 'دوازده')).toBe('یک عدد وارد کنید');
  });

  it("checks a national code's check digit, a mobile's shape and a select's options", () => {
    expect(fieldProblem(field('national_code'), '۰۰۱۲۳۴۵۶۷۹')).toBeUndefined();
    expect(fieldProblem(field('national_code'), '0012345678')).toBe('کد ملی معتبر نیست');
    expect(fieldProblem(field('mobile'), '۰۹۱۳۱۲۳۴۵۶۷')).toBeUndefined();
    // Written without the 0, with +98 or grouped: the same number (contracts/identifiers.ts).
    expect(fieldProblem(field('mobile'), '9131234567')).toBeUndefined();
    expect(fieldProblem(field('mobile'), '+98 913 123 4567')).toBeUndefined();
    expect(fieldProblem(field('mobile'), '913123456')).toBeDefined();
    expect(fieldProblem(field('national_code'), '12345679')).toBeUndefined(); // lost its leading zeros
    expect(fieldProblem(field('national_code'), '1111111111')).toBeDefined();
    const reason = field('select', { options: [{ value: 'new_file', labelFa: 'پرونده جدید', labelEn: 'New file' }] });
    expect(fieldProblem(reason, 'new_file')).toBeUndefined();
    expect(fieldProblem(reason, 'other')).toBeDefined();
    expect(fieldProblem(field('text', { maxLength: 3 }), 'abcd')).toBe('حداکثر ۳ نویسه مجاز است');
  });

  it('sends numbers as numbers, codes in ASCII digits, yes/no as booleans, and leaves empty fields out', () => {
    const fields = [field('integer'), field('mobile'), field('boolean'), field('text'), field('date')];
    const values = { ...emptyValues(fields), integer: '۴', mobile: '۰۹۱۳۱۲۳۴۵۶۷', date: '2026-12-01' };
    expect(formPayload(fields, values)).toEqual({ integer: 4, mobile: '09131234567', boolean: false, date: '2026-12-01' });
    expect(formProblems(fields, { ...values, integer: 'x' })).toEqual({ integer: 'یک عدد صحیح وارد کنید' });
  });
});


describe('lists typed one item a line', () => {
  it('drops blank lines and trims', () => {
    expect(linesOf(' سند ناقص است \n\n  نقشه ندارد')).toEqual(['سند ناقص است', 'نقشه ندارد']);
  });
});

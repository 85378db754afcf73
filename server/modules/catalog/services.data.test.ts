import { describe, expect, it } from 'vitest';
import { REQUEST_STATES } from '../../../contracts/workflow.js';
import { SPECIALTIES } from '../../../contracts/roles.js';
import { AppError } from '../../platform/errors.js';
import { validateForm } from './form.js';
import { SERVICES, type ServiceDefinition } from './services.data.js';
import { getWorkflow, workflowStates } from './workflows.js';

/** Every string anywhere inside a value, with its path, so a failure says where the bad text is. */
function strings(value: unknown, path = ''): [string, string][] {
  if (typeof value === 'string') return [[path, value]];
  if (Array.isArray(value)) return value.flatMap((v, i) => strings(v, `${path}[${i}]`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => strings(v, `${path}.${k}`));
  return [];
}

const ARABIC_YEH_KAF = /[\u064A\u0643\u0649]/; // ي ك ى
const ZWNJ = '\u200C';

describe.each(SERVICES.map((s) => [s.code, s] as [string, ServiceDefinition]))('service %s', (_code, service) => {
  it("uses an existing workflow whose states cover its SLA keys (never terminal ones)", () => {
    const wf = getWorkflow(service.workflowCode);
    const states = workflowStates(wf);
    const keys = Object.keys(service.slaDays);
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) {
      expect(REQUEST_STATES as readonly string[], key).toContain(key);
      expect(states as string[], key).toContain(key);
      expect(wf.terminal as readonly string[], key).not.toContain(key);
      const days = service.slaDays[key as keyof typeof service.slaDays]!;
      expect(days > 0 && days <= 30 && Number.isInteger(days * 2), `${key}: ${days}`).toBe(true);
    }
  });

  it('has a specialty when every case gets a visit, and only known specialties', () => {
    if (service.workflowCode === 'inspection') expect(service.inspectorSpecialty).not.toBeNull();
    if (service.inspectorSpecialty !== null) expect(SPECIALTIES).toContain(service.inspectorSpecialty);
  });

  it('has a sensible fee and answer validity', () => {
    expect(Number.isSafeInteger(service.feeRials)).toBe(true);
    expect(service.feeRials).toBeGreaterThanOrEqual(1_000_000);
    expect(service.feeRials).toBeLessThanOrEqual(100_000_000);
    expect(Number.isInteger(service.answerValidityDays)).toBe(true);
    expect(service.answerValidityDays).toBeGreaterThan(0);
  });

  it('has Persian and English texts', () => {
    for (const text of [service.nameFa, service.descriptionFa, service.answerPurposeFa]) expect(text).toMatch(/[\u0600-\u06FF]/);
    for (const text of [service.nameEn, service.descriptionEn]) expect(text).toMatch(/^[\x20-\x7E²]+$/);
  });

  it('declares well-formed form fields', () => {
    const names = service.formFields.map((f) => f.name);
    expect(new Set(names).size).toBe(names.length);
    for (const f of service.formFields) {
      expect(f.name).toMatch(/^[a-z][a-zA-Z0-9]*$/);
      expect(f.labelFa, f.name).toMatch(/[\u0600-\u06FF]/);
      expect(f.labelEn, f.name).not.toBe('');
      if (f.type === 'select') {
        const values = (f.options ?? []).map((o) => o.value);
        expect(values.length, f.name).toBeGreaterThan(1);
        expect(new Set(values).size, f.name).toBe(values.length);
        for (const v of values) expect(v).toMatch(/^[a-z][a-z0-9_]*$/);
      } else {
        expect(f.options, f.name).toBeUndefined();
      }
      if (f.min !== undefined || f.max !== undefined) expect(['integer', 'number']).toContain(f.type);
      if (f.min !== undefined && f.max !== undefined) expect(f.min).toBeLessThanOrEqual(f.max);
      if (f.maxLength !== undefined) expect(['text', 'textarea']).toContain(f.type);
    }
  });

  it('lists documents with unique snake_case codes and at least one required', () => {
    const codes = service.requiredDocuments.map((d) => d.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const c of codes) expect(c).toMatch(/^[a-z][a-z0-9_]*$/);
    expect(service.requiredDocuments.some((d) => d.required)).toBe(true);
  });

  it('rejects an empty form with exactly its required fields', () => {
    const required = service.formFields.filter((f) => f.required).map((f) => `form.${f.name}`);
    try {
      validateForm(service.formFields, {});
      expect(required).toEqual([]);
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).fields!.map((f) => f.field)).toEqual(required);
    }
  });
});

describe('documents that apply only in some cases', () => {
  it('mark the power of attorney, wherever it is asked for, as conditional and never required', () => {
    const docs = SERVICES.flatMap((s) => s.requiredDocuments.map((d) => ({ service: s.code, ...d })));
    const attorney = docs.filter((d) => d.code === 'power_of_attorney');
    expect(attorney.length).toBeGreaterThan(0);
    for (const d of attorney) expect(d, d.service).toMatchObject({ required: false, appliesWhenFa: expect.stringContaining('وکیل'), appliesWhenEn: expect.stringContaining('attorney') });
    // A required document applies always; a condition comes in both languages.
    for (const d of docs.filter((x) => x.appliesWhenFa || x.appliesWhenEn)) {
      expect(d.required, `${d.service} ${d.code}`).toBe(false);
      expect(Boolean(d.appliesWhenFa && d.appliesWhenEn), `${d.service} ${d.code}`).toBe(true);
    }
  });
});

describe('catalog', () => {
  it('seeds the agreed services with unique codes', () => {
    const codes = SERVICES.map((s) => s.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const c of codes) expect(c).toMatch(/^[a-z][a-z0-9_]*$/);
    expect(codes).toEqual(
      expect.arrayContaining([
        'property_inspection',
        'bank_inquiry',
        'notary_transfer_inquiry',
        'excavation_permit',
        'agency_inquiry',
        'no_violation_certificate',
        'completion_certificate',
      ]),
    );
  });

  it('routes each service to the agreed workflow, category and specialty', () => {
    const summary = Object.fromEntries(SERVICES.map((s) => [s.code, `${s.category}/${s.workflowCode}/${s.inspectorSpecialty}`]));
    expect(summary).toMatchObject({
      property_inspection: 'inspection/inspection/urbanism',
      bank_inquiry: 'inquiry/inquiry/urbanism',
      notary_transfer_inquiry: 'inquiry/inquiry/urbanism',
      excavation_permit: 'permit/inspection/civil',
      agency_inquiry: 'inquiry/inquiry/urbanism',
      no_violation_certificate: 'certificate/inspection/architecture',
      completion_certificate: 'certificate/inspection/civil',
    });
  });

  it('has the fields the desks asked for', () => {
    const fieldsOf = (code: string): string[] => SERVICES.find((s) => s.code === code)!.formFields.map((f) => f.name);
    expect(fieldsOf('bank_inquiry')).toEqual(expect.arrayContaining(['bankName', 'branchCode', 'bankLetterNumber', 'purpose', 'loanAmountRials']));
    expect(fieldsOf('notary_transfer_inquiry')).toEqual(
      expect.arrayContaining(['notaryOfficeNumber', 'notaryCity', 'buyerNationalCode', 'transferType']),
    );
    expect(fieldsOf('excavation_permit')).toEqual(
      expect.arrayContaining(['utilityCompany', 'purpose', 'lengthMeters', 'widthMeters', 'depthMeters', 'startDate', 'endDate', 'contractorName']),
    );
    expect(fieldsOf('agency_inquiry')).toEqual(expect.arrayContaining(['agencyName', 'agencyLetterNumber', 'subject']));
    expect(fieldsOf('completion_certificate')).toEqual(expect.arrayContaining(['buildingPermitNumber', 'supervisorEngineer', 'builtArea']));
  });

  it('never uses Arabic yeh/kaf in any text', () => {
    const bad = strings(SERVICES).filter(([, s]) => ARABIC_YEH_KAF.test(s));
    expect(bad).toEqual([]);
  });

  it('the Arabic-letter check itself catches Arabic letters', () => {
    expect(strings({ a: ['سند مالكيت'] }).filter(([, s]) => ARABIC_YEH_KAF.test(s))).toEqual([['.a[0]', 'سند مالكيت']]);
  });

  it('uses ZWNJ for compound words, never next to a space, and no stray whitespace', () => {
    const all = strings(SERVICES);
    for (const [path, s] of all) {
      expect(s, path).toBe(s.trim());
      expect(s, path).not.toMatch(/ {2}/);
      expect(s.includes(` ${ZWNJ}`) || s.includes(`${ZWNJ} `) || s.includes(ZWNJ + ZWNJ), path).toBe(false);
      // Prefix "می" and plural "ها/های" written as separate words are the common ZWNJ mistakes.
      expect(s, path).not.toMatch(/(^|\s)(می|نمی) /);
      expect(s, path).not.toMatch(/ (ها|های)(\s|$|[.،؛])/);
    }
    const withZwnj = all.filter(([, s]) => s.includes(ZWNJ)).map(([, s]) => s);
    expect(withZwnj.some((s) => s.includes(`وکالت${ZWNJ}نامه`))).toBe(true);
  });
});

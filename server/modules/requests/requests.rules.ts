/** Pure checks on what the desk hands in: documents, payment references, site checklists. */
import type { ChecklistItem, RequiredDocument } from '../catalog/index.js';
import { fieldError, type FieldError } from '../../platform/errors.js';
import { toAsciiDigits } from '../../platform/normalize.js';

/** A card reader's reference: 4 to 40 letters, digits or dashes (Persian digits accepted). */
export function paymentReference(raw: string | undefined, field: string): { ref: string | null; errors: FieldError[] } {
  const ref = raw === undefined ? '' : toAsciiDigits(raw).trim();
  if (ref === '') return { ref: null, errors: [] };
  if (!/^[0-9A-Za-z-]{4,40}$/.test(ref)) {
    return { ref: null, errors: [fieldError(field, 'invalid_reference', 'A payment reference is 4-40 letters or digits', 'شماره پیگیری پرداخت باید ۴ تا ۴۰ رقم یا حرف باشد')] };
  }
  return { ref, errors: [] };
}

/** Every key must be a known document; `requireAll` demands each required one be ticked. */
export function checkDocuments(docs: RequiredDocument[], given: Record<string, boolean>, requireAll: boolean): FieldError[] {
  const known = new Set(docs.map((d) => d.code));
  const errors: FieldError[] = [];
  for (const code of Object.keys(given)) {
    if (!known.has(code)) errors.push(fieldError(`documents.${code}`, 'unknown_document', 'Unknown document', 'مدرک شناخته‌شده نیست'));
  }
  if (requireAll) {
    for (const d of docs) {
      if (d.required && given[d.code] !== true) {
        errors.push(fieldError(`documents.${d.code}`, 'document_missing', `Required document missing: ${d.titleEn}`, `مدرک الزامی ارائه نشده است: ${d.titleFa}`));
      }
    }
  }
  return errors;
}

/** Every required document of the service ticked on the case's checklist. */
export function documentsComplete(c: { required_documents: string; documents: string }): boolean {
  const docs = JSON.parse(c.required_documents) as RequiredDocument[];
  const given = JSON.parse(c.documents) as Record<string, boolean>;
  return docs.every((d) => !d.required || given[d.code] === true);
}

/** Paid at the desk, or nothing to pay: only then does an inspector go out (decisions/0020). */
export function feeSettled(row: { fee_rials: number | string; fee_paid_at: string | null }): boolean {
  return row.fee_paid_at !== null || Number(row.fee_rials) === 0;
}

/** Every item of the service's site checklist answered once, and nothing else. */
export function checkChecklist(items: ChecklistItem[], answers: { code: string }[]): FieldError[] {
  const known = new Set(items.map((i) => i.code));
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  answers.forEach((a, n) => {
    if (!known.has(a.code) || seen.has(a.code)) {
      errors.push(fieldError(`checklist.${n}.code`, 'unknown_item', 'Not an item of this checklist, or answered twice', 'این مورد در چک‌لیست این خدمت نیست یا تکراری است'));
    }
    seen.add(a.code);
  });
  for (const item of items) {
    if (!seen.has(item.code)) errors.push(fieldError('checklist', 'item_missing', `Not answered: ${item.labelEn}`, `به این مورد پاسخ داده نشده است: ${item.labelFa}`));
  }
  return errors;
}

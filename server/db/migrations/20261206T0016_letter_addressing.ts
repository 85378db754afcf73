import type { Kysely } from 'kysely';

/**
 * Letters addressed from real data (docs/decisions/0014-letters-a-bank-can-read.md):
 * - an API inquiry keeps the organisation's own letter (number, date) and the branch that asked,
 *   which its answer letter is addressed with;
 * - the desk's inquiry forms gain the branch name and the letter's date (optional: a letter
 *   leaves out what it was not given). Added to each city's catalogue where missing, after the
 *   field they belong with; an admin's own edits to the forms are kept.
 */
const NEW_FIELDS: Record<string, { after: string; field: Record<string, unknown> }[]> = {
  bank_inquiry: [
    { after: 'bankName', field: { name: 'branchName', labelFa: 'نام شعبه', labelEn: 'Branch name', type: 'text', required: false, maxLength: 100 } },
    { after: 'bankLetterNumber', field: { name: 'bankLetterDate', labelFa: 'تاریخ نامه بانک', labelEn: "Date of the bank's letter", type: 'date', required: false } },
  ],
  notary_transfer_inquiry: [
    { after: 'notaryLetterNumber', field: { name: 'notaryLetterDate', labelFa: 'تاریخ نامه دفترخانه', labelEn: "Date of the notary office's letter", type: 'date', required: false } },
  ],
};

/** A form's fields with the new ones put in (each after its companion, or last), none twice. */
function withLetterFields(serviceCode: string, fields: { name: string }[]): { name: string }[] {
  const out = [...fields];
  for (const { after, field } of NEW_FIELDS[serviceCode] ?? []) {
    if (out.some((f) => f.name === field.name)) continue;
    const at = out.findIndex((f) => f.name === after);
    out.splice(at === -1 ? out.length : at + 1, 0, field as { name: string });
  }
  return out;
}

export async function up(db: Kysely<any>): Promise<void> {
  for (const column of ['letter_number', 'letter_date', 'branch_name', 'branch_code']) {
    await db.schema.alterTable('inquiries').addColumn(column, 'text').execute();
  }
  const services = await db.selectFrom('services').select(['id', 'code', 'form_fields']).where('code', 'in', Object.keys(NEW_FIELDS)).execute();
  for (const s of services as { id: string; code: string; form_fields: string }[]) {
    const before = JSON.parse(s.form_fields) as { name: string }[];
    const after = withLetterFields(s.code, before);
    if (after.length !== before.length) await db.updateTable('services').set({ form_fields: JSON.stringify(after) }).where('id', '=', s.id).execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  const names = Object.values(NEW_FIELDS).flatMap((list) => list.map((n) => n.field.name as string));
  const services = await db.selectFrom('services').select(['id', 'form_fields']).where('code', 'in', Object.keys(NEW_FIELDS)).execute();
  for (const s of services as { id: string; form_fields: string }[]) {
    const fields = (JSON.parse(s.form_fields) as { name: string }[]).filter((f) => !names.includes(f.name));
    await db.updateTable('services').set({ form_fields: JSON.stringify(fields) }).where('id', '=', s.id).execute();
  }
  for (const column of ['letter_number', 'letter_date', 'branch_name', 'branch_code']) {
    await db.schema.alterTable('inquiries').dropColumn(column).execute();
  }
}

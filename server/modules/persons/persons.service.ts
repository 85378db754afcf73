import type { Selectable } from 'kysely';
import { isLegalNationalId, isNationalCode } from '../../../contracts/identifiers.js';
import type { Db } from '../../db/database.js';
import type { PersonTable } from '../../db/schema.js';
import { isUniqueViolation } from '../../db/sql.js';
import type { Ctx } from '../../platform/context.js';
import type { Actor } from '../../platform/actor.js';
import { AppError, fieldError, invalid, notFound, type FieldError } from '../../platform/errors.js';
import { appendAudit, auditRead } from '../../platform/audit.js';
import { newId } from '../../platform/ids.js';
import { searchKey } from '../../platform/normalize.js';
import { displayName, type NameFields } from './persons.names.js';
import { can as roleCan } from '../../../contracts/permissions.js';
import { maskIfHidden } from '../../platform/mask.js';
import {
  findPersonIdByNationalCode, findPersonInScope, findPersonsWithIdentifiers, insertPerson, searchPersonRows, keepsMobile, updatePersonRow,
} from './persons.queries.js';
import type { CreatePersonInput, PersonKind, PersonSearchInput, PersonView, UpdatePersonInput } from './persons.schemas.js';

type PersonRow = Selectable<PersonTable>;

/**
 * What other modules keep of a person's name (the property files' search text, properties.service)
 * and must refresh when it changes. Each registers once when loaded (as the app loads every module),
 * so persons knows no module above it; each runs in the rename's transaction.
 */
type RenameHook = (trx: Db, personId: string) => Promise<void>;
const renameHooks = new Set<RenameHook>();
export function whenPersonRenamed(hook: RenameHook): void {
  renameHooks.add(hook);
}

/**
 * A person as the caller may see them: a desk with no business with the person gets the national
 * code and mobile masked, except a national code it has just typed itself (`typedCode`).
 */
export function personView(actor: Actor, p: PersonRow, seeIdentifiers: boolean, typedCode?: string): PersonView {
  return {
    id: p.id,
    kind: p.kind,
    nationalCode: p.national_code === typedCode ? p.national_code : maskIfHidden(p.national_code, 'nationalCode', seeIdentifiers),
    firstName: p.first_name,
    lastName: p.last_name,
    fatherName: p.father_name,
    companyName: p.company_name,
    mobile: maskIfHidden(p.mobile, 'mobile', seeIdentifiers),
    displayName: displayName(p),
    createdAt: p.created_at,
    updatedAt: p.updated_at,
    can: { seeIdentifiers, edit: seeIdentifiers && roleCan(actor.role, 'person.write') },
  };
}

async function sees(ctx: Ctx, actor: Actor, id: string): Promise<boolean> {
  return (await findPersonsWithIdentifiers(ctx.db, actor, [id])).has(id);
}

/** A person the desk can find but has no business with: 403 (it has just read the masked record). */
function personNotEditable(): AppError {
  return new AppError('FORBIDDEN', {
    message: 'Only a desk with business with this person (an open request, or a file it may edit) may correct them',
    messageFa: 'اصلاح اطلاعات این شخص فقط برای دفتری ممکن است که درخواست باز یا پرونده قابل ویرایشی مربوط به او دارد',
    details: { reason: 'no_open_request' },
  });
}

const NATIONAL_CODE_RULES: Record<PersonKind, { valid: (code: string) => boolean; en: string; fa: string }> = {
  natural: {
    valid: isNationalCode,
    en: 'Not a valid national code',
    fa: 'کد ملی معتبر نیست',
  },
  legal: {
    valid: isLegalNationalId,
    en: 'Not a valid national id of a legal person',
    fa: 'شناسه ملی معتبر نیست',
  },
};

/** Which name fields each kind of person has, and which of them a new record must carry. */
const KIND_FIELDS = {
  natural: { has: ['firstName', 'lastName', 'fatherName'], needs: ['firstName', 'lastName'] },
  legal: { has: ['companyName'], needs: ['companyName'] },
} as const satisfies Record<PersonKind, { has: readonly string[]; needs: readonly string[] }>;

type NameInput = Partial<Record<'firstName' | 'lastName' | 'fatherName' | 'companyName', string | null>>;

function nameFieldErrors(kind: PersonKind, input: NameInput, creating: boolean): FieldError[] {
  const errors: FieldError[] = [];
  const other = kind === 'natural' ? 'legal' : 'natural';
  for (const f of KIND_FIELDS[other].has) {
    if (input[f] != null) {
      errors.push(
        kind === 'natural'
          ? fieldError(f, 'not_for_kind', 'A natural person has no such field', 'این فیلد برای شخص حقیقی به کار نمی‌رود')
          : fieldError(f, 'not_for_kind', 'A legal person has no such field', 'این فیلد برای شخص حقوقی به کار نمی‌رود'),
      );
    }
  }
  if (creating) {
    for (const f of KIND_FIELDS[kind].needs) {
      if (!input[f]) errors.push(fieldError(f, 'required', 'This field is required', 'این فیلد الزامی است'));
    }
  }
  return errors;
}

function duplicatePerson(personId: string): AppError {
  return new AppError('DUPLICATE_PERSON', { details: { personId } });
}

function searchTextOf(p: NameFields): string {
  return searchKey(displayName(p));
}

export async function createPerson(ctx: Ctx, actor: Actor, input: CreatePersonInput): Promise<PersonView> {
  const rule = NATIONAL_CODE_RULES[input.kind];
  const errors = nameFieldErrors(input.kind, input, true);
  if (!rule.valid(input.nationalCode)) errors.unshift(fieldError('nationalCode', 'invalid_national_code', rule.en, rule.fa));
  if (errors.length > 0) throw invalid(errors);

  const existing = await findPersonIdByNationalCode(ctx.db, input.nationalCode);
  if (existing) throw duplicatePerson(existing.id);

  const at = ctx.clock.now();
  const row: PersonRow = {
    id: newId(),
    kind: input.kind,
    national_code: input.nationalCode,
    first_name: input.firstName ?? null,
    last_name: input.lastName ?? null,
    father_name: input.fatherName ?? null,
    company_name: input.companyName ?? null,
    mobile: input.mobile ?? null,
    search_text: '',
    created_by_office_id: actor.officeId,
    created_at: at.toISOString(),
    updated_at: at.toISOString(),
  };
  row.search_text = searchTextOf(row);
  try {
    await ctx.db.transaction().execute(async (trx) => {
      await insertPerson(trx, row);
      await appendAudit(trx, actor, { action: 'person.create', entityType: 'person', entityId: row.id }, at);
    });
  } catch (err) {
    // Two desks registering the same citizen at once: the unique index decides, the loser gets the pointer.
    if (!isUniqueViolation(err)) throw err;
    const winner = await findPersonIdByNationalCode(ctx.db, input.nationalCode);
    throw winner ? duplicatePerson(winner.id) : err;
  }
  return personView(actor, row, true);
}

export async function getPerson(ctx: Ctx, actor: Actor, id: string): Promise<PersonView> {
  const person = await findPersonInScope(ctx.db, actor, id);
  if (!person) throw notFound();
  await auditRead(ctx.db, actor, { action: 'person.read', entityType: 'person', entityId: id }, ctx.clock.now());
  return personView(actor, person, await sees(ctx, actor, id));
}

const COLUMN_OF = {
  firstName: 'first_name',
  lastName: 'last_name',
  fatherName: 'father_name',
  companyName: 'company_name',
  mobile: 'mobile',
} as const satisfies Record<keyof UpdatePersonInput, keyof PersonRow>;

export async function updatePerson(ctx: Ctx, actor: Actor, id: string, input: UpdatePersonInput): Promise<PersonView> {
  const current = await findPersonInScope(ctx.db, actor, id);
  if (!current) throw notFound();
  // A desk may not rewrite the mobile of someone it has no business with: the mobile signs the citizen in.
  if (!(await sees(ctx, actor, id))) throw personNotEditable();
  const errors = nameFieldErrors(current.kind, input, false);
  if (errors.length > 0) throw invalid(errors);
  // The mobile signs the citizen in to every city: only the city that keeps the record changes it.
  // Otherwise one city could tie a stranger to itself (an owner of one of its files, found by
  // national code) and take their sign-in everywhere.
  if (input.mobile !== undefined && input.mobile !== current.mobile && !(await keepsMobile(ctx.db, id, actor.cityId))) {
    throw new AppError('CONFLICT', {
      message: 'This person is registered in another city; their mobile, which signs them in, is changed there',
      messageFa: 'این شخص در شهر دیگری ثبت شده است؛ شماره همراه او که با آن وارد سامانه می‌شود فقط در همان شهر تغییر می‌کند',
      fields: [fieldError('mobile', 'shared_person', 'Registered in another city', 'این شخص در شهر دیگری ثبت شده است')],
      details: { reason: 'shared_person' },
    });
  }

  const next: PersonRow = { ...current };
  const changed: string[] = [];
  for (const [field, column] of Object.entries(COLUMN_OF) as [keyof UpdatePersonInput, (typeof COLUMN_OF)[keyof UpdatePersonInput]][]) {
    const value = input[field];
    if (value === undefined || value === current[column]) continue;
    next[column] = value;
    changed.push(field);
  }
  if (changed.length === 0) return personView(actor, current, true);

  const at = ctx.clock.now();
  next.search_text = searchTextOf(next);
  next.updated_at = at.toISOString();
  const renamed = next.search_text !== current.search_text;
  await ctx.db.transaction().execute(async (trx) => {
    const { id: _id, ...set } = next;
    await updatePersonRow(trx, id, set);
    if (renamed) for (const hook of renameHooks) await hook(trx, id);
    await appendAudit(trx, actor, { action: 'person.update', entityType: 'person', entityId: id, details: { changed } }, at);
  });
  return personView(actor, next, true);
}

export async function searchPersons(ctx: Ctx, actor: Actor, query: PersonSearchInput) {
  // Persons are national records: no browsing the whole register, only looking someone up.
  if (!query.q && !query.nationalCode) {
    throw invalid([
      fieldError('q', 'required', 'Give a name or a national code to search for', 'برای جست‌وجو نام یا کد ملی را وارد کنید'),
    ]);
  }
  const { rows, total } = await searchPersonRows(
    ctx.db,
    actor,
    { q: query.q ? searchKey(query.q) : undefined, nationalCode: query.nationalCode },
    query,
  );
  if (rows.length > 0) {
    await auditRead(
      ctx.db,
      actor,
      { action: 'person.search', entityType: 'person', entityId: null, details: { q: query.q ?? null, nationalCode: query.nationalCode ?? null } },
      ctx.clock.now(),
    );
  }
  const visible = await findPersonsWithIdentifiers(ctx.db, actor, rows.map((r) => r.id));
  return { items: rows.map((r) => personView(actor, r, visible.has(r.id), query.nationalCode)), total, page: query.page, pageSize: query.pageSize };
}

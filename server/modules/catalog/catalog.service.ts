/**
 * The service catalog (فهرست خدمات) as data: what each service asks for, costs and promises, and
 * which desks offer it. The rules it is checked against (workflows, form fields) are in
 * workflows.ts and services.data.ts; this module keeps the stored rows honest.
 */
import { Type } from 'typebox';
import { Value } from 'typebox/value';
import { ROLE_SCOPE, SPECIALTIES } from '../../../contracts/roles.js';
import type { WorkflowDefinition } from '../../../contracts/workflow.js';
import type { Db } from '../../db/database.js';
import type { ServiceTable } from '../../db/schema.js';
import type { Ctx } from '../../platform/context.js';
import type { Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit.js';
import { fieldError, invalid, notFound } from '../../platform/errors.js';
import { auditChanges } from '../audit/index.js';
import { findOffice } from '../organisation/index.js';
import type { FormField, RequiredDocument } from './services.data.js';
import { getWorkflow, workflowStates } from './workflows.js';
import type { Static } from '../../platform/schemas.js';
import { FormFieldSchema, RequiredDocumentSchema, type ServicePatchBody } from './catalog.schemas.js';
import * as q from './catalog.queries.js';

type SlaDays = Record<string, number>;

const SLA_MIN = 0.5;
const SLA_MAX = 90;

interface Problem {
  code: string;
  en: string;
  fa: string;
}

/** Every problem of an SLA table against its workflow, keyed by the state it names. */
function slaProblems(wf: WorkflowDefinition, sla: Record<string, unknown>): [string, Problem][] {
  const states: readonly string[] = workflowStates(wf);
  const terminal: readonly string[] = wf.terminal;
  const problems: [string, Problem][] = [];
  for (const [state, days] of Object.entries(sla)) {
    if (!states.includes(state)) {
      problems.push([state, { code: 'unknown_state', en: `Not a state of the workflow ${wf.code}`, fa: `این وضعیت در گردش کار «${wf.titleFa}» وجود ندارد` }]);
    } else if (terminal.includes(state)) {
      problems.push([state, { code: 'terminal_state', en: 'A final state has no deadline', fa: 'وضعیت پایانی مهلت ندارد' }]);
    }
    if (typeof days !== 'number' || days < SLA_MIN || days > SLA_MAX || !Number.isInteger(days * 2)) {
      problems.push([state, { code: 'invalid_days', en: `Must be ${SLA_MIN} to ${SLA_MAX} working days in half days`, fa: 'مهلت باید بین نیم تا نود روز کاری و مضربی از نیم روز باشد' }]);
    }
  }
  return problems;
}

/** What a JSON schema cannot say about a form: unique names, options only on selects, bounds that fit the type. */
function formFieldProblems(fields: FormField[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const f of fields) {
    if (seen.has(f.name)) problems.push(`field "${f.name}" is declared twice`);
    seen.add(f.name);
    const values = (f.options ?? []).map((o) => o.value);
    if (f.type === 'select' && values.length < 2) problems.push(`field "${f.name}" is a select with fewer than two options`);
    if (f.type === 'select' && new Set(values).size !== values.length) problems.push(`field "${f.name}" repeats an option`);
    if (f.type !== 'select' && f.options !== undefined) problems.push(`field "${f.name}" has options but is not a select`);
    const numeric = f.type === 'integer' || f.type === 'number';
    if (!numeric && (f.min !== undefined || f.max !== undefined)) problems.push(`field "${f.name}" has min/max but is not a number`);
    if (f.min !== undefined && f.max !== undefined && f.min > f.max) problems.push(`field "${f.name}" has min > max`);
    if (f.maxLength !== undefined && f.type !== 'text' && f.type !== 'textarea') problems.push(`field "${f.name}" has maxLength but is not text`);
  }
  return problems;
}

const FormFields = Type.Array(FormFieldSchema);
const RequiredDocuments = Type.Array(RequiredDocumentSchema);

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

function schemaProblems(column: string, schema: typeof FormFields | typeof RequiredDocuments, value: unknown): string[] {
  return [...Value.Errors(schema, value)].map((e) => `${column}${e.instancePath.replace(/\//g, '.')}: ${e.message}`);
}

/** Everything wrong with one stored service row, in words an operator can act on. */
function serviceProblems(row: ServiceTable): string[] {
  const problems: string[] = [];
  let wf: WorkflowDefinition | undefined;
  try {
    wf = getWorkflow(row.workflow_code);
  } catch {
    problems.push(`unknown workflow "${row.workflow_code}"`);
  }

  const sla = parseJson(row.sla_days);
  if (!sla.ok || typeof sla.value !== 'object' || sla.value === null || Array.isArray(sla.value)) {
    problems.push('slaDays is not a JSON object');
  } else if (wf) {
    for (const [state, p] of slaProblems(wf, sla.value as Record<string, unknown>)) problems.push(`slaDays.${state}: ${p.en}`);
  }

  const fields = parseJson(row.form_fields);
  if (!fields.ok) problems.push('formFields is not JSON');
  else if (!Value.Check(FormFields, fields.value)) problems.push(...schemaProblems('formFields', FormFields, fields.value));
  else problems.push(...formFieldProblems(fields.value).map((p) => `formFields: ${p}`));

  const documents = parseJson(row.required_documents);
  if (!documents.ok) problems.push('requiredDocuments is not JSON');
  else if (!Value.Check(RequiredDocuments, documents.value)) problems.push(...schemaProblems('requiredDocuments', RequiredDocuments, documents.value));
  else {
    const codes = documents.value.map((d) => d.code);
    if (new Set(codes).size !== codes.length) problems.push('requiredDocuments: a document code is listed twice');
  }

  if (row.inspector_specialty !== null && !(SPECIALTIES as readonly string[]).includes(row.inspector_specialty)) {
    problems.push(`unknown inspector specialty "${row.inspector_specialty}"`);
  }
  return problems;
}

/**
 * Start-up check of every stored service: a broken row would otherwise surface as a 500 on the
 * first case that uses it. Throws one Error that lists every problem.
 */
export async function validateCatalog(db: Db): Promise<void> {
  const rows = await q.allServices(db);
  const problems = rows.flatMap((row) => serviceProblems(row).map((p) => `service "${row.code}" (${row.id}): ${p}`));
  if (problems.length > 0) {
    throw new Error(`The service catalog is broken; fix these rows before starting:\n- ${problems.join('\n- ')}`);
  }
}

// ---- presenting ---------------------------------------------------------------------------------

/** Codes of the services the actor's own desk offers; null for staff who sit at no desk. */
async function myDeskServices(db: Db, actor: Actor): Promise<Set<string> | null> {
  if (ROLE_SCOPE[actor.role] !== 'office' || !actor.officeId) return null;
  return new Set(await q.officeServiceCodes(db, actor.officeId));
}

function toSummary(s: ServiceTable, myDesk: Set<string> | null) {
  return {
    code: s.code,
    nameFa: s.name_fa,
    nameEn: s.name_en,
    descriptionFa: s.description_fa,
    category: s.category,
    workflowCode: s.workflow_code,
    inspectorSpecialty: s.inspector_specialty,
    feeRials: s.fee_rials,
    answerValidityDays: s.answer_validity_days,
    visitMinutes: s.visit_minutes,
    active: s.active === 1,
    ...(myDesk ? { enabledForMyOffice: myDesk.has(s.code) } : {}),
  };
}

function toDetail(s: ServiceTable, myDesk: Set<string> | null) {
  const wf = getWorkflow(s.workflow_code);
  return {
    ...toSummary(s, myDesk),
    descriptionEn: s.description_en,
    answerPurposeFa: s.answer_purpose_fa,
    // Validated at start-up and on every edit.
    requiredDocuments: JSON.parse(s.required_documents) as RequiredDocument[],
    formFields: JSON.parse(s.form_fields) as FormField[],
    slaDays: JSON.parse(s.sla_days) as SlaDays,
    workflow: {
      code: wf.code,
      titleFa: wf.titleFa,
      initial: wf.initial,
      terminal: [...wf.terminal],
      waitingOnApplicant: [...wf.waitingOnApplicant],
      transitions: wf.transitions.map((t) => ({
        action: t.action, from: [...t.from], to: t.to, roles: [...t.roles], guards: [...(t.guards ?? [])], public: t.public,
      })),
    },
    updatedAt: s.updated_at,
  };
}

// ---- services -----------------------------------------------------------------------------------

export async function listServices(ctx: Ctx, actor: Actor) {
  const [rows, myDesk] = await Promise.all([q.listServices(ctx.db, actor.cityId), myDeskServices(ctx.db, actor)]);
  return { items: rows.map((s) => toSummary(s, myDesk)) };
}

export async function getService(ctx: Ctx, actor: Actor, code: string) {
  const service = await q.findService(ctx.db, actor.cityId, code);
  if (!service) throw notFound();
  return toDetail(service, await myDeskServices(ctx.db, actor));
}

export async function updateService(ctx: Ctx, actor: Actor, code: string, input: Static<typeof ServicePatchBody>) {
  const at = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const service = await q.findService(trx, actor.cityId, code);
    if (!service) throw notFound();
    if (input.slaDays) {
      const problems = slaProblems(getWorkflow(service.workflow_code), input.slaDays);
      if (problems.length > 0) throw invalid(problems.map(([state, p]) => fieldError(`slaDays.${state}`, p.code, p.en, p.fa)));
    }
    await q.updateService(trx, service.id, {
      name_fa: input.nameFa,
      description_fa: input.descriptionFa,
      fee_rials: input.feeRials,
      sla_days: input.slaDays && JSON.stringify(input.slaDays),
      active: input.active === undefined ? undefined : input.active ? 1 : 0,
      answer_validity_days: input.answerValidityDays,
      visit_minutes: input.visitMinutes,
      updated_at: at.toISOString(),
    });
    const before = { ...toSummary(service, null), descriptionFa: service.description_fa, slaDays: JSON.parse(service.sla_days) as SlaDays };
    await appendAudit(
      trx, actor,
      { action: 'service.update', entityType: 'service', entityId: service.id, details: { code, changes: auditChanges(before, input) } },
      at,
    );
  });
  return getService(ctx, actor, code);
}

// ---- services offered at a desk -----------------------------------------------------------------

async function deskOf(db: Db, actor: Actor, officeId: string) {
  const office = await findOffice(db, actor.cityId, officeId);
  if (!office) throw notFound();
  return office;
}

export async function getOfficeServices(ctx: Ctx, actor: Actor, officeId: string) {
  await deskOf(ctx.db, actor, officeId);
  return { officeId, serviceCodes: await q.officeServiceCodes(ctx.db, officeId) };
}

/** Replace the set of services a desk offers. */
export async function setOfficeServices(ctx: Ctx, actor: Actor, officeId: string, serviceCodes: string[]) {
  const at = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    await deskOf(trx, actor, officeId);
    const found = new Map((await q.findServicesByCode(trx, actor.cityId, serviceCodes)).map((s) => [s.code, s.id]));
    const unknown = serviceCodes.flatMap((c, i) =>
      found.has(c) ? [] : [fieldError(`serviceCodes.${i}`, 'unknown_service', `No service with the code ${c}`, 'چنین خدمتی در فهرست خدمات نیست')],
    );
    if (unknown.length > 0) throw invalid(unknown);
    const before = await q.officeServiceCodes(trx, officeId);
    await q.replaceOfficeServices(trx, officeId, [...found.values()]);
    await appendAudit(
      trx, actor,
      {
        action: 'office.services_set', entityType: 'office', entityId: officeId,
        details: { added: serviceCodes.filter((c) => !before.includes(c)), removed: before.filter((c) => !serviceCodes.includes(c)) },
      },
      at,
    );
  });
  return getOfficeServices(ctx, actor, officeId);
}

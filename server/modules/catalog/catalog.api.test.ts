import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, usernameOf, type Client, type TestApp } from '../../test/app.js';
import { buildApp } from '../../app.js';
import { parseConfig } from '../../config.js';
import { newId } from '../../platform/ids.js';
import { SERVICES } from './services.data.js';
import { validateCatalog } from './catalog.service.js';

let t: TestApp;
let admin: Client;
let auditor: Client;
let operator: Client;
let operatorOfficeId: string;

beforeAll(async () => {
  t = await createTestApp();
  const username = await usernameOf(t.db, 'office_operator', { districtNumber: 3 });
  [admin, auditor, operator] = await Promise.all([signIn(t.app, 'admin'), signIn(t.app, 'auditor'), signIn(t.app, username)]);
  operatorOfficeId = (await t.db.selectFrom('staff').select('office_id').where('username', '=', username).executeTakeFirstOrThrow()).office_id!;
});
afterAll(async () => t?.close());

const codes = SERVICES.map((s) => s.code).sort();
const serviceRow = (code: string) => t.db.selectFrom('services').selectAll().where('code', '=', code).executeTakeFirstOrThrow();
const auditCount = async () => Number((await t.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

describe('reading the catalog', () => {
  it("lists the city's services; desk staff also see whether their desk offers each", async () => {
    const asOperator = (await operator.get('/api/services')).json().items;
    expect(asOperator.map((s: { code: string }) => s.code)).toEqual(codes);
    expect(asOperator.every((s: { enabledForMyOffice: boolean }) => s.enabledForMyOffice === true)).toBe(true);
    const asAuditor = (await auditor.get('/api/services')).json().items;
    expect(asAuditor).toHaveLength(codes.length);
    expect(asAuditor[0]).not.toHaveProperty('enabledForMyOffice');
    expect((await t.app.inject({ method: 'GET', url: '/api/services' })).statusCode).toBe(401);
  });

  it('shows a full definition with documents, form, SLA and the workflow for display', async () => {
    const def = SERVICES.find((s) => s.code === 'property_inspection')!;
    const res = await operator.get('/api/services/property_inspection');
    expect(res.statusCode).toBe(200);
    const s = res.json();
    expect(s).toMatchObject({
      code: def.code, nameFa: def.nameFa, workflowCode: 'inspection', feeRials: def.feeRials, active: true, enabledForMyOffice: true,
      requiredDocuments: def.requiredDocuments, formFields: def.formFields, slaDays: def.slaDays,
    });
    expect(s.workflow).toMatchObject({ code: 'inspection', initial: 'registered', terminal: ['delivered', 'cancelled'] });
    expect(s.workflow.transitions).toContainEqual(
      expect.objectContaining({ action: 'file_inspection_report', from: ['visit_scheduled'], to: 'district_review', roles: ['inspector'], guards: ['has_inspector'] }),
    );
  });

  it('answers 404 for an unknown code and 400 for a malformed one', async () => {
    expect((await operator.get('/api/services/no_such_service')).statusCode).toBe(404);
    expect((await operator.get('/api/services/Bad-Code')).statusCode).toBe(400);
  });
});

describe('editing a service', () => {
  it('lets the city admin change fee, SLA, texts and availability, with an audit row', async () => {
    const res = await admin.patch('/api/services/bank_inquiry', {
      feeRials: 3_500_000,
      slaDays: { registered: 0.5, district_review: 2.5, awaiting_decision: 1 },
      nameFa: 'استعلام وضعیت ملک برای بانک',
      answerValidityDays: 60,
      visitMinutes: 25,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      feeRials: 3_500_000, nameFa: 'استعلام وضعیت ملک برای بانک', answerValidityDays: 60, visitMinutes: 25,
      slaDays: { registered: 0.5, district_review: 2.5, awaiting_decision: 1 },
    });
    const audit = await t.db.selectFrom('audit_log').selectAll().orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ action: 'service.update', entity_type: 'service' });
    const { changes } = JSON.parse(audit.details!);
    expect(Object.keys(changes).sort()).toEqual(['answerValidityDays', 'feeRials', 'nameFa', 'slaDays', 'visitMinutes']);

    const off = await admin.patch('/api/services/bank_inquiry', { active: false });
    expect(off.json().active).toBe(false);
    expect((await operator.get('/api/services')).json().items.find((s: { code: string }) => s.code === 'bank_inquiry').active).toBe(false);
  });

  it('refuses SLA states that are not in the workflow or are final, naming each', async () => {
    const [before, audits] = [await serviceRow('property_inspection'), await auditCount()];
    const res = await admin.patch('/api/services/property_inspection', {
      feeRials: 1,
      slaDays: { registered: 1, delivered: 2, paid: 1 },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields.map((f: { field: string; code: string }) => [f.field, f.code])).toEqual([
      ['slaDays.delivered', 'terminal_state'],
      ['slaDays.paid', 'unknown_state'],
    ]);
    expect(await serviceRow('property_inspection')).toEqual(before);
    expect(await auditCount()).toBe(audits);
  });

  it('answers malformed values with 400 field errors', async () => {
    const before = await serviceRow('property_inspection');
    const res = await admin.patch('/api/services/property_inspection', {
      feeRials: -5,
      slaDays: { registered: 0, district_review: 1.25, awaiting_decision: 91 },
      answerValidityDays: 1.5,
      workflowCode: 'inquiry',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields.map((f: { field: string }) => f.field).sort()).toEqual(
      ['answerValidityDays', 'feeRials', 'slaDays.awaiting_decision', 'slaDays.district_review', 'slaDays.registered', 'workflowCode'],
    );
    expect((await admin.patch('/api/services/property_inspection', {})).statusCode).toBe(400);
    expect(await serviceRow('property_inspection')).toEqual(before);
  });

  it('is for the city admin only; an unknown service is 404', async () => {
    for (const c of [operator, auditor]) expect((await c.patch('/api/services/property_inspection', { feeRials: 1 })).statusCode).toBe(403);
    expect((await admin.patch('/api/services/no_such_service', { feeRials: 1 })).statusCode).toBe(404);
  });
});

describe('services offered at a desk', () => {
  it('sets the set a desk offers; desk staff see it in the catalog', async () => {
    const url = `/api/offices/${operatorOfficeId}/services`;
    expect((await operator.get(url)).json().serviceCodes).toEqual(codes);
    const res = await admin.put(url, { serviceCodes: ['property_inspection', 'bank_inquiry'] });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ officeId: operatorOfficeId, serviceCodes: ['bank_inquiry', 'property_inspection'] });
    const audit = await t.db.selectFrom('audit_log').selectAll().orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ action: 'office.services_set', entity_id: operatorOfficeId });
    expect(JSON.parse(audit.details!)).toEqual({ added: [], removed: codes.filter((c) => c !== 'bank_inquiry' && c !== 'property_inspection') });
    const mine = (await operator.get('/api/services')).json().items.filter((s: { enabledForMyOffice: boolean }) => s.enabledForMyOffice);
    expect(mine.map((s: { code: string }) => s.code)).toEqual(['bank_inquiry', 'property_inspection']);
    expect((await admin.put(url, { serviceCodes: [] })).json().serviceCodes).toEqual([]);
  });

  it('names the unknown code by its position and changes nothing', async () => {
    const url = `/api/offices/${operatorOfficeId}/services`;
    await admin.put(url, { serviceCodes: ['bank_inquiry'] });
    const res = await admin.put(url, { serviceCodes: ['agency_inquiry', 'no_such_service', 'property_inspection'] });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toMatchObject([{ field: 'serviceCodes.1', code: 'unknown_service' }]);
    expect((await operator.get(url)).json().serviceCodes).toEqual(['bank_inquiry']);
    const dup = await admin.put(url, { serviceCodes: ['bank_inquiry', 'bank_inquiry'] });
    expect(dup.statusCode).toBe(400);
  });

  it('is for the city admin only; an unknown desk is 404', async () => {
    const url = `/api/offices/${operatorOfficeId}/services`;
    for (const c of [operator, auditor]) expect((await c.put(url, { serviceCodes: codes })).statusCode).toBe(403);
    expect((await admin.put(`/api/offices/${newId()}/services`, { serviceCodes: codes })).statusCode).toBe(404);
    expect((await admin.get(`/api/offices/${newId()}/services`)).statusCode).toBe(404);
  });
});

describe('start-up validation of the stored catalog', () => {
  it('accepts the seeded catalog', async () => {
    await expect(validateCatalog(t.db)).resolves.toBeUndefined();
  });

  it('refuses to start with a broken row, listing every problem', async () => {
    const original = await serviceRow('excavation_permit');
    const fields = JSON.parse(original.form_fields) as Record<string, unknown>[];
    await t.db
      .updateTable('services')
      .set({
        workflow_code: 'inspection',
        sla_days: JSON.stringify({ registered: 1, delivered: 3, nowhere: 2, district_review: 0 }),
        form_fields: JSON.stringify([...fields, { ...fields[0], type: 'colour' }, { ...fields[0] }]),
        required_documents: 'not json',
        inspector_specialty: 'plumbing',
      })
      .where('id', '=', original.id)
      .execute();
    await t.db.updateTable('services').set({ workflow_code: 'express' }).where('code', '=', 'agency_inquiry').execute();
    try {
      const failure = validateCatalog(t.db);
      await expect(failure).rejects.toThrow(/service catalog is broken/);
      const message = await failure.catch((e: Error) => e.message);
      for (const problem of [
        'service "agency_inquiry"', 'unknown workflow "express"',
        'slaDays.delivered: A final state has no deadline', 'slaDays.nowhere: Not a state of the workflow inspection',
        'slaDays.district_review: Must be 0.5 to 90', `formFields.${fields.length}.type`, 'requiredDocuments is not JSON',
        'unknown inspector specialty "plumbing"',
      ]) {
        expect(message).toContain(problem);
      }
      const config = parseConfig({ LOG_LEVEL: 'silent', DATA_DIR: '/tmp/miz-test-data' });
      await expect(buildApp(config, { db: t.db, clock: t.clock })).rejects.toThrow(/service catalog is broken/);

      // A well-typed form can still be inconsistent: the same field twice.
      await t.db.updateTable('services').set({ ...original, form_fields: JSON.stringify([...fields, fields[0]]) }).where('id', '=', original.id).execute();
      await t.db.updateTable('services').set({ workflow_code: 'inquiry' }).where('code', '=', 'agency_inquiry').execute();
      await expect(validateCatalog(t.db)).rejects.toThrow(`field "${String(fields[0]!.name)}" is declared twice`);
    } finally {
      await t.db.updateTable('services').set(original).where('id', '=', original.id).execute();
      await t.db.updateTable('services').set({ workflow_code: 'inquiry' }).where('code', '=', 'agency_inquiry').execute();
    }
    await expect(validateCatalog(t.db)).resolves.toBeUndefined();
  });
});

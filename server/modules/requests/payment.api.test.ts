/** Fees at the desk: paid at intake with the card reader's reference, or recorded later. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, usernameOf, type Client, type TestApp } from '../../test/app.js';
import { districtProperty, INSPECTION_DOCS, INSPECTION_FORM, registerCase, UNPAID, type SeededProperty } from '../../test/factories.js';

let t: TestApp;
let op: Client; // desk in district 3
let otherOp: Client; // desk in district 5
let reviewer: Client;
let property: SeededProperty;

const intake = (payment: unknown) =>
  op.post('/api/requests', { propertyId: property.id, applicantPersonId: property.ownerId, serviceCode: 'property_inspection', form: INSPECTION_FORM, documents: INSPECTION_DOCS, payment });
const fields = (body: string) => (JSON.parse(body) as { error: { fields: { field: string; code: string }[] } }).error.fields.map((f) => `${f.field}:${f.code}`);

beforeAll(async () => {
  t = await createTestApp();
  op = await signIn(t.app, await usernameOf(t.db, 'office_operator', { districtNumber: 3 }));
  otherOp = await signIn(t.app, await usernameOf(t.db, 'office_operator', { districtNumber: 5 }));
  reviewer = await signIn(t.app, 'd3-reviewer1');
  property = await districtProperty(t.db, 3);
});
afterAll(async () => t?.close());

describe('the fee at intake', () => {
  it('paid with a reference (Persian digits accepted): the case shows it paid', async () => {
    const res = await intake({ paid: true, reference: '۱۲۳۴۵۶۷۸۹۰۱۲' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().fee).toEqual({ rials: 3_500_000, paid: true, reference: '123456789012', paidAt: t.clock.now().toISOString() });
    expect(res.json().feeRials).toBe(3_500_000);
    // The desk's colleagues see the payment on the case's internal timeline, with its reference.
    const line = res.json().timeline.find((e: { action: string }) => e.action === 'record_payment');
    expect(line).toMatchObject({ labelFa: 'ثبت پرداخت', public: false, fromState: 'registered', toState: 'registered', note: 'شماره پیگیری: 123456789012' });
    expect(line.data).toEqual({ reference: '123456789012', feeRials: 3_500_000 });
  });

  it('unpaid, or no payment given: the case shows it unpaid', async () => {
    for (const payment of [{ paid: false }, undefined]) {
      const res = await intake(payment);
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json().fee).toEqual({ rials: 3_500_000, paid: false, reference: null, paidAt: null });
      expect(res.json().timeline.map((e: { action: string }) => e.action)).not.toContain('record_payment');
    }
  });

  it('refuses a paid fee without a reference, a malformed reference, and a reference on an unpaid fee', async () => {
    let res = await intake({ paid: true });
    expect(res.statusCode).toBe(400);
    expect(fields(res.body)).toEqual(['payment.reference:reference_required']);
    res = await intake({ paid: true, reference: 'ab' });
    expect(res.statusCode).toBe(400);
    expect(fields(res.body)).toEqual(['payment.reference:invalid_reference']);
    res = await intake({ paid: false, reference: '12345678' });
    expect(res.statusCode).toBe(400);
    expect(fields(res.body)).toEqual(['payment.paid:reference_without_payment']);
    expect(await t.db.selectFrom('requests').select('id').where('fee_payment_ref', 'in', ['ab', '12345678']).execute()).toHaveLength(0);
  });
});

describe('POST /api/requests/:id/payment', () => {
  it('records the payment once, with an audit row, for the desk that holds the case', async () => {
    const kase = await registerCase(op, property, undefined, undefined, undefined, UNPAID);
    expect(kase.fee.paid).toBe(false);

    // Another district's desk does not see the case; a district reviewer may not take fees.
    expect((await otherOp.post(`/api/requests/${kase.id}/payment`, { reference: '55667788' })).statusCode).toBe(404);
    expect((await reviewer.post(`/api/requests/${kase.id}/payment`, { reference: '55667788' })).statusCode).toBe(403);
    const stale = await op.post(`/api/requests/${kase.id}/payment`, { version: kase.version + 5, reference: '55667788' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('STALE_VERSION');
    const bad = await op.post(`/api/requests/${kase.id}/payment`, { reference: 'x y' });
    expect(bad.statusCode).toBe(400);
    expect(fields(bad.body)).toEqual(['reference:invalid_reference']);

    t.clock.advance(3_600_000);
    const res = await op.post(`/api/requests/${kase.id}/payment`, { version: kase.version, reference: '55667788' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().fee).toEqual({ rials: 3_500_000, paid: true, reference: '55667788', paidAt: t.clock.now().toISOString() });
    // The payment (one version), then the inspector it was waiting for (another).
    expect(res.json().version).toBe(kase.version + 2);
    const audit = await t.db.selectFrom('audit_log').selectAll().where('entity_id', '=', kase.id).where('action', '=', 'request.payment').execute();
    expect(audit).toHaveLength(1);
    const lines = res.json().timeline.filter((e: { action: string }) => e.action === 'record_payment');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ labelFa: 'ثبت پرداخت', labelEn: 'Fee payment recorded', public: false, note: 'شماره پیگیری: 55667788', at: t.clock.now().toISOString() });

    const again = await op.post(`/api/requests/${kase.id}/payment`, { reference: '55667799' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('CONFLICT');
    expect((await op.get(`/api/requests/${kase.id}`)).json().fee.reference).toBe('55667788');
    expect((await op.get(`/api/requests/${kase.id}`)).json().timeline.filter((e: { action: string }) => e.action === 'record_payment')).toHaveLength(1);
  });
});

/** Fees before inspectors (docs/decisions/0020-fee-before-inspection.md). */
describe('no inspector is sent for an unpaid fee', () => {
  const BANK_FORM = { bankName: 'بانک ملت', branchCode: '1234', bankLetterNumber: 'ب/۱۴۰۵/۷۷', purpose: 'mortgage' };
  const BANK_DOCS = { bank_letter: true, ownership_deed: true, owner_national_card: true };
  const actions = (c: { timeline: { action: string }[] }) => c.timeline.map((e) => e.action);
  const version = async (id: string) => (await op.get(`/api/requests/${id}`)).json().version as number;
  const expectHeld = (res: { statusCode: number; body: string; json(): { error: { code: string; message: string; messageFa: string; details: { failedGuards: string[] } } } }) => {
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json().error).toMatchObject({
      code: 'GUARD_FAILED',
      messageFa: 'هزینه خدمت این پرونده پرداخت نشده است؛ تا ثبت پرداخت در دفتر پیشخوان، مامور بازدید ارجاع نمی‌شود',
      message: 'The service fee is not paid: no inspector is sent until the desk records the payment',
      details: { failedGuards: ['fee_paid'] },
    });
  };

  it('an unpaid case stays at the desk: no automatic assignment, and a manual one is refused with 409', async () => {
    const kase = await registerCase(op, property, undefined, undefined, undefined, UNPAID);
    expect(kase).toMatchObject({ state: 'registered', inspector: null, fee: { paid: false } });
    expect(actions(kase)).toEqual(['register']);
    expect(await t.db.selectFrom('inspections').select('id').where('request_id', '=', kase.id).execute()).toHaveLength(0);

    // Neither the desk nor the district may send an inspector by hand.
    expectHeld(await op.post(`/api/requests/${kase.id}/assign-inspector`, { version: kase.version }));
    expectHeld(await reviewer.post(`/api/requests/${kase.id}/assign-inspector`, { version: kase.version }));
    const row = await t.db.selectFrom('requests').select(['state', 'version', 'assigned_inspector_id']).where('id', '=', kase.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ state: 'registered', version: kase.version, assigned_inspector_id: null });
  });

  it('recording the payment sends the inspector at once, after the payment on the timeline', async () => {
    const kase = await registerCase(op, property, undefined, undefined, undefined, UNPAID);
    t.clock.advance(20 * 60_000);
    const res = await op.post(`/api/requests/${kase.id}/payment`, { version: kase.version, reference: '88001122' });
    expect(res.statusCode, res.body).toBe(200);
    const paid = res.json();
    expect(paid).toMatchObject({ state: 'inspector_assigned', fee: { paid: true, reference: '88001122' } });
    expect(paid.inspector).not.toBeNull();
    expect(actions(paid)).toEqual(['register', 'record_payment', 'assign_inspector']);
    const inspection = await t.db.selectFrom('inspections').select(['inspector_id', 'assigned_at']).where('request_id', '=', kase.id).where('active', '=', 1).executeTakeFirstOrThrow();
    expect(inspection).toEqual({ inspector_id: paid.inspector.id, assigned_at: t.clock.now().toISOString() });
  });

  it('a fee paid at intake sends the inspector with the intake, as before', async () => {
    const kase = await registerCase(op, property);
    expect(kase).toMatchObject({ state: 'inspector_assigned', fee: { paid: true } });
    expect(actions(kase)).toEqual(['register', 'record_payment', 'assign_inspector']);
  });

  it('an inquiry goes to the district unpaid, but the district may not order a visit until the fee is paid', async () => {
    const kase = await registerCase(op, property, 'bank_inquiry', BANK_FORM, BANK_DOCS, UNPAID);
    expect(kase.state).toBe('registered');
    let res = await op.post(`/api/requests/${kase.id}/send-to-district`, { version: kase.version });
    expect(res.statusCode, res.body).toBe(200);
    expectHeld(await reviewer.post(`/api/requests/${kase.id}/assign-inspector`, { version: res.json().version }));
    expect((await op.get(`/api/requests/${kase.id}`)).json()).toMatchObject({ state: 'district_review', inspector: null });

    // Paid at the desk: the case stays with the district (no automatic visit), which may now order one.
    res = await op.post(`/api/requests/${kase.id}/payment`, { reference: '88001133' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ state: 'district_review', inspector: null, fee: { paid: true } });
    res = await reviewer.post(`/api/requests/${kase.id}/assign-inspector`, { version: await version(kase.id) });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().state).toBe('inspector_assigned');
  });
});

/** Fees at the desk: paid at intake with the card reader's reference, or recorded later. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, usernameOf, type Client, type TestApp } from '../../test/app.js';
import { districtProperty, INSPECTION_DOCS, INSPECTION_FORM, registerCase, type SeededProperty } from '../../test/factories.js';

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
    const kase = await registerCase(op, property);
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
    expect(res.json().version).toBe(kase.version + 1);
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

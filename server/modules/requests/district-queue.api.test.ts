/** The district queue's list: searched on the server through the case list's `q`, with the assigned inspector on each row. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, usernameOf, type Client, type TestApp } from '../../test/app.js';
import { districtProperty, registerCase, type SeededProperty } from '../../test/factories.js';

let t: TestApp;
let op: Client;
let reviewer: Client;
let d5reviewer: Client;
let property: SeededProperty;

const fa = (s: string) => s.replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]!);
const queue = async (client: Client, query: string) => {
  const res = await client.get(`/api/requests?pageSize=50&sort=stepDueAt&order=asc&${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ items: { id: string; trackingCode: string; inspectorName: string | null }[]; total: number }>();
};

beforeAll(async () => {
  t = await createTestApp();
  op = await signIn(t.app, await usernameOf(t.db, 'office_operator', { districtNumber: 3 }));
  reviewer = await signIn(t.app, 'd3-reviewer1');
  d5reviewer = await signIn(t.app, 'd5-reviewer1');
  property = await districtProperty(t.db, 3);
});
afterAll(async () => t?.close());

describe('the district queue', () => {
  it("names each case's inspector, and none for a case without one", async () => {
    const kase = await registerCase(op, property);
    const inspector = await t.db.selectFrom('staff').select(['first_name', 'last_name']).where('id', '=', kase.inspector.id).executeTakeFirstOrThrow();
    const bank = await registerCase(op, property, 'bank_inquiry', { bankName: 'بانک ملت', branchCode: '1234', bankLetterNumber: 'ب/۱۴۰۵/۷۷', purpose: 'mortgage' }, { bank_letter: true, ownership_deed: true, owner_national_card: true });
    const sent = await op.post(`/api/requests/${bank.id}/send-to-district`, { version: bank.version });
    expect(sent.statusCode, sent.body).toBe(200);

    const visits = await queue(reviewer, 'state=inspector_assigned');
    expect(visits.items.find((i) => i.id === kase.id)!.inspectorName).toBe(`${inspector.first_name} ${inspector.last_name}`);
    const review = await queue(reviewer, 'state=district_review');
    expect(review.items.find((i) => i.id === bank.id)!.inspectorName).toBeNull();
  });

  it('finds a case by its tracking code or the applicant national code typed in Persian digits, within the district only', async () => {
    const wanted = await registerCase(op, property);
    await registerCase(op, property);
    const all = await queue(reviewer, 'state=inspector_assigned');
    expect(all.total).toBeGreaterThan(1);

    const byCode = await queue(reviewer, `state=inspector_assigned&q=${encodeURIComponent(fa(wanted.trackingCode))}`);
    expect(byCode.items.map((i) => i.id)).toEqual([wanted.id]);
    expect(byCode.total).toBe(1);
    expect(byCode.items[0]!.inspectorName).not.toBeNull();

    const byNationalCode = await queue(reviewer, `state=inspector_assigned&q=${encodeURIComponent(fa(property.ownerNationalCode))}`);
    expect(byNationalCode.items.map((i) => i.id)).toContain(wanted.id);
    expect(byNationalCode.items.every((i) => all.items.some((a) => a.id === i.id))).toBe(true);

    // Another state's tab, or another district, does not find it.
    expect((await queue(reviewer, `state=district_review&q=${wanted.trackingCode}`)).total).toBe(0);
    expect((await queue(d5reviewer, `state=inspector_assigned&q=${wanted.trackingCode}`)).total).toBe(0);
  });
});

/**
 * The case list counts its matches up to 1,000 (decision 0047): exact below it,
 * "more than 1,000" past it, and the pages go on past the count. The desk's cases are copies of one
 * registered case, written straight into the table.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, usernameOf, type Client, type TestApp } from '../../test/app.js';
import { copyCase, districtProperty, registerCase } from '../../test/factories.js';

let t: TestApp;
let op: Client;
let otherDesk: Client;
let officeId: string;
let kase: { id: string; trackingCode: string };

interface ListPage {
  items: { id: string }[];
  total: number;
  totalCapped: boolean;
}
const list = async (client: Client, query = '') => {
  const res = await client.get(`/api/requests?pageSize=20${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<ListPage>();
};
const deskCases = async () =>
  Number((await t.db.selectFrom('requests').select((eb) => eb.fn.countAll().as('n')).where('office_id', '=', officeId).executeTakeFirstOrThrow()).n);

beforeAll(async () => {
  t = await createTestApp();
  op = await signIn(t.app, await usernameOf(t.db, 'office_operator', { districtNumber: 3 }));
  otherDesk = await signIn(t.app, await usernameOf(t.db, 'office_operator', { districtNumber: 5 }));
  kase = await registerCase(op, await districtProperty(t.db, 3));
  officeId = (await t.db.selectFrom('requests').select('office_id').where('id', '=', kase.id).executeTakeFirstOrThrow()).office_id;
}, 60_000);
afterAll(() => t?.close());

describe('the case list’s count', () => {
  it('is exact up to 1,000 cases, then "more than 1,000", and the pages go on past it', async () => {
    const few = await list(op);
    expect(few).toMatchObject({ total: await deskCases(), totalCapped: false });

    await copyCase(t.db, kase.id, 1_000 - (await deskCases()));
    expect(await deskCases()).toBe(1_000);
    expect(await list(op)).toMatchObject({ total: 1_000, totalCapped: false });

    await copyCase(t.db, kase.id, 1);
    const many = await list(op);
    expect(many).toMatchObject({ total: 1_000, totalCapped: true });
    expect(many.items).toHaveLength(20);
    // Page 51 of 20 holds the 1,001st case: beyond the count, still served.
    const past = await list(op, '&page=51');
    expect(past.items).toHaveLength(1);
    expect(past).toMatchObject({ total: 1_000, totalCapped: true });
    // A filter that matches fewer is counted exactly again; another desk sees only its own.
    const one = await list(op, `&q=${kase.trackingCode}`);
    expect(one).toMatchObject({ total: 1, totalCapped: false });
    const other = await list(otherDesk);
    expect(other.totalCapped).toBe(false);
    expect(other.items.map((i) => i.id)).not.toContain(kase.id);
  }, 120_000);
});

/**
 * A client's case (a bank's inquiry that needs a visit) goes to the district's desk with the fewest
 * open cases, counted by state from the desk's index; a closed case (a terminal state) is not open.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app.js';
import { lightestDeskQuery } from './index.js';
import { signIn, usernameOf } from '../../test/app.js';
import { copyCase, districtProperty, registerCase } from '../../test/factories.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

const SERVICE = 'property_inspection';

describe("the district's lightest desk", () => {
  it('is the desk with the fewest open cases, its closed ones not counted; a desk whose cases all close becomes it', async () => {
    const op = await signIn(t.app, await usernameOf(t.db, 'office_operator', { districtNumber: 3 }));
    const kase = await registerCase(op, await districtProperty(t.db, 3));
    const desks = await t.db
      .selectFrom('offices')
      .innerJoin('office_services', 'office_services.office_id', 'offices.id')
      .innerJoin('services', 'services.id', 'office_services.service_id')
      .select(['offices.id', 'offices.district_id'])
      .where('offices.district_id', '=', kase.district.id)
      .where('offices.status', '=', 'active')
      .where('services.code', '=', SERVICE)
      .orderBy('offices.id')
      .execute();
    expect(desks.length).toBeGreaterThan(2);
    // Open cases: 3 at the first desk, 1 at the second (with 5 closed), 2 at every other.
    const plan = desks.flatMap((d, i) => Array.from({ length: i === 0 ? 3 : i === 1 ? 6 : 2 }, () => d.id));
    await copyCase(t.db, kase.id, plan.length - 1);
    const ids = (await t.db.selectFrom('requests').select('id').where('district_id', '=', kase.district.id).orderBy('id').execute()).map((r) => r.id);
    expect(ids).toHaveLength(plan.length);
    for (const [i, id] of ids.entries()) await t.db.updateTable('requests').set({ office_id: plan[i]! }).where('id', '=', id).execute();
    const second = ids.filter((_, i) => plan[i] === desks[1]!.id);
    await t.db.updateTable('requests').set({ state: 'delivered', closed_at: '2026-01-01T00:00:00.000Z' }).where('id', 'in', second.slice(1)).execute();
    expect(await lightestDeskQuery(t.db, kase.district.id, SERVICE).executeTakeFirst()).toEqual({ id: desks[1]!.id, open: 1 });

    await t.db.updateTable('requests').set({ state: 'cancelled', closed_at: '2026-01-01T00:00:00.000Z' }).where('office_id', '=', desks[0]!.id).execute();
    expect(await lightestDeskQuery(t.db, kase.district.id, SERVICE).executeTakeFirst()).toEqual({ id: desks[0]!.id, open: 0 });
  });
});

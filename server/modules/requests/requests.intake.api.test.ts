/**
 * Intake draws its tracking code at insert (requests.queries.ts insertCase): a code already taken is
 * passed over by the unique index, inside the same transaction, and another drawn.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, usernameOf, type TestApp } from '../../test/app.js';
import { districtProperty, registerCase } from '../../test/factories.js';
import { newId, newTrackingCode } from '../../platform/ids.js';
import { insertCase } from './requests.queries.js';

let t: TestApp;
let taken: { id: string; trackingCode: string };

beforeAll(async () => {
  t = await createTestApp();
  const op = await signIn(t.app, await usernameOf(t.db, 'office_operator', { districtNumber: 3 }));
  taken = await registerCase(op, await districtProperty(t.db, 3));
});
afterAll(() => t?.close());

describe('a new case tracking code', () => {
  it('passes over a code already taken and answers the one it used; the transaction goes on', async () => {
    const { id: _id, tracking_code: _code, ...columns } = await t.db.selectFrom('requests').selectAll().where('id', '=', taken.id).executeTakeFirstOrThrow();
    const fresh = newTrackingCode();
    const drawn = [taken.trackingCode, fresh];
    const id = newId();
    const used = await t.db.transaction().execute(async (trx) => {
      const code = await insertCase(trx, { ...columns, id }, () => drawn.shift()!);
      // On PostgreSQL a refused INSERT would have aborted the transaction: this read would fail.
      await trx.selectFrom('requests').select('id').where('id', '=', id).executeTakeFirstOrThrow();
      return code;
    });
    expect(used).toBe(fresh);
    expect(drawn).toEqual([]);
    const rows = await t.db.selectFrom('requests').select(['id', 'tracking_code']).where('tracking_code', 'in', [taken.trackingCode, fresh]).orderBy('tracking_code').execute();
    expect(rows.sort((a, b) => a.id.localeCompare(b.id))).toEqual([{ id: taken.id, tracking_code: taken.trackingCode }, { id, tracking_code: fresh }].sort((a, b) => a.id.localeCompare(b.id)));
  });
});

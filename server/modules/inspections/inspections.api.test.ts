import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, usernameOf, type Client, type TestApp } from '../../test/app.js';
import { assignedInspector, districtProperty, registerCase, type SeededProperty } from '../../test/factories.js';

let t: TestApp;
let op: Client;
let property: SeededProperty;

beforeAll(async () => {
  t = await createTestApp();
  op = await signIn(t.app, await usernameOf(t.db, 'office_operator', { districtNumber: 7 }));
  property = await districtProperty(t.db, 7);
});
afterAll(async () => t?.close());

describe("the inspector's visits", () => {
  it('lists scheduled visits by day and window, unscheduled last, with a map link; only their own', async () => {
    const first = await registerCase(op, property);
    const second = await registerCase(op, property);
    const third = await registerCase(op, property);
    const inspector = await assignedInspector(t, first);
    // The lightest-load rule spreads cases; take the ones that landed on this inspector.
    const mine = [first, second, third].filter((c) => c.inspector.id === first.inspector.id);
    const [a, b] = mine;
    if (b) {
      await inspector.post(`/api/requests/${b.id}/schedule-visit`, { version: b.version, date: '2026-11-30', windowStart: '08:00', windowEnd: '09:00' });
    }
    await inspector.post(`/api/requests/${a.id}/schedule-visit`, { version: a.version, date: '2026-11-30', windowStart: '10:00', windowEnd: '12:00' });

    const all = (await inspector.get('/api/inspections/mine')).json();
    expect(all.total).toBe(mine.length);
    const expectedOrder = [...(b ? ['08:00'] : []), '10:00', ...mine.slice(2).map(() => null)];
    expect(all.items.map((v: { windowStart: string | null }) => v.windowStart)).toEqual(expectedOrder);
    expect(all.items[0].trackingCode).toBe((b ?? a).trackingCode);
    expect(all.items[0].mapUrl).toMatch(/^geo:\d+\.\d+,\d+\.\d+$/);

    const otherDay = (await inspector.get('/api/inspections/mine?date=2026-12-01')).json();
    expect(otherDay.total).toBe(0);

    const stranger = await signIn(t.app, await usernameOf(t.db, 'inspector', { districtNumber: 1 }));
    const theirs = (await stranger.get('/api/inspections/mine')).json();
    expect(theirs.items.map((v: { requestId: string }) => v.requestId)).not.toContain(a.id);
  });

  it('rejects a malformed date with a field error', async () => {
    const inspector = await signIn(t.app, await usernameOf(t.db, 'inspector', { districtNumber: 7 }));
    const res = await inspector.get('/api/inspections/mine?date=1405-09-09x');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields[0].field).toBe('date');
  });
});

/** The public tracking page shows the visit's appointment (day and window) once it is set, and nothing about who visits. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, usernameOf, type TestApp } from '../../test/app.js';
import { assignedInspector, districtProperty, registerCase } from '../../test/factories.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

describe('the visit appointment on public tracking', () => {
  it('is null until scheduled, then the day and window, and gone once the visit is reported; no inspector data', async () => {
    const op = await signIn(t.app, await usernameOf(t.db, 'office_operator', { districtNumber: 3 }));
    const property = await districtProperty(t.db, 3);
    const kase = await registerCase(op, property);
    const track = async () => {
      const res = await t.app.inject({ method: 'GET', url: `/api/public/requests/${kase.trackingCode}?nationalCode=${property.ownerNationalCode}` });
      expect(res.statusCode, res.body).toBe(200);
      return res.json();
    };
    expect((await track()).visit).toBeNull();

    const inspector = await assignedInspector(t, kase);
    let res = await inspector.post(`/api/requests/${kase.id}/schedule-visit`, { version: kase.version, date: '2026-12-01', windowStart: '09:30', windowEnd: '11:00' });
    expect(res.statusCode, res.body).toBe(200);
    const tracked = await track();
    expect(tracked.visit).toEqual({ date: '2026-12-01', windowStart: '09:30', windowEnd: '11:00' });
    // No personal data of the inspector reaches the public answer.
    const staff = await t.db.selectFrom('staff').select(['first_name', 'last_name', 'mobile', 'username']).where('id', '=', kase.inspector.id).executeTakeFirstOrThrow();
    const body = JSON.stringify(tracked);
    for (const leak of [staff.last_name, staff.mobile, staff.username, kase.inspector.id]) expect(body).not.toContain(leak);

    // The day of the visit: the inspector signs in again (the session of two days ago has lapsed) and reports.
    t.clock.set(new Date('2026-12-01T06:30:00.000Z'));
    res = await (await assignedInspector(t, kase)).post(`/api/requests/${kase.id}/inspection-report`, {
      version: res.json().version,
      findings: 'مطابق سند و پروانه',
      checklist: kase.service.inspectionChecklist.map((i: { code: string }) => ({ code: i.code, ok: true })),
      violations: [],
      gps: { lat: 32.65, lng: 51.67 },
      visitedAt: t.clock.now().toISOString(),
    });
    expect(res.statusCode, res.body).toBe(200);
    expect((await track()).visit).toBeNull();
  });
});

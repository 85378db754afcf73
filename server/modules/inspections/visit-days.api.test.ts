/** The days the date pickers offer for a visit are exactly the days the schedule action accepts. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, usernameOf, type TestApp } from '../../test/app.js';
import { assignedInspector, districtProperty, registerCase } from '../../test/factories.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

describe('visit days', () => {
  it('offers working days from today on; a day not offered is refused by schedule-visit, an offered one accepted', async () => {
    const op = await signIn(t.app, await usernameOf(t.db, 'office_operator', { districtNumber: 3 }));
    const kase = await registerCase(op, await districtProperty(t.db, 3));
    const inspector = await assignedInspector(t, kase);
    const res = await inspector.get('/api/inspections/visit-days');
    expect(res.statusCode, res.body).toBe(200);
    const { from, days } = res.json<{ from: string; days: string[] }>();
    expect(from).toBe('2026-11-29'); // the test clock's Tehran day
    expect(days[0]).toBe('2026-11-29');
    expect(days).not.toContain('2026-11-28'); // yesterday
    expect(days).not.toContain('2026-12-04'); // a Friday
    const holidays = (await t.db.selectFrom('holidays').select('date').execute()).map((h) => h.date);
    for (const d of days) expect(holidays).not.toContain(d);

    for (const refused of ['2026-11-28', '2026-12-04']) {
      const r = await inspector.post(`/api/requests/${kase.id}/schedule-visit`, { version: kase.version, date: refused, windowStart: '09:00', windowEnd: '10:00' });
      expect(r.statusCode, refused).toBe(400);
    }
    const ok = await inspector.post(`/api/requests/${kase.id}/schedule-visit`, { version: kase.version, date: days[3], windowStart: '09:00', windowEnd: '10:00' });
    expect(ok.statusCode, ok.body).toBe(200);
  });
});

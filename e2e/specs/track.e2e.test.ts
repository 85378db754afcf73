/** /track: a citizen follows a case with the tracking code and a national code, no sign-in. */
import { beforeAll, describe, expect, it } from 'vitest';
import { signIn, usernameOf } from '../../server/test/app.js';
import { assignedInspector, districtProperty, registerCase } from '../../server/test/factories.js';
import { expectAccessible, expectVazirmatn, openPage, screenshot, VIEWPORTS, type Viewport } from '../fixtures/browser.js';
import { useE2e } from '../fixtures/server.js';
import { TrackPage } from '../pages/TrackPage.js';

const e2e = useE2e();
let trackingCode: string;
let nationalCode: string;
/** What the API tells the citizen, for the page to show. */
let tracked: { stateLabelFa: string; timeline: { labelFa: string }[] };

const persian = (ascii: string) => ascii.replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]!);

beforeAll(async () => {
  const operator = await signIn(e2e.t.app, await usernameOf(e2e.t.db, 'office_operator', { districtNumber: 3 }));
  const property = await districtProperty(e2e.t.db, 3);
  const kase = await registerCase(operator, property);
  trackingCode = kase.trackingCode;
  nationalCode = property.ownerNationalCode;
  const res = await e2e.t.app.inject({ method: 'GET', url: `/api/public/requests/${trackingCode}?nationalCode=${nationalCode}` });
  tracked = res.json();
});

describe('public tracking', () => {
  it('finds the case from codes typed in Persian digits and shows its state and timeline on the Jalali calendar', async () => {
    const { page, context, errors } = await openPage(e2e.browser);
    const track = new TrackPage(page, e2e.baseUrl);
    await track.goto();
    await track.track(persian(trackingCode), persian(nationalCode));
    await track.state.waitFor();
    expect(await track.state.innerText()).toBe(tracked.stateLabelFa);
    const steps = await track.timelineSteps.allInnerTexts();
    expect(steps).toHaveLength(tracked.timeline.length);
    expect(steps[0]).toContain(tracked.timeline[0]!.labelFa);
    // Registered at the test clock's start, Sunday 2026-11-29 09:00 Tehran.
    expect(steps[0]).toContain('۸ آذر ۱۴۰۵ ساعت ۰۹:۰۰');
    expect(await page.getByText(persian(trackingCode)).count()).toBe(1);
    await expectVazirmatn(page);
    await expectAccessible(page);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("shows the visit's appointment, day and window in Jalali and Persian digits, once it is set", async () => {
    const operator = await signIn(e2e.t.app, await usernameOf(e2e.t.db, 'office_operator', { districtNumber: 3 }));
    const property = await districtProperty(e2e.t.db, 3);
    const kase = await registerCase(operator, property);
    const inspector = await assignedInspector(e2e.t, kase);
    const res = await inspector.post(`/api/requests/${kase.id}/schedule-visit`, { version: kase.version, date: '2026-12-01', windowStart: '09:30', windowEnd: '11:00' });
    expect(res.statusCode, res.body).toBe(200);
    const { page, context, errors } = await openPage(e2e.browser, 'phone');
    const track = new TrackPage(page, e2e.baseUrl);
    await track.goto();
    await track.track(kase.trackingCode, property.ownerNationalCode);
    const visit = page.getByTestId('track-visit');
    await visit.waitFor();
    expect(await visit.innerText()).toBe('۱۰ آذر ۱۴۰۵، ساعت ۰۹:۳۰ تا ۱۱:۰۰');
    await screenshot(page, 'track-visit-phone');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('checks the codes before asking, and says plainly when nothing matches', async () => {
    const { page, context } = await openPage(e2e.browser);
    const track = new TrackPage(page, e2e.baseUrl);
    await track.goto();
    await track.track('۱۲۳', nationalCode);
    await page.getByText('کد رهگیری باید ده رقم باشد').waitFor();
    await track.track(trackingCode, '0499370899');
    await expect.poll(() => track.alert.innerText()).toBe('درخواستی با این کد رهگیری و کد ملی پیدا نشد. هر دو را دوباره بررسی کنید.');
    await expectAccessible(page);
    await context.close();
  });

  it("fills the tracking code from the receipt's QR link (/track?code=)", async () => {
    const { page, context } = await openPage(e2e.browser);
    await page.goto(`${e2e.baseUrl}/track?code=${trackingCode}`);
    await page.getByRole('heading', { level: 1, name: 'پیگیری درخواست' }).waitFor();
    // Shown in Persian digits, as everything on the page.
    expect(await page.getByLabel('کد رهگیری').inputValue()).toBe(trackingCode.replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]!));
    await page.getByLabel('کد ملی').fill(nationalCode);
    await page.getByRole('button', { name: 'پیگیری' }).click();
    const track = new TrackPage(page, e2e.baseUrl);
    await track.state.waitFor();
    expect(await track.state.innerText()).toBe(tracked.stateLabelFa);
    await context.close();
  });

  for (const viewport of Object.keys(VIEWPORTS) as Viewport[]) {
    it(`screenshot at ${viewport} size`, async () => {
      const { page, context } = await openPage(e2e.browser, viewport);
      const track = new TrackPage(page, e2e.baseUrl);
      await track.goto();
      await track.track(persian(trackingCode), persian(nationalCode));
      await track.state.waitFor();
      await expectVazirmatn(page);
      await screenshot(page, `track-${viewport}`);
      await context.close();
    });
  }
});

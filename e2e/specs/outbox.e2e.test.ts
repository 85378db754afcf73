/** /admin/outbox: the city admin sees a failed SMS and sends it again. */
import { beforeAll, describe, expect, it } from 'vitest';
import { signIn, usernameOf } from '../../server/test/app.js';
import { districtProperty, registerCase } from '../../server/test/factories.js';
import { consoleErrors, expectAccessible, openPage, screenshot, VIEWPORTS } from '../fixtures/browser.js';
import { signInThroughApi, useE2e } from '../fixtures/server.js';
import { faDigits } from '../pages/widgets.js';

const e2e = useE2e();
let trackingCode: string;
let outboxId: string;

beforeAll(async () => {
  const op = await signIn(e2e.t.app, await usernameOf(e2e.t.db, 'office_operator', { districtNumber: 4 }));
  const kase = await registerCase(op, await districtProperty(e2e.t.db, 4));
  trackingCode = kase.trackingCode;
  // As the worker leaves a message the provider refused to the last attempt.
  const row = await e2e.t.db.selectFrom('outbox').select('id').where('aggregate_id', '=', kase.id).executeTakeFirstOrThrow();
  outboxId = row.id;
  await e2e.t.db.updateTable('outbox').set({ status: 'dead', attempts: 6, last_error: 'SMS provider refused: HTTP 418' }).where('id', '=', outboxId).execute();
});

describe('the SMS outbox', () => {
  it('shows the failed message with its Persian text, and queues it again', async () => {
    const { page, context, errors } = await openPage(e2e.browser);
    const logged = consoleErrors(page);
    await signInThroughApi(context, e2e.baseUrl, 'admin');
    await page.goto(`${e2e.baseUrl}/admin/outbox`);
    await page.getByRole('heading', { level: 1, name: 'صف پیامک‌ها' }).waitFor();
    const row = page.getByTestId('outbox').getByRole('row').filter({ hasText: faDigits(trackingCode) });
    await row.waitFor();
    expect(await row.innerText()).toContain('ناموفق');
    expect(await row.innerText()).toContain('HTTP 418');
    await expectAccessible(page);
    await screenshot(page, 'admin-outbox-desktop');
    await row.getByRole('button', { name: 'ارسال دوباره' }).click();
    await page.getByText('پیامک دوباره در صف ارسال قرار گرفت.').waitFor();
    const stored = await e2e.t.db.selectFrom('outbox').select(['status', 'attempts']).where('id', '=', outboxId).executeTakeFirstOrThrow();
    expect(stored).toEqual({ status: 'pending', attempts: 0 });
    expect(errors).toEqual([]);
    expect(logged).toEqual([]);
    await context.close();
  });

  it('fits a phone: the five states scroll sideways in their own row, the page does not', async () => {
    const { page, context, errors } = await openPage(e2e.browser, 'phone');
    await signInThroughApi(context, e2e.baseUrl, 'admin');
    await page.goto(`${e2e.baseUrl}/admin/outbox`);
    await page.getByRole('heading', { level: 1, name: 'صف پیامک‌ها' }).waitFor();
    await page.getByText('ناموفق', { exact: true }).first().waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(VIEWPORTS.phone.width);
    expect(errors).toEqual([]);
    await context.close();
  });
});

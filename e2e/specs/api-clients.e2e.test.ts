/**
 * The city admin gives a bank API access through the UI: registers it (webhook secret shown once),
 * issues a key (shown once), the bank's software calls the open API with it over HTTP, the admin
 * revokes it in the UI, and the same call is refused.
 */
import { describe, expect, it } from 'vitest';
import { consoleErrors, expectAccessible, openPage, screenshot, type Viewport } from '../fixtures/browser.js';
import { signInThroughApi, useE2e } from '../fixtures/server.js';
import { ApiClientsPage } from '../pages/ApiClientsPage.js';
import { districtProperty } from '../../server/test/factories.js';
import { signIn } from '../../server/test/app.js';

const e2e = useE2e();
const BANK = 'بانک ملت شعبه چهارباغ';

async function adminPage(viewport: Viewport = 'desktop') {
  const opened = await openPage(e2e.browser, viewport);
  await opened.page.clock.setFixedTime(e2e.t.clock.now());
  await signInThroughApi(opened.context, e2e.baseUrl, 'admin');
  return { ...opened, clients: new ApiClientsPage(opened.page, e2e.baseUrl), console: consoleErrors(opened.page) };
}

/** The bank's software: a plain HTTP call with its key. */
async function askInquiry(key: string) {
  const property = await districtProperty(e2e.t.db, 4);
  const postalCode = (await e2e.t.db.selectFrom('properties').select('postal_code').where('id', '=', property.id).executeTakeFirstOrThrow()).postal_code!;
  const res = await fetch(`${e2e.baseUrl}/api/v1/inquiries`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ type: 'bank', property: { postalCode }, subjectNationalCode: property.ownerNationalCode, letterNumber: 'ب/۱۴۰۵/۹۰۱', purpose: 'mortgage' }),
  });
  return { status: res.status, body: await res.text() };
}

describe('API clients', () => {
  it('the admin registers a bank, issues a key the bank then uses, and revokes it: the same call is refused', async () => {
    const { page, context, clients, errors, console } = await adminPage();
    await clients.goto();
    await expectAccessible(page);
    const secret = await clients.addClient({ name: BANK, officialCode: '1234', webhookUrl: 'https://hooks.bank.example.ir/miz' });
    expect(secret.length).toBeGreaterThanOrEqual(40);
    await clients.row(BANK).waitFor();

    await clients.openClient(BANK);
    const key = await clients.issueKey();
    expect(key).toMatch(/^mk_[0-9a-f]{12}_/);
    const prefix = key.split('_')[1]!;
    await clients.keyRow(prefix).getByText('فعال', { exact: true }).waitFor();
    await expectAccessible(page);

    const asked = await askInquiry(key);
    expect([200, 202], asked.body).toContain(asked.status);

    await clients.revokeKey(prefix);
    const refused = await askInquiry(key);
    expect(refused.status, refused.body).toBe(401);

    const stored = (await (await signIn(e2e.t.app, 'admin')).get('/api/api-clients')).json().items.find((c: { nameFa: string }) => c.nameFa === BANK);
    expect(stored).toMatchObject({ kind: 'bank', officialCode: '1234', webhookUrl: 'https://hooks.bank.example.ir/miz', webhookEvents: ['inquiry.answered'], activeKeys: 0 });
    expect(errors).toEqual([]);
    expect(console).toEqual([]);
    await context.close();
  });
});

describe('screenshots', () => {
  for (const viewport of ['desktop', 'phone'] as const) {
    it(`of the API client pages at ${viewport} size`, async () => {
      const { page, context, clients } = await adminPage(viewport);
      await clients.goto();
      await clients.row(BANK).waitFor();
      await screenshot(page, `api-clients-${viewport}`);
      await clients.openClient(BANK);
      await page.getByTestId('api-keys').waitFor();
      await screenshot(page, `api-client-${viewport}`);
      await context.close();
    });
  }
});

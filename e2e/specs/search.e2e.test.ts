/**
 * The desk's search box as a clerk uses it (decision 0019): a name typed in another spelling than
 * the one on file («محمد حسین» for «محمد‌حسین»), and a tracking code read off a receipt in Persian
 * digits with dashes, find the file and the case; the case list's box finds the same by plate.
 */
import { describe, expect, it } from 'vitest';
import { signIn, usernameOf } from '../../server/test/app.js';
import { copyCase, districtProperty, registerCase } from '../../server/test/factories.js';
import { consoleErrors, openPage, screenshot, type Viewport } from '../fixtures/browser.js';
import { signInThroughApi, useE2e } from '../fixtures/server.js';
import { DeskPage } from '../pages/DeskPage.js';
import { faDigits } from '../pages/widgets.js';

const e2e = useE2e();
const DESK = 'o10573449-op1'; // a desk in district 3
const ZWNJ = '\u200c';

function withCheckDigit(nine: string): string {
  const sum = [...nine].reduce((s, d, i) => s + Number(d) * (10 - i), 0);
  const r = sum % 11;
  return `${nine}${r < 2 ? r : 11 - r}`;
}

async function seedCase() {
  const op = await signIn(e2e.t.app, DESK);
  const district = await e2e.t.db.selectFrom('districts').select('id').where('number', '=', 3).executeTakeFirstOrThrow();
  const person = await op.post('/api/persons', { kind: 'natural', nationalCode: withCheckDigit('129877001'), firstName: `محمد${ZWNJ}حسین`, lastName: 'خواجوی‌نژاد' });
  expect(person.statusCode, person.body).toBe(201);
  const file = await op.post('/api/properties', {
    districtId: district.id, renovationCode: '3-977-7-0-0-0', plate: { main: 19877, sub: 31, registrySection: 5 }, postalCode: '8176913461',
    address: 'اصفهان، خیابان نظر شرقی، کوچه ۱۸', landUse: 'مسکونی', landArea: 210, owners: [{ personId: person.json().id, shareDang: 6 }],
  });
  expect(file.statusCode, file.body).toBe(201);
  const kase = await registerCase(op, { id: file.json().id, ownerId: person.json().id, ownerNationalCode: person.json().nationalCode });
  return { fileNumber: file.json().fileNumber as string, trackingCode: kase.trackingCode as string };
}

describe('searching as a clerk types', () => {
  it('finds a name in another spelling and a grouped tracking code in Persian digits, on a desktop and a phone', async () => {
    const made = await seedCase();
    for (const viewport of ['desktop', 'phone'] as Viewport[]) {
      const { page, context, errors } = await openPage(e2e.browser, viewport);
      const logged = consoleErrors(page);
      await signInThroughApi(context, e2e.baseUrl, DESK);
      const desk = new DeskPage(page, e2e.baseUrl);
      await desk.goto();

      await desk.search('محمد حسين خواجوي نژاد'); // a space for the ZWNJ, Arabic ي
      await expect.poll(() => desk.propertyResults.textContent(), { timeout: 15_000 }).toContain('نظر شرقی');
      await expect.poll(() => desk.caseResults.textContent(), { timeout: 15_000 }).toContain(faDigits(made.trackingCode));
      await screenshot(page, `search-name-spelling-${viewport}`);

      const t = made.trackingCode;
      await desk.search(`${faDigits(t.slice(0, 4))}-${faDigits(t.slice(4, 7))}-${faDigits(t.slice(7))}`);
      await expect.poll(() => desk.caseResults.textContent(), { timeout: 15_000 }).toContain(faDigits(t));
      await screenshot(page, `search-tracking-grouped-${viewport}`);

      expect(errors).toEqual([]);
      expect(logged).toEqual([]);
      await context.close();
    }
  });

  it('a desk with more than 1,000 cases: the list says «more than» and pages on past the count, on a desktop and a phone', async () => {
    const { t } = e2e;
    const username = await usernameOf(t.db, 'office_operator', { districtNumber: 5 });
    const kase = await registerCase(await signIn(t.app, username), await districtProperty(t.db, 5));
    const office = await t.db.selectFrom('requests').select('office_id').where('id', '=', kase.id).executeTakeFirstOrThrow();
    const count = Number((await t.db.selectFrom('requests').select((eb) => eb.fn.countAll().as('n')).where('office_id', '=', office.office_id).executeTakeFirstOrThrow()).n);
    await copyCase(t.db, kase.id, 1_001 - count); // 1,001 at the desk: page 51 of 20 holds one
    for (const viewport of ['desktop', 'phone'] as Viewport[]) {
      const { page, context, errors } = await openPage(e2e.browser, viewport);
      const logged = consoleErrors(page);
      await signInThroughApi(context, e2e.baseUrl, username);
      await page.goto(`${e2e.baseUrl}/requests?page=50`);
      const pages = page.getByRole('navigation', { name: 'صفحه‌ها' });
      await expect.poll(() => pages.textContent(), { timeout: 15_000 }).toContain(`بیش از ${faDigits('1')}٬${faDigits('000')} مورد`);
      await screenshot(page, `case-list-more-than-${viewport}`);
      await pages.getByRole('button', { name: `صفحه ${faDigits('51')}` }).click();
      await expect.poll(() => page.url()).toContain('page=51');
      await expect.poll(() => page.locator('tbody tr').count(), { timeout: 15_000 }).toBe(1);
      expect(errors).toEqual([]);
      expect(logged).toEqual([]);
      await context.close();
    }
  });
});

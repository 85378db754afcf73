/**
 * A property file across districts (docs/decisions/0016-property-file-access.md), through the
 * screens: the district-5 desk finds a district-3 file and reads it with the owners' national codes
 * masked, no edit button, the edit page refused (and the server refusing the edit too); it registers
 * a request on the file through the intake form, and then sees the codes in full and edits the file,
 * the edit audited with before and after. The file prints on A4.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fileNumberFa } from '../../contracts/fileNumber.js';
import { signIn } from '../../server/test/app.js';
import { districtProperty, registerCase } from '../../server/test/factories.js';
import { consoleErrors, expectAccessible, openPage, screenshot, VIEWPORTS, type Viewport } from '../fixtures/browser.js';
import { signInThroughApi, useE2e } from '../fixtures/server.js';
import { IntakePage } from '../pages/IntakePage.js';
import { PropertyPage } from '../pages/PropertyPage.js';
import { faDigits } from '../pages/widgets.js';

const e2e = useE2e();
const DESK_5 = 'o10837009-op1'; // a desk in district 5
const DESK_3 = 'o10573449-op1'; // a desk in district 3
const SERVICE = 'تشکیل پرونده و درخواست بازدید';

/** A district-3 file of the seed on which the district-5 desk holds no request. */
let file: { id: string; fileNumber: string; floors: number | null; ownerCodes: string[] };
let desk5Office: string;

const masked = (code: string) => `${faDigits(code.slice(0, 3))}****${faDigits(code.slice(-3))}`;

beforeAll(async () => {
  const db = e2e.t.db;
  desk5Office = (await db.selectFrom('staff').select('office_id').where('username', '=', DESK_5).executeTakeFirstOrThrow()).office_id!;
  // A district-3 file with a request of a district-3 desk on it: the district-5 desk has none.
  const seeded = await districtProperty(db, 3);
  await registerCase(await signIn(e2e.t.app, DESK_3), seeded);
  const row = await db.selectFrom('properties').select(['id', 'file_number', 'floors']).where('id', '=', seeded.id).executeTakeFirstOrThrow();
  const owners = await db
    .selectFrom('property_owners')
    .innerJoin('persons', 'persons.id', 'property_owners.person_id')
    .select('persons.national_code')
    .where('property_owners.property_id', '=', row.id)
    .execute();
  file = { id: row.id, fileNumber: row.file_number, floors: row.floors, ownerCodes: owners.map((o) => o.national_code) };
  expect(file.ownerCodes.length).toBeGreaterThan(0);
});

describe('a district-3 file at the district-5 desk', () => {
  it('is found, but masked and read-only, while the desk holds no request on it', async () => {
    const { page, context, errors } = await openPage(e2e.browser);
    const logged = consoleErrors(page);
    await signInThroughApi(context, e2e.baseUrl, DESK_5);
    const property = new PropertyPage(page);

    // Found and opened: owners masked, no edit button, the reason said, and other desks' requests counted.
    await page.goto(`${e2e.baseUrl}/properties/${file.id}`);
    await property.heading.waitFor();
    const owners = page.getByRole('region', { name: 'مالکان' });
    await owners.getByRole('row').nth(1).waitFor();
    const ownersText = await owners.innerText();
    for (const code of file.ownerCodes) {
      expect(ownersText).toContain(masked(code));
      expect(ownersText).not.toContain(faDigits(code));
    }
    expect(await page.getByRole('link', { name: 'ویرایش', exact: true }).count()).toBe(0);
    expect(await page.getByTestId('file-access-note').innerText()).toContain('پوشیده');
    const requests = page.getByRole('region', { name: 'درخواست‌های این پرونده' });
    expect(await requests.innerText()).toContain('این دفتر هنوز درخواستی روی این پرونده ثبت نکرده است.');
    expect(await requests.innerText()).not.toContain('هنوز درخواستی برای این پرونده ثبت نشده است');
    expect(await page.getByTestId('requests-not-shown').innerText()).toBe(
      '۱ درخواست از دفاتر دیگر روی این پرونده ثبت شده است که به این دفتر نمایش داده نمی‌شود؛ ۱ مورد از آن‌ها هنوز باز است.',
    );
    // The full codes never reached the browser at all, not only the screen.
    const html = await page.content();
    for (const code of file.ownerCodes) expect(html).not.toContain(code);
    await expectAccessible(page);
    await screenshot(page, 'property-masked-desktop');

    // The edit page, typed in by hand, refuses; so does the server.
    await page.goto(`${e2e.baseUrl}/properties/${file.id}/edit`);
    await page.getByRole('alert').getByText('این پرونده را نمی‌توانید ویرایش کنید', { exact: false }).waitFor();
    expect(await page.getByRole('button', { name: 'ذخیره تغییرات' }).count()).toBe(0);
    const version = (await e2e.t.db.selectFrom('properties').select('version').where('id', '=', file.id).executeTakeFirstOrThrow()).version;
    const refused = await context.request.patch(`${e2e.baseUrl}/api/properties/${file.id}`, { data: { version, floors: 12 } });
    expect(refused.status()).toBe(403);
    expect(errors).toEqual([]);
    expect(logged).toEqual([]);
    await context.close();
  });

  it('fits a phone, masked the same', async () => {
    const phone = await openPage(e2e.browser, 'phone');
    await signInThroughApi(phone.context, e2e.baseUrl, DESK_5);
    await phone.page.goto(`${e2e.baseUrl}/properties/${file.id}`);
    await phone.page.getByTestId('requests-not-shown').waitFor();
    expect(await phone.page.getByRole('region', { name: 'مالکان' }).innerText()).toContain(masked(file.ownerCodes[0]!));
    expect(await phone.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(VIEWPORTS.phone.width);
    await screenshot(phone.page, 'property-masked-phone');
    expect(phone.errors).toEqual([]);
    await phone.context.close();
  });

  it('is editable once the desk registers a request on it through the intake form; the edit is audited before and after', async () => {
    const { page, context, errors } = await openPage(e2e.browser);
    const logged = consoleErrors(page);
    await signInThroughApi(context, e2e.baseUrl, DESK_5);
    const property = new PropertyPage(page);
    const owners = page.getByRole('region', { name: 'مالکان' });
    const requests = page.getByRole('region', { name: 'درخواست‌های این پرونده' });

    // A request registered at this desk, through the intake form.
    await page.goto(`${e2e.baseUrl}/properties/${file.id}`);
    await property.startRequest();
    const intake = new IntakePage(page);
    await intake.waitFor();
    await intake.chooseService(SERVICE);
    await intake.chooseOption('علت درخواست بازدید', 'تشکیل پرونده جدید');
    await intake.fill('تلفن همراه برای هماهنگی بازدید', '۰۹۱۳۱۲۳۴۵۶۷');
    await intake.tick('سند مالکیت (الزامی)');
    await intake.tick('کارت ملی مالک (الزامی)');
    await intake.submit();
    await page.waitForURL(/\/requests\/[0-9a-f-]{36}\/receipt$/);
    const caseId = page.url().split('/').at(-2)!;

    // Now: codes in full, the desk's request listed, the edit button.
    await page.goto(`${e2e.baseUrl}/properties/${file.id}`);
    await page.getByRole('link', { name: 'ویرایش', exact: true }).waitFor();
    const fullText = await owners.innerText();
    for (const code of file.ownerCodes) expect(fullText).toContain(faDigits(code));
    expect(await page.getByTestId('file-access-note').count()).toBe(0);
    const tracking = (await e2e.t.db.selectFrom('requests').select('tracking_code').where('id', '=', caseId).executeTakeFirstOrThrow()).tracking_code;
    expect(await requests.innerText()).toContain(faDigits(tracking));

    // The edit, through the form.
    await page.getByRole('link', { name: 'ویرایش', exact: true }).click();
    await page.getByRole('button', { name: 'ذخیره تغییرات' }).waitFor();
    const newFloors = (file.floors ?? 0) + 1;
    await page.getByLabel('تعداد طبقات').fill(faDigits(String(newFloors)));
    await property.save();
    await page.waitForURL(new RegExp(`/properties/${file.id}$`));
    await page.getByRole('link', { name: 'ویرایش', exact: true }).waitFor();
    await expect.poll(() => page.getByRole('region', { name: 'مشخصات پرونده' }).innerText()).toMatch(new RegExp(`تعداد طبقات\\s*${faDigits(String(newFloors))}`));

    const audit = await e2e.t.db
      .selectFrom('audit_log')
      .select(['details', 'actor_office_id'])
      .where('action', '=', 'property.update')
      .where('entity_id', '=', file.id)
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor_office_id).toBe(desk5Office);
    // (The seed writes addresses with Persian digits; the form sends ASCII ones, so the address is
    // recorded as changed too: the audit says exactly what was saved.)
    expect(JSON.parse(audit[0]!.details!)).toMatchObject({
      changed: expect.arrayContaining(['floors']), before: { floors: file.floors }, after: { floors: newFloors },
    });
    await screenshot(page, 'property-editable-desktop');
    expect(errors).toEqual([]);
    expect(logged).toEqual([]);
    await context.close();
  });
});

describe('the printable file', () => {
  for (const viewport of ['desktop', 'phone'] as Viewport[]) {
    it(`opens from the file page at ${viewport} size, in Persian with Jalali dates`, async () => {
      const { page, context, errors } = await openPage(e2e.browser, viewport);
      const logged = consoleErrors(page);
      await signInThroughApi(context, e2e.baseUrl, DESK_5);
      await page.goto(`${e2e.baseUrl}/properties/${file.id}`);
      await page.getByRole('link', { name: 'چاپ پرونده' }).click();
      await page.waitForURL(new RegExp(`/properties/${file.id}/print$`));
      const sheet = page.getByTestId('property-print');
      await sheet.getByRole('heading', { name: 'شهرداری اصفهان — پرونده ملک' }).waitFor();
      const text = await sheet.innerText();
      expect(text).toContain('تاریخ تشکیل');
      expect(text).toMatch(/تاریخ چاپ: [۰-۹]+ [آ-ی]+ ۱۴۰۵/);
      // Persian throughout, the file number as the screen and the receipt show it (اصفهان-۴۱).
      expect(text).not.toMatch(/[0-9A-Za-z]/);
      expect(text).toContain(fileNumberFa(file.fileNumber));
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(VIEWPORTS[viewport].width);
      await expectAccessible(page);
      await screenshot(page, `property-print-${viewport}`);

      expect(errors).toEqual([]);
      expect(logged).toEqual([]);
      await context.close();
    });
  }

  it('prints on A4 without the app around it', async () => {
    const { page, context, errors } = await openPage(e2e.browser);
    await signInThroughApi(context, e2e.baseUrl, DESK_5);
    await page.goto(`${e2e.baseUrl}/properties/${file.id}/print`);
    await page.getByTestId('property-print').getByRole('heading', { name: 'شهرداری اصفهان — پرونده ملک' }).waitFor();
    // As the browser prints it: the app's frame gone, the page A4 (595 x 842 pt).
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('navigation', { name: 'منوی اصلی' }).isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'چاپ', exact: true }).isVisible()).toBe(false);
    const pdf = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'file-print-')), 'file.pdf');
    await page.pdf({ path: pdf, preferCSSPageSize: true });
    expect(execFileSync('pdfinfo', [pdf]).toString()).toMatch(/Page size:\s+59[45]\.\d+ x 841\.\d+ pts \(A4\)/);
    const printed = execFileSync('pdftotext', ['-layout', pdf, '-']).toString();
    expect(printed).not.toContain('جست‌وجوی پرونده'); // the menu is not on paper
    expect(errors).toEqual([]);
    await context.close();
  });
});

/** The staff app: sign-in, the role's home (کارتابل), sign-out, in Persian and right to left. */
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../server/seed/seed.js';
import { usernameOf } from '../../server/test/app.js';
import { expectAccessible, expectVazirmatn, openPage, screenshot, VIEWPORTS, type Viewport } from '../fixtures/browser.js';
import { signInThroughApi, useE2e } from '../fixtures/server.js';
import { LoginPage } from '../pages/LoginPage.js';
import { StaffShell } from '../pages/StaffShell.js';

const e2e = useE2e();

describe('signing in', () => {
  it('sends a signed-out visitor to a Persian, right-to-left sign-in form that passes axe', async () => {
    const { page, context, errors } = await openPage(e2e.browser);
    await page.goto(`${e2e.baseUrl}/`);
    await page.waitForURL(/\/login\?next=%2F$/);
    const login = new LoginPage(page, e2e.baseUrl);
    await login.heading.waitFor();
    expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(['fa', 'rtl']);
    expect(await page.title()).toBe('ورود به سامانه | میز خدمت');
    await expectVazirmatn(page);
    await expectAccessible(page);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("shows the server's Persian message for a wrong password, and asks for empty fields", async () => {
    const { page, context } = await openPage(e2e.browser);
    const login = new LoginPage(page, e2e.baseUrl);
    await login.goto();
    await login.signIn('', '');
    await expect.poll(() => page.getByText('این مورد را وارد کنید').count()).toBe(2);
    await login.signIn('d3-reviewer1', 'not-the-password');
    await expect.poll(() => login.alert.innerText()).toContain('نام کاربری یا گذرواژه نادرست است');
    await context.close();
  });

  it('signs an office operator in through the form to their کارتابل, then out again', async () => {
    const username = await usernameOf(e2e.t.db, 'office_operator', { districtNumber: 3 });
    const { page, context, errors } = await openPage(e2e.browser);
    const login = new LoginPage(page, e2e.baseUrl);
    await login.goto();
    await login.signIn(username, DEMO_PASSWORD);
    const shell = new StaffShell(page);
    await shell.heading.getByText('کارتابل').waitFor();
    expect(page.url()).toBe(`${e2e.baseUrl}/`);
    expect(await shell.userRole.innerText()).toBe('کارشناس دفتر پیشخوان');
    expect(await shell.menu.getByRole('link').allInnerTexts()).toEqual(['کارتابل', 'جست‌وجوی پرونده', 'تشکیل پرونده ملک', 'درخواست‌ها', 'پیگیری درخواست شهروند']);

    // Right to left: the menu sits at the inline start, which is the right-hand side.
    const menuBox = (await shell.menu.boundingBox())!;
    expect(menuBox.x + menuBox.width).toBeGreaterThan(VIEWPORTS.desktop.width - 5);
    await expectAccessible(page);

    await shell.signOut();
    await login.heading.waitFor();
    expect((await context.request.get(`${e2e.baseUrl}/api/auth/me`)).status()).toBe(401);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('keeps a deep link through sign-in and shows an unknown page as not found, inside the frame', async () => {
    const { page, context } = await openPage(e2e.browser);
    await page.goto(`${e2e.baseUrl}/no/such/page`);
    await page.waitForURL(/\/login\?next=%2Fno%2Fsuch%2Fpage$/);
    await new LoginPage(page, e2e.baseUrl).signIn('auditor', DEMO_PASSWORD);
    await page.waitForURL(`${e2e.baseUrl}/no/such/page`);
    expect(await new StaffShell(page).heading.innerText()).toBe('صفحه پیدا نشد');
    await context.close();
  });
});

describe('screenshots', () => {
  for (const viewport of Object.keys(VIEWPORTS) as Viewport[]) {
    it(`of the sign-in page and the home page at ${viewport} size`, async () => {
      const { page, context, errors } = await openPage(e2e.browser, viewport);
      const login = new LoginPage(page, e2e.baseUrl);
      await login.goto();
      await expectVazirmatn(page);
      await screenshot(page, `login-${viewport}`);

      await signInThroughApi(context, e2e.baseUrl, 'd3-reviewer1');
      await page.goto(`${e2e.baseUrl}/`);
      const shell = new StaffShell(page);
      await shell.heading.getByText('کارتابل').waitFor();
      expect(await shell.userRole.innerText()).toBe('کارشناس بررسی منطقه');
      await screenshot(page, `home-${viewport}`);
      expect(errors).toEqual([]);
      await context.close();
    });
  }
});

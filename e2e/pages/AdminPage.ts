import type { Locator, Page } from 'playwright-core';
import { choose, faDigits, pickDate } from './widgets.js';

/** The city admin's screens (/admin/...): desks, staff, the service catalog, holidays. */
export class AdminPage {
  constructor(private readonly page: Page, private readonly baseUrl: string) {}

  heading(name: string): Locator {
    return this.page.getByRole('heading', { level: 1, name });
  }

  private async open(path: string, title: string): Promise<void> {
    await this.page.goto(`${this.baseUrl}${path}`);
    await this.heading(title).waitFor();
    await this.page.getByRole('table').first().waitFor();
  }

  dialog(name: string | RegExp): Locator {
    return this.page.getByRole('dialog', { name });
  }

  /** The list's search box (desks: name or code; staff: name or username). */
  async search(text: string): Promise<void> {
    await this.page.getByRole('textbox', { name: 'جست‌وجو' }).fill(text);
  }

  /** A row of any admin table, by text it shows (codes in Persian digits). */
  row(text: string): Locator {
    return this.page.getByRole('row').filter({ hasText: text });
  }

  // ---- desks ----

  gotoOffices(): Promise<void> {
    return this.open('/admin/offices', 'دفاتر پیشخوان');
  }

  async addOffice(o: { govCode: string; name: string; district: string; address: string; phone: string }): Promise<void> {
    await this.page.getByRole('button', { name: 'افزودن دفتر' }).click();
    const dialog = this.dialog('افزودن دفتر پیشخوان');
    await dialog.getByLabel('کد دفتر پیشخوان').fill(o.govCode);
    await dialog.getByLabel('نام دفتر').fill(o.name);
    await choose(this.page, dialog, 'منطقه', o.district);
    await dialog.getByLabel('نشانی').fill(o.address);
    await dialog.getByLabel('تلفن ثابت با پیش‌شماره').fill(o.phone);
    await dialog.getByRole('button', { name: 'ثبت دفتر' }).click();
    await dialog.waitFor({ state: 'detached' });
  }


  officeRow(govCode: string): Locator {
    return this.row(faDigits(govCode));
  }

  // ---- staff ----

  gotoStaff(): Promise<void> {
    return this.open('/admin/staff', 'کارکنان');
  }

  async addStaff(s: { username: string; firstName: string; lastName: string; nationalCode: string; mobile: string; role: string; district: string; password: string }): Promise<void> {
    await this.page.getByRole('button', { name: 'افزودن کارمند' }).click();
    const dialog = this.dialog('افزودن کارمند');
    await dialog.getByLabel('نام کاربری').fill(s.username);
    await dialog.getByLabel('گذرواژه اولیه').fill(s.password);
    await dialog.getByLabel('نام', { exact: true }).fill(s.firstName);
    await dialog.getByLabel('نام خانوادگی').fill(s.lastName);
    await dialog.getByLabel('کد ملی').fill(s.nationalCode);
    await dialog.getByLabel('تلفن همراه').fill(s.mobile);
    await choose(this.page, dialog, 'نقش', s.role);
    await choose(this.page, dialog, 'منطقه', s.district);
    await dialog.getByRole('button', { name: 'ثبت کارمند' }).click();
    await dialog.waitFor({ state: 'detached' });
  }

  // ---- services ----

  gotoServices(): Promise<void> {
    return this.open('/admin/services', 'فهرست خدمات');
  }

  async setFee(serviceName: string, rials: string): Promise<void> {
    await this.page.getByRole('button', { name: `ویرایش ${serviceName}` }).click();
    const dialog = this.dialog(`ویرایش ${serviceName}`);
    const fee = dialog.getByLabel('تعرفه (ریال)');
    await fee.fill(rials);
    await dialog.getByRole('button', { name: 'ذخیره تغییرات' }).click();
    await dialog.waitFor({ state: 'detached' });
  }

  // ---- holidays ----

  gotoHolidays(): Promise<void> {
    return this.open('/admin/holidays', 'تعطیلات رسمی');
  }

  /** The holidays of one Solar Hijri year, e.g. «۱۴۰۶». */
  async chooseHolidayYear(year: string): Promise<void> {
    await choose(this.page, this.page, 'سال', year);
  }

  /** What the page says about the shown year's list (official, provisional «موقت», confirmed). */
  holidayListNotice(): Locator {
    return this.page.getByTestId('holiday-list-notice');
  }

  /** «تأیید فهرست»: asked once in a dialog. */
  async confirmHolidayList(): Promise<void> {
    await this.holidayListNotice().getByRole('button', { name: 'تأیید فهرست' }).click();
    const dialog = this.dialog('تأیید فهرست تعطیلات');
    await dialog.getByRole('button', { name: 'تأیید فهرست' }).click();
    await dialog.waitFor({ state: 'detached' });
  }

  /** `day` is the day's name on the Jalali picker, e.g. «۱۹ آذر ۱۴۰۵». */
  async addHoliday(h: { day: string; titleFa: string; titleEn: string; kind: string }): Promise<void> {
    await this.page.getByRole('button', { name: 'افزودن تعطیلی' }).click();
    const dialog = this.dialog('افزودن تعطیلی');
    await pickDate(this.page, dialog, 'تاریخ', h.day);
    await dialog.getByLabel('مناسبت (فارسی)').fill(h.titleFa);
    await dialog.getByLabel('مناسبت (انگلیسی)').fill(h.titleEn);
    await choose(this.page, dialog, 'نوع', h.kind);
    await dialog.getByRole('button', { name: 'ذخیره' }).click();
    await dialog.waitFor({ state: 'detached' });
  }
}

import type { Page } from 'playwright-core';
import { select } from './IntakePage.js';

export interface OwnerToAdd {
  nationalCode: string;
  /** Given when the person is not registered yet: they are registered inline. */
  newPerson?: { firstName: string; lastName: string; fatherName: string; mobile: string };
  shareDang: string;
}

/** /properties/new, /properties/:id/edit and /properties/:id: the property file and its form. */
export class PropertyPage {
  constructor(private readonly page: Page) {}

  get heading() {
    return this.page.getByRole('heading', { level: 1 });
  }

  async fillIdentifiers(v: { postalCode: string; plate: [string, string, string]; address: string; landUse: string; landArea: string }): Promise<void> {
    await this.page.getByLabel('کد پستی').fill(v.postalCode);
    await this.page.getByLabel('پلاک اصلی').fill(v.plate[0]);
    await this.page.getByLabel('پلاک فرعی').fill(v.plate[1]);
    await this.page.getByLabel('بخش ثبتی').fill(v.plate[2]);
    await this.page.getByRole('textbox', { name: 'نشانی' }).fill(v.address);
    await this.page.getByLabel('مساحت عرصه (متر مربع)').fill(v.landArea);
    await select(this.page, this.page, 'کاربری', v.landUse);
  }

  async addOwner(owner: OwnerToAdd): Promise<void> {
    const rows = await this.ownerRows.count();
    await this.page.getByLabel('کد ملی یا شناسه ملی').fill(owner.nationalCode);
    await this.page.getByRole('button', { name: 'یافتن' }).click();
    if (owner.newPerson) {
      const form = this.page.getByRole('region', { name: 'ثبت شخص جدید' });
      await form.waitFor();
      await form.getByRole('textbox', { name: /^نام\s*\*?$/ }).fill(owner.newPerson.firstName);
      await form.getByLabel('نام خانوادگی').fill(owner.newPerson.lastName);
      await form.getByLabel('نام پدر').fill(owner.newPerson.fatherName);
      await form.getByLabel('تلفن همراه').fill(owner.newPerson.mobile);
      await form.getByRole('button', { name: 'ثبت شخص و افزودن' }).click();
    }
    await this.ownerRows.nth(rows).waitFor();
    await this.ownerRows.nth(rows).getByRole('textbox').fill(owner.shareDang);
  }

  get ownerRows() {
    return this.page.getByTestId('owner-row');
  }

  get sharesTotal() {
    return this.page.getByTestId('shares-total');
  }

  /** The location picker (a Leaflet map in its own LTR box). */
  get map() {
    return this.page.getByRole('region', { name: 'نقشه محل ملک' });
  }

  /** Taps the map this far (px) from its middle, rightward and downward. */
  async tapMap(dx: number, dy: number): Promise<void> {
    const box = (await this.map.boundingBox())!;
    await this.page.mouse.click(box.x + box.width / 2 + dx, box.y + box.height / 2 + dy);
  }

  /** The coordinates as the inputs show them (Persian digits, ٫ for the decimal point). */
  async coordinates(): Promise<{ lat: string; lng: string }> {
    return { lat: await this.page.getByLabel(/^عرض جغرافیایی/).inputValue(), lng: await this.page.getByLabel(/^طول جغرافیایی/).inputValue() };
  }

  async save(): Promise<void> {
    await this.page.getByRole('button', { name: /^(ثبت پرونده|ذخیره تغییرات)$/ }).click();
  }

  async startRequest(): Promise<void> {
    await this.page.getByRole('link', { name: 'ثبت درخواست جدید' }).click();
  }
}

import type { Locator, Page } from 'playwright-core';
import { faDigits } from './widgets.js';

/** /planning (برنامه‌ریزی بازدید): the district's board, found by what a planner reads on it. */
export class PlanningBoardPage {
  constructor(private readonly page: Page, private readonly baseUrl: string) {}

  /** A city role names the districts planned together; the day is left to the board's default (the next working day). */
  async goto(districtIds: readonly string[] = []): Promise<void> {
    await this.page.goto(`${this.baseUrl}/planning${districtIds.length ? `?districts=${districtIds.join(',')}` : ''}`);
    await this.heading.waitFor();
  }

  get heading() {
    return this.page.getByRole('heading', { level: 1, name: 'برنامه‌ریزی بازدیدهای روز' });
  }

  get dateButton() {
    return this.page.getByRole('button', { name: 'روز برنامه' });
  }

  /** «برنامه‌ریزی» or «برنامه‌ریزی دوباره»; waits for the solver's answer. */
  async plan(): Promise<void> {
    await this.page.getByTestId('plan-button').click();
    await this.page.getByRole('status').filter({ hasText: 'در حال برنامه‌ریزی' }).waitFor({ state: 'detached', timeout: 30_000 });
  }

  totals(label: string): Locator {
    return this.page.getByTestId('totals').locator('div', { has: this.page.getByText(label, { exact: true }) }).last();
  }

  /** One inspector's day (a timeline, or a list on a phone), by the inspector's name. */
  route(name: string): Locator {
    return this.page.locator(`[data-testid="route"][data-inspector="${name}"]`);
  }

  /** A visit's block on the board, by its tracking code. */
  stop(trackingCode: string): Locator {
    return this.page.locator(`[data-testid="stop"][data-tracking-code="${trackingCode}"]`);
  }

  /** Drag a visit's block onto an inspector's timeline, dropped near the end of the day. */
  async drag(trackingCode: string, toInspector: string): Promise<void> {
    const track = this.route(toInspector).getByTestId('route-track');
    // Both ends on screen: a drag cannot scroll the page in a headless browser.
    await track.scrollIntoViewIfNeeded();
    await this.stop(trackingCode).scrollIntoViewIfNeeded();
    const box = (await track.boundingBox())!;
    // The day runs from the right (inline start) in Persian: a little in from the left edge is late in the day.
    const from = (await this.stop(trackingCode).boundingBox())!;
    // The mouse by hand: locator.dragTo starts no HTML5 drag from this block in headless Chromium.
    await this.page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await this.page.mouse.down();
    await this.page.mouse.move(box.x + 12, box.y + box.height / 2, { steps: 12 });
    await this.page.mouse.move(box.x + 14, box.y + box.height / 2);
    await this.page.mouse.up();
  }

  /** The menu of a visit's block: «جابه‌جایی», «تعیین نوبت», «پرونده». */
  async openMenu(trackingCode: string): Promise<void> {
    // A visit outside the routes, or any visit on a phone's list, has a «…» button; a timeline block is itself the button.
    const button = this.page.getByRole('button', { name: `کارهای بازدید ${faDigits(trackingCode)}`, exact: true });
    await ((await button.count()) ? button : this.stop(trackingCode)).click();
  }

  /** A visit outside the routes (left out, or added since the plan), by its tracking code. */
  pileVisit(trackingCode: string): Locator {
    return this.page.locator(`[data-testid="pile-visit"][data-tracking-code="${trackingCode}"]`);
  }

  /** «تعیین نوبت»: the day the server offers and its first window that can be kept, confirmed; the dialog closes. */
  async setAppointment(trackingCode: string): Promise<void> {
    await this.openMenu(trackingCode);
    await this.page.getByRole('menuitem', { name: 'تعیین نوبت' }).click();
    const dialog = this.page.getByRole('dialog', { name: `تعیین نوبت بازدید ${faDigits(trackingCode)}` });
    await dialog.getByRole('radio', { disabled: false }).first().check();
    await dialog.getByRole('button', { name: 'ثبت نوبت و ارسال پیامک به مالک' }).click();
    await dialog.waitFor({ state: 'detached' });
  }

  /** «جابه‌جایی» without dragging: the inspector, then the place in their day, by their labels. */
  async moveByMenu(trackingCode: string, toInspector: string, place: string): Promise<void> {
    await this.openMenu(trackingCode);
    await this.page.getByRole('menuitem', { name: 'جابه‌جایی' }).click();
    const dialog = this.page.getByRole('dialog', { name: `جابه‌جایی بازدید ${faDigits(trackingCode)}` });
    await dialog.getByRole('combobox', { name: 'مامور', exact: true }).click();
    await this.page.getByRole('option', { name: toInspector }).click();
    await dialog.getByRole('combobox', { name: 'جای بازدید در روز مامور', exact: true }).click();
    await this.page.getByRole('option', { name: place }).click();
    await dialog.getByRole('button', { name: 'جابه‌جا کن' }).click();
  }

  get alert(): Locator {
    return this.page.getByRole('alert');
  }
}

/** Mantine's widgets as a person works them, by their labels, options and day names; and digits as shown. */
import type { Locator, Page } from 'playwright-core';

/** A Select (or a searchable one): open it by its label, then click the option; the list is portalled to the page. */
export async function choose(page: Page, scope: Locator | Page, label: string, option: string): Promise<void> {
  await scope.getByRole('combobox', { name: label, exact: true }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/**
 * The Jalali date picker: open it by its label and click the day by its Persian name (the
 * picker opens on the month of the browser's today, which the specs fix to the server's clock).
 */
export async function pickDate(page: Page, scope: Locator | Page, label: string, day: string): Promise<void> {
  await scope.getByRole('button', { name: label }).click();
  await page.getByRole('button', { name: day, exact: true }).click();
}

/** ASCII digits as the pages show them, in Persian (۰-۹). */
export function faDigits(value: string): string {
  return value.replace(/[0-9]/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]!);
}

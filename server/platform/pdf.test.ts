/** The warm printer with the real Chromium: one launch for many letters, a new one after a crash. */
import { afterAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from './chromium.js';
import { chromiumPrinter } from './pdf.js';

const launched: Browser[] = [];
const printer = chromiumPrinter(null, async () => {
  const browser = await launchChromium();
  launched.push(browser);
  return browser;
});
afterAll(() => printer.close());

const PAGE = '<!doctype html><html lang="fa" dir="rtl"><body><p>نامه ۱۲۳</p></body></html>';

describe('the PDF printer', () => {
  it('launches Chromium on the first print and keeps it for the next ones, printing side by side', async () => {
    const pdfs = await Promise.all([printer.print(PAGE), printer.print(PAGE), printer.print(PAGE)]);
    for (const pdf of pdfs) expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(launched).toHaveLength(1);
  });

  it('starts a new Chromium when the warm one has gone away', async () => {
    await launched[0]!.close(); // as a crash or an OOM kill would
    expect((await printer.print(PAGE)).subarray(0, 5).toString()).toBe('%PDF-');
    expect(launched).toHaveLength(2);
    expect(launched[1]!.isConnected()).toBe(true);
  });

  it('closes its browser, and prints no more', async () => {
    await printer.close();
    expect(launched[1]!.isConnected()).toBe(false);
    await expect(printer.print(PAGE)).rejects.toThrow('closed');
  });
});

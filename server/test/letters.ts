/** Reading printed letters back in API tests: the real Chromium (switchable off), hashes, pdftotext's text, Persian dates. */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { chromiumPrinter, type PdfPrinter } from '../platform/pdf.js';
import { printDueLetters } from '../modules/letters/index.js';
import * as letterFacts from '../db/migrations/20261206T0050_letter_facts.js';
import type { TestApp } from './app.js';

export const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** ASCII digits as Persian digits, as the letter prints them. */
export const fa = (s: string) => s.replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]!);

/**
 * pdftotext's text, compared letter by letter: it marks direction with embedding controls (moving
 * spaces around them). That is poppler's reading, not the letter's; the letters themselves, لا
 * included, are checked as they are (docs/decisions/0014-letters-a-bank-can-read.md).
 */
export const letters = (s: string) => s.replace(/[\u200e\u200f\u202a-\u202e\s]/g, '');

/** A PDF's text as pdftotext reads it (UTF-8, in reading order). */
export const pdfText = (pdf: Buffer | string) =>
  execFileSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], { input: typeof pdf === 'string' ? readFileSync(pdf) : pdf }).toString('utf8');

/** A Tehran date as the letter writes it: «۸ آذر ۱۴۰۵». */
export const jalali = (isoDate: string) =>
  new Intl.DateTimeFormat('fa-IR-u-ca-persian', { timeZone: 'Asia/Tehran', year: 'numeric', month: 'long', day: 'numeric' }).format(new Date(`${isoDate}T12:00:00+03:30`));

/** The real printer, which a test can make fail (`down = true`) as a crashed or missing Chromium would. */
export function switchablePrinter(): PdfPrinter & { down: boolean } {
  const real = chromiumPrinter();
  const printer = {
    down: false,
    print: (html: string) => (printer.down ? Promise.reject(new Error('Chromium is not there (test)')) : real.print(html)),
    close: () => real.close(),
  };
  return printer;
}

/**
 * Run the letter job once, as the server's poller would (tests have no poller: the clock is theirs).
 * Returns what it did: { printed, retried, failed }.
 */
export const runLetterJob = (t: TestApp) => printDueLetters(t.app.ctx);

/**
 * Migration 0050 undone and run again on the test's database: its back-fill rewrites every letter's
 * public facts (and district) from the letter's domain, as for letters issued before it.
 */
export async function refillLetterFacts(t: TestApp): Promise<void> {
  await letterFacts.down(t.db);
  await letterFacts.up(t.db);
}

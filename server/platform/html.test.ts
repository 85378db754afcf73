/**
 * The font the printed pages embed (Vazirmatn Letters): a PDF's text reads back letter for letter
 * (لا and الله included), and the page looks exactly as it does with Vazirmatn itself.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { execFileSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { chromiumPrinter } from './pdf.js';
import { persianPage, vazirmatnFontFaces } from './html.js';

const require = createRequire(import.meta.url);
const printer = chromiumPrinter();
afterAll(() => printer.close());

/** Words with every lam-alef (لا لأ لآ لإ, joined and not) and الله, as a bank letter has them. */
const WORDS = ['استعلام', 'پلاک', 'تسهیلات', 'کلاس', 'بالا', 'لأ', 'لآ', 'لإ', 'سلام', 'عبدالله', 'ولایت', 'ملاحظات', 'اصلاحیه', 'طلا', 'الزام'];
const LINES = [WORDS.slice(0, 8).join(' '), `${WORDS.slice(8).join(' ')} ۱۴۰۵/۳/۰۰۰۴۲`];
const body = LINES.map((l) => `<p>${l}</p><p style="font-weight:700">${l}</p>`).join('\n');
const CSS = 'html{font-family:Vazirmatn;font-size:16pt}';

/** The same page with the npm package's own Vazirmatn: how it must look. */
function withVazirmatn(): string {
  const face = (style: string, weight: number) =>
    `@font-face{font-family:Vazirmatn;font-weight:${weight};src:url(data:font/woff2;base64,${fs.readFileSync(require.resolve(`vazirmatn/fonts/webfonts/Vazirmatn-${style}.woff2`)).toString('base64')}) format('woff2')}`;
  return persianPage({ titleHtml: 't', css: CSS, body }).replace(vazirmatnFontFaces(), face('Regular', 400) + face('Bold', 700));
}

const text = (pdf: Buffer) => execFileSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], { input: pdf }).toString('utf8').replace(/[\u200e\u200f\u202a-\u202e]/g, '');
/** Page 1 as an 8-bit grey bitmap (pdftoppm's PGM: a text header, then one byte a pixel). */
function pixels(pdf: Buffer): Buffer {
  const pgm = execFileSync('pdftoppm', ['-gray', '-r', '150', '-f', '1', '-l', '1', '-'], { input: pdf, maxBuffer: 64 << 20 });
  let at = 0;
  for (let fields = 0; fields < 4; ) {
    while (/\s/.test(String.fromCharCode(pgm[at]!))) at++;
    while (!/\s/.test(String.fromCharCode(pgm[at]!))) at++;
    fields++;
  }
  return pgm.subarray(at + 1);
}

describe('the printed pages font', () => {
  it('gives a text layer that reads every word as written (no «استعالم», «پالک», «هللا»)', async () => {
    const pdf = await printer.print(persianPage({ titleHtml: 't', css: CSS, body }));
    const lines = text(pdf).split('\n').map((l) => l.trim()).filter(Boolean);
    expect(lines).toEqual([LINES[0], LINES[0], LINES[1], LINES[1]]);
  });

  it('is the real problem with Vazirmatn itself: its لا glyph comes back as «ال»', async () => {
    const out = text(await printer.print(withVazirmatn()));
    expect(out).toContain('استعالم');
    expect(out).not.toContain('استعلام');
  });

  it('draws the page exactly as Vazirmatn does, pixel for pixel', async () => {
    const [ours, theirs] = await Promise.all([printer.print(persianPage({ titleHtml: 't', css: CSS, body })), printer.print(withVazirmatn())]);
    const a = pixels(ours);
    const b = pixels(theirs);
    expect(a.length).toBe(b.length);
    expect(a.filter((p) => p < 128).length).toBeGreaterThan(5_000); // text was drawn
    let differ = 0;
    for (let i = 0; i < a.length; i++) if (Math.abs(a[i]! - b[i]!) > 24) differ++;
    expect(differ).toBe(0);
  });
});

/**
 * Self-contained Persian HTML pages for Chromium to print (platform/pdf.ts): answer letters and the
 * monthly report. Right to left, the font embedded as data: URLs, so the printed page fetches
 * nothing and the PDF reads the same on every machine.
 */
import fs from 'node:fs';

let fontFaces: string | null = null;

/**
 * Vazirmatn Letters (regular and bold), read once: Vazirmatn with its لا and الله ligatures drawn
 * one glyph per letter, so text copied or extracted from a PDF reads «استعلام», not «استعالم»
 * (fonts/ is made by scripts/fonts/vazirmatn-letters.py; docs/decisions/0014-letters-a-bank-can-read.md).
 * The page looks exactly as with Vazirmatn; only the PDF's text layer changes.
 */
export function vazirmatnFontFaces(): string {
  fontFaces ??= (
    [
      ['Regular', 400],
      ['Bold', 700],
    ] as const
  )
    .map(([style, weight]) => {
      const b64 = fs.readFileSync(new URL(`./fonts/VazirmatnLetters-${style}.woff2`, import.meta.url)).toString('base64');
      return `@font-face{font-family:Vazirmatn;font-weight:${weight};src:url(data:font/woff2;base64,${b64}) format('woff2')}`;
    })
    .join('\n');
  return fontFaces;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** Text from the database into HTML. */
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/** The page around a body: `titleHtml` is already escaped; `css` follows the embedded fonts. */
export function persianPage(p: { titleHtml: string; css: string; body: string }): string {
  return `<!doctype html>
<html lang="fa" dir="rtl">
<head>
<meta charset="utf-8">
<title>${p.titleHtml}</title>
<style>${vazirmatnFontFaces()}${p.css}</style>
</head>
<body>
${p.body}
</body>
</html>`;
}

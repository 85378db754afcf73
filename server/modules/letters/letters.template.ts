/**
 * The frame every letter is printed in, as one self-contained HTML page for Chromium to print on A4:
 * Persian, right to left, Vazirmatn embedded (so the PDF carries the font and reads the same on
 * every machine), the emblem drawn in SVG and the QR code inline; and the blocks a letter's body is
 * made of (a facts table, the decision, the validity). Each domain writes its own letter's body
 * from these (requests.letter.ts, inquiries.letter.ts, excavations.letter.ts). Every value is escaped.
 */
import { escapeHtml as esc, persianPage } from '../../platform/html.js';
import { fileNumberFa } from '../../../contracts/fileNumber.js';
import { DECISION_FA, faDigits, groupedSerial, jalaliDate, type Addressee } from './letters.rules.js';

export { esc };

/** A property file as a letter prints it. */
export interface PropertyOnLetter {
  fileNumber: string;
  postalCode: string | null;
  renovationCode: string | null;
  plate: { main: number; sub: number | null; registrySection: number | null } | null;
  address: string;
}

/** Escaped, with Persian digits: what the reader sees on paper. */
export const fa = (s: string | number) => esc(faDigits(String(s)));
/** A code (letter number, postal code…) that must read left to right inside the Persian line. */
export const code = (s: string | number) => `<bdi dir="ltr">${fa(s)}</bdi>`;

/** Isfahan's dome and the arches of Si-o-se-pol in a ring: a plain mark, not the official seal. */
const EMBLEM = `<svg class="emblem" viewBox="0 0 64 64" aria-hidden="true">
  <circle cx="32" cy="32" r="30" fill="none" stroke="#0b5d4b" stroke-width="2.5"/>
  <circle cx="32" cy="32" r="25.5" fill="none" stroke="#0b5d4b" stroke-width="0.8"/>
  <path d="M20 36 C20 24 27 17 32 13 C37 17 44 24 44 36 Z" fill="#0b5d4b"/>
  <rect x="31.2" y="8" width="1.6" height="5.5" fill="#0b5d4b"/>
  <path d="M12 46 H52 V40 H12 Z" fill="#0b5d4b"/>
  <path d="M15 46 a3 3.5 0 0 1 6 0 M23 46 a3 3.5 0 0 1 6 0 M31 46 a3 3.5 0 0 1 6 0 M39 46 a3 3.5 0 0 1 6 0" fill="#fff"/>
  <path d="M12 50 H52" stroke="#0b5d4b" stroke-width="1.5"/>
</svg>`;

const CSS = `
@page { size: A4; margin: 14mm 16mm 12mm; }
* { box-sizing: border-box; }
html { font-family: Vazirmatn, sans-serif; font-size: 10.5pt; color: #111; line-height: 1.65; }
body { margin: 0; }
.head { display: flex; align-items: center; justify-content: space-between; border-block-end: 2.5px double #0b5d4b; padding-block-end: 3mm; }
.org { display: flex; align-items: center; gap: 4mm; }
.emblem { inline-size: 20mm; block-size: 20mm; }
.org p { margin: 0; line-height: 1.5; }
.org .city { font-size: 14pt; font-weight: 700; color: #0b5d4b; }
.org .dept { font-size: 10.5pt; font-weight: 700; }
.meta { font-size: 10pt; }
.meta p { margin: 0; }
.meta span { color: #555; display: inline-block; min-inline-size: 13mm; }
.to { margin-block: 5mm 2mm; }
.to p { margin: 0; }
.to .addressee { font-weight: 700; font-size: 11.5pt; }
.subject { font-weight: 700; }
.greeting { margin-block: 3mm 1mm; }
.text { white-space: pre-line; text-align: justify; margin-block: 0 3mm; }
table { inline-size: 100%; border-collapse: collapse; margin-block: 2mm 4mm; font-size: 9.5pt; }
th, td { border: 0.6pt solid #9aa5b1; padding: 0.7mm 2mm; text-align: start; vertical-align: top; }
th { background: #eef3f1; font-weight: 700; inline-size: 34mm; white-space: nowrap; }
.decision { border: 1.2pt solid; border-radius: 2mm; padding: 2mm 4mm; margin-block: 3mm; font-size: 12pt; font-weight: 700; }
.decision.approved { border-color: #0b5d4b; color: #0b5d4b; }
.decision.rejected { border-color: #a61e1e; color: #a61e1e; }
h2 { font-size: 10.5pt; margin-block: 3mm 1mm; }
ol { margin-block: 0; padding-inline-start: 6mm; list-style-type: persian; }
.validity { background: #f6f8f7; border-inline-start: 1.2mm solid #0b5d4b; padding: 2mm 4mm; margin-block: 3mm; }
.validity p { margin: 0; }
.sign { margin-block-start: 5mm; margin-inline-start: auto; inline-size: 70mm; text-align: center; }
.sign p { margin: 0; }
.sign .name { font-weight: 700; font-size: 11.5pt; }
.foot { display: flex; align-items: center; gap: 4mm; border-block-start: 0.6pt solid #9aa5b1; margin-block-start: 5mm; padding-block-start: 3mm; font-size: 8.5pt; color: #333; break-inside: avoid; }
.qr { inline-size: 21mm; block-size: 21mm; flex: none; }
.qr svg { inline-size: 100%; block-size: 100%; }
.foot p { margin: 0; }
.serial { font-weight: 700; letter-spacing: 0.4pt; }
`;

export function plateFa(p: NonNullable<PropertyOnLetter['plate']>): string {
  const main = `${p.sub !== null ? `${fa(p.sub)} فرعی از ` : ''}${fa(p.main)} اصلی`;
  return p.registrySection !== null ? `${main}، بخش ${fa(p.registrySection)}` : main;
}

/** What every letter has around its body: letterhead, number and date, addressee and subject, signer, QR footer. */
export interface LetterFrame {
  serial: string;
  letterNumber: string;
  issuedAt: string;
  /** The issuing district and its city (the municipality named on the letterhead). */
  district: { number: number; cityFa: string };
  addressee: Pick<Addressee, 'toFa' | 'referenceFa'>;
  /** Already escaped. */
  subjectHtml: string;
  signer: { name: string; titleFa: string };
  verifyUrl: string;
}

export async function letterPage(f: LetterFrame, body: string): Promise<string> {
  const { default: QRCode } = await import('qrcode'); // loaded with the first letter, not at start
  const qr = await QRCode.toString(f.verifyUrl, { type: 'svg', margin: 0, errorCorrectionLevel: 'M' });
  return persianPage({
    titleHtml: fa(`نامه ${f.letterNumber}`),
    css: CSS,
    body: `<header class="head">
  <div class="org">
    ${EMBLEM}
    <div>
      <p class="city">شهرداری ${esc(f.district.cityFa)}</p>
      <p class="dept">معاونت شهرسازی و معماری</p>
      <p>منطقه ${fa(f.district.number)}</p>
    </div>
  </div>
  <div class="meta">
    <p><span>شماره:</span> ${code(f.letterNumber)}</p>
    <p><span>تاریخ:</span> ${fa(jalaliDate(f.issuedAt))}</p>
    <p><span>پیوست:</span> ندارد</p>
  </div>
</header>

<section class="to">
  <p class="addressee">${esc(f.addressee.toFa)}</p>
  <p class="subject">موضوع: ${f.subjectHtml}</p>
  ${f.addressee.referenceFa ? `<p>${esc(f.addressee.referenceFa)}</p>` : ''}
</section>

<p class="greeting">با سلام و احترام،</p>
${body}

<div class="sign">
  <p class="name">${esc(f.signer.name)}</p>
  <p>${esc(f.signer.titleFa)}</p>
  <p>شهرداری منطقه ${fa(f.district.number)}</p>
</div>

<footer class="foot">
  <div class="qr">${qr}</div>
  <div>
    <p>برای اطمینان از اصالت این نامه، کد را با تلفن همراه بخوانید یا به نشانی زیر بروید و همین فایل را در آن صفحه بگذارید:</p>
    <p dir="ltr" style="text-align: end">${esc(f.verifyUrl)}</p>
    <p>شناسه نامه: <bdi dir="ltr" class="serial">${esc(groupedSerial(f.serial))}</bdi></p>
  </div>
</footer>`,
  });
}

/** Rows of label and escaped value; a row without a value is left out. */
export const factsTable = (rows: [label: string, value: string | null][]) =>
  `<table>\n  ${rows.map(([label, value]) => (value === null ? '' : `<tr><th>${label}</th><td>${value}</td></tr>`)).join('\n  ')}\n</table>`;

export function decisionSection(decision: string, conditions: string[]): string {
  const approved = decision !== 'rejected';
  const box = `<p class="decision ${approved ? 'approved' : 'rejected'}">نتیجه بررسی: ${DECISION_FA[decision] ?? esc(decision)}</p>`;
  const list = conditions.length ? `<h2>${approved ? 'شرایط و الزامات:' : 'موارد:'}</h2><ol>${conditions.map((c) => `<li>${fa(c)}</li>`).join('')}</ol>` : '';
  return `${box}\n\n${list}`;
}

/** What the letter may be used for, and until when (a YYYY-MM-DD); a rejection is valid for nothing. */
export const validitySection = (useFa: string, validUntil: string | null) => `<div class="validity">
  <p>${useFa}</p>
  ${validUntil ? `<p>مهلت اعتبار: تا پایان ${fa(jalaliDate(validUntil))}</p>` : ''}
</div>`;

const amount = new Intl.NumberFormat('fa-IR', { maximumFractionDigits: 2 });
/** A number as the letter prints it: Persian digits and separators. */
export const amountFa = (n: number) => amount.format(n);
export const metres = (n: number, unit = 'متر') => `${amount.format(n)} ${unit}`;

/** The rows that identify a property file on a letter: file number, renovation and postal codes, plate, address. */
export const propertyRows = (p: PropertyOnLetter): [label: string, value: string | null][] => [
  ['شماره پرونده', esc(fileNumberFa(p.fileNumber))],
  ['کد نوسازی', p.renovationCode && code(p.renovationCode)],
  ['کد پستی', p.postalCode && code(p.postalCode)],
  ['پلاک ثبتی', p.plate && plateFa(p.plate)],
  ['نشانی', fa(p.address)],
];

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { createHash } from 'node:crypto';
import { PDFDocument, PDFName, PDFString } from '@cantoo/pdf-lib';
import { createTestApp, signIn, usernameOf, type Client, type TestApp } from '../../test/app.js';
import { assignedInspector, districtProperty, registerCase, uploadDocument } from '../../test/factories.js';

let t: TestApp;
let op: Client;
let kase: { id: string; inspector: { id: string } | null };

const upload = (client: Client, requestId: string, kind: string, fileName: string, bytes: Buffer) => uploadDocument(t.app, client, requestId, kind, fileName, bytes);

const png = () => sharp({ create: { width: 800, height: 600, channels: 3, background: { r: 20, g: 120, b: 90 } } }).png().toBuffer();
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
/** A PDF written by hand, objects numbered from 1 in order, with a correct cross-reference table. */
function handWrittenPdf(objects: string[]): Buffer {
  let body = '%PDF-1.7\n%\xe2\xe3\xcf\xd3\n';
  const offsets = objects.map((o, i) => {
    const at = Buffer.byteLength(body, 'latin1');
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
    return at;
  });
  const xref = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}
const PAGES = ['<< /Type /Pages /Kids [3 0 R] /Count 1 >>', '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>'];
const OPEN_ACTION_JS = handWrittenPdf(['<< /Type /Catalog /Pages 2 0 R /OpenAction 4 0 R >>', ...PAGES, '<< /Type /Action /S /JavaScript /JS (app.alert\\(1\\)) >>']);
// /JavaScript and /JS spelled with #xx escapes (lower-case hex too), so no byte search for "JavaScript" finds them.
const ESCAPED_JS = handWrittenPdf(['<< /Type /Catalog /Pages 2 0 R /OpenAction << /S /J#61va#53cript /#4a#53 (app.alert\\(1\\)) >> >>', ...PAGES]);
// A scanner's PDF: one page, its scan as a JPEG, and an open action that only shows page 1 (a destination, not an action).
const SCANNED = handWrittenPdf(['<< /Type /Catalog /Pages 2 0 R /OpenAction [3 0 R /Fit] /PageMode /UseNone >>', ...PAGES]);

/** A PDF saved by pdf-lib with object streams: the JavaScript action is compressed inside one. */
async function jsInObjectStream() {
  const doc = await PDFDocument.create();
  doc.addPage([595, 842]);
  const action = doc.context.register(doc.context.obj({ Type: 'Action', S: 'JavaScript', JS: PDFString.of('app.launchURL("https://evil.example")') }));
  doc.catalog.set(PDFName.of('OpenAction'), action);
  return Buffer.from(await doc.save({ useObjectStreams: true }));
}
async function withEmbeddedFile() {
  const doc = await PDFDocument.create();
  doc.addPage([595, 842]);
  await doc.attach(Buffer.from('MZ not really a program'), 'invoice.exe', { mimeType: 'application/octet-stream' });
  return Buffer.from(await doc.save());
}
/** A clean PDF as a scanner app writes it: one page holding the scan as a JPEG. */
async function scannedJpegPdf() {
  const doc = await PDFDocument.create();
  const scan = await doc.embedJpg(await sharp({ create: { width: 600, height: 800, channels: 3, background: { r: 250, g: 250, b: 245 } } }).jpeg().toBuffer());
  doc.addPage([595, 842]).drawImage(scan, { x: 0, y: 0, width: 595, height: 842 });
  return Buffer.from(await doc.save({ useObjectStreams: true }));
}

const ELF = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]), Buffer.alloc(120, 0)]);

beforeAll(async () => {
  t = await createTestApp();
  op = await signIn(t.app, await usernameOf(t.db, 'office_operator', { districtNumber: 4 }));
  kase = await registerCase(op, await districtProperty(t.db, 4));
});
afterAll(async () => t?.close());

describe('documents of a case', () => {
  it('stores a deed by its SHA-256, lists it, and serves the same bytes (audited)', async () => {
    const res = await upload(op, kase.id, 'deed', 'sanad.pdf', PDF);
    expect(res.statusCode, res.body).toBe(201);
    const doc = res.json();
    expect(doc).toMatchObject({ kind: 'deed', mime: 'application/pdf', sizeBytes: PDF.length, hasThumbnail: false, kindTitleFa: 'سند مالکیت' });
    expect(doc.sha256).toBe(createHash('sha256').update(PDF).digest('hex'));
    const list = (await op.get(`/api/requests/${kase.id}/documents`)).json();
    expect(list.items.map((d: { id: string }) => d.id)).toContain(doc.id);
    const download = await op.get(`/api/documents/${doc.id}`);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    // An uploaded file never runs as our origin: downloaded, sandboxed, not sniffed.
    expect(download.headers['content-disposition']).toMatch(/^attachment;/);
    expect(download.headers['content-security-policy']).toMatch(/^sandbox/);
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    expect(Buffer.compare(download.rawPayload, PDF)).toBe(0);
    const audit = await t.db.selectFrom('audit_log').select('action').where('entity_id', '=', doc.id).execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['document.download', 'document.upload']);
  });

  it('makes a thumbnail for a photo; the inspector may add photos to their own case only', async () => {
    const inspector = await assignedInspector(t, kase);
    const res = await upload(inspector, kase.id, 'inspection_photo', 'IMG_0001.jpg', await png());
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ mime: 'image/png', hasThumbnail: true });
    const thumb = await inspector.get(`/api/documents/${res.json().id}?thumbnail=true`);
    expect(thumb.headers['content-type']).toBe('image/webp');
    expect(thumb.headers['content-disposition']).toMatch(/^inline;/);
    expect(thumb.headers['content-security-policy']).toMatch(/^sandbox/);
    const meta = await sharp(thumb.rawPayload).metadata();
    expect(Math.max(meta.width, meta.height)).toBe(320);
    expect((await upload(inspector, kase.id, 'deed', 'x.pdf', PDF)).statusCode).toBe(403);
    // A retried upload of the same photo is the same document.
    const again = await upload(inspector, kase.id, 'inspection_photo', 'IMG_0001.jpg', await png());
    expect(again.json().id).toBe(res.json().id);
  });

  it('refuses an executable renamed to .pdf, an empty file, an unknown kind, and an oversize file, writing nothing', async () => {
    const count = async () => (await t.db.selectFrom('documents').select('id').execute()).length;
    const before = await count();
    let res = await upload(op, kase.id, 'deed', 'contract.pdf', ELF);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields[0]).toMatchObject({ field: 'file', code: 'type_not_allowed' });
    res = await upload(op, kase.id, 'deed', 'empty.pdf', Buffer.alloc(0));
    expect(res.json().error.fields[0].code).toBe('empty');
    res = await upload(op, kase.id, 'selfie', 'a.pdf', PDF);
    expect(res.json().error.fields[0].field).toBe('kind');
    const big = Buffer.concat([PDF, Buffer.alloc(6 * 1024 * 1024, 32)]);
    res = await upload(op, kase.id, 'national_card', 'card.pdf', big); // national card: 5 MB at most
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields[0].code).toBe('too_large');
    expect(await count()).toBe(before);
  });

  it('refuses PDFs with active content, however they hide it, and an unreadable PDF, writing nothing', async () => {
    const count = async () => (await t.db.selectFrom('documents').select('id').execute()).length;
    const before = await count();
    const inObjectStream = await jsInObjectStream();
    // The point of the object-stream case: the action's names are compressed, not in the bytes.
    expect(inObjectStream.includes('JavaScript')).toBe(false);
    expect(ESCAPED_JS.includes('JavaScript')).toBe(false);
    const hostile: [string, Buffer, string][] = [
      ['open-action.pdf', OPEN_ACTION_JS, 'JavaScript'],
      ['object-stream.pdf', inObjectStream, 'JavaScript'],
      ['escaped.pdf', ESCAPED_JS, 'JS'],
      ['attachment.pdf', await withEmbeddedFile(), 'EmbeddedFiles'],
    ];
    for (const [name, bytes, carried] of hostile) {
      const res = await upload(op, kase.id, 'deed', name, bytes);
      expect(res.statusCode, name).toBe(400);
      const field = res.json().error.fields[0];
      expect(field, name).toMatchObject({ field: 'file', code: 'active_content' });
      expect(field.message, name).toContain(carried);
      expect(field.messageFa, name).toContain('محتوای فعال');
    }
    const cut = OPEN_ACTION_JS.subarray(0, 60); // starts like a PDF, ends mid-object
    const res = await upload(op, kase.id, 'deed', 'cut.pdf', cut);
    expect(res.json().error.fields[0]).toMatchObject({ field: 'file', code: 'unreadable_pdf' });
    expect(await count()).toBe(before);
  });

  it('accepts clean PDFs: a scanned page, a page-1 open action, the minimal one', async () => {
    for (const [name, bytes] of [['scan.pdf', await scannedJpegPdf()], ['fit.pdf', SCANNED], ['min.pdf', PDF]] as const) {
      const res = await upload(op, kase.id, 'plans', name, bytes);
      expect(res.statusCode, `${name}: ${res.body}`).toBe(201);
      expect(res.json().mime).toBe('application/pdf');
    }
  });

  it('serves a JPEG with HTML inside it as a sandboxed, unsniffed image', async () => {
    const jpeg = await sharp({ create: { width: 64, height: 64, channels: 3, background: { r: 1, g: 2, b: 3 } } }).jpeg().toBuffer();
    const polyglot = Buffer.concat([jpeg, Buffer.from('<html><body><script>fetch("/api/auth/me")</script></body></html>')]);
    const res = await upload(op, kase.id, 'deed', 'deed.jpg', polyglot);
    expect(res.statusCode, res.body).toBe(201);
    const download = await op.get(`/api/documents/${res.json().id}`);
    expect(download.headers['content-type']).toBe('image/jpeg');
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    expect(download.headers['content-security-policy']).toMatch(/^sandbox;/);
    expect(download.headers['content-security-policy']).toContain("default-src 'none'");
  });

  it("a document of another office's case is 404", async () => {
    const doc = (await upload(op, kase.id, 'other', 'x.pdf', PDF)).json();
    const stranger = await signIn(t.app, await usernameOf(t.db, 'office_operator', { districtNumber: 9 }));
    expect((await stranger.get(`/api/documents/${doc.id}`)).statusCode).toBe(404);
    expect((await stranger.get(`/api/requests/${kase.id}/documents`)).statusCode).toBe(404);
    expect((await upload(stranger, kase.id, 'other', 'x.pdf', PDF)).statusCode).toBe(404);
  });
});

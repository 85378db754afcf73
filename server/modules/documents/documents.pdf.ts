/**
 * Active content in an uploaded PDF (محتوای فعال): scripts, actions that run on opening, launching
 * programs, sending forms, embedded files, Flash, XFA forms. A deed or a plan needs none of these.
 *
 * The file is parsed with pdf-lib (object streams included, names with #xx escapes decoded), and
 * every dictionary of every indirect object is walked: a byte search misses what is compressed in
 * an object stream or spelled with escapes. A PDF the parser cannot read is not accepted either,
 * since what we cannot read we cannot vouch for.
 */
import type { PDFDocument, PDFName, PDFObject } from '@cantoo/pdf-lib';

/** Names that only ever appear in a PDF to carry active content, as keys or as values. */
const ACTIVE_NAMES = new Set(['JavaScript', 'JS', 'Launch', 'SubmitForm', 'ImportData', 'EmbeddedFile', 'EmbeddedFiles', 'EF', 'RichMedia', 'XFA']);

export type PdfCheck = { readable: false } | { readable: true; activeContent: string[] };

/** What active content the PDF carries (names as the PDF spells them, decoded), or that it is unreadable. */
export async function checkPdf(bytes: Uint8Array): Promise<PdfCheck> {
  // Loaded on the first upload of a PDF, not when the server starts (it is a large library).
  const { PDFArray, PDFDict, PDFDocument, PDFName, PDFRef, PDFStream } = await import('@cantoo/pdf-lib');
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(bytes, { throwOnInvalidObject: true, updateMetadata: false });
  } catch {
    // Damaged, truncated or encrypted (an encrypted file's object streams cannot be read).
    return { readable: false };
  }
  const found = new Set<string>();
  const seen = new Set<PDFObject>();
  const pending: PDFObject[] = doc.context.enumerateIndirectObjects().map(([, object]) => object);
  // Iterative: a hostile file may nest arrays and dictionaries thousands deep.
  while (pending.length > 0) {
    const object = pending.pop()!;
    if (seen.has(object)) continue;
    seen.add(object);
    if (object instanceof PDFName) {
      if (ACTIVE_NAMES.has(nameOf(object))) found.add(nameOf(object));
    } else if (object instanceof PDFArray) {
      pending.push(...object.asArray());
    } else if (object instanceof PDFStream) {
      pending.push(object.dict);
    } else if (object instanceof PDFDict) {
      for (const [key, value] of object.entries()) {
        const name = nameOf(key);
        if (ACTIVE_NAMES.has(name)) found.add(name);
        // An open action may be a plain destination (go to page 1); as a dictionary it is an action.
        if (name === 'OpenAction' && (value instanceof PDFRef ? doc.context.lookup(value) : value) instanceof PDFDict) found.add(name);
        // Additional actions (on opening a page, on focus of a field, ...) are all actions.
        const aa = name === 'AA' ? (value instanceof PDFRef ? doc.context.lookup(value) : value) : undefined;
        if (aa instanceof PDFDict && aa.entries().length > 0) found.add(name);
        pending.push(value);
      }
    }
  }
  return { readable: true, activeContent: [...found].sort() };
}

function nameOf(name: PDFName): string {
  return name.decodeText();
}

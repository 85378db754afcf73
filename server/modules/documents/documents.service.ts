/**
 * Documents of a case: uploaded at intake and later (deed, national card, plans, the inspector's
 * photos). The type is read from the bytes, never the file name; images get a thumbnail; every
 * download is scope-checked and audited.
 */
import { fileTypeFromBuffer } from 'file-type';
import type { Ctx } from '../../platform/context.js';
import type { Actor } from '../../platform/actor.js';
import type { DocumentTable } from '../../db/schema.js';
import { AppError, fieldError, invalid, notFound } from '../../platform/errors.js';
import { appendAudit, auditRead } from '../../platform/audit.js';
import { newId } from '../../platform/ids.js';
import { addsDocuments, addsKind, DOCUMENT_KINDS, isDocumentKind } from './documents.rules.js';
import { requireInReach } from '../../platform/access.js';
import { checkPdf } from './documents.pdf.js';
import { caseClosed, findDocumentInScope, listDocumentsOfRequest } from './documents.queries.js';

export interface Upload {
  kind: string;
  fileName: string;
  bytes: Buffer;
  /** The multipart parser stopped reading at its limit. */
  truncated: boolean;
}

const THUMBNAIL_PX = 320;

export async function uploadDocument(ctx: Ctx, actor: Actor, requestId: string, upload: Upload) {
  await requireInReach(ctx.db, actor, 'case', requestId);
  if (!addsDocuments(actor.role)) throw new AppError('FORBIDDEN');
  if (await caseClosed(ctx.db, requestId)) throw new AppError('ILLEGAL_TRANSITION', { message: 'The case is closed', messageFa: 'پرونده بسته شده است' });
  if (!isDocumentKind(upload.kind)) {
    throw invalid([fieldError('kind', 'unknown_kind', 'Unknown document kind', 'نوع مدرک شناخته‌شده نیست')]);
  }
  if (!addsKind(actor.role, upload.kind)) throw new AppError('FORBIDDEN');
  const rule = DOCUMENT_KINDS[upload.kind];
  if (upload.truncated || upload.bytes.length > rule.maxBytes) {
    const mb = Math.round(rule.maxBytes / 1024 / 1024);
    throw invalid([fieldError('file', 'too_large', `The file is larger than ${mb} MB`, `حجم فایل بیش از ${mb.toLocaleString('fa-IR')} مگابایت است`)]);
  }
  if (upload.bytes.length === 0) throw invalid([fieldError('file', 'empty', 'The file is empty', 'فایل خالی است')]);
  const detected = await fileTypeFromBuffer(upload.bytes);
  if (!detected || !(rule.mimes as readonly string[]).includes(detected.mime)) {
    throw invalid([
      fieldError('file', 'type_not_allowed', `This kind of file is not accepted for ${upload.kind}`, `نوع این فایل برای «${rule.titleFa}» پذیرفته نیست`),
    ]);
  }
  if (detected.mime === 'application/pdf') await refuseActivePdf(upload.bytes);

  const sha256 = await ctx.files.put(upload.bytes);
  // The same file sent twice (an offline phone retrying) is one document.
  const existing = (await listDocumentsOfRequest(ctx.db, requestId)).find((d) => d.sha256 === sha256 && d.kind === upload.kind);
  if (existing) return presentListed(existing);
  // sharp (libvips) is loaded with the first photo, not at start.
  const thumbnail = detected.mime.startsWith('image/')
    ? await (await import('sharp')).default(upload.bytes).rotate().resize(THUMBNAIL_PX, THUMBNAIL_PX, { fit: 'inside' }).webp({ quality: 70 }).toBuffer().catch(() => null)
    : null;
  const thumbnailSha = thumbnail ? await ctx.files.put(thumbnail) : null;

  const now = ctx.clock.now();
  const doc: DocumentTable = {
    id: newId(), request_id: requestId, kind: upload.kind, sha256, size_bytes: upload.bytes.length, mime: detected.mime,
    original_name: upload.fileName.slice(0, 200), thumbnail_sha256: thumbnailSha, uploaded_by: actor.staffId, uploaded_at: now.toISOString(),
  };
  await ctx.db.transaction().execute(async (trx) => {
    await trx.insertInto('documents').values(doc).execute();
    await appendAudit(trx, actor, { action: 'document.upload', entityType: 'document', entityId: doc.id, details: { requestId, kind: upload.kind, sha256 } }, now);
  });
  return presentDocument(doc, actor.name);
}

/** A PDF is only ever a paper: scripts, actions, attachments and forms are refused, as is a PDF we cannot read. */
async function refuseActivePdf(bytes: Buffer) {
  const check = await checkPdf(bytes);
  if (!check.readable) {
    throw invalid([fieldError('file', 'unreadable_pdf', 'The PDF could not be read (damaged or encrypted); save or scan it again', 'فایل PDF خوانده نشد (آسیب‌دیده یا رمزدار است)؛ آن را دوباره ذخیره یا اسکن کنید')]);
  }
  if (check.activeContent.length > 0) {
    const what = check.activeContent.join(', ');
    throw invalid([
      fieldError(
        'file',
        'active_content',
        `The PDF carries active content (${what}); save it again without scripts, attachments or forms, or scan the paper`,
        `فایل PDF محتوای فعال دارد (${what})؛ آن را بدون اسکریپت، پیوست و فرم دوباره ذخیره کنید یا کاغذ را اسکن کنید`,
      ),
    ]);
  }
}

export async function listDocuments(ctx: Ctx, actor: Actor, requestId: string) {
  await requireInReach(ctx.db, actor, 'case', requestId);
  return { items: (await listDocumentsOfRequest(ctx.db, requestId)).map(presentListed) };
}

/** The bytes of a document (or its thumbnail), after the scope check; the download is audited. */
export async function downloadDocument(ctx: Ctx, actor: Actor, id: string, thumbnail: boolean) {
  const doc = await findDocumentInScope(ctx.db, actor, id);
  if (!doc) throw notFound();
  const sha = thumbnail ? doc.thumbnail_sha256 : doc.sha256;
  if (!sha) throw notFound();
  const bytes = await ctx.files.get(sha);
  if (!bytes) throw new AppError('UNAVAILABLE', { message: 'The stored file is missing', messageFa: 'فایل ذخیره‌شده در دسترس نیست' });
  if (!thumbnail) await auditRead(ctx.db, actor, { action: 'document.download', entityType: 'document', entityId: id }, ctx.clock.now());
  return { bytes, mime: thumbnail ? 'image/webp' : doc.mime, fileName: doc.original_name, sha256: sha };
}

const presentListed = (d: Awaited<ReturnType<typeof listDocumentsOfRequest>>[number]) => presentDocument(d, `${d.first_name} ${d.last_name}`);

function presentDocument(d: DocumentTable, uploadedBy: string) {
  return {
    id: d.id,
    requestId: d.request_id,
    kind: d.kind,
    kindTitleFa: isDocumentKind(d.kind) ? DOCUMENT_KINDS[d.kind].titleFa : d.kind,
    mime: d.mime,
    sizeBytes: d.size_bytes,
    sha256: d.sha256,
    originalName: d.original_name,
    hasThumbnail: d.thumbnail_sha256 !== null,
    uploadedBy,
    uploadedAt: d.uploaded_at,
  };
}

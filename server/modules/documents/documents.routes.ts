import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import multipart from '@fastify/multipart';
import type { Ctx } from '../../platform/context.js';
import { actorOf, requireStaff } from '../../platform/auth.js';
import { fieldError, invalid } from '../../platform/errors.js';
import { IdParams, responses } from '../../platform/schemas.js';
import { MAX_UPLOAD_BYTES } from './documents.rules.js';
import { DocumentList, DocumentSchema, DownloadQuery, UploadDescription } from './documents.schemas.js';
import { downloadDocument, listDocuments, uploadDocument } from './documents.service.js';

export async function documentsRoutes(app: FastifyInstance, ctx: Ctx) {
  await app.register(multipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 4 } });
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.addHook('preValidation', requireStaff);

  r.post(
    '/api/requests/:id/documents',
    { schema: { tags: ['documents'], summary: 'Upload a document or photo to a case', description: UploadDescription, consumes: ['multipart/form-data'], params: IdParams, response: responses({ 201: DocumentSchema }) } },
    async (request, reply) => {
      const file = request.isMultipart() ? await request.file() : undefined;
      if (!file) throw invalid([fieldError('file', 'required', 'Attach a file', 'فایلی پیوست نشده است')]);
      const bytes = await file.toBuffer().catch(() => Buffer.alloc(0));
      const kindField = file.fields.kind;
      const kind = kindField && !Array.isArray(kindField) && 'value' in kindField ? String(kindField.value) : '';
      const doc = await uploadDocument(ctx, actorOf(request), request.params.id, { kind, fileName: file.filename, bytes, truncated: file.file.truncated });
      return reply.status(201).send(doc);
    },
  );

  r.get(
    '/api/requests/:id/documents',
    { schema: { tags: ['documents'], summary: "A case's documents", params: IdParams, response: responses({ 200: DocumentList }) } },
    async (request) => listDocuments(ctx, actorOf(request), request.params.id),
  );

  r.get(
    '/api/documents/:id',
    { schema: { tags: ['documents'], summary: 'Download a document (or its thumbnail); scope-checked and audited', params: IdParams, querystring: DownloadQuery } },
    async (request, reply) => {
      const file = await downloadDocument(ctx, actorOf(request), request.params.id, request.query.thumbnail === true);
      return reply
        .header('content-type', file.mime)
        // Photos are shown in the page; anything else (a PDF) is only ever downloaded. Either way the
        // file is sandboxed: an uploaded file never runs as our origin.
        .header('content-disposition', `${file.mime.startsWith('image/') ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
        .header('content-security-policy', "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'")
        .header('x-content-sha256', file.sha256)
        .header('cache-control', 'private, max-age=3600')
        .send(file.bytes);
    },
  );
}

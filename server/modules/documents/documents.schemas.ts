import { Type } from 'typebox';
import { Id, Timestamp } from '../../platform/schemas.js';
import { DOCUMENT_KIND_CODES } from './documents.rules.js';

export const DocumentSchema = Type.Object({
  id: Id,
  requestId: Id,
  kind: Type.String(),
  kindTitleFa: Type.String(),
  mime: Type.String(),
  sizeBytes: Type.Integer(),
  sha256: Type.String(),
  originalName: Type.String(),
  hasThumbnail: Type.Boolean(),
  uploadedBy: Type.String(),
  uploadedAt: Timestamp,
});

export const DocumentList = Type.Object({ items: Type.Array(DocumentSchema) });

/** Documented for OpenAPI; multipart bodies are read by the route, not by Ajv. */
export const UploadDescription = `multipart/form-data with a text field \`kind\` (${DOCUMENT_KIND_CODES.join(', ')}) and one file field \`file\`.`;

export const DownloadQuery = Type.Object({ thumbnail: Type.Optional(Type.Boolean()) }, { additionalProperties: false });

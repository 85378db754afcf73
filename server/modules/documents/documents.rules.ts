import type { Role } from '../../../contracts/roles.js';

/** What may be uploaded as each kind of document: types checked from the bytes, and a size cap. */
export const DOCUMENT_KINDS = {
  deed: { titleFa: 'سند مالکیت', mimes: ['application/pdf', 'image/jpeg', 'image/png'], maxBytes: 10 * 1024 * 1024 },
  national_card: { titleFa: 'کارت ملی', mimes: ['application/pdf', 'image/jpeg', 'image/png'], maxBytes: 5 * 1024 * 1024 },
  power_of_attorney: { titleFa: 'وکالت‌نامه', mimes: ['application/pdf', 'image/jpeg', 'image/png'], maxBytes: 10 * 1024 * 1024 },
  plans: { titleFa: 'نقشه', mimes: ['application/pdf', 'image/jpeg', 'image/png'], maxBytes: 25 * 1024 * 1024 },
  letter: { titleFa: 'نامه', mimes: ['application/pdf', 'image/jpeg', 'image/png'], maxBytes: 10 * 1024 * 1024 },
  inspection_photo: { titleFa: 'عکس بازدید', mimes: ['image/jpeg', 'image/png', 'image/webp', 'image/heic'], maxBytes: 15 * 1024 * 1024 },
  other: { titleFa: 'سایر مدارک', mimes: ['application/pdf', 'image/jpeg', 'image/png'], maxBytes: 10 * 1024 * 1024 },
} as const;

export type DocumentKind = keyof typeof DOCUMENT_KINDS;
export const DOCUMENT_KIND_CODES = Object.keys(DOCUMENT_KINDS) as DocumentKind[];

/** The largest file any kind accepts: the multipart parser's own limit. */
export const MAX_UPLOAD_BYTES = Math.max(...Object.values(DOCUMENT_KINDS).map((k) => k.maxBytes));

export function isDocumentKind(s: string): s is DocumentKind {
  return Object.hasOwn(DOCUMENT_KINDS, s);
}

/** Who only reads a case's papers and never adds to them. */
const READERS_ONLY: readonly Role[] = ['auditor', 'followup_officer'];

/** Whether the role adds anything to a case at all (the auditor and the follow-up officer do not). */
export function addsDocuments(role: Role): boolean {
  return !READERS_ONLY.includes(role);
}

/** Inspectors add the photos of their own visits; the desk, the district and the city admin add papers of any kind. */
export function addsKind(role: Role, kind: DocumentKind): boolean {
  return addsDocuments(role) && (role !== 'inspector' || kind === 'inspection_photo');
}

/**
 * Whether the role may add papers (any kind but the inspector's photos, which come with the report)
 * to a case now: none once it is closed. What the case page's upload form offers (`can.uploadDocument`).
 */
export function addsPapers(role: Role, caseClosed: boolean): boolean {
  return !caseClosed && addsKind(role, 'other');
}

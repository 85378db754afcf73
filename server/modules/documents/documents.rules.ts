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

/**
 * The inquiries module's face to the rest of the server (decision 0031): its routes, the inquiry
 * types, the lookup of a file by its identifiers, what main.ts and migration 0050 run, and the
 * bank's hot queries for the plan check (server/db/explain.ts).
 */
export { inquiriesRoutes } from './inquiries.routes.js';
export { InquiryHeaders } from './inquiries.schemas.js';
export { INQUIRY_TYPES, inquiryTypeOfService, organisationFields, type InquiryType } from './inquiries.rules.js';
export { fileFactsQueries, findPropertyByIdentifiers, inquiryByKeyQuery, propertyByIdentifiersQuery } from './inquiries.queries.js';
export { settleAnsweredInquiries } from './inquiries.service.js';
export { inquiryLetterFactsQuery, inquiryLetterRecord } from './inquiries.letter.js';

/**
 * Who may do what with a property file they can see (the rule: docs/decisions/0016-property-file-access.md).
 * Finding a file is scope (`propertiesInScope`); seeing its owners' identifiers in full and editing
 * it hang on one flag computed in SQL by `propertyIdentifiersVisible` (platform/scope.ts), so the
 * list, the file page and the edit all answer from the same rule. Responses carry the result as
 * `can`, and the web shows only what will work.
 */
import { can as roleCan } from '../../../contracts/permissions.js';
import type { Actor } from '../../platform/actor.js';
import { AppError } from '../../platform/errors.js';

export interface PropertyAccess {
  /** May save changes to the file (PATCH). */
  edit: boolean;
  /** Sees the owners' national codes in full; otherwise they come masked. */
  seeIdentifiers: boolean;
  /** May register a request on the file (intake at a desk: any file of the city, decision 0016). */
  registerRequest: boolean;
}

export function propertyAccess(actor: Actor, identifiersVisible: boolean): PropertyAccess {
  return {
    seeIdentifiers: identifiersVisible,
    edit: identifiersVisible && roleCan(actor.role, 'property.write'),
    registerRequest: roleCan(actor.role, 'request.create'),
  };
}

/**
 * A file the desk can find but has no business with: 403, not 404, since the desk has just read the
 * file (existence is no secret); the message says how to get the right to edit it.
 */
export function fileNotEditable(): AppError {
  return new AppError('FORBIDDEN', {
    message: 'Only a desk with an open request on this file (or the desk that opened it, before any other desk’s request) may edit it',
    messageFa: 'ویرایش این پرونده فقط برای دفتری ممکن است که درخواست باز روی آن دارد (یا دفتری که پرونده را تشکیل داده، تا وقتی درخواست دفتر دیگری به آن نپیوسته است). برای ویرایش، ابتدا درخواست را ثبت کنید.',
    details: { reason: 'no_open_request' },
  });
}

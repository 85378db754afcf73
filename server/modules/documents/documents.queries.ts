import type { Db } from '../../db/database.js';
import type { Actor } from '../../platform/actor.js';
import { requestsInScope } from '../../platform/scope.js';

/** A document is visible exactly when its case is. */
export function findDocumentInScope(db: Db, actor: Actor, id: string) {
  return db
    .selectFrom('documents')
    .innerJoin('requests', 'requests.id', 'documents.request_id')
    .selectAll('documents')
    .where('documents.id', '=', id)
    .where(requestsInScope(actor))
    .executeTakeFirst();
}

export function listDocumentsOfRequest(db: Db, requestId: string) {
  return db
    .selectFrom('documents')
    .innerJoin('staff', 'staff.id', 'documents.uploaded_by')
    .selectAll('documents')
    .select(['staff.first_name', 'staff.last_name'])
    .where('documents.request_id', '=', requestId)
    .orderBy('documents.uploaded_at')
    .execute();
}

export function findRequestInScope(db: Db, actor: Actor, id: string) {
  return db
    .selectFrom('requests')
    .select(['requests.id', 'requests.assigned_inspector_id', 'requests.closed_at'])
    .where('requests.id', '=', id)
    .where(requestsInScope(actor))
    .executeTakeFirst();
}

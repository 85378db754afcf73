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

/** Whether the case is closed (delivered or cancelled); its reach is checked by the caller. */
export async function caseClosed(db: Db, requestId: string): Promise<boolean> {
  const row = await db.selectFrom('requests').select('closed_at').where('id', '=', requestId).executeTakeFirstOrThrow();
  return row.closed_at !== null;
}

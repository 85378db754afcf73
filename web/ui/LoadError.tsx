import { ApiError } from '../api/client';
import { EmptyState } from './EmptyState';
import { ErrorAlert } from './ErrorAlert';
import { PageTitle } from './PageTitle';

/**
 * Whether a record asked for by the id in the address was not found: a 404 (out of the reader's
 * scope reads the same as not existing, so existence never leaks), or a 400 on the id alone (an
 * address typed or pasted wrong names no record; the reader has no field to correct).
 */
export function isNotFound(error: unknown): boolean {
  if (!(error instanceof ApiError)) return false;
  const fields = error.body.fields ?? [];
  return error.status === 404 || (error.status === 400 && fields.length > 0 && fields.every((f) => f.field === 'id'));
}

/** A record that could not be loaded: "not found" (isNotFound), or the error. */
export function LoadError({ error, notFoundTitle, notFoundBody }: { error: unknown; notFoundTitle: string; notFoundBody: string }) {
  if (isNotFound(error)) {
    return (
      <>
        <PageTitle title={notFoundTitle} />
        <EmptyState title={notFoundBody} />
      </>
    );
  }
  return <ErrorAlert error={error} />;
}

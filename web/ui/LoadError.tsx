import { ApiError } from '../api/client';
import { EmptyState } from './EmptyState';
import { ErrorAlert } from './ErrorAlert';
import { PageTitle } from './PageTitle';

/**
 * A record that could not be loaded. Out of the reader's scope is a 404 like a record that does
 * not exist (existence never leaks), so both read as "not found"; anything else is an error.
 */
export function LoadError({ error, notFoundTitle, notFoundBody }: { error: unknown; notFoundTitle: string; notFoundBody: string }) {
  if (error instanceof ApiError && error.status === 404) {
    return (
      <>
        <PageTitle title={notFoundTitle} />
        <EmptyState title={notFoundTitle} description={notFoundBody} />
      </>
    );
  }
  return <ErrorAlert error={error} />;
}

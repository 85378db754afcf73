import type { ReactNode } from 'react';
import type { UseQueryResult } from '@tanstack/react-query';
import { ErrorAlert } from './ErrorAlert';
import { LoadingState } from './LoadingState';

interface QueryStateProps<T> {
  query: UseQueryResult<T>;
  /** Whether the answer has nothing to show (an empty page of a list); `empty` is shown then. */
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
  children: (data: T) => ReactNode;
}

/**
 * What a loaded list or record shows in each of its states, so no page forgets one: the spinner
 * while it loads, the server's own message when it fails, the empty state, and only then the data.
 */
export function QueryState<T>({ query, isEmpty, empty, children }: QueryStateProps<T>) {
  if (query.isPending) return <LoadingState />;
  if (query.isError) return <ErrorAlert error={query.error} />;
  if (isEmpty?.(query.data)) return empty;
  return children(query.data);
}

import { useState } from 'react';

/**
 * The page shown of a filtered list. A new filter starts again at the first page: the page the
 * clerk was on may not exist in the new, shorter list.
 */
export function useFilteredPage() {
  const [page, setPage] = useState(1);
  /** Sets one filter and goes back to the first page. */
  const refilter = <T>(set: (value: T) => void, value: T) => {
    set(value);
    setPage(1);
  };
  return { page, setPage, refilter };
}

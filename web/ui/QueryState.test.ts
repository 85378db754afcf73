import type { ReactElement } from 'react';
import type { UseQueryResult } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { ErrorAlert } from './ErrorAlert';
import { LoadingState } from './LoadingState';
import { QueryState } from './QueryState';

type Page = { items: string[] };
// Only the fields QueryState reads; a real result has many more.
const result = (fields: Partial<UseQueryResult<Page>>) => ({ isPending: false, isError: false, error: null, ...fields }) as UseQueryResult<Page>;
const show = (query: UseQueryResult<Page>) =>
  QueryState({ query, isEmpty: (page) => page.items.length === 0, empty: 'nothing', children: (page) => page.items.join(',') });

describe('QueryState', () => {
  it('shows the spinner while the first answer is on its way', () => {
    expect((show(result({ isPending: true })) as ReactElement).type).toBe(LoadingState);
  });

  it("shows the server's error when the call failed", () => {
    const error = new Error('down');
    const shown = show(result({ isError: true, error })) as ReactElement<{ error: unknown }>;
    expect(shown.type).toBe(ErrorAlert);
    expect(shown.props.error).toBe(error);
  });

  it('shows the empty state for an empty answer, and the data otherwise', () => {
    expect(show(result({ data: { items: [] } }))).toBe('nothing');
    expect(show(result({ data: { items: ['a', 'b'] } }))).toBe('a,b');
  });

  it('shows the data as it is when no emptiness is asked about', () => {
    expect(QueryState({ query: result({ data: { items: [] } }), children: (page) => page.items.length })).toBe(0);
  });
});

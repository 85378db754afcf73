import { useState } from 'react';
import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';

export interface Option {
  value: string;
  label: string;
}

interface SearchSelectProps {
  label: string;
  placeholder?: string;
  /** The chosen option (kept whole, so its label shows while the search finds others). */
  value: Option | null;
  onChange: (value: Option | null) => void;
  /** Cache key of the list searched, e.g. ['staff']. */
  queryKey: readonly unknown[];
  /** The server's search: too many rows (desks, staff) to load all of them. */
  search: (text: string) => Promise<Option[]>;
  error?: string;
  clearable?: boolean;
}

/** A Select whose options come from a server-side search as the person types. */
export function SearchSelect({ label, placeholder, value, onChange, queryKey, search, error, clearable = true }: SearchSelectProps) {
  const [text, setText] = useState('');
  const [debounced] = useDebouncedValue(text, 250);
  // While the box shows the chosen option's label, the search is not a search.
  const q = value && text === value.label ? '' : debounced.trim();
  const found = useQuery({ queryKey: [...queryKey, 'search', q], queryFn: () => search(q), staleTime: 30_000 });
  const options = [...(value ? [value] : []), ...(found.data ?? []).filter((o) => o.value !== value?.value)];
  return (
    <Select
      label={label}
      placeholder={placeholder}
      searchable
      clearable={clearable}
      data={options}
      value={value?.value ?? null}
      onChange={(id) => onChange(options.find((o) => o.value === id) ?? null)}
      searchValue={text}
      onSearchChange={setText}
      // The server has filtered already; Mantine's own filter would drop matches on a national code.
      filter={({ options: all }) => all}
      error={error}
    />
  );
}

import type { PersonTable } from '../../db/schema.js';

export type NameFields = Pick<PersonTable, 'kind' | 'first_name' | 'last_name' | 'company_name'>;

/** How a person is called on screen and in letters: «first last», or the company's name. */
export function displayName(p: NameFields): string {
  return p.kind === 'legal' ? (p.company_name ?? '') : `${p.first_name ?? ''} ${p.last_name ?? ''}`.trim();
}

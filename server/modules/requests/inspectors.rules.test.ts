import { describe, expect, it } from 'vitest';
import { coveringInspectors } from './inspectors.rules.js';

const staff = [
  { id: 'a', district_id: 'd3', specialty: 'urbanism' },
  { id: 'b', district_id: 'd3', specialty: 'civil' },
  { id: 'c', district_id: 'd5', specialty: 'urbanism' },
  { id: 'd', district_id: 'd5', specialty: 'architecture' },
  { id: 'e', district_id: 'd6', specialty: 'architecture' },
];
const ids = (list: { id: string }[]) => list.map((i) => i.id);

describe('coveringInspectors', () => {
  // Hand-written table: case district, service specialty -> who may take it.
  const table: [string, string | null, string[]][] = [
    ['d3', 'urbanism', ['a']], // the district's own specialist only, not d5's
    ['d3', 'civil', ['b']],
    ['d3', 'architecture', ['d', 'e']], // nobody in d3: the specialty's inspectors of every district
    ['d5', 'architecture', ['d']],
    ['d6', 'urbanism', ['a', 'c']],
    ['d3', null, ['a', 'b']], // no specialty named: the district's inspectors
    ['d9', null, ['a', 'b', 'c', 'd', 'e']],
  ];
  it.each(table)('a case in %s needing %s is covered by %j', (district, specialty, expected) => {
    expect(ids(coveringInspectors(staff, { district_id: district, inspector_specialty: specialty }))).toEqual(expected);
  });

  it('keeps the order it was given (lightest load first)', () => {
    expect(ids(coveringInspectors([...staff].reverse(), { district_id: 'd7', inspector_specialty: 'architecture' }))).toEqual(['e', 'd']);
  });
});

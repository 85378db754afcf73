import { describe, expect, it } from 'vitest';
import { coveringInspectors } from './inspectors.rules.js';

const staff = [
  { id: 'a', district_id: 'd3', specialty: 'urbanism', covers_district_ids: '[]' },
  { id: 'b', district_id: 'd3', specialty: 'civil', covers_district_ids: '[]' },
  { id: 'c', district_id: 'd5', specialty: 'urbanism', covers_district_ids: '["d3","d4"]' },
  { id: 'd', district_id: 'd5', specialty: 'architecture', covers_district_ids: '[]' },
  { id: 'e', district_id: 'd6', specialty: 'architecture', covers_district_ids: '[]' },
];
const ids = (list: { id: string }[]) => list.map((i) => i.id);

describe('coveringInspectors', () => {
  // Hand-written table: case district, service specialty -> who may take it.
  const table: [string, string | null, string[]][] = [
    ['d3', 'urbanism', ['a', 'c']], // the district's own specialist first, then d5's who covers d3
    ['d4', 'urbanism', ['c']], // d4 has nobody of its own: the one who covers it, not the whole city
    ['d3', 'civil', ['b']],
    ['d3', 'architecture', ['d', 'e']], // nobody in d3: the specialty's inspectors of every district
    ['d5', 'architecture', ['d']],
    ['d6', 'urbanism', ['a', 'c']],
    ['d3', null, ['a', 'b', 'c']], // no specialty named: the district's inspectors, then those covering it
    ['d9', null, ['a', 'b', 'c', 'd', 'e']],
  ];
  it.each(table)('a case in %s needing %s is covered by %j', (district, specialty, expected) => {
    expect(ids(coveringInspectors(staff, { district_id: district, inspector_specialty: specialty }))).toEqual(expected);
  });

  it('keeps the order it was given (lightest load first)', () => {
    expect(ids(coveringInspectors([...staff].reverse(), { district_id: 'd7', inspector_specialty: 'architecture' }))).toEqual(['e', 'd']);
  });
});

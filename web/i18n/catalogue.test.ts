import { describe, expect, it } from 'vitest';
import { en } from './en';
import { fa } from './fa';

type Tree = { [key: string]: unknown };

function leaves(tree: Tree, prefix = ''): [string, unknown][] {
  return Object.entries(tree).flatMap(([key, value]) =>
    value && typeof value === 'object' ? leaves(value as Tree, `${prefix}${key}.`) : [[`${prefix}${key}`, value] as [string, unknown]],
  );
}

const sample = (value: unknown) => (typeof value === 'function' ? String(value('x', 'y')) : String(value));

describe('catalogues', () => {
  it('have the same keys in Persian and English', () => {
    expect(leaves(en).map(([k]) => k)).toEqual(leaves(fa).map(([k]) => k));
  });

  it('show Persian digits only: no Latin digit in a Persian string', () => {
    const latin = leaves(fa).filter(([, v]) => /[0-9]/.test(sample(v)));
    expect(latin).toEqual([]);
  });
});

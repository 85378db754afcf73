/**
 * Masking of persons' identifiers for staff who may find a record but have no business with it
 * (docs/decisions/0016-property-file-access.md). Done on the server: the full value never leaves
 * it. 0012345678 → 001****678, 09121234567 → 0912****567, 10100000000 (شناسه ملی) → 101*****000.
 */

/** The visible head and tail of each kind of identifier: enough to match a paper in hand, not to learn it. */
const KEEP = { nationalCode: [3, 3], mobile: [4, 3] } as const;
export type IdentifierKind = keyof typeof KEEP;

export const MASK_CHAR = '*';

export function maskIdentifier(value: string, kind: IdentifierKind): string {
  const [head, tail] = KEEP[kind];
  // Short or odd values: hide all but the last digit rather than show most of them.
  if (value.length <= head + tail + 1) return MASK_CHAR.repeat(Math.max(value.length - 1, 0)) + value.slice(-1);
  return value.slice(0, head) + MASK_CHAR.repeat(value.length - head - tail) + value.slice(-tail);
}

export function maskIfHidden(value: string, kind: IdentifierKind, visible: boolean): string;
export function maskIfHidden(value: string | null, kind: IdentifierKind, visible: boolean): string | null;
export function maskIfHidden(value: string | null, kind: IdentifierKind, visible: boolean): string | null {
  return value === null || visible ? value : maskIdentifier(value, kind);
}

/**
 * Identifiers are canonicalised by their schema: a string schema carrying `x-canonical: '<kind>'`
 * has its value rewritten to the stored form before the schema's own checks (pattern) run, on every
 * route that uses it. So «۰۰۹۸ ۹۱۳-۱۲۳-۴۵۶۷» reaches the service as 09131234567 and an 8-digit
 * national code as its 10-digit form, whatever route it came through. The rules live in
 * contracts/identifiers.ts, shared with the web.
 */
import {
  asciiDigits, canonicalMobile, canonicalNationalCode, canonicalPostalCode, canonicalTrackingCode,
} from '../../contracts/identifiers.js';
import { parseFileNumber } from '../../contracts/fileNumber.js';

export const CANONICAL = {
  nationalCode: canonicalNationalCode,
  mobile: canonicalMobile,
  postalCode: canonicalPostalCode,
  trackingCode: canonicalTrackingCode,
  // اصفهان-۴۱, isfahan 41 → ISFAHAN-0000041; anything else, in ASCII digits, is left for the pattern to refuse.
  fileNumber: (raw: string) => parseFileNumber(raw) ?? asciiDigits(raw),
} as const satisfies Record<string, (raw: string) => string>;
export type CanonicalKind = keyof typeof CANONICAL;

interface DataContext {
  parentData?: Record<string | number, unknown>;
  parentDataProperty?: string | number;
}

/** The part of Ajv's API this needs (Fastify passes its own Ajv instance to `ajv.plugins`). */
interface AjvLike {
  addKeyword(def: {
    keyword: string;
    type: 'string';
    schemaType: 'string';
    modifying: boolean;
    before: string;
    errors: boolean;
    compile: (kind: string) => (data: string, cxt?: DataContext) => boolean;
  }): unknown;
}

export function canonicalKeyword<A extends AjvLike>(ajv: A): A {
  ajv.addKeyword({
    keyword: 'x-canonical',
    type: 'string',
    schemaType: 'string',
    modifying: true,
    before: 'pattern',
    errors: false,
    compile: (kind) => {
      const canonical = CANONICAL[kind as CanonicalKind];
      if (!canonical) throw new Error(`x-canonical: unknown kind ${kind}`);
      return (data, cxt) => {
        // A value at the root of the input (no parent) cannot be replaced; identifiers never are.
        if (cxt?.parentData && cxt.parentDataProperty !== undefined) cxt.parentData[cxt.parentDataProperty] = canonical(data);
        return true;
      };
    },
  });
  return ajv;
}

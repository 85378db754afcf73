/**
 * Bounds on what a client may send, checked before any other work: JSON nested deeper than any
 * form of ours needs is refused before it is parsed (a few KB of brackets used to overflow the
 * stack in normalisation), and NUL characters and non-finite numbers are refused after the schema
 * has coerced the input (PostgreSQL refuses NUL in text; `"Infinity"` and `"1e309"` coerce to a
 * number that passes `minimum`/`maximum` and then poisons every list that reads it back).
 * Every walk here is iterative, so no input can exhaust the stack.
 */
import secureJson from 'secure-json-parse';
import { fieldError, invalid, type FieldError } from './errors.js';

/** Deeper than any body the API accepts (the deepest, a service form's answers, is about 6). */
export const MAX_JSON_DEPTH = 32;

/** True when the JSON text nests objects/arrays deeper than `max`; one linear scan, strings skipped. */
export function jsonTooDeep(text: string, max: number = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 /* { */ || c === 91 /* [ */) {
      if (++depth > max) return true;
    } else if (c === 125 /* } */ || c === 93 /* ] */) depth--;
  }
  return false;
}

const bodyError = (code: string, en: string, fa: string) => invalid([fieldError('(body)', code, en, fa)]);

/** Parse a JSON body: empty, too deep or prototype-poisoning input is a 400, never a 500. */
export function parseJsonBody(text: string): unknown {
  if (text.length === 0) throw bodyError('empty_body', 'The body is empty but its type says JSON', 'بدنه درخواست خالی است');
  if (jsonTooDeep(text)) {
    throw bodyError('too_deep', `JSON nested deeper than ${MAX_JSON_DEPTH} levels`, 'ساختار درخواست بیش از حد تودرتو است');
  }
  try {
    return secureJson.parse(text, null, { protoAction: 'error', constructorAction: 'error' });
  } catch {
    throw bodyError('bad_json', 'The body is not valid JSON', 'درخواست ارسالی قابل خواندن نیست');
  }
}

/** Field errors for NUL characters and non-finite numbers anywhere in parsed input. */
export function unsafeValues(value: unknown, root: string): FieldError[] {
  const out: FieldError[] = [];
  const stack: Array<[unknown, string]> = [[value, root]];
  while (stack.length > 0 && out.length < 20) {
    const [v, path] = stack.pop()!;
    if (typeof v === 'string') {
      if (v.includes('\u0000')) out.push(fieldError(path || '(body)', 'nul_character', 'Contains a NUL character', 'شامل نویسه غیرمجاز (NUL) است'));
    } else if (typeof v === 'number') {
      if (!Number.isFinite(v)) out.push(fieldError(path || '(body)', 'not_finite', 'Must be a finite number', 'مقدار باید عددی معین باشد'));
    } else if (Array.isArray(v)) {
      v.forEach((item, i) => stack.push([item, path ? `${path}.${i}` : String(i)]));
    } else if (v && typeof v === 'object') {
      for (const [k, item] of Object.entries(v)) stack.push([item, path ? `${path}.${k}` : k]);
    }
  }
  return out;
}

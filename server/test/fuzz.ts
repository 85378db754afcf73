/**
 * The fuzzer's parts (issue 11, standing check 10): read the app's own OpenAPI document, derive a
 * valid request for each operation from its schemas, and mutate it field by field with hostile
 * values, so that a field's validation is reached with every other field valid. Pure: the test
 * (`fuzz.api.test.ts`) sends the cases and judges the answers.
 */
import { randomUUID } from 'node:crypto';
import { mulberry32 } from '../platform/random.js';

/** A JSON schema as the OpenAPI document spells it (only what the fuzzer reads). */
export interface Schema {
  $ref?: string;
  type?: string | string[];
  format?: string;
  pattern?: string;
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  examples?: unknown[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  'x-canonical'?: string;
}

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema: Schema;
}

export interface Operation {
  method: string;
  path: string;
  params: Parameter[];
  /** The JSON or form body's schema; null when the operation takes none (or only multipart). */
  body: Schema | null;
  contentType: 'application/json' | 'application/x-www-form-urlencoded' | null;
}

interface OpenApi {
  paths: Record<string, Record<string, { parameters?: Parameter[]; requestBody?: { content?: Record<string, { schema: Schema }> } }>>;
  components?: { schemas?: Record<string, Schema> };
}

/** Every operation of the document, its `$ref`s resolved. */
export function operationsOf(doc: OpenApi): Operation[] {
  const resolve = (s: Schema): Schema => (s.$ref ? resolve(doc.components!.schemas![s.$ref.split('/').pop()!]!) : s);
  const ops: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      const content = op.requestBody?.content ?? {};
      const contentType = 'application/json' in content ? 'application/json' : 'application/x-www-form-urlencoded' in content ? 'application/x-www-form-urlencoded' : null;
      ops.push({
        method: method.toUpperCase(), path,
        params: (op.parameters ?? []).map((p) => ({ ...p, schema: deref(p.schema, resolve) })),
        body: contentType ? deref(content[contentType]!.schema, resolve) : null,
        contentType,
      });
    }
  }
  return ops;
}

/** The schema with every nested `$ref` replaced (the documents have no cycles). */
function deref(s: Schema, resolve: (s: Schema) => Schema): Schema {
  const r = resolve(s);
  const out: Schema = { ...r };
  if (r.properties) out.properties = Object.fromEntries(Object.entries(r.properties).map(([k, v]) => [k, deref(v, resolve)]));
  if (r.items) out.items = deref(r.items, resolve);
  if (r.anyOf) out.anyOf = r.anyOf.map((v) => deref(v, resolve));
  if (r.oneOf) out.oneOf = r.oneOf.map((v) => deref(v, resolve));
  return out;
}

/** Values the fuzzer knows to be valid for a field, by name (ids of seeded rows, identifiers with their check digits); undefined leaves the field out. */
export type KnownValues = Record<string, unknown>;

/** Strings tried, in order, against a `pattern` with no known value. */
const PATTERN_CANDIDATES = ['property_inspection', '09:00', '1405-09', '3-120-45', '12345678', '1405', '2026-12-01', '0499370899', '09131234567', '8173645123', 'fuzz_user', 'ab', 'a1', '1', 'json'];

/** A value the schema accepts (as far as the schema alone can say: ids and codes come from `known`). */
export function validValue(s: Schema, name: string, known: KnownValues): unknown {
  if (name in known) return known[name];
  if (s.examples?.length) return s.examples[0];
  if (s.default !== undefined) return s.default;
  if (s.const !== undefined) return s.const;
  if (s.enum?.length) return s.enum[0];
  const branches = (s.anyOf ?? s.oneOf)?.filter((b) => b.type !== 'null');
  if (branches?.length) return validValue(branches[0]!, name, known);
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
  switch (type) {
    case 'integer':
    case 'number': {
      const low = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : 1);
      return Math.min(low, s.maximum ?? low);
    }
    case 'boolean':
      return true;
    case 'array':
      return s.items ? Array.from({ length: Math.max(1, s.minItems ?? 0) }, () => validValue(s.items!, name, known)) : [];
    case 'object':
      return s.properties ? Object.fromEntries(Object.entries(s.properties).map(([k, v]) => [k, validValue(v, k, known)])) : {};
    case 'string':
    case undefined:
      return validString(s, known);
    default:
      return null;
  }
}

function validString(s: Schema, known: KnownValues): string {
  const canonical = s['x-canonical'];
  if (canonical && canonical in known) return known[canonical] as string;
  switch (s.format) {
    case 'uuid':
      return randomUUID();
    case 'date':
      return '2026-12-01';
    case 'date-time':
      return '2027-06-01T05:30:00.000Z';
    case 'email':
      return 'fuzz@example.ir';
    case 'uri':
      return 'https://93.184.215.14/hooks/fuzz';
  }
  if (s.pattern) {
    const re = new RegExp(s.pattern, 'u');
    const hit = PATTERN_CANDIDATES.find((c) => re.test(c));
    if (hit) return hit;
  }
  const text = 'آزمون فازر ' + 'ا'.repeat(Math.max(0, (s.minLength ?? 0) - 11));
  return text.slice(0, s.maxLength ?? text.length);
}

/** A JSON text put in the body as it is: numbers JavaScript cannot hold (1e309), nesting. */
export interface Raw {
  raw: string;
}
const isRaw = (v: unknown): v is Raw => typeof v === 'object' && v !== null && 'raw' in v && Object.keys(v).length === 1;

/** Hostile values for any field: wrong types, non-finite and huge numbers, odd text, deep and wide JSON. */
export const HOSTILE: readonly unknown[] = [
  { raw: '1e309' }, { raw: '-1e309' }, 'Infinity', '-Infinity', 'NaN', '1e309',
  1e308, -1e308, 2 ** 53 + 2, -1, 0, 0.5, -0.000001,
  'a\u0000b', '\u202Eabc\u202C', 'علی\u200Cرضا', '۱۲٣4٥6۷۸۹0', '٠٤٩٩٣٧٠٨٩٩',
  "' OR '1'='1' --", "'; DROP TABLE persons; --", '<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', '{{7*7}}${7*7}', '../../../../etc/passwd',
  '2026-02-30', '2026-13-45T25:61:00Z', '0000-00-00', '1405/09/15', '\uD800', '😀'.repeat(100),
  '', ' ', 'x'.repeat(20_000), 'ي'.repeat(3000),
  true, null, [], {}, [1, 2, 3], { $gt: '' },
  { raw: '['.repeat(40) + ']'.repeat(40) }, { raw: JSON.stringify(Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`k${i}`, i]))) },
  { raw: `[${Array(10_000).fill(0).join(',')}]` }, '00000000-0000-0000-0000-000000000000', randomUUID(),
];

/** Hostile path segments (already URL-encoded where they must be). */
export const HOSTILE_PATH: readonly string[] = [
  randomUUID(), '00000000-0000-0000-0000-000000000000', '0', '-1', '1e309', 'Infinity', 'NaN', '%00', 'a%00b', 'x'.repeat(5000),
  '..%2F..%2Fetc%2Fpasswd', "'%20OR%20'1'%3D'1", '%3Cscript%3E', '%DB%B1%DB%B2%DB%B3', '%E2%80%AEabc', 'null', '%5B%5D', '%7B%7D', '9'.repeat(400), '2026-02-30',
];

/** The body as sent: JSON with raw pieces spliced in, or a form. */
export function encodeBody(value: unknown, contentType: Operation['contentType']): string {
  if (contentType === 'application/x-www-form-urlencoded') {
    const form = new URLSearchParams();
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      for (const [k, v] of Object.entries(value)) form.append(k, isRaw(v) ? v.raw : typeof v === 'string' ? v : JSON.stringify(v) ?? '');
    }
    return form.toString();
  }
  const raws: string[] = [];
  const text = JSON.stringify(value, (_k, v: unknown) => (isRaw(v) ? `\u0001RAW${raws.push(v.raw) - 1}\u0001` : v));
  // eslint-disable-next-line no-control-regex -- \u0001 marks the raw pieces; it cannot occur in JSON text
  return text.replace(/"\u0001RAW(\d+)\u0001"/g, (_m, i: string) => raws[Number(i)]!);
}

/** A query value as text; arrays repeat the parameter. */
export function queryText(v: unknown): string[] {
  if (isRaw(v)) return [v.raw];
  if (Array.isArray(v)) return v.length ? v.map((x) => (typeof x === 'string' ? x : JSON.stringify(x))) : [''];
  if (typeof v === 'string') return [v];
  return [v === null ? '' : JSON.stringify(v)];
}

/** One request of the fuzzer: what was changed (for the report) and the parts to send. */
export interface Case {
  label: string;
  path: Record<string, string>;
  query: Record<string, unknown>;
  body: unknown;
  /** A whole body as text, for the cases that break the body itself. */
  rawBody?: string;
  contentType?: string;
}

/** Where a hostile value can go: a body field (dotted path into the baseline), a query or a path parameter. */
type Target = { in: 'body'; path: string[] } | { in: 'query'; name: string } | { in: 'path'; name: string };

function bodyTargets(s: Schema | null, base: unknown, prefix: string[] = [], depth = 0): Target[] {
  if (!s?.properties || !base || typeof base !== 'object' || depth > 2) return [];
  const out: Target[] = [];
  for (const [k, v] of Object.entries(s.properties)) {
    out.push({ in: 'body', path: [...prefix, k] });
    const child = (base as Record<string, unknown>)[k];
    if (v.properties) out.push(...bodyTargets(v, child, [...prefix, k], depth + 1));
    else if (v.items?.properties && Array.isArray(child) && child.length) out.push(...bodyTargets(v.items, child[0], [...prefix, k, '0'], depth + 1));
  }
  return out;
}

function setIn(value: unknown, path: string[], v: unknown): unknown {
  const copy = structuredClone(value) as Record<string, unknown>;
  let at = copy;
  for (const key of path.slice(0, -1)) at = at[key] as Record<string, unknown>;
  at[path.at(-1)!] = v;
  return copy;
}

/**
 * At least `min` cases for the operation: the body broken as a whole, then every target with every
 * hostile value (value by value, so the worst values reach every field first), then random pairs
 * of targets changed together; at most `max`.
 */
export function casesFor(op: Operation, base: Case, min: number, max: number, seed: number): Case[] {
  const cases: Case[] = [];
  const variant = (label: string, change: Partial<Case>) => cases.push({ ...base, ...change, label });
  if (op.contentType === 'application/json') {
    for (const [label, raw] of [
      ['body: array', '[]'], ['body: string', '"x"'], ['body: number', '1e309'], ['body: null', 'null'], ['body: broken', '{"a":'],
      ['body: 5000 levels deep', '['.repeat(5000) + ']'.repeat(5000)], ['body: __proto__', '{"__proto__":{"admin":true}}'],
      ['body: constructor.prototype', '{"constructor":{"prototype":{"admin":true}}}'],
    ] as const) variant(label, { rawBody: raw });
    variant('body: text/plain', { rawBody: encodeBody(base.body, op.contentType), contentType: 'text/plain' });
  }
  const targets: Target[] = [
    ...bodyTargets(op.body, base.body),
    ...op.params.filter((p) => p.in === 'query').map((p) => ({ in: 'query' as const, name: p.name })),
    ...op.params.filter((p) => p.in === 'path').map((p) => ({ in: 'path' as const, name: p.name })),
  ];
  const apply = (c: Case, t: Target, v: unknown, i: number): Case => {
    if (t.in === 'body') return { ...c, body: setIn(c.body, t.path, v) };
    if (t.in === 'query') return { ...c, query: { ...c.query, [t.name]: v } };
    return { ...c, path: { ...c.path, [t.name]: HOSTILE_PATH[i % HOSTILE_PATH.length]! } };
  };
  const nameOf = (t: Target) => (t.in === 'body' ? t.path.join('.') : `${t.in}:${t.name}`);
  // With no field at all, unknown query parameters carry the hostile values.
  if (targets.length === 0) targets.push({ in: 'query', name: 'fuzz' });
  for (let i = 0; i < HOSTILE.length && cases.length < max; i++) {
    for (const t of targets) {
      if (t.in === 'path' && i >= HOSTILE_PATH.length) continue;
      if (cases.length >= max) break;
      cases.push({ ...apply(base, t, HOSTILE[i], i), label: `${nameOf(t)} = ${describeValue(t.in === 'path' ? HOSTILE_PATH[i] : HOSTILE[i])}` });
    }
  }
  const random = mulberry32(seed); // seeded: a failing case is the same on the next run
  const pick = <T,>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
  while (cases.length < min) {
    const [a, b] = [pick(targets), pick(targets)];
    const [i, j] = [Math.floor(random() * HOSTILE.length), Math.floor(random() * HOSTILE.length)];
    cases.push({ ...apply(apply(base, a, HOSTILE[i], i), b, HOSTILE[j], j), label: `${nameOf(a)} = ${describeValue(HOSTILE[i])}, ${nameOf(b)} = ${describeValue(HOSTILE[j])}` });
  }
  return cases;
}

/** A short name of a hostile value for the report. */
export function describeValue(v: unknown): string {
  const text = isRaw(v) ? `raw ${v.raw}` : typeof v === 'string' ? JSON.stringify(v) : JSON.stringify(v) ?? String(v);
  return text.length > 40 ? `${text.slice(0, 30)}… (${text.length} chars)` : text;
}

/** What an answer must never show: a stack frame, a driver's or the runtime's own words. */
export const LEAKS = /\n\s+at \S+|node_modules|\/work\/|SqliteError|better-sqlite3|syntax error at|violates|duplicate key|TypeError|ReferenceError|RangeError|Cannot read prop|is not a function|undefined is not|SQLITE_|ECONNREFUSED/;

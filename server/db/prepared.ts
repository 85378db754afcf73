/**
 * A hot query built and compiled once, each call only filling in its values (decision 0044).
 *
 * Kysely builds an immutable tree of nodes and compiles it to SQL on every call: on the bench's
 * reads that was a third to two fifths of the server's CPU (docs/performance.md). A prepared query
 * is built once per database kind and shape with a slot in place of each value, compiled, and kept;
 * a call puts its values where the slots were. The builder is the same function the services and
 * the plan check (explain.ts) use, so the SQL is the same.
 *
 * The rule for a builder: it may branch only on the values named in `shape` (they are real when it
 * builds, and part of the key the statement is kept under) and on whether a value is there at all
 * (a key left out or `undefined` stays `undefined`, and which values are there is part of the key
 * too); every other value reaches it as a slot and must go into the query as a value, untouched (no
 * arithmetic or string work on it). No lists (an `in` of an array is as long as the array).
 */
import { CompiledQuery, type Compilable } from 'kysely';
import { isPostgres } from './dialect.js';
import type { Db } from './database.js';

/** Where a value goes: its path in the values object. */
class Slot {
  constructor(readonly path: string) {}
}

function slotsOf(value: unknown, path: string, shape: ReadonlySet<string>): unknown {
  if (shape.has(path) || value === undefined) return value;
  if (Array.isArray(value)) throw new Error(`prepared query: ${path} is a list; a prepared statement takes single values`);
  if (isRecord(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, slotsOf(v, path ? `${path}.${k}` : k, shape)]));
  }
  return new Slot(path);
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype;

/** The paths of the values there (not `undefined`), outside the shape's: which of the builder's optional parts the statement has. */
function presentPaths(value: Record<string, unknown>, prefix: string, shape: ReadonlySet<string>, out: string[]): string[] {
  for (const [k, v] of Object.entries(value)) {
    const path = prefix ? `${prefix}.${k}` : k;
    if (v === undefined || shape.has(path)) continue;
    out.push(path);
    if (isRecord(v)) presentPaths(v, path, shape, out);
  }
  return out;
}

function valueAt(values: object, path: string): unknown {
  let at: unknown = values;
  for (const key of path.split('.')) at = (at as Record<string, unknown>)[key];
  return at;
}

export interface PreparedQuery<V extends object, O> {
  /** The statement with these values, as Kysely would have compiled it. */
  compile(db: Db, values: V): CompiledQuery<O>;
  execute(db: Db, values: V): Promise<O[]>;
  executeTakeFirst(db: Db, values: V): Promise<O | undefined>;
}

export function prepared<V extends object, O>(build: (db: Db, values: V) => Compilable<O>, shape: readonly string[] = []): PreparedQuery<V, O> {
  const shapePaths = new Set(shape);
  const kept = new Map<string, CompiledQuery<O>>();
  const compile = (db: Db, values: V): CompiledQuery<O> => {
    const key = JSON.stringify([isPostgres(db), ...shape.map((p) => valueAt(values, p)), ...presentPaths(values as Record<string, unknown>, '', shapePaths, [])]);
    let statement = kept.get(key);
    if (!statement) {
      statement = build(db, slotsOf(values, '', shapePaths) as V).compile();
      kept.set(key, statement);
    }
    return { ...statement, parameters: statement.parameters.map((p) => (p instanceof Slot ? valueAt(values, p.path) : p)) };
  };
  const execute = async (db: Db, values: V) => (await db.executeQuery(compile(db, values))).rows;
  return { compile, execute, executeTakeFirst: async (db, values) => (await execute(db, values))[0] };
}

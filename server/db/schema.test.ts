/**
 * `server/db/schema.ts` (the Kysely table types) must name exactly the tables and columns the
 * migrations create: a column added in a migration but not in the types (or the reverse) fails
 * here instead of as a runtime error in a query. Checked on SQLite, migrated in memory.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createDb, migrate } from './database.js';

const SCHEMA = path.join(import.meta.dirname, 'schema.ts');

/** Table name to column names, read from `interface Database` and the interfaces it names. */
function declaredTables(): Map<string, string[]> {
  const source = ts.createSourceFile(SCHEMA, fs.readFileSync(SCHEMA, 'utf8'), ts.ScriptTarget.Latest);
  const interfaces = new Map(source.statements.filter(ts.isInterfaceDeclaration).map((d) => [d.name.text, d]));
  const keysOf = (name: string): string[] => {
    const decl = interfaces.get(name);
    if (!decl) throw new Error(`server/db/schema.ts: no interface ${name}`);
    const inherited = (decl.heritageClauses ?? []).flatMap((h) => h.types.flatMap((t) => keysOf(t.expression.getText(source))));
    return [...inherited, ...decl.members.filter(ts.isPropertySignature).map((m) => m.name.getText(source))];
  };
  const database = interfaces.get('Database')!;
  return new Map(
    database.members.filter(ts.isPropertySignature).map((m) => {
      const type = m.type;
      if (!type || !ts.isTypeReferenceNode(type)) throw new Error(`server/db/schema.ts: Database.${m.name.getText(source)} is not a named interface`);
      return [m.name.getText(source), keysOf(type.typeName.getText(source))];
    }),
  );
}

async function migratedTables(): Promise<Map<string, string[]>> {
  const db = createDb({ databaseUrl: null, sqlitePath: ':memory:' });
  try {
    await migrate(db);
    const { rows } = await sql<{ table: string; column: string }>`
      SELECT m.name AS "table", c.name AS "column" FROM sqlite_master m, pragma_table_info(m.name) c
      WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND m.name NOT LIKE 'kysely\\_%' ESCAPE '\\'
      ORDER BY m.name, c.cid`.execute(db);
    const tables = new Map<string, string[]>();
    for (const r of rows) tables.set(r.table, [...(tables.get(r.table) ?? []), r.column]);
    return tables;
  } finally {
    await db.destroy();
  }
}

describe('server/db/schema.ts', () => {
  it('names the tables and columns the migrations create, no more and no fewer', async () => {
    const declared = declaredTables();
    const migrated = await migratedTables();
    const problems: string[] = [];
    for (const [table, columns] of migrated) {
      const keys = declared.get(table);
      if (!keys) {
        problems.push(`table ${table} is created by the migrations but missing from interface Database`);
        continue;
      }
      for (const c of columns) if (!keys.includes(c)) problems.push(`${table}.${c} is created by the migrations but missing from its interface`);
      for (const k of keys) if (!columns.includes(k)) problems.push(`${table}.${k} is in its interface but no migration creates it`);
    }
    for (const table of declared.keys()) if (!migrated.has(table)) problems.push(`table ${table} is in interface Database but no migration creates it`);
    expect(problems, 'server/db/schema.ts differs from the migrations: add the columns to (or remove them from) the table interfaces in server/db/schema.ts').toEqual([]);
    expect(migrated.size).toBeGreaterThan(30);
  });
});

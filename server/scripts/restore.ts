/**
 * `npm run restore -- FILE [--to TARGET] [--force]`: restore a backup made by `npm run backup`
 * into a new, empty database, then check the audit chain there. Exit code 1 on any failure.
 *   FILE           a .sqlite (SQLite) or .dump (PostgreSQL, pg_dump custom format) backup
 *   --to TARGET    a SQLite file path or a postgres:// URL of a database created for it (CREATE
 *                  DATABASE ...); default: the configured database (DATABASE_URL, else SQLITE_PATH)
 *   --schema NAME  PostgreSQL: the schema the backup holds, for the audit check (default: public)
 *   --force        replace a database that already holds tables (otherwise refused)
 */
import { parseArgs } from 'node:util';
import { parseConfig } from '../config.js';
import { createDb } from '../db/database.js';
import { verifyAuditChain } from '../platform/audit.js';
import { restoreDatabase, type Target } from '../platform/backup.js';
import { runScript } from './run-script.js';

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { to: { type: 'string' }, schema: { type: 'string' }, force: { type: 'boolean', default: false } },
  });
  const file = positionals[0];
  if (!file || positionals.length > 1) throw new Error('name one backup file: npm run restore -- FILE [--to TARGET] [--force]');
  const config = parseConfig();
  const to = values.to ?? config.databaseUrl ?? config.sqlitePath;
  const target: Target = /^postgres(ql)?:\/\//.test(to) ? { kind: 'postgres', url: to } : { kind: 'sqlite', path: to };
  if (target.kind === 'postgres' !== file.endsWith('.dump')) throw new Error('a .dump backup restores into PostgreSQL, a .sqlite one into SQLite');
  await restoreDatabase(file, target, { force: values.force });
  const db = createDb(target.kind === 'postgres' ? { databaseUrl: target.url, sqlitePath: '', ...(values.schema ? { pgSchema: values.schema } : {}) } : { databaseUrl: null, sqlitePath: target.path });
  try {
    const cases = await db.selectFrom('requests').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const chain = await verifyAuditChain(db);
    console.log(`restored ${file} into ${target.kind === 'postgres' ? 'PostgreSQL' : target.path}: ${Number(cases.n)} cases; audit chain ${chain.ok ? `OK (${chain.rows} rows)` : `BROKEN at seq ${chain.brokenAt}`}`);
    return chain.ok ? 0 : 1;
  } finally {
    await db.destroy();
  }
}

runScript(main, 'restore FAILED');

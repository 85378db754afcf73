/**
 * `npm run backup [-- --dir DIR] [--schema NAME]`: a full backup of the configured database
 * (DATABASE_URL, else SQLITE_PATH) into DIR (BACKUP_DIR; DATA_DIR/backups by default), named by
 * its UTC time. Safe while the app runs. Prints the file and its size; exit code 1 on failure.
 *   --dir DIR      where to write (overrides BACKUP_DIR)
 *   --schema NAME  PostgreSQL only: back up this schema alone (default: the whole database)
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parseConfig } from '../config.js';
import { backupDatabase, backupFileName, type Target } from '../platform/backup.js';
import { runScript } from './run-script.js';

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { dir: { type: 'string' }, schema: { type: 'string' } } });
  const config = parseConfig();
  const source: Target = config.databaseUrl
    ? { kind: 'postgres', url: config.databaseUrl, ...(values.schema ? { schema: values.schema } : {}) }
    : { kind: 'sqlite', path: config.sqlitePath };
  const file = path.join(path.resolve(values.dir ?? config.backupDir), backupFileName(source.kind, new Date()));
  const result = await backupDatabase(source, file);
  console.log(`backup written: ${result.file} (${(result.bytes / 1024 / 1024).toFixed(1)} MB)`);
  return 0;
}

runScript(main, 'backup FAILED');

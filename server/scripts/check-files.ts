/**
 * `npm run files:check`: every file the configured database names (documents, thumbnails, letters)
 * is in the configured blob store (DATA_DIR/files, or the S3 bucket of BLOB_STORE=s3). Run it in
 * the restore drill, after the database and the files are back. Exit code 1 when one is missing.
 */
import fs from 'node:fs';
import { parseConfig } from '../config.js';
import { createDb } from '../db/database.js';
import { filesMissingFromStore } from '../platform/backup.js';
import { blobStoreFrom } from '../platform/storage.js';
import { runScript } from './run-script.js';

async function main(): Promise<number> {
  const config = parseConfig();
  if (!config.databaseUrl && !fs.existsSync(config.sqlitePath)) throw new Error(`no database at ${config.sqlitePath}`);
  const store = blobStoreFrom(config.blobStore);
  await store.check();
  const db = createDb(config);
  try {
    const report = await filesMissingFromStore(db, store);
    const where = config.blobStore.kind === 'local' ? config.blobStore.dir : `bucket ${config.blobStore.bucket}`;
    if (report.missing.length === 0) {
      console.log(`files OK: all ${report.checked} files the database names are in ${where}`);
      return 0;
    }
    console.log(`files MISSING: ${report.missing.length} of ${report.checked} files the database names are not in ${where}:`);
    for (const sha of report.missing.slice(0, 20)) console.log(`  ${sha}`);
    if (report.missing.length > 20) console.log(`  … and ${report.missing.length - 20} more`);
    return 1;
  } finally {
    await db.destroy();
  }
}

runScript(main, 'files NOT CHECKED');

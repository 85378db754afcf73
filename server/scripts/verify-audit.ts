/**
 * `npm run audit:verify`: recompute the audit log's hash chain, and the content hash of every row not
 * yet sealed, and say whether it is intact.
 * Exit code 0 when it is, 1 when it is broken or cannot be read (so cron and CI can alert on it).
 */
import fs from 'node:fs';
import { parseConfig } from '../config.js';
import { createDb } from '../db/database.js';
import { verifyAuditChain } from '../platform/audit.js';
import { runScript } from './run-script.js';

async function main(): Promise<number> {
  const config = parseConfig();
  // Opening a missing SQLite file would create an empty one and report a confusing "no such table".
  if (!config.databaseUrl && !fs.existsSync(config.sqlitePath)) {
    console.error(`audit chain NOT CHECKED: no database at ${config.sqlitePath}`);
    return 1;
  }
  const db = createDb(config);
  try {
    const report = await verifyAuditChain(db);
    if (report.ok) {
      const lag = report.oldestPendingAt ? `, oldest written ${report.oldestPendingAt}` : '';
      console.log(`audit chain OK: ${report.rows} rows (${report.sealed} sealed, ${report.pending} not yet sealed${lag})`);
      return 0;
    }
    console.log(`audit chain BROKEN at seq ${report.brokenAt}`);
    return 1;
  } finally {
    await db.destroy();
  }
}

runScript(main, 'audit chain NOT CHECKED');

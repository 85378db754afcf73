/**
 * `npm run rollups:rebuild [cityId]`: recompute the dashboards' rollup tables (rollup_cases,
 * rollup_steps) from the cases and their timelines, and the inspectors' open visits
 * (inspector_open_visits) from the cases, after a bulk load or to repair drift.
 * Exit code 0 when done, 1 when it could not run.
 */
import fs from 'node:fs';
import { parseConfig } from '../config.js';
import { createDb } from '../db/database.js';
import { rebuildRollups } from '../modules/reports/index.js';
import { rebuildOpenVisits } from '../modules/requests/index.js';
import { runScript } from './run-script.js';

async function main(): Promise<number> {
  const config = parseConfig();
  // Opening a missing SQLite file would create an empty one and report a confusing "no such table".
  if (!config.databaseUrl && !fs.existsSync(config.sqlitePath)) {
    console.error(`rollups NOT REBUILT: no database at ${config.sqlitePath}`);
    return 1;
  }
  const db = createDb(config);
  try {
    const cityId = process.argv[2];
    const started = Date.now();
    await rebuildOpenVisits(db, cityId);
    const r = await rebuildRollups(db, new Date(), cityId);
    console.log(`open visits counted again; rollups rebuilt${cityId ? ` for city ${cityId}` : ''}: ${r.cases} cases -> ${r.caseRows} case rows, ${r.stepRows} step rows, ${r.sealedMonths} months sealed, in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return 0;
  } finally {
    await db.destroy();
  }
}

runScript(main, 'rollups NOT REBUILT');

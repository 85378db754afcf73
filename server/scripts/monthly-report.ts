/**
 * `npm run report:monthly -- --month 1405-09 [--district 3] [--out file.pdf]`: the monthly report
 * (PDF) of a Jalali month for the city, or for one district by its number. Reads the same
 * configuration as the server (DATABASE_URL or SQLITE_PATH); prints with the server's Chromium.
 * Exit code 0 when the file is written, 1 otherwise.
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { parseConfig } from '../config.js';
import { createDb } from '../db/database.js';
import { createCtx } from '../app.js';
import { monthlyReportPdf, parseJalaliMonth } from '../modules/dashboards/index.js';
import { runScript } from './run-script.js';

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { month: { type: 'string' }, district: { type: 'string' }, out: { type: 'string' }, city: { type: 'string' } } });
  if (!values.month || !parseJalaliMonth(values.month)) {
    console.error('usage: npm run report:monthly -- --month 1405-09 [--district 3] [--out file.pdf] [--city isfahan]');
    return 1;
  }
  const config = parseConfig();
  if (!config.databaseUrl && !fs.existsSync(config.sqlitePath)) {
    console.error(`no database at ${config.sqlitePath}`);
    return 1;
  }
  const db = createDb(config);
  const ctx = createCtx(config, { db });
  try {
    let cities = db.selectFrom('cities').select(['id', 'code']).orderBy('code');
    if (values.city) cities = cities.where('code', '=', values.city);
    const city = await cities.executeTakeFirst();
    if (!city) {
      console.error(values.city ? `no city with code ${values.city}` : 'the database has no city');
      return 1;
    }
    let districtId: string | null = null;
    if (values.district) {
      const district = await db.selectFrom('districts').select('id').where('city_id', '=', city.id).where('number', '=', Number(values.district)).executeTakeFirst();
      if (!district) {
        console.error(`no district ${values.district} in ${city.code}`);
        return 1;
      }
      districtId = district.id;
    }
    const report = await monthlyReportPdf(ctx, city.id, values.month, districtId);
    const out = values.out ?? report.fileName;
    fs.writeFileSync(out, report.bytes);
    console.log(`wrote ${out} (${report.bytes.length} bytes)`);
    return 0;
  } finally {
    await ctx.pdf.close();
    await db.destroy();
  }
}

runScript(main, 'monthly report NOT WRITTEN');

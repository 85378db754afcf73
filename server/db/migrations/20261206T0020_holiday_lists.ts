import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';

/**
 * One row per city and Solar Hijri year whose holidays are held: whether that year's list is the
 * published official one, a provisional computation, or confirmed by the city admin (0018).
 * Lists written before this migration were computed with ICU's Umm al-Qura calendar: they are
 * recorded as provisional, so the admin is warned and the official data replaces them.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('holiday_lists')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('city_id', 'text', (c) => c.notNull().references('cities.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('confirmed_by', 'text', (c) => c.references('staff.id'))
    .addColumn('confirmed_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('holiday_lists_city_year_uq', ['city_id', 'year'])
    .execute();

  const rows = await db.selectFrom('holidays').select(['city_id', 'date']).where('kind', 'in', ['solar', 'lunar']).execute();
  // The Jalali year of a civil date (formatted at UTC noon, so no zone shift).
  const persian = new Intl.DateTimeFormat('en-u-ca-persian-nu-latn', { timeZone: 'UTC', year: 'numeric' });
  const jalaliYear = (iso: string) => Number.parseInt(persian.format(new Date(`${iso}T12:00:00Z`)), 10);
  const held = new Map<string, { city_id: string; year: number }>();
  for (const r of rows as Array<{ city_id: string; date: string }>) {
    const year = jalaliYear(r.date);
    held.set(`${r.city_id}:${year}`, { city_id: r.city_id, year });
  }
  const now = new Date().toISOString();
  for (const h of held.values()) {
    await db
      .insertInto('holiday_lists')
      .values({
        id: uuidv7(),
        city_id: h.city_id, year: h.year, status: 'provisional',
        source: 'Umm al-Qura (ICU), before 0018', confirmed_by: null, confirmed_at: null, updated_at: now,
      })
      .execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('holiday_lists').execute();
}

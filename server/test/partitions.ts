import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import type { YearCityTable } from '../db/partitions.js';

/** The years a table partitioned by year and city (db/partitions.ts) has partitions for, on PostgreSQL. */
export async function yearsMade(db: Db, table: YearCityTable): Promise<number[]> {
  const { rows } = await sql<{ name: string }>`
    select c.relname as name from pg_inherits i join pg_class c on c.oid = i.inhrelid where i.inhparent = ${table}::regclass`.execute(db);
  return rows.flatMap((r) => new RegExp(`^${table}_y(\\d{4})$`).exec(r.name)?.[1] ?? []).map(Number).sort((a, b) => a - b);
}

/** The partitions under a table, a year's own parts indented under it. */
export async function partitionTree(db: Db, table: YearCityTable): Promise<string[]> {
  const { rows } = await sql<{ name: string; level: number }>`
    select c.relname as name, t.level from pg_partition_tree(${table}::regclass) t join pg_class c on c.oid = t.relid
    where t.level > 0 order by c.relname collate "C"`.execute(db);
  return rows.map((r) => `${'  '.repeat(r.level - 1)}${r.name}`);
}

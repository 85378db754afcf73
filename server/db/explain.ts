/**
 * Does a query still use its indexes? The database's own plan for each query, searched for a read
 * of a whole big table (server/db/explain.api.test.ts runs it on every hot query of the server).
 *   SQLite: EXPLAIN QUERY PLAN; a line "SCAN <table>" reads every row, in the table's order or, with
 *   "USING INDEX", in an index's order (SEARCH is what an index lookup looks like).
 *   PostgreSQL: EXPLAIN (FORMAT JSON) with sequential scans priced out (enable_seqscan = off, in a
 *   transaction of its own): a "Seq Scan" left in the plan means no index could serve it, and an
 *   index scan without an "Index Cond" walks a whole index for its order (a partition counts as its
 *   table: request_events and audit_log are partitioned by year and city, on PostgreSQL). On a test database's few
 *   rows the planner would rightly prefer a scan; with scans priced out it shows what it would do
 *   on a big table.
 * A hot query may also name the column each of its tables must be searched by (`by`): a plan that
 * reaches the table through another index (a city-wide one where a desk's would do, or the index on
 * `request_id` among 200,000 inquiries where the primary key finds the one) is reported too.
 * Without `by`, a query served by a less selective index still searches an index, and passes.
 */
import { CompiledQuery, sql, type Compilable } from 'kysely';
import { isPostgres, type Db } from './database.js';

/** Tables that grow with the cases (the rest are the organisation, the catalogue and settings). */
export const BIG_TABLES: ReadonlySet<string> = new Set([
  'requests', 'request_events', 'inspections', 'responses', 'persons', 'properties', 'property_owners', 'inquiries', 'letters',
  'letter_jobs', 'outbox', 'audit_log', 'sessions', 'api_keys', 'documents', 'followups', 'escalations', 'rollup_cases', 'rollup_steps',
  'rollup_cases_monthly', 'rollup_cases_monthly_districts', 'rollup_steps_monthly', 'rollup_steps_monthly_districts', 'rollup_steps_monthly_desks',
]);

export interface HotQuery {
  name: string;
  query: Compilable;
  /** Table → the column its index search must start with (the plan's first condition on it). */
  by?: Readonly<Record<string, string>>;
}

export interface TableScan {
  query: string;
  table: string;
  /** The plan line (SQLite) or node (PostgreSQL) that reads the whole table, or searches it by another column than `by` names. */
  plan: string;
}

/** The tables of `by` searched by another column than the one named (or not searched at all), given the plan's index searches. */
function wrongSearches(hot: HotQuery, searches: readonly { table: string; column: string | null; plan: string }[]): TableScan[] {
  return Object.entries(hot.by ?? {}).flatMap(([table, column]) => {
    const found = searches.filter((s) => s.table === table);
    if (found.length === 0) return [{ query: hot.name, table, plan: `no search of ${table} in the plan` }];
    return found.filter((s) => s.column !== column).map((s) => ({ query: hot.name, table, plan: s.plan }));
  });
}

/** `"table" as "alias"` in the statement: a plan names the alias. */
function aliases(text: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const m of text.matchAll(/"(\w+)" as "(\w+)"/g)) map.set(m[2]!, m[1]!);
  return map;
}

async function sqliteScans(db: Db, hot: HotQuery): Promise<TableScan[]> {
  const compiled = hot.query.compile();
  const names = aliases(compiled.sql);
  const { rows } = await db.executeQuery<{ detail: string }>(CompiledQuery.raw(`EXPLAIN QUERY PLAN ${compiled.sql}`, [...compiled.parameters]));
  const tableOf = (name: string) => names.get(name) ?? name;
  const scans = rows.flatMap(({ detail }) => {
    const scan = /^SCAN (\w+)/.exec(detail);
    if (!scan) return [];
    const table = tableOf(scan[1]!);
    return BIG_TABLES.has(table) ? [{ query: hot.name, table, plan: detail }] : [];
  });
  // "SEARCH inquiries USING INDEX x (id=?)", "SEARCH t USING INTEGER PRIMARY KEY (rowid=?)": the first column of the condition.
  const searches = rows.flatMap(({ detail }) => {
    const search = /^SEARCH (\w+) USING .*?\((\w+)[=<>]/.exec(detail);
    return search ? [{ table: tableOf(search[1]!), column: search[2]!, plan: detail }] : [];
  });
  return [...scans, ...wrongSearches(hot, searches)];
}

interface PgPlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  Alias?: string;
  'Index Cond'?: string;
  Plans?: PgPlanNode[];
}

/** Nodes that read a whole table: a sequential scan, or an index scan with no condition on the index. */
function wholeReads(node: PgPlanNode): PgPlanNode[] {
  const type = node['Node Type'];
  const whole = type === 'Seq Scan' || ((type === 'Index Scan' || type === 'Index Only Scan') && node['Index Cond'] === undefined);
  return [...(whole ? [node] : []), ...(node.Plans ?? []).flatMap(wholeReads)];
}

/** A partition's table (request_events_y2026_c1 is request_events, at any depth): the plan names partitions. */
async function partitionParents(db: Db): Promise<Map<string, string>> {
  const { rows } = await sql<{ child: string; parent: string }>`
    select c.relname as child, p.relname as parent
    from pg_inherits i join pg_class c on c.oid = i.inhrelid join pg_class p on p.oid = pg_partition_root(c.oid)`.execute(db);
  return new Map(rows.map((r) => [r.child, r.parent]));
}

/** Index searches with their table (a Bitmap Index Scan names none: its table is the Bitmap Heap Scan's above it, through any BitmapAnd/Or). */
function indexSearches(node: PgPlanNode, above = ''): { node: PgPlanNode; relation: string }[] {
  const relation = node['Relation Name'] ?? above;
  return [...(node['Index Cond'] !== undefined ? [{ node, relation }] : []), ...(node.Plans ?? []).flatMap((child) => indexSearches(child, relation))];
}

async function postgresScans(db: Db, hot: HotQuery, parents: Map<string, string>): Promise<TableScan[]> {
  const compiled = hot.query.compile();
  return db.transaction().execute(async (trx) => {
    await sql`set local enable_seqscan = off`.execute(trx);
    const { rows } = await trx.executeQuery<{ 'QUERY PLAN': [{ Plan: PgPlanNode }] }>(CompiledQuery.raw(`EXPLAIN (FORMAT JSON) ${compiled.sql}`, [...compiled.parameters]));
    const plan = rows[0]!['QUERY PLAN'][0].Plan;
    const tableOf = (relation: string) => parents.get(relation) ?? relation;
    const scans = wholeReads(plan).flatMap((n) => {
      const table = tableOf(n['Relation Name'] ?? '');
      return BIG_TABLES.has(table) ? [{ query: hot.name, table, plan: `${n['Node Type']} on ${n['Relation Name'] ?? ''} ${n.Alias ?? ''}`.trim() }] : [];
    });
    // "(id = $1)", "((id)::text = $1)", "((request_id IS NULL) AND ...)": the first column named.
    const searches = indexSearches(plan).map(({ node, relation }) => ({
      table: tableOf(relation),
      column: /^\(*(?:\w+\.)?(\w+)/.exec(node['Index Cond']!)?.[1] ?? null,
      plan: `${node['Node Type']} on ${relation}: ${node['Index Cond']}`,
    }));
    return [...scans, ...wrongSearches(hot, searches)];
  });
}

/** Every read of a whole big table in the plans of these queries; none when each uses an index. */
export async function tableScans(db: Db, queries: readonly HotQuery[]): Promise<TableScan[]> {
  const parents = isPostgres(db) ? await partitionParents(db) : new Map<string, string>();
  const scans: TableScan[] = [];
  for (const q of queries) scans.push(...(await (isPostgres(db) ? postgresScans(db, q, parents) : sqliteScans(db, q))));
  return scans;
}

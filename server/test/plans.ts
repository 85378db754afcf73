import { CompiledQuery, sql, type Compilable } from 'kysely';
import { isPostgres, type Db } from '../db/database.js';

/**
 * The plan of a statement as the app runs it, run and rolled back (it may write). On PostgreSQL a
 * generic plan, made before the parameters are known, as the pool's prepared statements are
 * (decision 0044): what is pruned there is pruned for the app. Sequential scans are priced out: a
 * test database's few rows fit a page, where a scan beats any index, and the question is which
 * partitions and index can serve the statement at a city's size. On SQLite, EXPLAIN QUERY PLAN.
 */
export async function planAsRun(db: Db, query: Compilable): Promise<string> {
  const q = query.compile();
  let text = '';
  await db
    .transaction()
    .execute(async (trx) => {
      let rows: Record<string, string>[];
      if (isPostgres(db)) {
        await sql`set local enable_seqscan = off`.execute(trx);
        await sql`set local plan_cache_mode = force_generic_plan`.execute(trx);
        await trx.executeQuery(CompiledQuery.raw(`prepare plan_as_run as ${q.sql}`, []));
        // EXECUTE takes its arguments in its text (a utility statement has no bind parameters).
        const args = q.parameters.map((v) => (typeof v === 'number' ? String(v) : `'${String(v).replaceAll("'", "''")}'`)).join(', ');
        rows = (await trx.executeQuery<Record<string, string>>(CompiledQuery.raw(`explain (analyze, costs off, timing off, summary off) execute plan_as_run${args ? `(${args})` : ''}`, []))).rows;
        // A prepared statement outlives the transaction.
        await sql`deallocate plan_as_run`.execute(trx);
      } else rows = (await trx.executeQuery<Record<string, string>>(CompiledQuery.raw(`explain query plan ${q.sql}`, [...q.parameters]))).rows;
      text = rows.map((r) => r['QUERY PLAN'] ?? r.detail).join('\n');
      throw new Error('rollback');
    })
    .catch((err: Error) => {
      if (err.message !== 'rollback') throw err;
    });
  return text;
}

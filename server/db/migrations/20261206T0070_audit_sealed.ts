import { createHash } from 'node:crypto';
import { PostgresAdapter, sql, type CreateTableBuilder, type Kysely } from 'kysely';

/**
 * The audit log without a global lock (issue 14, item 1; decision 0036). Until now every write
 * locked the chain's one head row to append; now a row is inserted with its content hash and a
 * background sealer chains it. `seq` becomes a number the database gives (SQLite's rowid, a
 * PostgreSQL identity), `row_hash` is new, and the chain moves to `chain_seq`, `prev_hash`, `hash`
 * (null until sealed).
 *
 * SQLite cannot make a column nullable in place, so the table is rebuilt on both databases. The
 * rows already there are checked against the old chain as they are copied (a broken chain stops the
 * migration: an operator looks before the evidence is rewritten) and sealed under the new links in
 * their old order. The hash formulas are written out here, not imported, so this migration never
 * changes when the live code does.
 */
const isPostgres = (db: Kysely<any>) => db.getExecutor().adapter instanceof PostgresAdapter;
const sha256 = (parts: unknown[]) => createHash('sha256').update(JSON.stringify(parts)).digest('hex');
const GENESIS = '0'.repeat(64);
const PAGE = 2000;

interface OldRow {
  seq: number; at: string; actor_staff_id: string | null; actor_role: string | null; actor_office_id: string | null;
  action: string; entity_type: string; entity_id: string | null; ip: string | null; details: string | null; prev_hash: string; hash: string;
}

/** What a row says: the same columns before and after. */
const contentColumns = (t: CreateTableBuilder<string, never>) =>
  t
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_staff_id', 'text')
    .addColumn('actor_role', 'text')
    .addColumn('actor_office_id', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text')
    .addColumn('ip', 'text')
    .addColumn('details', 'text');

const createIndexes = async (db: Kysely<any>) => {
  await db.schema.createIndex('audit_log_entity_idx').on('audit_log').columns(['entity_type', 'entity_id']).execute();
  await db.schema.createIndex('audit_log_actor_idx').on('audit_log').columns(['actor_staff_id', 'seq']).execute();
  await db.schema.createIndex('audit_log_at_idx').on('audit_log').column('at').execute();
};

/** Copy the old chain into the new table, checking every old link and sealing under the new ones. */
async function carryOver(db: Kysely<any>): Promise<{ count: number; head: string }> {
  let oldPrev = GENESIS;
  let newPrev = GENESIS;
  let count = 0;
  for (;;) {
    const page = (await db.selectFrom('audit_log').selectAll().where('seq', '>', count).orderBy('seq').limit(PAGE).execute()) as OldRow[];
    if (page.length === 0) break;
    const rows = page.map((r) => {
      const oldHash = sha256([r.seq, r.at, r.actor_staff_id, r.actor_role, r.actor_office_id, r.action, r.entity_type, r.entity_id, r.ip, r.details, r.prev_hash]);
      if (r.seq !== count + 1 || r.prev_hash !== oldPrev || oldHash !== r.hash) {
        throw new Error(`audit chain broken at seq ${count + 1}: the log is left as it is; run npm run audit:verify on the previous version and investigate`);
      }
      oldPrev = r.hash;
      count = r.seq;
      const rowHash = sha256([r.at, r.actor_staff_id, r.actor_role, r.actor_office_id, r.action, r.entity_type, r.entity_id, r.ip, r.details]);
      const hash = sha256([r.seq, r.seq, rowHash, newPrev]);
      const row = { ...r, row_hash: rowHash, chain_seq: r.seq, prev_hash: newPrev, hash };
      newPrev = hash;
      return row;
    });
    await db.insertInto('audit_log_sealed').values(rows).execute();
  }
  const oldHead = (await db.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirst());
  if (oldHead && (oldHead.seq !== count || oldHead.hash !== oldPrev)) {
    throw new Error(`audit chain broken at seq ${count + 1}: the head points past the last row`);
  }
  return { count, head: newPrev };
}

export async function up(db: Kysely<any>): Promise<void> {
  const pg = isPostgres(db);
  await db.schema
    .createTable('audit_log_sealed')
    .addColumn('seq', pg ? 'bigint' : 'integer', (c) => (pg ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey()))
    .$call(contentColumns)
    .addColumn('row_hash', 'text', (c) => c.notNull())
    .addColumn('chain_seq', pg ? 'bigint' : 'integer', (c) => c.unique())
    .addColumn('prev_hash', 'text')
    .addColumn('hash', 'text')
    .execute();

  let carried: { count: number; head: string };
  try {
    carried = await carryOver(db);
  } catch (err) {
    // SQLite runs migrations outside a transaction: leave nothing behind for the next start.
    await db.schema.dropTable('audit_log_sealed').ifExists().execute();
    throw err;
  }
  const { count, head: newPrev } = carried;
  await db.updateTable('audit_head').set({ seq: count, hash: newPrev }).where('id', '=', 1).execute();

  await db.schema.dropTable('audit_log').execute();
  await db.schema.alterTable('audit_log_sealed').renameTo('audit_log').execute();
  if (pg && count > 0) await sql`select setval(pg_get_serial_sequence('audit_log', 'seq'), ${count})`.execute(db);
  await createIndexes(db);
  // What the sealer reads: the rows not yet chained, in order.
  await db.schema.createIndex('audit_log_pending_idx').on('audit_log').column('seq').where(sql.ref('chain_seq'), 'is', null).execute();
}

/** Back to one locked chain: the rows in chain order (then those not yet sealed, by seq), numbered 1.. and chained the old way. */
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('audit_log_chained')
    .addColumn('seq', 'integer', (c) => c.primaryKey())
    .$call(contentColumns)
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  let prev = GENESIS;
  let seq = 0;
  for (const sealed of [true, false]) {
    for (let after = 0; ; ) {
      const key = sealed ? 'chain_seq' : 'seq';
      let q = db.selectFrom('audit_log').selectAll().where(key, '>', after).orderBy(key).limit(PAGE);
      q = sealed ? q.where('chain_seq', 'is not', null) : q.where('chain_seq', 'is', null);
      const page = (await q.execute()) as (OldRow & { chain_seq: number | null })[];
      if (page.length === 0) break;
      after = page.at(-1)![key] as number;
      const rows = page.map((r) => {
        seq += 1;
        const row = { seq, at: r.at, actor_staff_id: r.actor_staff_id, actor_role: r.actor_role, actor_office_id: r.actor_office_id, action: r.action,
          entity_type: r.entity_type, entity_id: r.entity_id, ip: r.ip, details: r.details, prev_hash: prev };
        const hash = sha256([row.seq, row.at, row.actor_staff_id, row.actor_role, row.actor_office_id, row.action, row.entity_type, row.entity_id, row.ip, row.details, row.prev_hash]);
        prev = hash;
        return { ...row, hash };
      });
      await db.insertInto('audit_log_chained').values(rows).execute();
    }
  }
  await db.updateTable('audit_head').set({ seq, hash: prev }).where('id', '=', 1).execute();
  await db.schema.dropTable('audit_log').execute();
  await db.schema.alterTable('audit_log_chained').renameTo('audit_log').execute();
  await createIndexes(db);
}

/**
 * Append-only audit log, sealed into a hash chain in the background (decision 0036).
 *
 * A write appends its rows in its own transaction with one INSERT and no lock: the row's number
 * (`seq`) comes from the database, and `row_hash` covers the row's content. No writer waits on
 * another writer's audit row, so the log does not serialise the city.
 *
 * One sealer at a time (`sealAudit`, run by every node's background loop; on PostgreSQL the others
 * skip the locked head) takes the rows committed since its last pass, in `seq` order, and chains
 * them: each gets the next chain position (`chain_seq`) and `hash = H(chain_seq, seq, row_hash,
 * prev_hash)`. A row that commits late (a smaller `seq` than rows already sealed) is sealed in the
 * next pass, so the chain's order is the order rows became visible, and no row is ever skipped.
 *
 * `verifyAuditChain` walks the sealed chain and recomputes every hash, then checks every row not yet
 * sealed against its `row_hash`. Changing, deleting or reordering a sealed row breaks the chain; a
 * row changed before it was sealed no longer matches its `row_hash`. A row deleted before it was
 * sealed leaves no trace: that window is the sealer's lag, which the verifier reports.
 */
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { isPostgres, type Db } from '../db/database.js';
import type { AuditLogTable } from '../db/schema.js';
import type { Actor } from './actor.js';
import { inTransaction } from '../db/sql.js';

export interface AuditEntry {
  action: string; // e.g. 'request.approve', 'person.read'
  entityType: string;
  entityId: string | null;
  details?: Record<string, unknown>;
  /**
   * The city a row without an actor concerns (a bank's inquiry, a citizen's step on a case, a letter
   * printed): its city's auditors see it, and no other city's. A staff actor's row is its actor's city.
   */
  cityId?: string | null;
}

export const AUDIT_GENESIS = '0'.repeat(64);

/** What a row says, as the database holds it (before sealing). */
export type AuditContent = Pick<
  AuditLogTable,
  'at' | 'actor_staff_id' | 'actor_role' | 'actor_office_id' | 'action' | 'entity_type' | 'entity_id' | 'ip' | 'details' | 'city_id'
>;

const sha256 = (parts: unknown[]) => createHash('sha256').update(JSON.stringify(parts)).digest('hex');

/** The hash of a row's content, written with the row; a row without a city is hashed as rows were before the log had cities. */
export function auditRowHash(r: AuditContent): string {
  const content = [r.at, r.actor_staff_id, r.actor_role, r.actor_office_id, r.action, r.entity_type, r.entity_id, r.ip, r.details];
  return sha256(r.city_id === null ? content : [...content, r.city_id]);
}

/**
 * Does a row still say what it said when written? Its content, its city included, matches its hash;
 * or its content without a city matches, and its city is its actor's (`actorCityId`, from the staff
 * record; null without an actor): a row without an actor, and a row written before the log had
 * cities (migration 20261208T0020 gave it its actor's). A sealed row's hash is held by the chain, so
 * a row moved to another city's view, or out of its own, fails either way.
 */
export function auditRowHolds(r: AuditContent & { row_hash: string }, actorCityId: string | null): boolean {
  if (r.city_id !== null && auditRowHash(r) === r.row_hash) return true;
  return r.city_id === actorCityId && auditRowHash({ ...r, city_id: null }) === r.row_hash;
}

/** The chain link the sealer writes: the row's place in the chain, its number, its content and the link before it. */
export function auditLinkHash(chainSeq: number, seq: number, rowHash: string, prevHash: string): string {
  return sha256([chainSeq, seq, rowHash, prevHash]);
}

/** The row to insert for an entry (no `seq`: the database gives it). */
export function auditRow(actor: Actor | null, entry: AuditEntry, at: Date): Omit<AuditLogTable, 'seq'> {
  const content: AuditContent = {
    at: at.toISOString(),
    actor_staff_id: actor?.staffId ?? null,
    actor_role: actor?.role ?? null,
    actor_office_id: actor?.officeId ?? null,
    action: entry.action,
    entity_type: entry.entityType,
    entity_id: entry.entityId,
    ip: actor?.ip ?? null,
    details: entry.details ? JSON.stringify(entry.details) : null,
    // The actor's city, or the city the entry concerns; a row with neither is shown to every city's auditors.
    city_id: actor?.cityId ?? entry.cityId ?? null,
  };
  return { ...content, row_hash: auditRowHash(content), chain_seq: null, prev_hash: null, hash: null };
}

/**
 * An audit row to write: a staff member's, or no one's, which must then say which city it concerns
 * (`cityId`, null for none): left out, every city's auditors would see it.
 */
export type AuditRecord = ({ actor: Actor; entry: AuditEntry } | { actor: null; entry: AuditEntry & { cityId: string | null } }) & { at: Date };

/** Append within the caller's transaction (writes) so the audit row commits with the change. */
export function appendAudit(trx: Db, actor: Actor, entry: AuditEntry, at: Date): Promise<void>;
export function appendAudit(trx: Db, actor: null, entry: AuditEntry & { cityId: string | null }, at: Date): Promise<void>;
export function appendAudit(trx: Db, actor: Actor | null, entry: AuditEntry, at: Date): Promise<void> {
  return appendAudits(trx, [{ actor, entry, at } as AuditRecord]);
}

/** Several rows of one write in one INSERT, in order; no lock, no read. */
export async function appendAudits(trx: Db, entries: readonly AuditRecord[]): Promise<void> {
  if (entries.length === 0) return;
  await trx.insertInto('audit_log').values(entries.map(({ actor, entry, at }) => auditRow(actor, entry, at))).execute();
}

/**
 * Record a read (of a person's data). Inside the caller's transaction, one more row of it. Otherwise
 * the reads of the same moment share one INSERT (group commit): each read's row joins the batch
 * under way, the batch is written once the event loop has taken in the requests that arrived
 * together, and every read waits for its batch, so no read is answered before its row is stored.
 * A failed batch fails each of its reads.
 */
export async function auditRead(db: Db, actor: Actor, entry: AuditEntry, at: Date): Promise<void> {
  if (db.isTransaction) return appendAudit(db, actor, entry, at);
  let batch = readBatches.get(db);
  if (!batch) {
    const started: ReadBatch = { rows: [], waiters: [] };
    readBatches.set(db, started);
    setImmediate(() => void writeReadBatch(db, started));
    batch = started;
  }
  batch.rows.push({ actor, entry, at });
  return new Promise((resolve, reject) => batch.waiters.push({ resolve, reject }));
}

interface ReadBatch {
  rows: { actor: Actor; entry: AuditEntry; at: Date }[];
  waiters: { resolve: () => void; reject: (err: unknown) => void }[];
}

/** The batch of read rows still taking rows, per database. */
const readBatches = new WeakMap<Db, ReadBatch>();
/** Rows an INSERT carries at most (SQLite allows 32,766 parameters; a row has 14). */
const READ_BATCH_ROWS = 500;

async function writeReadBatch(db: Db, batch: ReadBatch): Promise<void> {
  readBatches.delete(db);
  try {
    if (batch.rows.length <= READ_BATCH_ROWS) await appendAudits(db, batch.rows);
    else
      await inTransaction(db, async (trx) => {
        for (let i = 0; i < batch.rows.length; i += READ_BATCH_ROWS) await appendAudits(trx, batch.rows.slice(i, i + READ_BATCH_ROWS));
      });
    for (const w of batch.waiters) w.resolve();
  } catch (err) {
    for (const w of batch.waiters) w.reject(err);
  }
}

/**
 * One sealing pass: chains up to `batch` rows not yet sealed, in `seq` order, and moves the head.
 * Returns how many rows it sealed (0 when nothing was pending, or when another node's sealer holds
 * the head on PostgreSQL: that one is doing the work).
 */
export async function sealAudit(db: Db, batch = SEAL_BATCH): Promise<number> {
  return inTransaction(db, async (trx) => {
    let headQuery = trx.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1);
    if (isPostgres(trx)) headQuery = headQuery.forUpdate().skipLocked();
    const head = await headQuery.executeTakeFirst();
    if (!head) return 0;
    const pending = await trx
      .selectFrom('audit_log')
      .select(['seq', 'at', 'row_hash'])
      .where('chain_seq', 'is', null)
      .orderBy('seq')
      .limit(batch)
      .execute();
    if (pending.length === 0) return 0;
    let { seq: chainSeq, hash } = head;
    const links = pending.map((r) => {
      chainSeq += 1;
      const prev = hash;
      hash = auditLinkHash(chainSeq, r.seq, r.row_hash, prev);
      return { seq: r.seq, at: r.at, chainSeq, prev, hash };
    });
    for (let i = 0; i < links.length; i += 500) await sealLinksQuery(links.slice(i, i + 500), isPostgres(trx)).execute(trx);
    await trx.updateTable('audit_head').set({ seq: chainSeq, hash }).where('id', '=', 1).execute();
    return pending.length;
  });
}

export interface AuditLink {
  seq: number;
  /** The row's time: on PostgreSQL the log is partitioned by its year (migration 0210), and the sealer's write names the batch's years. */
  at: string;
  chainSeq: number;
  prev: string;
  hash: string;
}

/**
 * The sealer's write: each row's place in the chain and its links, in one UPDATE (both databases
 * read a VALUES list named by a CTE). `+link.seq` keeps SQLite from reading the log whole: given the
 * choice, at a few hundred links it walked every row of the log with a Bloom filter on the links
 * (290 ms a pass at 7.8 million rows, and growing with the log) instead of finding each row by its
 * number; the unary plus leaves it only that (2.5 ms). PostgreSQL's plan is the same with it or
 * without (a nested loop on the primary key).
 *
 * On PostgreSQL the log is partitioned by year (migration 0210; the key is (seq, at)): the batch's
 * years, written into the statement as literals, leave the plan only those partitions (one, but at
 * the turn of a year), and each link is found by `seq`, the key's first column, in them. Literals,
 * because the pool's statements run on generic plans, made before any parameter is known (decision
 * 0044): with the bounds as parameters the planner guessed the range small, read it by the time
 * index and compared each row with every link, which was the whole year (passes of 5,000 links
 * took 5.6-19 s at 8·10^5 rows, against 0.1-0.2 s by the key). No condition on each link's own time
 * either, for the same reason. SQLite gets no years: a range on `at` would offer it the time index
 * instead of the row's number.
 */
export function sealLinksQuery(links: readonly AuditLink[], byYear: boolean) {
  const values = links.map((l) => sql`(cast(${l.seq} as bigint), cast(${l.chainSeq} as bigint), ${l.prev}, ${l.hash})`);
  const years = links.map((l) => Number(l.at.slice(0, 4)));
  const yearsOnly = byYear ? sql` and audit_log.at >= ${sql.lit(String(Math.min(...years)))} and audit_log.at < ${sql.lit(String(Math.max(...years) + 1))}` : sql``;
  return sql`with link(seq, chain_seq, prev_hash, hash) as (values ${sql.join(values)})
    update audit_log set chain_seq = link.chain_seq, prev_hash = link.prev_hash, hash = link.hash
    from link where audit_log.seq = +link.seq${yearsOnly}`;
}

/** Rows one sealing pass chains at most. */
export const SEAL_BATCH = 5000;

/**
 * The background pass: one batch, and another only while the last came full (a backlog). Rows
 * written meanwhile wait for the next pass, `AUDIT_SEAL_MS` later. Sealing until nothing was
 * pending chased the writers: under steady writing on PostgreSQL a "pass" sealed a few dozen rows
 * at a time, four statements each time, for as long as the load lasted (passes of 5-7 s in the
 * bench), where a pass a second seals the same rows in one batch.
 */
export async function sealBacklog(db: Db, batch = SEAL_BATCH): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await sealAudit(db, batch);
    total += n;
    if (n < batch) return total;
  }
}

/** Seal until nothing is pending (the tests: with no writer beside it, it ends). */
export async function sealAllAudit(db: Db): Promise<number> {
  let total = 0;
  for (let n = await sealAudit(db); n > 0; n = await sealAudit(db)) total += n;
  return total;
}

export interface ChainReport {
  ok: boolean;
  /** Rows checked: sealed and pending. */
  rows: number;
  sealed: number;
  pending: number;
  /** The `seq` of the first row whose hash or link does not match (a deleted tail: one past the last). */
  brokenAt: number | null;
  /** When the oldest row not yet sealed was written: how far the sealer lags. */
  oldestPendingAt: string | null;
}

/** The log's rows with the city their actor's staff record gives (null without an actor), for `auditRowHolds`. */
function withActorCity(db: Db) {
  return db
    .selectFrom('audit_log')
    .leftJoin('staff', 'staff.id', 'audit_log.actor_staff_id')
    .selectAll('audit_log')
    .select('staff.city_id as actor_city_id');
}

/**
 * Walk the sealed chain in pages and recompute every link, then check every pending row's content
 * hash. The head is read first and the walk stops at it: a sealer may run meanwhile (sealed rows
 * never change, and a pass commits its rows with the head), so rows it seals after the head was
 * read are checked as pending, never taken for a break.
 */
export async function verifyAuditChain(db: Db, pageSize = 5000): Promise<ChainReport> {
  const head = await db.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirst();
  const headSeq = head?.seq ?? 0;
  let prev = AUDIT_GENESIS;
  let expected = 1;
  let sealed = 0;
  let lastSeq = 0;
  const broken = (brokenAt: number, pending = 0): ChainReport => ({ ok: false, rows: sealed + pending, sealed, pending, brokenAt, oldestPendingAt: null });
  while (expected <= headSeq) {
    const page = await withActorCity(db)
      .where('audit_log.chain_seq', '>=', expected)
      .where('audit_log.chain_seq', '<=', headSeq)
      .orderBy('audit_log.chain_seq')
      .limit(pageSize)
      .execute();
    if (page.length === 0) break;
    for (const r of page) {
      if (
        r.chain_seq !== expected ||
        r.prev_hash !== prev ||
        !auditRowHolds(r, r.actor_city_id) ||
        auditLinkHash(expected, r.seq, r.row_hash, prev) !== r.hash
      ) {
        return broken(r.chain_seq === expected ? r.seq : lastSeq + 1);
      }
      prev = r.hash;
      lastSeq = r.seq;
      expected++;
      sealed++;
    }
  }
  // A deleted tail of the chain shows as a head that points past the last sealed row.
  if (head && (sealed !== headSeq || head.hash !== prev)) return broken(lastSeq + 1);
  let pending = 0;
  let oldestPendingAt: string | null = null;
  for (let after = 0; ; ) {
    const page = await withActorCity(db)
      .where((eb) => eb.or([eb('audit_log.chain_seq', 'is', null), eb('audit_log.chain_seq', '>', headSeq)]))
      .where('audit_log.seq', '>', after)
      .orderBy('audit_log.seq')
      .limit(pageSize)
      .execute();
    if (page.length === 0) break;
    for (const r of page) {
      if (!auditRowHolds(r, r.actor_city_id)) return broken(r.seq, pending);
      if (oldestPendingAt === null || r.at < oldestPendingAt) oldestPendingAt = r.at;
      pending++;
      after = r.seq;
    }
  }
  return { ok: true, rows: sealed + pending, sealed, pending, brokenAt: null, oldestPendingAt };
}

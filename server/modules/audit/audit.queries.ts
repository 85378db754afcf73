import type { Db } from '../../db/database.js';

export interface AuditFilter {
  actorStaffId?: string;
  entityType?: string;
  entityId?: string;
  action?: string;
  /** ISO UTC, inclusive. */
  from?: string;
  /** ISO UTC, exclusive. */
  to?: string;
}

/**
 * A row belongs to the city of the staff member who acted (`city_id`, migration 20261208T0020).
 * A row without an actor carries the city it concerns (a bank's inquiry, a citizen's step on a case,
 * a printed letter), or none (a citizen's sign-in, a failed sign-in under an unknown name), and
 * those are shown to every city's auditors. The log is read in two branches, the city's rows and the
 * rows without a city, each in `seq` order, and merged: one condition `city_id = ? or city_id is
 * null` could use no index for its order, and on PostgreSQL walked the whole part the rows without
 * a city hash to (shared with other cities) before the first row of a page. On PostgreSQL each
 * branch reads only its part of each year (the log is partitioned by city within the year), and
 * with a time range only the range's years.
 */
function filtered(db: Db, cityId: string | null, f: AuditFilter) {
  let q = db.selectFrom('audit_log').where('audit_log.city_id', cityId === null ? 'is' : '=', cityId);
  if (f.actorStaffId) q = q.where('audit_log.actor_staff_id', '=', f.actorStaffId);
  if (f.entityType) q = q.where('audit_log.entity_type', '=', f.entityType);
  if (f.entityId) q = q.where('audit_log.entity_id', '=', f.entityId);
  if (f.action) q = q.where('audit_log.action', '=', f.action);
  if (f.from) q = q.where('audit_log.at', '>=', f.from);
  if (f.to) q = q.where('audit_log.at', '<', f.to);
  return q;
}

export type AuditPaging = { page: number; pageSize: number; order: 'asc' | 'desc' };

/**
 * The log's matches are counted up to this many, and the page then says "more than" (as the case
 * list does, decision 0047): a row for every write and every audited read makes the whole log
 * millions of rows, and counting them all on every page view grew with the country.
 */
export const AUDIT_COUNT_CAP = 1_000;

/**
 * A page of the log and its total, counted up to one past the cap. Each branch gives its first
 * `page × pageSize` rows in order, and the page is cut from the two merged. On PostgreSQL the log is
 * partitioned by year (migration 0210) and by city within it (20261208T0020): a search reads only
 * its city's parts and the part of the rows without a city, and with a time range only its years.
 */
export function auditPageQueries(db: Db, cityId: string, f: AuditFilter, paging: AuditPaging) {
  const upTo = paging.page * paging.pageSize;
  const rows = (side: string | null) =>
    filtered(db, side, f)
      .select([
        'audit_log.seq', 'audit_log.at', 'audit_log.actor_staff_id', 'audit_log.actor_role', 'audit_log.actor_office_id',
        'audit_log.action', 'audit_log.entity_type', 'audit_log.entity_id', 'audit_log.ip', 'audit_log.details',
      ])
      .orderBy('audit_log.seq', paging.order)
      .limit(upTo);
  const matches = (side: string | null) => filtered(db, side, f).select('audit_log.seq').limit(AUDIT_COUNT_CAP + 1);
  return {
    page: db
      .selectFrom(db.selectFrom(rows(cityId).as('city')).selectAll().unionAll(db.selectFrom(rows(null).as('none')).selectAll()).as('log'))
      .leftJoin('staff', 'staff.id', 'log.actor_staff_id')
      .selectAll('log')
      .select(['staff.first_name', 'staff.last_name'])
      .orderBy('log.seq', paging.order)
      .limit(paging.pageSize)
      .offset(upTo - paging.pageSize),
    total: db
      .selectFrom(db.selectFrom(matches(cityId).as('city')).select('city.seq').unionAll(db.selectFrom(matches(null).as('none')).select('none.seq')).as('counted'))
      .select((eb) => eb.fn.countAll<number>().as('n')),
  };
}

export async function listAudit(db: Db, cityId: string, f: AuditFilter, paging: AuditPaging) {
  const q = auditPageQueries(db, cityId, f, paging);
  const [rows, count] = await Promise.all([q.page.execute(), q.total.executeTakeFirstOrThrow()]);
  const counted = Number(count.n);
  return { rows, total: Math.min(counted, AUDIT_COUNT_CAP), totalCapped: counted > AUDIT_COUNT_CAP };
}

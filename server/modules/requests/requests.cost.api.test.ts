/**
 * What one intake and one transition cost the database, counted on the Kysely instance the app
 * runs on (db/query-counter.ts): statements and transactions per HTTP write. The whole request is
 * counted, session check included, as a desk's browser would cause it. A statement is anything the
 * connection runs except BEGIN, COMMIT and ROLLBACK (counted apart, as transactions). The ceilings
 * are the figures measured on both databases (decisions/0026): a write that costs more fails here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../app.js';
import { parseConfig } from '../../config.js';
import { createDb } from '../../db/database.js';
import { queryCounter } from '../../db/query-counter.js';
import { manualClock } from '../../platform/clock.js';
import { seedDemo } from '../../seed/seed.js';
import { createTestDb, type TestDb } from '../../test/db.js';
import { TEST_START, signIn, usernameOf, type Client } from '../../test/app.js';
import { assignedInspector, districtProperty, INSPECTION_DOCS, INSPECTION_FORM, PAID_AT_INTAKE } from '../../test/factories.js';
import type { Db } from '../../db/database.js';

const counter = queryCounter();
let tdb: TestDb;
let counted: Db;
let app: FastifyInstance;
let op: Client;

beforeAll(async () => {
  tdb = await createTestDb();
  const clock = manualClock(TEST_START);
  await seedDemo(tdb.db, clock);
  // A second handle on the same database, with the counter hooked in; the app runs on it alone.
  counted = createDb({ databaseUrl: tdb.databaseUrl, sqlitePath: tdb.sqlitePath, ...(tdb.pgSchema ? { pgSchema: tdb.pgSchema } : {}), log: counter.log });
  app = await buildApp(parseConfig({ LOG_LEVEL: 'silent', DATA_DIR: '/tmp/miz-test-data' }), { db: counted, clock });
  await app.ready();
  op = await signIn(app, await usernameOf(tdb.db, 'office_operator', { districtNumber: 3 }));
});

afterAll(async () => {
  await app.close();
  await counted.destroy();
  await tdb.drop();
});

async function measure<T>(work: () => Promise<T>): Promise<{ result: T; queries: number; transactions: number; statements: string[] }> {
  counter.reset();
  const result = await work();
  return { result, queries: counter.queries, transactions: counter.transactions, statements: counter.statements };
}

/**
 * Where a write's statements put the rows other cases' writes share (the rollups, an inspector's
 * load) against the case's own rows (timeline, outbox, audit): PostgreSQL holds a shared row's lock
 * from its upsert to the commit, so they come last.
 */
function sharedRowsPlace(statements: string[]) {
  const shared = (q: string) => /^(with u0 as \()?(insert into|update|delete from) "(rollup_\w+|inspector_open_visits)"/.test(q);
  const own = (q: string) => /^insert into "(request_events|outbox|audit_log)"/.test(q);
  return { firstShared: statements.findIndex(shared), lastOwn: statements.reduce((last, q, i) => (own(q) ? i : last), -1) };
}

function intake(property: { id: string; ownerId: string }) {
  return op.post('/api/requests', { propertyId: property.id, applicantPersonId: property.ownerId, serviceCode: 'property_inspection', form: INSPECTION_FORM, documents: INSPECTION_DOCS, payment: PAID_AT_INTAKE });
}

describe('database cost of a write', () => {
  it('an intake with its automatic assignment, and one transition: one transaction each, few statements, no read audited', async () => {
    const property = await districtProperty(tdb.db, 3);
    // The city's first intake also makes its system account (the automatic assignment's signature).
    const first = await measure(() => intake(property));
    expect(first.result.statusCode, first.result.body).toBe(201);
    const steady = await measure(() => intake(property));
    expect(steady.result.statusCode, steady.result.body).toBe(201);
    const kase = steady.result.json();
    expect(kase.state).toBe('inspector_assigned');
    console.log(`intake: first ${first.queries} queries, ${first.transactions} transactions; then ${steady.queries} queries, ${steady.transactions} transactions\n  ${steady.statements.join('\n  ')}`);
    expect([first.transactions, steady.transactions]).toEqual([1, 1]);
    // The first intake also reads (and here makes) the city's system account: 3 statements more.
    // The month's case rows are three upserts of their own: by desk and service, by district (decisions
    // 0045, 0049) and by desk alone (decision 0050; a transition leaves that one as it is). The
    // assigned inspector's open visits are one upsert (inspector_open_visits), which the assignment
    // then reads instead of counting the district's open visits.
    // On PostgreSQL the rollups' upserts are one statement (rollups.ts, upsertsText): four fewer.
    const pg = tdb.databaseUrl !== null;
    expect(first.queries).toBeLessThanOrEqual(pg ? 15 : 19);
    expect(steady.queries).toBeLessThanOrEqual(pg ? 12 : 16);
    const intakeOrder = sharedRowsPlace(steady.statements);
    expect(intakeOrder.lastOwn).toBeGreaterThan(0);
    expect(intakeOrder.firstShared).toBeGreaterThan(intakeOrder.lastOwn);

    const inspector = await assignedInspector({ app, db: tdb.db } as never, kase);
    const step = await measure(() => inspector.post(`/api/requests/${kase.id}/schedule-visit`, { version: kase.version, date: '2026-11-30', windowStart: '09:00', windowEnd: '10:00' }));
    expect(step.result.statusCode, step.result.body).toBe(200);
    console.log(`transition: ${step.queries} queries, ${step.transactions} transactions\n  ${step.statements.join('\n  ')}`);
    expect(step.transactions).toBe(1);
    expect(step.queries).toBeLessThanOrEqual(pg ? 12 : 15);
    const stepOrder = sharedRowsPlace(step.statements);
    expect(stepOrder.lastOwn).toBeGreaterThan(0);
    expect(stepOrder.firstShared).toBeGreaterThan(stepOrder.lastOwn);

    // A search by the applicant's national code names a few cases: its page is not full, so it is the
    // last, and the total is not counted (the session, then the page).
    const applicant = await tdb.db.selectFrom('persons').select('national_code').where('id', '=', property.ownerId).executeTakeFirstOrThrow();
    const search = await measure(() => op.get(`/api/requests?q=${applicant.national_code}&pageSize=20`));
    expect(search.result.statusCode, search.result.body).toBe(200);
    const found = search.result.json<{ items: { id: string }[]; total: number; totalCapped: boolean }>();
    expect(found.items.map((i) => i.id)).toEqual(expect.arrayContaining([first.result.json().id, kase.id]));
    expect(found.items.length).toBeLessThan(20);
    expect(found).toMatchObject({ total: found.items.length, totalCapped: false });
    expect(search.statements.filter((q) => /count\(\*\)/.test(q))).toEqual([]);
    expect(search.queries).toBe(2);

    // The writer's answer is not a read: the write's own audit rows are the record.
    const audited = await tdb.db.selectFrom('audit_log').select('action').where('entity_id', 'in', [first.result.json().id, kase.id]).orderBy('seq').execute();
    expect(audited.map((a) => a.action)).toEqual(['request.register', 'request.assign_inspector', 'request.register', 'request.assign_inspector', 'request.schedule_visit']);
  });
});

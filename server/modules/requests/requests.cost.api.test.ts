/**
 * What one intake and one transition cost the database, counted on the Kysely instance the app
 * runs on (db/query-counter.ts): statements and transactions per HTTP write. The whole request is
 * counted, session check included, as a desk's browser would cause it.
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

describe('database cost of a write', () => {
  it('an intake (with its automatic assignment) is one transaction of few statements, with no read audited', async () => {
    const property = await districtProperty(tdb.db, 3);
    const intake = await measure(() =>
      op.post('/api/requests', { propertyId: property.id, applicantPersonId: property.ownerId, serviceCode: 'property_inspection', form: INSPECTION_FORM, documents: INSPECTION_DOCS, payment: PAID_AT_INTAKE }),
    );
    expect(intake.result.statusCode, intake.result.body).toBe(201);
    const kase = intake.result.json();
    expect(kase.state).toBe('inspector_assigned');
    console.log(`intake: ${intake.queries} queries, ${intake.transactions} transactions\n  ${intake.statements.join('\n  ')}`);

    const inspector = await assignedInspector({ app, db: tdb.db } as never, kase);
    const step = await measure(() => inspector.post(`/api/requests/${kase.id}/schedule-visit`, { version: kase.version, date: '2026-11-30', windowStart: '09:00', windowEnd: '10:00' }));
    expect(step.result.statusCode, step.result.body).toBe(200);
    console.log(`transition: ${step.queries} queries, ${step.transactions} transactions\n  ${step.statements.join('\n  ')}`);

    const reads = await tdb.db.selectFrom('audit_log').select('action').where('entity_id', '=', kase.id).where('action', '=', 'request.read').execute();
    console.log(`request.read audit rows after intake and one transition: ${reads.length}`);
  });
});

/**
 * Every hot query keeps its index (issue 14): the plan of each statement the hot paths run
 * (server/test/hot-queries.ts, built by the services' own query builders) reads no big table whole.
 * And the check can fail: with one index dropped, the queries that needed it are named.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tableScans } from './explain.js';
import { createTestApp, type TestApp } from '../test/app.js';
import { hotQueries } from '../test/hot-queries.js';

describe('the hot queries use their indexes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t?.close());

  it('no plan reads a big table whole', async () => {
    const queries = await hotQueries(t.db);
    expect(queries.length).toBeGreaterThanOrEqual(18);
    expect(await tableScans(t.db, queries)).toEqual([]);
  });
});

describe('what the check reports', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t?.close());

  it('a lost index, with the queries that needed it', async () => {
    // The outbox worker's index (status, next_attempt_at): nothing else finds the rows due.
    await t.db.schema.dropIndex('outbox_pending_idx').execute();
    const scans = await tableScans(t.db, await hotQueries(t.db));
    expect(scans.map((s) => [s.query, s.table])).toEqual([['outbox: rows due', 'outbox']]);
  });

  it('a search by another column than the one a query names', async () => {
    // The case found by its tracking code uses an index, but not the primary key it is held to.
    const byCode = { name: 'a case by tracking code', query: t.db.selectFrom('requests').select('id').where('tracking_code', '=', '1405000001'), by: { requests: 'id' } };
    const byId = { name: 'a case by id', query: t.db.selectFrom('requests').select('tracking_code').where('id', '=', 'x'), by: { requests: 'id' } };
    const reported = await tableScans(t.db, [byCode, byId]);
    expect(reported.map((s) => [s.query, s.table])).toEqual([['a case by tracking code', 'requests']]);
    expect(reported[0]!.plan).toMatch(/tracking_code/);
  });
});

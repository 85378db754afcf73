/**
 * The read replica for real (decision 0041; PostgreSQL only, in the api-postgres project): a hot
 * standby of the test server streams the test database; the app has DATABASE_URL on the primary and
 * DATABASE_READ_URL on the standby. With the standby's replay paused, a desk's writes land on the
 * primary while the lists, the dashboards and public tracking still show what the standby holds;
 * the case page and the writer's own list show the write. Past the lag bound, and with the standby
 * stopped, the same reads come from the primary.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app.js';
import { parseConfig } from '../config.js';
import { createDb, type Db } from '../db/database.js';
import { manualClock } from './clock.js';
import { WROTE_COOKIE } from './read-replica.js';
import { demoTemplate, signIn, TEST_START, type Client } from '../test/app.js';
import { copyOfTemplate, type TestDb } from '../test/db.js';
import { districtProperty, INSPECTION_DOCS, INSPECTION_FORM, PAID_AT_INTAKE, registerCase, UNPAID, type SeededProperty } from '../test/factories.js';
import { startStandby, type Standby } from '../test/standby.js';

const MAX_LAG_SECONDS = 5;
const clock = manualClock(TEST_START);
let standby: Standby | undefined;
let tdb: TestDb | undefined;
let readDb: Db | undefined;
let app: FastifyInstance;
let writer: Client; // the desk operator who changes the cases
let colleague: Client; // another operator of the same desk, who wrote nothing
let admin: Client;
let property: SeededProperty;
const began = performance.now();
const timings: string[] = [];
const lap = (what: string) => timings.push(`${what} ${((performance.now() - began) / 1000).toFixed(1)} s`);

beforeAll(async () => {
  standby = await startStandby(lap);
  tdb = await copyOfTemplate(demoTemplate());
  lap('test database');
  await standby.caughtUp();
  readDb = createDb({ databaseUrl: standby.urlOf(tdb.databaseUrl!), sqlitePath: '', pgSchema: tdb.pgSchema!, readOnly: true });
  const config = parseConfig({
    LOG_LEVEL: 'silent', DATA_DIR: '/tmp/miz-test-data', MAP_TILE_URL: 'none',
    DATABASE_URL: tdb.databaseUrl!, DATABASE_READ_URL: standby.urlOf(tdb.databaseUrl!), DATABASE_READ_MAX_LAG_SECONDS: String(MAX_LAG_SECONDS),
  });
  app = await buildApp(config, { db: tdb.db, readDb, clock });
  await app.ready();
  writer = await signIn(app, 'o10573449-op1');
  colleague = await signIn(app, 'o10573449-op2');
  admin = await signIn(app, 'admin');
  property = await districtProperty(tdb.db, 3);
  lap('app on both');
}, 120_000);

afterAll(async () => {
  // Each step on its own, so a failure in one still drops the standby and the database.
  const steps = { 'app closed': () => app?.close(), 'replica pool closed': () => readDb?.destroy(), 'standby dropped': () => standby?.drop(), 'database dropped': () => tdb?.drop() };
  for (const [done, step] of Object.entries(steps)) {
    await Promise.resolve(step()).catch((err: unknown) => console.error('read-replica test cleanup:', err));
    lap(done);
  }
  console.log(`read replica (postgres): ${timings.join(', ')}`);
}, 60_000);

const replica = () => app.ctx.replica!;

/** Probe until the replica is known fresh (the primary's WAL moves on with other test files too). */
async function probedFresh(): Promise<void> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    await replica().check();
    if (replica().staleness() <= 0) return;
    if (Date.now() > deadline) throw new Error(`the replica was not proved fresh (staleness ${replica().staleness()} ms)`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const listed = async (client: Client, trackingCode: string, cookie?: string) => {
  const res = cookie
    ? await app.inject({ method: 'GET', url: `/api/requests?q=${trackingCode}`, headers: { cookie: `${client.cookie}; ${cookie}` } })
    : await client.get(`/api/requests?q=${trackingCode}`);
  expect(res.statusCode, res.body).toBe(200);
  const body = res.json<{ total: number; items: { trackingCode: string; state: string; feePaid: boolean }[] }>();
  return body.items.find((i) => i.trackingCode === trackingCode) ?? null;
};
const tracked = async (trackingCode: string) => {
  const res = await app.inject({ method: 'GET', url: `/api/public/requests/${trackingCode}?nationalCode=${property.ownerNationalCode}` });
  return { status: res.statusCode, state: res.statusCode === 200 ? res.json<{ state: string }>().state : null };
};
const takenInThisMonth = async () => {
  const res = await admin.get('/api/dashboards/figures');
  expect(res.statusCode, res.body).toBe(200);
  const byMonth = res.json<{ tables: { key: string; rows: { takenIn: number }[] }[] }>().tables.find((t) => t.key === 'by_month')!;
  return byMonth.rows.reduce((sum, r) => sum + r.takenIn, 0);
};
/** What Prometheus would read (a scrape probes the replica). */
const staleSeconds = async () => (await app.metrics.getSingleMetric('mk_replica_staleness_seconds')!.get()).values[0]!.value;
const onPrimary = (id: string) => tdb!.db.selectFrom('requests').select(['state', 'fee_payment_ref']).where('id', '=', id).executeTakeFirst();
const onStandby = (id: string) => readDb!.selectFrom('requests').select(['state', 'fee_payment_ref']).where('id', '=', id).executeTakeFirst();

describe('DATABASE_READ_URL on a hot standby', () => {
  let unpaid: { id: string; trackingCode: string; version: number; state: string };
  let fresh: { id: string; trackingCode: string };
  let wroteCookie: string;
  let takenInBefore: number;

  it('serves the lists, the dashboards and public tracking from the standby; writes and the case page are the primary’s; the writer reads its own writes', async () => {
    unpaid = await registerCase(writer, property, undefined, undefined, undefined, UNPAID);
    expect(unpaid.state).toBe('registered');
    await standby!.caughtUp();
    await probedFresh();
    expect(await listed(colleague, unpaid.trackingCode)).toMatchObject({ state: 'registered', feePaid: false });
    takenInBefore = await takenInThisMonth();

    await standby!.pauseReplay();
    lap('replay paused');
    // Two writes by the desk: the fee of the waiting case (it then goes to its inspector), and a new
    // case (by hand, not registerCase, to keep the cookie its answer sets).
    const paid = await writer.post(`/api/requests/${unpaid.id}/payment`, { version: unpaid.version, reference: '55667788' });
    expect(paid.statusCode, paid.body).toBe(200);
    expect(paid.json()).toMatchObject({ state: 'inspector_assigned', fee: { paid: true } });
    const opened = await writer.post('/api/requests', {
      propertyId: property.id, applicantPersonId: property.ownerId, serviceCode: 'property_inspection',
      form: INSPECTION_FORM, documents: INSPECTION_DOCS, payment: PAID_AT_INTAKE,
    });
    expect(opened.statusCode, opened.body).toBe(201);
    fresh = opened.json();
    const setCookies = [opened.headers['set-cookie'] ?? []].flat();
    wroteCookie = setCookies.map((c) => c.split(';')[0]!).find((c) => c.startsWith(`${WROTE_COOKIE}=`))!;
    expect(wroteCookie, setCookies.join(' | ')).toBe(`${WROTE_COOKIE}=${clock.now().getTime()}`);

    // The writes are on the primary; the standby, paused, has neither.
    expect(await onPrimary(unpaid.id)).toEqual({ state: 'inspector_assigned', fee_payment_ref: '55667788' });
    expect(await onPrimary(fresh.id)).toBeDefined();
    expect(await onStandby(unpaid.id)).toEqual({ state: 'registered', fee_payment_ref: null });
    expect(await onStandby(fresh.id)).toBeUndefined();

    // Served by the standby: the colleague's list, public tracking and the city's figures show the old data.
    expect(await listed(colleague, unpaid.trackingCode)).toMatchObject({ state: 'registered', feePaid: false });
    expect(await listed(colleague, fresh.trackingCode)).toBeNull();
    expect(await tracked(unpaid.trackingCode)).toEqual({ status: 200, state: 'registered' });
    expect(await takenInThisMonth()).toBe(takenInBefore);

    // The case page is always the primary's, for anyone.
    const page = await colleague.get(`/api/requests/${unpaid.id}`);
    expect(page.statusCode).toBe(200);
    expect(page.json()).toMatchObject({ state: 'inspector_assigned', fee: { paid: true, reference: '55667788' } });
    // The writer's own browser (its cookie) reads its list from the primary while the standby may lack its writes.
    expect(await listed(writer, unpaid.trackingCode, wroteCookie)).toMatchObject({ state: 'inspector_assigned', feePaid: true });
    expect(await listed(writer, fresh.trackingCode, wroteCookie)).not.toBeNull();
    // The standby only says yes: a tracking code it does not know yet is asked of the primary.
    expect(await tracked(fresh.trackingCode)).toEqual({ status: 200, state: 'inspector_assigned' });
    lap('reads checked');
  });

  it('sends every read to the primary once the standby is further behind than the bound', async () => {
    expect(replica().staleness()).toBeLessThanOrEqual(replica().maxLagMs);
    clock.advance((MAX_LAG_SECONDS + 1) * 1000);
    await replica().check();
    expect(replica().staleness()).toBeGreaterThan(replica().maxLagMs);
    expect(await listed(colleague, unpaid.trackingCode)).toMatchObject({ state: 'inspector_assigned', feePaid: true });
    expect(await listed(colleague, fresh.trackingCode)).not.toBeNull();
    expect(await tracked(unpaid.trackingCode)).toEqual({ status: 200, state: 'inspector_assigned' });
    expect(await takenInThisMonth()).toBe(takenInBefore + 1);
    // The standby still has none of it: those answers were the primary's.
    expect(await onStandby(unpaid.id)).toEqual({ state: 'registered', fee_payment_ref: null });
  });

  it('serves from the standby again once it has caught up, and falls back to the primary when it goes down', async () => {
    await standby!.resumeReplay();
    await standby!.caughtUp();
    await probedFresh();
    expect(await onStandby(unpaid.id)).toEqual({ state: 'inspector_assigned', fee_payment_ref: '55667788' });
    expect(await listed(colleague, fresh.trackingCode)).not.toBeNull();
    expect(await staleSeconds()).toBe(0);

    await standby!.stop();
    lap('standby stopped');
    // Before any probe has noticed: the read fails on the standby and is answered by the primary.
    expect(replica().staleness()).toBeLessThanOrEqual(replica().maxLagMs);
    expect(await listed(colleague, unpaid.trackingCode)).toMatchObject({ state: 'inspector_assigned' });
    expect(await tracked(fresh.trackingCode)).toEqual({ status: 200, state: 'inspector_assigned' });
    expect(await takenInThisMonth()).toBe(takenInBefore + 1);
    // The next probe (here, a scrape of the metrics) takes the standby out altogether.
    expect(await staleSeconds()).toBe(Infinity);
    expect(await listed(colleague, fresh.trackingCode)).not.toBeNull();
  });
});

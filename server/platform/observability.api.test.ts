/**
 * Standing check 14: a broad flow with the log captured at debug level, then the log searched for
 * every national code, mobile and one-time code used (none may appear); and the Prometheus
 * metrics on their own listener.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createTestApp, signIn, usernameOf, type Client, type TestApp } from '../test/app.js';
import { districtProperty, nationalCode, registerCase } from '../test/factories.js';
import { askWith, bankInquiry, newApiClient, newApiKey, propertyWithPostal } from '../test/inquiries.js';
import type { SmsMessage } from './sms.js';
import { serveMetrics } from './metrics.js';

let t: TestApp;
const lines: string[] = [];
const inbox: SmsMessage[] = [];
/** Everything personal the flow sends; the log must hold none of it. */
const secrets = { nationalCodes: new Set<string>(), mobiles: new Set<string>(), otps: new Set<string>() };
const APPLICANT = { nationalCode: nationalCode('127300451'), mobile: '09137770451' };
/** The SMS gateway refuses this number with an error that names it (as Kavenegar's do). */
const REFUSED_MOBILE = '09137770999';
let op: Client;
let metrics: Server;

const toAscii = (s: string) => s.replace(/[۰-۹]/g, (d) => String('۰۱۲۳۴۵۶۷۸۹'.indexOf(d)));
const post = (url: string, payload: object, remoteAddress = '10.9.0.1') => t.app.inject({ method: 'POST', url, payload, remoteAddress });

beforeAll(async () => {
  t = await createTestApp(
    undefined,
    {
      logStream: { write: (line: string) => void lines.push(line) },
      sms: {
        send: async (m) => {
          if (m.to === REFUSED_MOBILE) throw new Error(`gateway refused receptor ${m.to}: ${m.text}`);
          inbox.push(m);
          return { providerMessageId: String(inbox.length) };
        },
      },
    },
    { LOG_LEVEL: 'debug' },
  );
  op = await signIn(t.app, await usernameOf(t.db, 'office_operator', { districtNumber: 5 }));
  metrics = await serveMetrics(t.app.metrics, 0, '127.0.0.1');
});
afterAll(async () => {
  metrics?.close();
  await t?.close();
});

describe('the log of a broad flow', () => {
  it('has request ids, and no national code, mobile or one-time code in clear', async () => {
    // Staff: a wrong password, a national code typed as the username, then the operator's work.
    expect((await post('/api/auth/login', { username: op.username, password: 'wrong-password-1' })).statusCode).toBe(401);
    secrets.nationalCodes.add(APPLICANT.nationalCode);
    expect((await post('/api/auth/login', { username: APPLICANT.nationalCode, password: APPLICANT.mobile })).statusCode).toBe(401);

    // The desk records the applicant (national code and mobile), finds them by national code, opens a case.
    secrets.mobiles.add(APPLICANT.mobile);
    const person = await op.post('/api/persons', { kind: 'natural', ...APPLICANT, firstName: 'نرگس', lastName: 'یزدانی' });
    expect(person.statusCode, person.body).toBe(201);
    expect((await op.get(`/api/persons?nationalCode=${APPLICANT.nationalCode}`)).json().items).toHaveLength(1);
    expect((await op.post('/api/persons', { kind: 'natural', ...APPLICANT, firstName: 'نرگس', lastName: 'یزدانی' })).statusCode).toBe(409);
    const property = await districtProperty(t.db, 5);
    const kase = await registerCase(op, { ...property, ownerId: person.json().id });

    // The public tracking page asks for the national code in the query string.
    const track = await t.app.inject({ method: 'GET', url: `/api/public/requests/${kase.trackingCode}?nationalCode=${APPLICANT.nationalCode}` });
    expect(track.statusCode, track.body).toBe(200);

    // The citizen signs in with a one-time code: a wrong one first.
    const owner = await t.db.selectFrom('persons').select(['mobile', 'national_code']).where('id', '=', property.ownerId).executeTakeFirstOrThrow();
    secrets.mobiles.add(owner.mobile!);
    secrets.nationalCodes.add(owner.national_code);
    expect((await post('/api/citizen/otp', { mobile: owner.mobile })).statusCode).toBe(202);
    const otp = toAscii(inbox.at(-1)!.text).match(/\d{6}/)![0];
    secrets.otps.add(otp);
    const wrongOtp = otp === '000000' ? '111111' : '000000';
    expect((await post('/api/citizen/otp/verify', { mobile: owner.mobile, code: wrongOtp })).statusCode).toBe(400);
    expect((await post('/api/citizen/otp/verify', { mobile: owner.mobile, code: otp })).statusCode).toBe(200);

    // An unhandled error whose message carries a mobile and an SMS text (the gateway's).
    secrets.mobiles.add(REFUSED_MOBILE);
    await t.db.insertInto('persons').values({
      id: '01930000-0000-7000-8000-00000000a999', kind: 'natural', national_code: nationalCode('127300999'), first_name: 'تست', last_name: 'درگاه',
      father_name: null, company_name: null, mobile: REFUSED_MOBILE, search_text: 'تست درگاه', created_at: '2026-01-01T00:00:00.000Z', updated_at: '2026-01-01T00:00:00.000Z',
    }).execute();
    expect((await post('/api/citizen/otp', { mobile: REFUSED_MOBILE }, '10.9.0.2')).statusCode).toBe(500);

    // A bank's inquiry about the owner, by national code.
    const admin = await signIn(t.app, 'admin');
    const key = await newApiKey(admin, (await newApiClient(admin)).id, ['bank']);
    const bankProperty = await propertyWithPostal(t.db, 5);
    secrets.nationalCodes.add(bankProperty.ownerNationalCode);
    const inquiry = await askWith(t)(key, bankInquiry(bankProperty));
    expect(inquiry.statusCode, inquiry.body).toBeLessThan(300);

    // Refusals: a malformed national code and mobile, and a national code in an unknown path.
    const bad = await op.post('/api/persons', { kind: 'natural', nationalCode: '1273004519', mobile: '0913777045', firstName: 'الف', lastName: 'ب' });
    expect(bad.statusCode).toBe(400);
    secrets.nationalCodes.add('1273004519');
    secrets.mobiles.add('0913777045');
    expect((await op.get(`/api/persons/by-code/${APPLICANT.nationalCode}`)).statusCode).toBe(404);

    const log = lines.join('');
    const entries = lines.map((l) => JSON.parse(l) as { reqId?: string; msg?: string; req?: { route?: string | null } });
    // A real log: every request has its id, its route pattern, and the 500 left its error line.
    expect(entries.length).toBeGreaterThan(40);
    expect(entries.some((e) => e.msg === 'unhandled error')).toBe(true);
    expect(entries.some((e) => e.req?.route === '/api/public/requests/:trackingCode')).toBe(true);
    expect(entries.filter((e) => e.msg === 'incoming request').every((e) => typeof e.reqId === 'string')).toBe(true);
    expect(log).toContain(track.headers['x-request-id'] as string);

    const found: string[] = [];
    const forms = (mobile: string) => [mobile, mobile.slice(1), `98${mobile.slice(1)}`];
    for (const code of secrets.nationalCodes) if (log.includes(code)) found.push(`national code ${code}`);
    for (const mobile of secrets.mobiles) for (const form of forms(mobile)) if (log.includes(form)) found.push(`mobile ${form}`);
    for (const otp of secrets.otps) if (log.includes(otp)) found.push(`one-time code ${otp}`);
    console.log(`observability: ${lines.length} log lines searched for ${secrets.nationalCodes.size} national codes, ${secrets.mobiles.size} mobiles, ${secrets.otps.size} one-time codes: ${found.length} found`);
    expect(found).toEqual([]);
  });
});

describe('metrics', () => {
  const scrape = async () => {
    const res = await fetch(`http://127.0.0.1:${(metrics.address() as AddressInfo).port}/metrics`);
    expect(res.status).toBe(200);
    return res.text();
  };
  const value = (text: string, series: string) => {
    const line = text.split('\n').find((l) => l.startsWith(`${series} `));
    return line === undefined ? undefined : Number(line.slice(series.length + 1));
  };

  it('counts requests by route pattern, queue depths, past-due cases and failed sign-ins, on its own port only', async () => {
    await registerCase(op, await districtProperty(t.db, 5));
    let text = await scrape();
    expect(value(text, 'http_requests_total{method="POST",route="/api/requests",status_code="201"}')).toBeGreaterThanOrEqual(1);
    expect(text).toMatch(/http_request_duration_seconds_bucket\{le="0\.5",method="POST",route="\/api\/requests",status_code="201"\} \d+/);
    expect(text).toContain('route="/api/public/requests/:trackingCode"');
    // Patterns, not URLs: no identifier of the flow above became a label.
    expect(text).not.toMatch(/\{[^}]*\d{5}[^}]*\}/);
    expect(value(text, 'mk_sign_in_failures_total{who="staff",outcome="refused"}')).toBe(2);
    expect(value(text, 'mk_sign_in_failures_total{who="citizen",outcome="refused"}')).toBe(1);
    const outbox = await t.db.selectFrom('outbox').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'pending').executeTakeFirstOrThrow();
    expect(Number(outbox.n)).toBeGreaterThan(0);
    expect(value(text, 'mk_queue_depth{queue="outbox"}')).toBe(Number(outbox.n));
    expect(value(text, 'mk_queue_depth{queue="letter_jobs"}')).toBe(0);
    const before = value(text, 'mk_cases_past_due{clock="step"}')!;

    // Two months on, every open case of the flow is past its step's due time.
    t.clock.advance(60 * 86_400_000);
    text = await scrape();
    const open = await t.db.selectFrom('requests').select((eb) => eb.fn.countAll<number>().as('n')).where('closed_at', 'is', null).where('step_due_at', 'is not', null).executeTakeFirstOrThrow();
    expect(value(text, 'mk_cases_past_due{clock="step"}')).toBe(Number(open.n));
    expect(Number(open.n)).toBeGreaterThan(before);

    // Not on the app's own port.
    // (404, or the web app's page when dist/web is built: never the figures.)
    const onApp = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(onApp.body).not.toContain('http_requests_total');
    expect(onApp.headers['content-type']).not.toMatch(/^text\/plain/);
  });
});

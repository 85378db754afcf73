/**
 * `npx tsx bench/letters.ts [BASE_URL]`: how long the two answers that make a letter take, over real
 * HTTP against a running server (default http://localhost:3000, the demo seed, demo passwords):
 *   - «صدور پاسخ نهایی» (POST /api/requests/:id/issue-response) on cases walked to `approved` first
 *   - a bank's instant inquiry answer (POST /api/v1/inquiries, answered at once from the file)
 * RUNS (default 20) of each; prints p50 / p95 / max and writes bench/results/<date>-letters-<label>.json
 * (label: BENCH_LABEL, e.g. before / after). The preparation (intake, visit, report, review, approval)
 * is not timed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

const BASE = (process.argv[2] ?? process.env.BASE_URL ?? 'http://localhost:3000').replace(/\/$/, '');
const RUNS = Number(process.env.RUNS ?? 20);
const LABEL = process.env.BENCH_LABEL ?? 'run';
const PASSWORD = 'Isfahan-1405';

interface Res {
  status: number;
  body: any;
}

async function call(method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<Res> {
  const res = await fetch(BASE + url, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: res.status, body: parsed };
}

async function signIn(username: string) {
  const res = await fetch(`${BASE}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }) });
  if (res.status !== 200) throw new Error(`sign-in of ${username}: ${res.status} ${await res.text()}`);
  const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  return {
    get: (url: string) => call('GET', url, undefined, { cookie }),
    post: (url: string, body: unknown = {}) => call('POST', url, body, { cookie }),
  };
}
type Client = Awaited<ReturnType<typeof signIn>>;

function ok(res: Res, what: string, status = 200) {
  if (res.status !== status) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body).slice(0, 400)}`);
  return res.body;
}

async function act(client: Client, id: string, action: string, body: object = {}) {
  const current = ok(await client.get(`/api/requests/${id}`), 'case');
  return ok(await client.post(`/api/requests/${id}/${action}`, { version: current.version, ...body }), action);
}

const tehranToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tehran' }).format(new Date());

function stats(ms: number[]) {
  const s = [...ms].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)]!;
  return { runs: s.length, p50: +q(0.5).toFixed(1), p95: +q(0.95).toFixed(1), max: +s[s.length - 1]!.toFixed(1), all: ms.map((x) => +x.toFixed(1)) };
}

async function main() {
  const op = await signIn('o10573449-op1');
  const reviewer = await signIn('d3-reviewer1');
  const approver = await signIn('d3-approver');
  const admin = await signIn('admin');
  const inspectors = new Map<string, Client>();

  // A district-3 property file with an owner and a postal code and no case under way (so a bank's inquiry can be answered at once).
  const district = (ok(await op.get('/api/districts'), 'districts').items as { id: string; number: number }[]).find((d) => d.number === 3)!;
  const page = ok(await op.get(`/api/properties?districtId=${district.id}&pageSize=100`), 'properties');
  let property: { id: string; ownerId: string; ownerNationalCode: string; postalCode: string } | null = null;
  for (const it of page.items as { id: string }[]) {
    const p = ok(await op.get(`/api/properties/${it.id}`), 'property');
    const open = (p.requests as { state: string }[]).some((r) => !['delivered', 'cancelled'].includes(r.state));
    if (p.owners.length && p.postalCode && !open) {
      property = { id: p.id, ownerId: p.owners[0].person.id, ownerNationalCode: p.owners[0].person.nationalCode, postalCode: p.postalCode };
      break;
    }
  }
  if (!property) throw new Error('no district-3 property with an owner, a postal code and no open case');
  const inspectorNames = new Map<string, string>(
    (ok(await admin.get('/api/staff?role=inspector&pageSize=200'), 'staff').items as { id: string; username: string }[]).map((s) => [s.id, s.username]),
  );

  // Cases walked to `approved` (not timed).
  const approved: string[] = [];
  for (let i = 0; i < RUNS; i++) {
    const kase = ok(
      await op.post('/api/requests', { propertyId: property.id, applicantPersonId: property.ownerId, serviceCode: 'property_inspection', form: { visitReason: 'new_file' }, documents: { ownership_deed: true, owner_national_card: true } }),
      'intake',
      201,
    );
    const username = inspectorNames.get(kase.inspector.id)!;
    const inspector = inspectors.get(username) ?? (await signIn(username));
    inspectors.set(username, inspector);
    await act(inspector, kase.id, 'schedule-visit', { date: tehranToday(), windowStart: '00:00', windowEnd: '23:59' });
    await act(inspector, kase.id, 'inspection-report', {
      findings: 'مطابق سند و پروانه',
      measurements: {},
      checklist: kase.service.inspectionChecklist.map((c: { code: string }) => ({ code: c.code, ok: true })),
      violations: [],
      gps: { lat: 32.65, lng: 51.67 },
      visitedAt: new Date().toISOString(),
    });
    await act(reviewer, kase.id, 'recommend', { recommendation: 'approve', note: 'بدون تخلف' });
    await act(approver, kase.id, 'approve', {});
    approved.push(kase.id);
  }

  const issue: number[] = [];
  for (const id of approved) {
    const current = ok(await approver.get(`/api/requests/${id}`), 'case');
    const t0 = performance.now();
    const res = await approver.post(`/api/requests/${id}/issue-response`, { version: current.version });
    issue.push(performance.now() - t0);
    ok(res, 'issue-response');
  }
  // Handed over (not timed), so the property has no case under way and the bank is answered at once.
  for (const id of approved) await act(op, id, 'deliver', { receivedByName: 'مالک', receivedByNationalCode: property.ownerNationalCode });

  // A bank with an inquiry key (city admin), then instant answers.
  const client = ok(await admin.post('/api/api-clients', { kind: 'bank', nameFa: 'بانک سنجش', officialCode: '7788', rateLimitPerMinute: 1000, webhookEvents: [] }), 'api client', 201);
  const key = ok(await admin.post(`/api/api-clients/${client.id}/keys`, { scopes: ['bank'], expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString() }), 'api key', 201).key as string;
  const bank: number[] = [];
  let instant = 0;
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const res = await call('POST', '/api/v1/inquiries', { type: 'bank', property: { postalCode: property.postalCode }, subjectNationalCode: property.ownerNationalCode, letterNumber: `ب/۱۴۰۵/${i + 1}`, purpose: 'mortgage' }, { authorization: `Bearer ${key}` });
    bank.push(performance.now() - t0);
    if (res.status === 200) instant++;
    else if (res.status !== 202) ok(res, 'inquiry');
  }
  if (instant !== RUNS) console.warn(`only ${instant} of ${RUNS} inquiries were answered at once`);

  const result = { at: new Date().toISOString(), base: BASE, label: LABEL, issueResponse: stats(issue), bankInstantAnswer: { ...stats(bank), instant } };
  console.log(JSON.stringify({ issueResponse: { ...result.issueResponse, all: undefined }, bankInstantAnswer: { ...result.bankInstantAnswer, all: undefined } }, null, 2));
  const out = path.join('bench', 'results', `${result.at.slice(0, 10)}-letters-${LABEL}.json`);
  fs.writeFileSync(out, JSON.stringify(result, null, 2) + '\n');
  console.log(`written ${out}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

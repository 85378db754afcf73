/**
 * The case answer's `can` against what the server then does (decision 0030): for a few states and
 * every role that reaches the case, each flag is checked by sending its action. A flag set means
 * the action goes through (200 / 201), or stops only on what the action itself judges of the data
 * (409 GUARD_FAILED: an unpaid fee; NO_INSPECTOR_AVAILABLE); a flag unset means the server refuses it (403, or 409 ILLEGAL_TRANSITION
 * / CONFLICT) and nothing changes. Each "set" flag is tried on a fresh case in the same state.
 *
 * The expected flags are written out by hand per role and state (the oracle), not read from the
 * workflow tables they check.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, usernameOf, type Client, type TestApp } from '../../test/app.js';
import { act, assignedInspector, districtProperty, registerCase, UNPAID, visitAndReport, type SeededProperty } from '../../test/factories.js';

type Flag =
  | 'assignInspector' | 'scheduleVisit' | 'fileInspectionReport' | 'sendToDistrict' | 'recommend' | 'approve' | 'reject' | 'returnForCorrection'
  | 'resubmit' | 'issueResponse' | 'deliver' | 'cancel' | 'recordPayment' | 'uploadDocument';
interface Kase {
  id: string;
  version: number;
  inspector: { id: string } | null;
  service: { inspectionChecklist: { code: string }[] };
}

let t: TestApp;
let property: SeededProperty;
const staff = {} as Record<'desk' | 'manager' | 'reviewer' | 'approver' | 'followup' | 'admin' | 'auditor', Client>;

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

function upload(client: Client, requestId: string) {
  const boundary = '----can' + Math.random().toString(16).slice(2);
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\nother\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="p.pdf"\r\nContent-Type: application/pdf\r\n\r\n`;
  return t.app.inject({
    method: 'POST', url: `/api/requests/${requestId}/documents`, headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, cookie: client.cookie },
    payload: Buffer.concat([Buffer.from(head), PDF, Buffer.from(`\r\n--${boundary}--\r\n`)]),
  });
}

/** Send the action a flag stands for, with the case's current version and a body its schema accepts. */
async function attempt(client: Client, kase: Kase, flag: Flag) {
  const current = (await (await signIn(t.app, 'admin')).get(`/api/requests/${kase.id}`)).json<Kase>();
  const post = (path: string, body: object = {}) => client.post(`/api/requests/${kase.id}/${path}`, { version: current.version, ...body });
  switch (flag) {
    case 'assignInspector': return post('assign-inspector');
    case 'scheduleVisit': return post('schedule-visit', { date: '2026-11-30', windowStart: '09:00', windowEnd: '10:00' });
    case 'fileInspectionReport':
      return post('inspection-report', {
        findings: 'مطابق سند', checklist: kase.service.inspectionChecklist.map((i) => ({ code: i.code, ok: true })), violations: [], gps: { lat: 32.65, lng: 51.67 },
        visitedAt: t.clock.now().toISOString(),
      });
    case 'sendToDistrict': return post('send-to-district');
    case 'recommend': return post('recommend', { recommendation: 'approve', note: 'بدون تخلف' });
    case 'approve': return post('approve');
    case 'reject': return post('reject', { reasons: ['مغایرت با طرح تفصیلی'] });
    case 'returnForCorrection': return post('return', { reasons: ['سند ناخوانا است'] });
    case 'resubmit': return post('resubmit', { documents: { ownership_deed: true, owner_national_card: true } });
    case 'issueResponse': return post('issue-response');
    case 'deliver': return post('deliver', { receivedByName: 'مالک', receivedByNationalCode: property.ownerNationalCode });
    case 'cancel': return post('cancel', { reason: 'انصراف متقاضی' });
    case 'recordPayment': return post('payment', { reference: '70099999' });
    case 'uploadDocument': return upload(client, kase.id);
  }
}

const FLAGS: Flag[] = [
  'assignInspector', 'scheduleVisit', 'fileInspectionReport', 'sendToDistrict', 'recommend', 'approve', 'reject', 'returnForCorrection', 'resubmit',
  'issueResponse', 'deliver', 'cancel', 'recordPayment', 'uploadDocument',
];

/**
 * `who` reads a case made by `fresh` and must see exactly `allowed` set; every unset flag is refused
 * on that case (which stays as it was), every set one is taken on a fresh case.
 */
async function judge(who: (k: Kase) => Promise<Client>, fresh: () => Promise<Kase>, allowed: Flag[]) {
  const kase = await fresh();
  const client = await who(kase);
  const read = await client.get(`/api/requests/${kase.id}`);
  expect(read.statusCode, read.body).toBe(200);
  const { can, version } = read.json<{ can: Record<Flag, boolean>; version: number }>();
  expect(Object.keys(can).sort()).toEqual([...FLAGS].sort());
  expect(FLAGS.filter((f) => can[f]).sort(), client.username).toEqual([...allowed].sort());

  for (const flag of FLAGS.filter((f) => !can[f])) {
    const res = await attempt(client, kase, flag);
    expect([403, 409], `${client.username} ${flag}: ${res.body}`).toContain(res.statusCode);
    expect(['FORBIDDEN', 'ILLEGAL_TRANSITION', 'CONFLICT'], `${client.username} ${flag}`).toContain(res.json().error.code);
  }
  expect((await client.get(`/api/requests/${kase.id}`)).json().version, 'refused actions change nothing').toBe(version);

  for (const flag of allowed) {
    const other = await fresh();
    const res = await attempt(await who(other), other, flag);
    // Past reach and legality, an action may still stop on what it judges of the data: a guard (an
    // unpaid fee), or no other inspector to reassign to in a small district.
    const passed = [200, 201].includes(res.statusCode) || (res.statusCode === 409 && ['GUARD_FAILED', 'NO_INSPECTOR_AVAILABLE'].includes(res.json().error.code));
    expect(passed, `${client.username} ${flag}: ${res.statusCode} ${res.body}`).toBe(true);
  }
}

const as = (c: Client) => async () => c;

beforeAll(async () => {
  t = await createTestApp();
  property = await districtProperty(t.db, 3);
  const name = (role: string) => usernameOf(t.db, role, { districtNumber: 3 });
  staff.desk = await signIn(t.app, await name('office_operator'));
  const deskOffice = (await t.db.selectFrom('staff').select('office_id').where('username', '=', staff.desk.username).executeTakeFirstOrThrow()).office_id!;
  const manager = await t.db.selectFrom('staff').select('username').where('role', '=', 'office_manager').where('office_id', '=', deskOffice).executeTakeFirstOrThrow();
  staff.manager = await signIn(t.app, manager.username);
  staff.reviewer = await signIn(t.app, await name('district_reviewer'));
  staff.approver = await signIn(t.app, await name('district_approver'));
  staff.followup = await signIn(t.app, await name('followup_officer'));
  staff.admin = await signIn(t.app, 'admin');
  staff.auditor = await signIn(t.app, 'auditor');
});

afterAll(async () => {
  await t?.close();
});

describe('can, on a case registered with its fee unpaid', () => {
  const fresh = () => registerCase(staff.desk, property, undefined, undefined, undefined, UNPAID) as Promise<Kase>;
  it.each([
    ['desk', ['assignInspector', 'recordPayment', 'uploadDocument']],
    ['manager', ['assignInspector', 'cancel', 'recordPayment', 'uploadDocument']],
    ['reviewer', ['assignInspector', 'uploadDocument']],
    ['approver', ['cancel', 'uploadDocument']],
    ['followup', []],
    ['admin', ['assignInspector', 'cancel', 'uploadDocument']],
    ['auditor', []],
  ] as const)('%s', async (who, allowed) => {
    await judge(as(staff[who]), fresh, [...allowed]);
  });
});

describe('can, on a case with its inspector', () => {
  const fresh = () => registerCase(staff.desk, property) as Promise<Kase>;
  it('the assigned inspector sets the visit, and adds only photos (not papers)', async () => {
    await judge((k) => assignedInspector(t, k), fresh, ['scheduleVisit']);
  });
  it('the reviewer reassigns or sets the visit', async () => {
    await judge(as(staff.reviewer), fresh, ['assignInspector', 'scheduleVisit', 'uploadDocument']);
  });
  it('the desk, paid already, only adds papers', async () => {
    await judge(as(staff.desk), fresh, ['uploadDocument']);
  });
});

describe('can, on a case awaiting the decision', () => {
  const fresh = async () => {
    const kase = (await registerCase(staff.desk, property)) as Kase;
    await visitAndReport(t, kase);
    await act(staff.reviewer, kase.id, 'recommend', { recommendation: 'approve', note: 'بدون تخلف' });
    return kase;
  };
  it.each([
    ['approver', ['approve', 'reject', 'returnForCorrection', 'cancel', 'uploadDocument']],
    ['reviewer', ['returnForCorrection', 'uploadDocument']],
    ['desk', ['uploadDocument']],
    ['admin', ['cancel', 'uploadDocument']],
  ] as const)('%s', async (who, allowed) => {
    await judge(as(staff[who]), fresh, [...allowed]);
  });
});

describe('can, on the visit list', () => {
  it('carries the inspector’s two actions of the case, as the case does', async () => {
    const kase = (await registerCase(staff.desk, property)) as Kase;
    const inspector = await assignedInspector(t, kase);
    const visit = () => inspector.get('/api/inspections/mine?pageSize=200').then((r) => r.json().items.find((v: { requestId: string }) => v.requestId === kase.id));
    expect((await visit()).can).toEqual({ scheduleVisit: true, fileInspectionReport: false });
    await act(inspector, kase.id, 'schedule-visit', { date: '2026-11-30', windowStart: '09:00', windowEnd: '10:00' });
    expect((await visit()).can).toEqual({ scheduleVisit: true, fileInspectionReport: true });
  });
});

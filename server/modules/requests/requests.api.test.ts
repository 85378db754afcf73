import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, usernameOf, type Client, type TestApp } from '../../test/app.js';
import { isValidTrackingCode } from '../../platform/ids.js';
import { verifyAuditChain } from '../../platform/audit.js';
import { assignedInspector, districtProperty, INSPECTION_DOCS, INSPECTION_FORM, registerCase, type SeededProperty } from '../../test/factories.js';
import { STATE_LABELS_FA, type RequestState } from '../../../contracts/workflow.js';

let t: TestApp;
let op: Client; // desk in district 3
let manager: Client;
let otherOp: Client; // desk in district 5
let reviewer: Client;
let approver: Client;
let d5reviewer: Client;
let property: SeededProperty;

const BANK_FORM = { bankName: 'بانک ملت', branchCode: '1234', bankLetterNumber: 'ب/۱۴۰۵/۷۷', purpose: 'mortgage' };
const BANK_DOCS = { bank_letter: true, ownership_deed: true, owner_national_card: true };

const register = (client: Client, serviceCode?: string, form?: object, documents?: object) => registerCase(client, property, serviceCode, form, documents);
const inspectorClient = (kase: { inspector: { id: string } | null }) => assignedInspector(t, kase);

/** Takes the case from intake to district review, through the inspector. */
async function throughInspection(kase: { id: string; version: number; inspector: { id: string } | null; service: { inspectionChecklist: { code: string }[] } }) {
  const inspector = await inspectorClient(kase);
  let res = await inspector.post(`/api/requests/${kase.id}/schedule-visit`, { version: kase.version, date: '2026-11-30', windowStart: '09:00', windowEnd: '11:00' });
  expect(res.statusCode, res.body).toBe(200);
  t.clock.advance(3600_000); // the visit, an hour later
  res = await inspector.post(`/api/requests/${kase.id}/inspection-report`, {
    version: res.json().version,
    findings: 'ساختمان دو طبقه مسکونی مطابق سند؛ تخلفی مشاهده نشد.',
    measurements: { landArea: 210.5, builtArea: 320 },
    checklist: kase.service.inspectionChecklist.map((i: { code: string }) => ({ code: i.code, ok: true })),
    violations: [],
    gps: { lat: 32.65, lng: 51.67, accuracyM: 8 },
    visitedAt: new Date(t.clock.now().getTime() - 1800_000).toISOString(),
  });
  expect(res.statusCode, res.body).toBe(200);
  return { kase: res.json(), inspector };
}

beforeAll(async () => {
  t = await createTestApp();
  const opName = await usernameOf(t.db, 'office_operator', { districtNumber: 3 });
  op = await signIn(t.app, opName);
  manager = await signIn(t.app, opName.replace(/-op1$/, '-manager'));
  otherOp = await signIn(t.app, await usernameOf(t.db, 'office_operator', { districtNumber: 5 }));
  reviewer = await signIn(t.app, 'd3-reviewer1');
  approver = await signIn(t.app, 'd3-approver');
  d5reviewer = await signIn(t.app, 'd5-reviewer1');
  property = await districtProperty(t.db, 3);
});
afterAll(async () => t?.close());

describe('an inspection request, intake to hand-over', () => {
  it('walks every step as the right role and shows on the public tracking page', async () => {
    const registered = await register(op);
    expect(isValidTrackingCode(registered.trackingCode)).toBe(true);
    // Automatic assignment to an urbanism inspector of district 3.
    expect(registered.state).toBe('inspector_assigned');
    const inspectorRow = await t.db
      .selectFrom('staff')
      .innerJoin('districts', 'districts.id', 'staff.district_id')
      .select(['staff.specialty', 'districts.number'])
      .where('staff.id', '=', registered.inspector.id)
      .executeTakeFirstOrThrow();
    expect(inspectorRow).toEqual({ specialty: 'urbanism', number: 3 });
    expect(registered.stepDueAt).toBe('2026-12-02T20:29:59.999Z'); // 3 working days: Mon, Tue, Wed

    const { kase: reviewed } = await throughInspection(registered);
    expect(reviewed.state).toBe('district_review');
    expect(reviewed.inspection.report.gps).toEqual({ lat: 32.65, lng: 51.67, accuracyM: 8 });

    let res = await reviewer.post(`/api/requests/${reviewed.id}/recommend`, { version: reviewed.version, recommendation: 'approve', note: 'مدارک و گزارش بازدید کامل است.' });
    expect(res.statusCode, res.body).toBe(200);
    res = await approver.post(`/api/requests/${reviewed.id}/approve`, { version: res.json().version, conditions: ['رعایت عقب‌نشینی ۲ متر'] });
    expect(res.json().state).toBe('approved');
    res = await approver.post(`/api/requests/${reviewed.id}/issue-response`, { version: res.json().version, conditions: ['رعایت عقب‌نشینی ۲ متر'] });
    expect(res.statusCode, res.body).toBe(200);
    const issued = res.json();
    expect(issued.state).toBe('response_issued');
    expect(issued.response.letterNumber).toMatch(/^1405\/3\/00001$/);
    expect(issued.response.validUntil).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    res = await op.post(`/api/requests/${reviewed.id}/deliver`, { version: issued.version, receivedByName: 'مالک پرونده', receivedByNationalCode: property.ownerNationalCode });
    expect(res.statusCode, res.body).toBe(200);
    const delivered = res.json();
    expect(delivered.state).toBe('delivered');
    expect(delivered.closedAt).not.toBeNull();
    expect(delivered.response.deliveredToName).toBe('مالک پرونده');
    expect(delivered.timeline.map((e: { action: string }) => e.action)).toEqual([
      'register', 'record_payment', 'assign_inspector', 'schedule_visit', 'file_inspection_report', 'recommend', 'approve', 'issue_response', 'deliver',
    ]);
    expect(delivered.availableActions).toEqual([]);

    const pub = await t.app.inject({ method: 'GET', url: `/api/public/requests/${registered.trackingCode}?nationalCode=${property.ownerNationalCode}` });
    expect(pub.statusCode).toBe(200);
    expect(pub.json().state).toBe('delivered');
    expect(pub.json().stateLabelFa).toBe('پاسخ به مالک تحویل شد');
    // The reviewer's internal recommendation is not on the public timeline.
    expect(pub.json().timeline).toHaveLength(7);
    // In the timeline's order, with the case page's words and times (one statement reads the case and its lines).
    const publicLines = delivered.timeline.filter((e: { public: boolean }) => e.public);
    expect(pub.json().timeline).toEqual(
      publicLines.map((e: { labelFa: string; labelEn: string; toState: string; at: string }) => ({ labelFa: e.labelFa, labelEn: e.labelEn, stateLabelFa: STATE_LABELS_FA[e.toState as RequestState], at: e.at })),
    );

    const events = await t.db.selectFrom('outbox').select('event_type').where('aggregate_id', '=', registered.id).orderBy('created_at').execute();
    expect(events.map((e) => e.event_type)).toEqual(['request.registered', 'inspection.scheduled', 'request.answer_ready']);
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
  });
});

describe('other paths', () => {
  it('return for correction: the desk corrects and resubmits, the district decides again', async () => {
    const { kase } = await throughInspection(await register(op));
    let res = await reviewer.post(`/api/requests/${kase.id}/return`, { version: kase.version, reasons: ['تصویر سند خوانا نیست'] });
    expect(res.json().state).toBe('returned_to_office');
    res = await op.post(`/api/requests/${kase.id}/resubmit`, { version: res.json().version, documents: { ownership_deed: true }, note: 'تصویر جدید سند بارگذاری شد' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().state).toBe('district_review');
    res = await reviewer.post(`/api/requests/${kase.id}/recommend`, { version: res.json().version, recommendation: 'approve', note: 'اصلاح شد.' });
    res = await approver.post(`/api/requests/${kase.id}/approve`, { version: res.json().version });
    expect(res.json().state).toBe('approved');
    const pub = await t.app.inject({ method: 'GET', url: `/api/public/requests/${kase.trackingCode}?nationalCode=${property.ownerNationalCode}` });
    expect(pub.json().timeline.map((e: { labelFa: string }) => e.labelFa)).toContain('بازگشت به دفتر برای اصلاح');
  });

  it('rejection: the answer is issued as a rejection with the reasons', async () => {
    const { kase } = await throughInspection(await register(op));
    let res = await reviewer.post(`/api/requests/${kase.id}/recommend`, { version: kase.version, recommendation: 'reject', note: 'تخلف ساختمانی' });
    res = await approver.post(`/api/requests/${kase.id}/reject`, { version: res.json().version, reasons: ['اضافه بنا بدون پروانه'] });
    expect(res.json().state).toBe('rejected');
    res = await approver.post(`/api/requests/${kase.id}/issue-response`, { version: res.json().version });
    expect(res.json().response.decision).toBe('rejected');
    expect(res.json().response.text).toContain('اضافه بنا بدون پروانه');
    expect(res.json().response.validUntil).toBeNull();
  });

  it('cancellation by the desk manager, with a reason; the case is closed to every action', async () => {
    const kase = await register(op);
    let res = await op.post(`/api/requests/${kase.id}/cancel`, { version: kase.version, reason: 'انصراف متقاضی' });
    expect(res.statusCode).toBe(409); // operators may not cancel
    res = await manager.post(`/api/requests/${kase.id}/cancel`, { version: kase.version, reason: 'انصراف متقاضی' });
    expect(res.json()).toMatchObject({ state: 'cancelled', cancelReason: 'انصراف متقاضی' });
    res = await reviewer.post(`/api/requests/${kase.id}/assign-inspector`, { version: res.json().version });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('ILLEGAL_TRANSITION');
  });

  it('a bank inquiry goes to the district without a visit and is answered', async () => {
    const kase = await register(op, 'bank_inquiry', BANK_FORM, BANK_DOCS);
    expect(kase.state).toBe('registered');
    expect(kase.inspector).toBeNull();
    let res = await op.post(`/api/requests/${kase.id}/send-to-district`, { version: kase.version });
    expect(res.json().state).toBe('district_review');
    res = await reviewer.post(`/api/requests/${kase.id}/recommend`, { version: res.json().version, recommendation: 'approve', note: 'پرونده بدون تخلف' });
    res = await approver.post(`/api/requests/${kase.id}/approve`, { version: res.json().version });
    res = await approver.post(`/api/requests/${kase.id}/issue-response`, { version: res.json().version });
    res = await op.post(`/api/requests/${kase.id}/deliver`, { version: res.json().version, receivedByName: 'نماینده بانک', receivedByNationalCode: property.ownerNationalCode });
    expect(res.json().state).toBe('delivered');
  });

  it('the district may order a visit on an inquiry', async () => {
    const kase = await register(op, 'agency_inquiry', { agencyName: 'اداره ثبت', agencyLetterNumber: '۱۲۳/الف', subject: 'وضعیت ملک' }, { agency_letter: true });
    let res = await op.post(`/api/requests/${kase.id}/send-to-district`, { version: kase.version });
    res = await reviewer.post(`/api/requests/${kase.id}/assign-inspector`, { version: res.json().version });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().state).toBe('inspector_assigned');
  });

  it('an excavation permit is assigned to a civil engineer', async () => {
    const kase = await register(
      op,
      'excavation_permit',
      { utilityCompany: 'gas', purpose: 'لوله‌کشی گاز', lengthMeters: 42, widthMeters: 0.6, depthMeters: 1.2, startDate: '2026-12-10', endDate: '2026-12-20', contractorName: 'شرکت نمونه' },
      { utility_request_letter: true, excavation_route_map: true, contractor_contract: true, liability_insurance: true },
    );
    const inspector = await t.db.selectFrom('staff').select('specialty').where('id', '=', kase.inspector.id).executeTakeFirstOrThrow();
    expect(inspector.specialty).toBe('civil');
  });

  it('a reviewer may reassign to a chosen inspector of the district; an unsuitable one is a 400', async () => {
    const kase = await register(op);
    const other = await t.db
      .selectFrom('staff')
      .innerJoin('districts', 'districts.id', 'staff.district_id')
      .select(['staff.id', 'staff.specialty'])
      .where('staff.role', '=', 'inspector')
      .where('districts.number', '=', 3)
      .execute();
    const wrongSpecialty = other.find((s) => s.specialty !== 'urbanism')!;
    let res = await reviewer.post(`/api/requests/${kase.id}/assign-inspector`, { version: kase.version, inspectorId: wrongSpecialty.id });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields[0].field).toBe('inspectorId');
    // An urbanism inspector of a district that is not set to cover district 3.
    const d3 = await t.db.selectFrom('districts').select('id').where('number', '=', 3).executeTakeFirstOrThrow();
    const elsewhere = await t.db
      .selectFrom('staff').innerJoin('districts', 'districts.id', 'staff.district_id').select(['staff.id', 'staff.covers_district_ids'])
      .where('staff.role', '=', 'inspector').where('districts.number', '!=', 3).where('staff.specialty', '=', 'urbanism').execute();
    const notCovering = elsewhere.find((s) => !(JSON.parse(s.covers_district_ids) as string[]).includes(d3.id))!;
    res = await reviewer.post(`/api/requests/${kase.id}/assign-inspector`, { version: kase.version, inspectorId: notCovering.id });
    expect(res.statusCode).toBe(400);
  });
});

describe('scope', () => {
  it("an operator of another office gets 404 for this office's case", async () => {
    const kase = await register(op);
    expect((await otherOp.get(`/api/requests/${kase.id}`)).statusCode).toBe(404);
    expect((await otherOp.post(`/api/requests/${kase.id}/cancel`, { version: kase.version, reason: 'تست دسترسی' })).statusCode).toBe(404);
    const list = (await otherOp.get('/api/requests?pageSize=200')).json();
    expect(list.items.map((i: { id: string }) => i.id)).not.toContain(kase.id);
  });

  it('an inspector cannot see a case not assigned to them', async () => {
    const kase = await register(op);
    const stranger = await signIn(t.app, await usernameOf(t.db, 'inspector', { districtNumber: 5 }));
    expect((await stranger.get(`/api/requests/${kase.id}`)).statusCode).toBe(404);
    const mine = await inspectorClient(kase);
    expect((await mine.get(`/api/requests/${kase.id}`)).statusCode).toBe(200);
  });

  it('a reviewer of district 5 cannot act in district 3', async () => {
    const { kase } = await throughInspection(await register(op));
    const res = await d5reviewer.post(`/api/requests/${kase.id}/recommend`, { version: kase.version, recommendation: 'approve', note: 'تلاش خارج از حوزه' });
    expect(res.statusCode).toBe(404);
    expect((await reviewer.get(`/api/requests/${kase.id}`)).json().state).toBe('district_review');
  });
});

describe('illegal, stale and concurrent actions', () => {
  it('an action not allowed from this state or by this role is 409 and changes nothing', async () => {
    const kase = await register(op);
    let res = await approver.post(`/api/requests/${kase.id}/approve`, { version: kase.version });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'ILLEGAL_TRANSITION', details: { reason: 'state' } });
    res = await op.post(`/api/requests/${kase.id}/assign-inspector`, { version: kase.version });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.details.reason).toBe('role');
    const after = (await op.get(`/api/requests/${kase.id}`)).json();
    expect(after.version).toBe(kase.version);
    expect(after.timeline).toHaveLength(kase.timeline.length);
  });

  it('a stale version is 409 STALE_VERSION', async () => {
    const { kase } = await throughInspection(await register(op));
    const res = await reviewer.post(`/api/requests/${kase.id}/recommend`, { version: kase.version - 1, recommendation: 'approve', note: 'نسخه قدیمی' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('STALE_VERSION');
  });

  it("a version past the database's integer is refused on its own field, and changes nothing", async () => {
    const { kase } = await throughInspection(await register(op));
    for (const version of [2 ** 31, 2 ** 53]) {
      const res = await reviewer.post(`/api/requests/${kase.id}/recommend`, { version, recommendation: 'approve', note: 'نسخه بزرگ' });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.fields).toEqual([expect.objectContaining({ field: 'version', code: 'maximum' })]);
    }
    expect((await op.get(`/api/requests/${kase.id}`)).json().version).toBe(kase.version);
  });

  it('two actions on the same version: exactly one wins', async () => {
    const { kase } = await throughInspection(await register(op));
    const reviewer2 = await signIn(t.app, 'd3-reviewer2');
    const results = await Promise.all([
      reviewer.post(`/api/requests/${kase.id}/recommend`, { version: kase.version, recommendation: 'approve', note: 'نظر اول' }),
      reviewer2.post(`/api/requests/${kase.id}/return`, { version: kase.version, reasons: ['نظر دوم'] }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const events = await t.db.selectFrom('request_events').select('action').where('request_id', '=', kase.id).execute();
    expect(events.filter((e) => e.action === 'recommend' || e.action === 'return_for_correction')).toHaveLength(1);
  });
});

describe('bad input at intake', () => {
  const count = async () => Number((await t.db.selectFrom('requests').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

  it.each([
    ['unknown service', { serviceCode: 'no_such_service' }, 'serviceCode'],
    ['missing form field', { form: {} }, 'form.visitReason'],
    ['wrong type', { form: { visitReason: 12 } }, 'form.visitReason'],
    ['missing required document', { documents: { ownership_deed: true } }, 'documents.owner_national_card'],
    ['malformed property id', { propertyId: 'abc' }, 'propertyId'],
  ])('%s → 400 naming %s, nothing written', async (_label, patch, field) => {
    const before = await count();
    const res = await op.post('/api/requests', { propertyId: property.id, applicantPersonId: property.ownerId, serviceCode: 'property_inspection', form: INSPECTION_FORM, documents: INSPECTION_DOCS, ...patch });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields.map((f: { field: string }) => f.field)).toContain(field);
    expect(res.json().error.fields.every((f: { messageFa: string }) => f.messageFa.length > 0)).toBe(true);
    expect(await count()).toBe(before);
  });

  it('missing body fields are all reported at once', async () => {
    const res = await op.post('/api/requests', {});
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields.map((f: { field: string }) => f.field).sort()).toEqual(['applicantPersonId', 'propertyId', 'serviceCode']);
  });

  it('only desk staff register requests', async () => {
    const res = await reviewer.post('/api/requests', { propertyId: property.id, applicantPersonId: property.ownerId, serviceCode: 'property_inspection', form: INSPECTION_FORM, documents: INSPECTION_DOCS });
    expect(res.statusCode).toBe(403);
  });

  it('bad action input is 400 and changes nothing', async () => {
    const kase = await register(op);
    const inspector = await inspectorClient(kase);
    let res = await inspector.post(`/api/requests/${kase.id}/schedule-visit`, { version: kase.version, date: '2026-12-04', windowStart: '09:00', windowEnd: '11:00' });
    expect(res.statusCode).toBe(400); // a Friday
    expect(res.json().error.fields[0]).toMatchObject({ field: 'date', code: 'not_working_day' });
    res = await inspector.post(`/api/requests/${kase.id}/schedule-visit`, { version: kase.version, date: '2026-11-30', windowStart: '11:00', windowEnd: '09:00' });
    expect(res.json().error.fields[0].field).toBe('windowEnd');
    res = await inspector.post(`/api/requests/${kase.id}/schedule-visit`, { version: 'one', date: '30/11/2026' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields.map((f: { field: string }) => f.field).sort()).toEqual(['date', 'version', 'windowEnd', 'windowStart']);
    expect((await op.get(`/api/requests/${kase.id}`)).json().version).toBe(kase.version);
  });

  it("an inspection report must answer the service's whole site checklist", async () => {
    const kase = await register(op);
    const inspector = await inspectorClient(kase);
    const scheduled = (await inspector.post(`/api/requests/${kase.id}/schedule-visit`, { version: kase.version, date: '2026-11-30', windowStart: '09:00', windowEnd: '10:00' })).json();
    const [first] = kase.service.inspectionChecklist;
    const res = await inspector.post(`/api/requests/${kase.id}/inspection-report`, {
      version: scheduled.version, findings: 'گزارش ناقص', checklist: [{ code: first.code, ok: true }, { code: 'made_up', ok: false }],
      gps: { lat: 32.6, lng: 51.6 }, visitedAt: t.clock.now().toISOString(),
    });
    expect(res.statusCode).toBe(400);
    const fields = res.json().error.fields.map((f: { field: string }) => f.field);
    expect(fields).toContain('checklist.1.code');
    expect(fields.filter((f: string) => f === 'checklist')).toHaveLength(kase.service.inspectionChecklist.length - 1);
    expect((await inspector.get(`/api/requests/${kase.id}`)).json().state).toBe('visit_scheduled');
  });
  it('a visit time before the assignment is refused however its zone is written', async () => {
    const kase = await register(op);
    const inspector = await inspectorClient(kase);
    const scheduled = (await inspector.post(`/api/requests/${kase.id}/schedule-visit`, { version: kase.version, date: '2026-11-30', windowStart: '09:00', windowEnd: '10:00' })).json();
    const assignedAt = (await t.db.selectFrom('inspections').select('assigned_at').where('request_id', '=', kase.id).executeTakeFirstOrThrow()).assigned_at;
    // An hour before the assignment, written in Tehran's offset: as text it sorts after the assignment.
    const tehran = (ms: number) => new Date(ms + 3.5 * 3600_000).toISOString().replace('Z', '+03:30');
    const before = tehran(Date.parse(assignedAt) - 3600_000);
    expect(before > assignedAt).toBe(true);
    const report = (visitedAt: string) =>
      inspector.post(`/api/requests/${kase.id}/inspection-report`, {
        version: scheduled.version, findings: 'مطابق سند', checklist: kase.service.inspectionChecklist.map((i: { code: string }) => ({ code: i.code, ok: true })),
        violations: [], gps: { lat: 32.6, lng: 51.6 }, visitedAt,
      });
    const refused = await report(before);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.fields[0]).toMatchObject({ field: 'visitedAt', code: 'out_of_range' });
    expect((await inspector.get(`/api/requests/${kase.id}`)).json().state).toBe('visit_scheduled');
    expect((await report(tehran(Date.parse(assignedAt) + 60_000))).statusCode).toBe(200);
  });
});

describe('public tracking', () => {
  it('a wrong national code is the same 404 as an unknown code', async () => {
    const kase = await register(op);
    const wrongPair = await t.app.inject({ method: 'GET', url: `/api/public/requests/${kase.trackingCode}?nationalCode=0499370899` });
    const unknown = await t.app.inject({ method: 'GET', url: `/api/public/requests/1234567890?nationalCode=${property.ownerNationalCode}` });
    expect(wrongPair.statusCode).toBe(404);
    expect(unknown.statusCode).toBe(404);
    expect(wrongPair.body).toBe(unknown.body);
  });

  it('accepts Persian digits as typed by a citizen', async () => {
    const kase = await register(op);
    const fa = (s: string) => s.replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]!);
    const res = await t.app.inject({ method: 'GET', url: `/api/public/requests/${encodeURIComponent(fa(kase.trackingCode))}?nationalCode=${encodeURIComponent(fa(property.ownerNationalCode))}` });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().stateLabelFa).toBe('ارجاع به مامور بازدید');
  });
});

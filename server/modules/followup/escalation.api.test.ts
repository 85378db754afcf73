import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, freshSignIn, usernameOf, type TestApp } from '../../test/app.js';
import { districtProperty, registerCase } from '../../test/factories.js';
import { createCtx } from '../../app.js';
import { parseConfig } from '../../config.js';
import type { Ctx } from '../../platform/context.js';
import { newId } from '../../platform/ids.js';
import { deliverDue } from '../notifications/index.js';
import type { SmsMessage, SmsProvider } from '../../platform/sms.js';
import { runEscalations, sendDailyDigests, SYSTEM_NAME_FA } from './followup.escalation.js';

let t: TestApp;
let ctx: Ctx;
/** Case A: district 3, registered Sunday 29 Nov 09:00 Tehran; its inspector step is due at the end of Wednesday 2 Dec. */
let caseA: { id: string; trackingCode: string; inspector: { id: string } };
/** Case B: district 5, registered Wednesday 2 Dec; due at the end of Monday 7 Dec. */
let caseB: { id: string; trackingCode: string };

const sms: SmsMessage[] = [];
const provider: SmsProvider = {
  async send(m) {
    sms.push(m);
    return { providerMessageId: `p-${sms.length}` };
  },
};

const at = (iso: string) => t.clock.set(iso);
const staffId = async (username: string) => (await t.db.selectFrom('staff').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
const mobileOf = async (id: string) => (await t.db.selectFrom('staff').select('mobile').where('id', '=', id).executeTakeFirstOrThrow()).mobile;
const escalationsOf = (requestId: string) => t.db.selectFrom('escalations').selectAll().where('request_id', '=', requestId).orderBy('created_at').execute();
const outboxOf = (eventType: string) => t.db.selectFrom('outbox').selectAll().where('event_type', '=', eventType).orderBy('created_at').execute();
const payload = (row: { payload: string }) => JSON.parse(row.payload) as Record<string, unknown>;
/** Everything a pass could write, to show that a second pass writes nothing. */
async function footprint() {
  const n = async (table: 'escalations' | 'outbox' | 'followups' | 'request_events' | 'audit_log') =>
    Number((await t.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  return { escalations: await n('escalations'), outbox: await n('outbox'), followups: await n('followups'), events: await n('request_events'), audit: await n('audit_log') };
}

beforeAll(async () => {
  t = await createTestApp(); // Sunday 2026-11-29 09:00 Tehran
  ctx = createCtx(parseConfig({ LOG_LEVEL: 'silent', DATA_DIR: '/tmp/miz-test-data' }), { db: t.db, clock: t.clock, sms: provider });
  const op3 = await freshSignIn(t.app, await usernameOf(t.db, 'office_operator', { districtNumber: 3 }));
  caseA = await registerCase(op3, await districtProperty(t.db, 3));
  expect(caseA.inspector).toBeTruthy();
  at('2026-12-02T05:30:00.000Z'); // Wednesday 09:00 Tehran
  const op5 = await freshSignIn(t.app, await usernameOf(t.db, 'office_operator', { districtNumber: 5 }));
  caseB = await registerCase(op5, await districtProperty(t.db, 5));
});
afterAll(async () => t?.close());

describe('automatic escalation of a late inspection step', () => {
  it('does nothing while the step is on time', async () => {
    expect(await runEscalations(ctx)).toEqual({ remind: 0, escalate: 0, reassign: 0 });
    expect(await escalationsOf(caseA.id)).toEqual([]);
  });

  it('reminds the inspector once the step is overdue: SMS to their mobile, an internal timeline line, a chase record, an audit row', async () => {
    at('2026-12-03T06:00:00.000Z'); // Thursday 09:30 Tehran: the step ended Wednesday night
    expect(await runEscalations(ctx)).toEqual({ remind: 1, escalate: 0, reassign: 0 });

    const [row] = await escalationsOf(caseA.id);
    expect(row).toMatchObject({ level: 'remind', state: 'inspector_assigned', notified_staff_id: caseA.inspector.id, reassigned_to: null });
    const reminders = await outboxOf('escalation.remind');
    expect(reminders).toHaveLength(1);
    expect(reminders[0]).toMatchObject({ aggregate_type: 'request', aggregate_id: caseA.id, idempotency_key: `escalation:${row!.id}:${caseA.inspector.id}` });

    await deliverDue(ctx, provider, { maxAttempts: 3 });
    const text = sms.find((m) => m.idempotencyKey === reminders[0]!.idempotency_key);
    expect(text?.to).toBe(await mobileOf(caseA.inspector.id));
    expect(text?.text).toContain('یادآوری');
    expect(text?.text).toContain('ارجاع به مامور بازدید');

    const officer = await freshSignIn(t.app, 'd3-followup1');
    const kase = (await officer.get(`/api/requests/${caseA.id}`)).json();
    const line = kase.timeline.find((e: { action: string }) => e.action === 'escalation.remind');
    expect(line).toMatchObject({ public: false, labelFa: 'یادآوری خودکار تأخیر به مسئول مرحله', actor: { name: SYSTEM_NAME_FA, role: 'followup_officer' } });
    expect(line.note).toContain('یادآوری خودکار');

    const chases = (await officer.get(`/api/requests/${caseA.id}/followups`)).json();
    expect(chases.items).toHaveLength(1);
    expect(chases.items[0]).toMatchObject({ state: 'inspector_assigned', promisedDate: null, by: 'سامانه میز خدمت (خودکار)' });
    expect(chases.items[0].note).toContain('یادآوری خودکار');
    expect(chases.items[0].contacted).toBeTruthy();

    // The citizen's tracking page never shows it.
    const pub = await t.db.selectFrom('request_events').select('public').where('request_id', '=', caseA.id).where('action', 'like', 'escalation.%').execute();
    expect(pub).toEqual([{ public: 0 }]);
    const audit = await t.db.selectFrom('audit_log').select('action').where('entity_id', '=', caseA.id).where('action', '=', 'request.escalation.remind').execute();
    expect(audit).toHaveLength(1);
  });

  it('a second pass sends and writes nothing', async () => {
    const before = await footprint();
    expect(await runEscalations(ctx)).toEqual({ remind: 0, escalate: 0, reassign: 0 });
    expect(await footprint()).toEqual(before);
  });

  it('escalates to the district manager after two more working days (Thursday half, Friday off); two passes at once do it once', async () => {
    at('2026-12-06T10:00:00.000Z'); // Sunday 13:30: Thursday 0.5 + Saturday 1 = 1.5 working days, not yet
    expect((await runEscalations(ctx)).escalate).toBe(0);

    at('2026-12-07T05:30:00.000Z'); // Monday 09:00: Sunday ended, 2.5 >= 2
    const runs = await Promise.all([runEscalations(ctx), runEscalations(ctx)]);
    expect(runs.map((r) => r.escalate).reduce((a, b) => a + b)).toBe(1);
    expect(await runEscalations(ctx)).toEqual({ remind: 0, escalate: 0, reassign: 0 });

    const levels = await escalationsOf(caseA.id);
    expect(levels.map((e) => e.level)).toEqual(['remind', 'escalate']);
    const approver = await staffId('d3-approver');
    expect(levels[1]!.notified_staff_id).toBe(approver);
    const escalated = await outboxOf('escalation.escalate');
    expect(escalated.map((r) => payload(r).toStaffId)).toEqual([approver]);
    expect(escalated[0]!.aggregate_id).toBe(caseA.id);
    expect(await outboxOf('escalation.remind')).toHaveLength(1);

    await deliverDue(ctx, provider, { maxAttempts: 3 });
    const text = sms.find((m) => m.idempotencyKey === escalated[0]!.idempotency_key);
    expect(text?.to).toBe(await mobileOf(approver));
    expect(text?.text).toContain('ارجاع به مدیر');

    const officer = await freshSignIn(t.app, 'd3-followup1');
    const kase = (await officer.get(`/api/requests/${caseA.id}`)).json();
    expect(kase.timeline.filter((e: { action: string }) => e.action.startsWith('escalation.')).map((e: { action: string; labelFa: string }) => [e.action, e.labelFa])).toEqual([
      ['escalation.remind', 'یادآوری خودکار تأخیر به مسئول مرحله'],
      ['escalation.escalate', 'ارجاع خودکار تأخیر به مدیر'],
    ]);
    const chases = (await officer.get(`/api/requests/${caseA.id}/followups`)).json();
    expect(chases.items.map((c: { note: string }) => c.note.split(':')[0])).toEqual(['ارجاع خودکار به مدیر منطقه', 'یادآوری خودکار']);
    // Written for a clerk: Persian digits only, the due day as ۱۴۰۵/۰۹/۱۱ and the days late as «۲ روز کاری».
    for (const c of chases.items as { note: string }[]) expect(c.note).not.toMatch(/[0-9A-Za-z]/);
    expect(chases.items[0].note).toMatch(/«[^»]+» [۰-۹]+ روز کاری پس از مهلت \([۰-۹]{4}\/[۰-۹]{2}\/[۰-۹]{2}\)/);
  });

  it('leaves a case of another district, still on time, untouched; nobody of that district is told', async () => {
    expect(await escalationsOf(caseB.id)).toEqual([]);
    expect((await t.db.selectFrom('followups').select('id').where('request_id', '=', caseB.id).execute())).toEqual([]);
    const d5 = await t.db.selectFrom('staff').innerJoin('districts', 'districts.id', 'staff.district_id').select('staff.id').where('districts.number', '=', 5).execute();
    const told = (await t.db.selectFrom('outbox').select('payload').where('event_type', 'like', 'escalation.%').execute()).map((r) => payload(r).toStaffId);
    expect(told.filter((id) => d5.some((s) => s.id === id))).toEqual([]);
  });

  it('after four working days past due, gives the step to the lightest-loaded other inspector of the district, through the workflow', async () => {
    // District 3 has one urbanism inspector in the demo; a second one joins.
    const old = caseA.inspector.id;
    const template = await t.db.selectFrom('staff').selectAll().where('id', '=', old).executeTakeFirstOrThrow();
    const newcomer = newId();
    await t.db.insertInto('staff').values({ ...template, id: newcomer, username: 'inspector-new3', national_code: '0012345679', mobile: '09130000333' }).execute();

    at('2026-12-08T10:00:00.000Z'); // Tuesday 13:30: 3.5 working days past due, not yet
    expect((await runEscalations(ctx)).reassign).toBe(0);
    at('2026-12-09T05:30:00.000Z'); // Wednesday 09:00: Tuesday ended, 4.5 >= 4
    const runs = await Promise.all([runEscalations(ctx), runEscalations(ctx)]);
    expect(runs.map((r) => r.reassign).reduce((a, b) => a + b)).toBe(1);

    const levels = await escalationsOf(caseA.id);
    expect(levels.map((e) => [e.level, e.reassigned_to])).toEqual([['remind', null], ['escalate', null], ['reassign', newcomer]]);
    const officer = await freshSignIn(t.app, 'd3-followup1');
    const kase = (await officer.get(`/api/requests/${caseA.id}`)).json();
    expect(kase.inspector.id).toBe(newcomer);
    expect(kase.state).toBe('inspector_assigned');
    const assign = kase.timeline.findLast((e: { action: string }) => e.action === 'assign_inspector');
    expect(assign.actor).toMatchObject({ name: SYSTEM_NAME_FA, role: 'district_reviewer' });
    expect(kase.timeline.at(-1)).toMatchObject({ action: 'escalation.reassign', public: false });
    expect((await outboxOf('escalation.reassign')).map((r) => payload(r).toStaffId)).toEqual([newcomer]);

    const before = await footprint();
    expect(await runEscalations(ctx)).toEqual({ remind: 0, escalate: 0, reassign: 0 });
    expect(await footprint()).toEqual(before);
  });
});

describe('the daily digest to follow-up officers', () => {
  const digestsOn = async (date: string) => (await outboxOf('followup.digest')).filter((r) => r.idempotency_key.endsWith(`:${date}`));
  const officers = () => t.db.selectFrom('staff').select('id').where('role', '=', 'followup_officer').where('active', '=', 1).execute();

  it('is not sent before 07:00 Tehran; from 07:00, one per active officer with the district figures; a second pass sends nothing', async () => {
    at('2026-12-10T03:00:00.000Z'); // Thursday 06:30 Tehran
    expect(await sendDailyDigests(ctx)).toEqual({ sent: 0 });
    at('2026-12-10T03:31:00.000Z'); // 07:01
    const all = await officers();
    expect(await sendDailyDigests(ctx)).toEqual({ sent: all.length });
    const rows = await digestsOn('2026-12-10');
    expect(rows.map((r) => payload(r).toStaffId).sort()).toEqual(all.map((o) => o.id).sort());

    const d3 = rows.find((r) => payload(r).districtNumber === 3)!;
    // District 3: case A overdue since 2 Dec; district 5: case B overdue since the end of Monday 7 Dec.
    expect(payload(d3)).toMatchObject({ districtNumber: 3, date: '2026-12-10', overdue: 1, atRisk: 0, oldestOverdue: caseA.trackingCode });
    expect(d3.idempotency_key).toBe(`digest:${String(payload(d3).toStaffId)}:2026-12-10`);
    expect(payload(rows.find((r) => payload(r).districtNumber === 5)!)).toMatchObject({ overdue: 1, oldestOverdue: caseB.trackingCode });
    expect(payload(rows.find((r) => payload(r).districtNumber === 1)!)).toMatchObject({ overdue: 0, atRisk: 0, oldestOverdue: null });

    await Promise.all([sendDailyDigests(ctx), sendDailyDigests(ctx)]);
    at('2026-12-10T15:00:00.000Z');
    expect(await sendDailyDigests(ctx)).toEqual({ sent: 0 });
    expect(await digestsOn('2026-12-10')).toHaveLength(all.length);

    await deliverDue(ctx, provider, { maxAttempts: 3 });
    const text = sms.find((m) => m.idempotencyKey === d3.idempotency_key);
    expect(text?.to).toBe(await mobileOf(String(payload(d3).toStaffId)));
    expect(text?.text).toContain('گزارش روزانه پیگیری منطقه ۳');
  });

  it('is not sent on a Friday or an official holiday, and comes again the next working day', async () => {
    at('2026-12-11T05:00:00.000Z'); // Friday 08:30
    expect(await sendDailyDigests(ctx)).toEqual({ sent: 0 });
    expect(await digestsOn('2026-12-11')).toEqual([]);
    at('2026-12-23T05:00:00.000Z'); // Wednesday 23 Dec: birth of Imam Ali
    expect(await sendDailyDigests(ctx)).toEqual({ sent: 0 });
    at('2026-12-12T05:00:00.000Z'); // Saturday 08:30
    expect(await sendDailyDigests(ctx)).toEqual({ sent: (await officers()).length });
    expect(await sendDailyDigests(ctx)).toEqual({ sent: 0 });
  });
});

/**
 * The city's figures through the API, against a month of cases driven through the API too (intake,
 * payment, inspection, return for correction, resubmit, cancel, answer, hand-over, in two
 * districts). Every figure is checked against a direct count over requests and request_events:
 * the rollups never drift from the cases.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type Client, type TestApp } from '../../test/app.js';
import { act, assignedInspector, casesWaitingForVisit, completeInspectionCase, districtProperty, registerCase, UNPAID, type SeededProperty } from '../../test/factories.js';
import { feeSplit } from './dashboards.rules.js';
import { sealStepMonths } from '../reports/index.js';

let t: TestApp;
let admin: Client;
const AZAR = 'from=2026-11-22&to=2026-12-21'; // Azar 1405
const districtId = new Map<number, string>();
const tehran = (date: string, hhmm: string) => new Date(Date.parse(`${date}T${hhmm}:00+03:30`)).toISOString();

type Row = Record<string, string | number | null>;
interface Table { key: string; titleFa: string; columns: { key: string; titleFa: string; kind: string }[]; rows: Row[] }

async function figures(client: Client, query = AZAR): Promise<{ filters: Row; tables: Table[] }> {
  const res = await client.get(`/api/dashboards/figures?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}
const table = (f: { tables: Table[] }, key: string) => f.tables.find((x) => x.key === key)!;
const total = (tb: Table, col: string) => tb.rows.reduce((n, r) => n + Number(r[col] ?? 0), 0);

/** Inspection up to district review, as the assigned inspector. */
async function inspect(kase: { id: string; inspector: { id: string } | null; service: { inspectionChecklist: { code: string }[] } }, visitDate: string) {
  const inspector = await assignedInspector(t, kase);
  await act(inspector, kase.id, 'schedule-visit', { date: visitDate, windowStart: '09:00', windowEnd: '11:00' });
  return act(inspector, kase.id, 'inspection-report', {
    findings: 'مطابق سند',
    checklist: kase.service.inspectionChecklist.map((i) => ({ code: i.code, ok: true })),
    violations: [],
    gps: { lat: 32.65, lng: 51.67 },
    visitedAt: t.clock.now().toISOString(),
  });
}

/** A month of work in districts 3 and 5, moving the clock between the steps. */
async function driveMonth() {
  const op3 = () => signIn(t.app, 'o10573449-op1');
  const op5 = () => signIn(t.app, 'o10837009-op1');
  const p3: SeededProperty = await districtProperty(t.db, 3);
  const p5: SeededProperty = await districtProperty(t.db, 5);

  // Sunday 29 Nov: intake of five cases; two paid at the desk.
  t.clock.set(tehran('2026-11-29', '09:00'));
  const done3 = await registerCase(await op3(), p3, undefined, undefined, undefined, UNPAID);
  const returned3 = await registerCase(await op3(), p3);
  const cancelled3 = await registerCase(await op3(), p3);
  const open5 = await registerCase(await op5(), p5);
  const done5 = await registerCase(await op5(), p5, undefined, undefined, undefined, UNPAID);
  t.clock.set(tehran('2026-11-29', '09:40'));
  // Paid later: only then do they go to an inspector.
  for (const [op, k, reference] of [[await op3(), done3, 'TR-1001'], [await op5(), done5, 'TR-2001']] as const) {
    const res = await op.post(`/api/requests/${k.id}/payment`, { reference });
    expect(res.statusCode, res.body).toBe(200);
    Object.assign(k, res.json());
  }
  t.clock.set(tehran('2026-11-29', '11:00'));
  await act(await signIn(t.app, 'admin'), cancelled3.id, 'cancel', { reason: 'انصراف متقاضی' });
  // A fourth district-3 case goes through whole the same day (the factory visits on the 30th).
  t.clock.set(tehran('2026-11-29', '12:00'));
  await completeInspectionCase(t, await op3(), p3, 3);

  // Monday 30 Nov: visits.
  t.clock.set(tehran('2026-11-30', '10:00'));
  for (const k of [done3, returned3, done5]) await inspect(k, '2026-11-30');

  // Tuesday 1 Dec: the district reviews; one case goes back to the desk, the rest on to a decision.
  t.clock.set(tehran('2026-12-01', '09:00'));
  await act(await signIn(t.app, 'd3-reviewer1'), returned3.id, 'return', { reasons: ['تصویر سند خوانا نیست'] });
  await act(await signIn(t.app, 'd3-reviewer1'), done3.id, 'recommend', { recommendation: 'approve', note: 'بدون تخلف' });
  await act(await signIn(t.app, 'd5-reviewer1'), done5.id, 'recommend', { recommendation: 'approve', note: 'بدون تخلف' });

  // Saturday 5 Dec (after Friday): the desk resubmits; the district decides and answers (one on time, one late).
  t.clock.set(tehran('2026-12-05', '10:00'));
  await act(await op3(), returned3.id, 'resubmit', {});
  for (const [d, k] of [[3, done3], [5, done5]] as const) {
    const approver = await signIn(t.app, `d${d}-approver`);
    await act(approver, k.id, 'approve', {});
    await act(approver, k.id, 'issue-response', {});
  }

  // Monday 7 Dec: both answers handed over.
  t.clock.set(tehran('2026-12-07', '08:30'));
  await act(await op3(), done3.id, 'deliver', { receivedByName: 'مالک', receivedByNationalCode: p3.ownerNationalCode });
  await act(await op5(), done5.id, 'deliver', { receivedByName: 'مالک', receivedByNationalCode: p5.ownerNationalCode });
  return { open5 };
}

/** Tehran-date range of Azar 1405 as UTC instants, for the direct counts. */
const FROM = tehran('2026-11-22', '00:00');
const TO = tehran('2026-12-22', '00:00');

async function direct() {
  const db = t.db;
  const n = (v: unknown) => Number(v ?? 0);
  const requests = await db.selectFrom('requests').select(['id', 'state', 'district_id', 'office_id', 'fee_rials', 'fee_payment_ref', 'created_at']).where('created_at', '>=', FROM).where('created_at', '<', TO).execute();
  const events = await db.selectFrom('request_events').select(['action', 'from_state', 'to_state', 'created_at']).where('created_at', '>=', FROM).where('created_at', '<', TO).execute();
  const stepsLeaving = new Map<string, number>();
  for (const e of events) if (e.from_state && e.from_state !== e.to_state) stepsLeaving.set(e.from_state, (stepsLeaving.get(e.from_state) ?? 0) + 1);
  const openByState = await db
    .selectFrom('requests')
    .select((eb) => ['state', eb.fn.countAll().as('n')])
    .where('state', 'not in', ['delivered', 'cancelled'])
    .groupBy('state')
    .execute();
  const visits = await db.selectFrom('inspections').select((eb) => eb.fn.countAll().as('n')).where('submitted_at', '>=', FROM).where('submitted_at', '<', TO).executeTakeFirstOrThrow();
  return {
    requests,
    takenIn: requests.length,
    cancelled: requests.filter((r) => r.state === 'cancelled').length,
    answered: events.filter((e) => e.action === 'issue_response').length,
    delivered: events.filter((e) => e.action === 'deliver').length,
    returns: events.filter((e) => e.action === 'return_for_correction').length,
    stepsLeaving,
    openByState: new Map(openByState.map((r) => [r.state, n(r.n)])),
    visits: n(visits.n),
    fees: requests.reduce((s, r) => s + Number(r.fee_rials), 0),
    paid: requests.filter((r) => r.fee_payment_ref).reduce((s, r) => s + Number(r.fee_rials), 0),
  };
}

beforeAll(async () => {
  t = await createTestApp();
  for (const d of await t.db.selectFrom('districts').select(['id', 'number']).execute()) districtId.set(d.number, d.id);
  await driveMonth();
  t.clock.set(tehran('2026-12-07', '12:00'));
  admin = await signIn(t.app, 'admin');
}, 120_000);
afterAll(async () => t?.close());

describe('dashboard figures', () => {
  it('equal a direct count over the cases and their timelines for the month', async () => {
    const d = await direct();
    expect(d.takenIn).toBe(6); // the month really has work in it
    const f = await figures(admin);
    expect(f.tables.map((x) => x.key)).toEqual([
      'by_month', 'by_service', 'by_district', 'by_office', 'backlog_by_step', 'turnaround_by_step', 'sla_compliance',
      'inspector_workload', 'inquiries', 'desk_network', 'fees',
    ]);
    expect(f.filters).toEqual({ from: '2026-11-22', to: '2026-12-21', districtId: null, officeId: null, serviceCode: null });

    expect(table(f, 'by_month').rows).toEqual([{ month: '1405-09', monthFa: 'آذر ۱۴۰۵', takenIn: d.takenIn, answered: d.answered, cancelled: d.cancelled }]);
    expect(total(table(f, 'by_service'), 'takenIn')).toBe(d.takenIn);
    expect(table(f, 'by_service').rows.find((r) => r.serviceCode === 'property_inspection')).toMatchObject({ takenIn: 6, answered: 3, cancelled: 1 });

    const byDistrict = table(f, 'by_district');
    expect(byDistrict.rows).toHaveLength(15);
    for (const number of [3, 5]) {
      const mine = d.requests.filter((r) => r.district_id === districtId.get(number));
      expect(byDistrict.rows.find((r) => r.districtId === districtId.get(number))).toMatchObject({
        districtFa: `منطقه ${number === 3 ? '۳' : '۵'}`,
        takenIn: mine.length,
        cancelled: mine.filter((r) => r.state === 'cancelled').length,
        open: mine.filter((r) => !['delivered', 'cancelled'].includes(r.state)).length,
      });
    }

    const byOffice = table(f, 'by_office');
    expect(total(byOffice, 'volume')).toBe(d.takenIn);
    expect(byOffice.rows).toHaveLength(new Set(d.requests.map((r) => r.office_id)).size);
    const office3 = byOffice.rows.find((r) => r.govCode === '10573449')!;
    // one return of four district-3 cases; it waited from Tuesday 09:00 to Saturday 10:00 (4 days 1 h)
    expect(office3).toMatchObject({ volume: 4, correctionRate: 25, pausedDays: 4 });
    expect(Number(office3.deskAvgMinutes)).toBeGreaterThan(0);

    const backlog = table(f, 'backlog_by_step');
    for (const r of backlog.rows) expect(r.open, String(r.state)).toBe(d.openByState.get(String(r.state)) ?? 0);
    expect(total(backlog, 'open')).toBe([...d.openByState.values()].reduce((a, b) => a + b, 0));

    const turnaround = table(f, 'turnaround_by_step');
    for (const [state, n] of d.stepsLeaving) expect(turnaround.rows.find((r) => r.step === state)?.steps, state).toBe(n);
    expect(turnaround.rows.find((r) => r.step === 'answer')?.steps).toBe(d.answered);
    expect(turnaround.rows.find((r) => r.step === 'turnaround')?.steps).toBe(d.delivered);
    expect(turnaround.rows.find((r) => r.step === 'returned_to_office')?.steps).toBe(d.returns);
    const sla = table(f, 'sla_compliance');
    for (const r of sla.rows) expect(Number(r.onTime) + Number(r.late)).toBe(r.ended);

    expect(total(table(f, 'inspector_workload'), 'visits')).toBe(d.visits);
    // Open assignments: each inspector's cases waiting for a visit.
    const waitingBy = await casesWaitingForVisit(t.db);
    const workload = table(f, 'inspector_workload').rows;
    expect(total(table(f, 'inspector_workload'), 'openAssignments')).toBeGreaterThan(0);
    for (const r of workload) expect(Number(r.openAssignments), String(r.inspectorId)).toBe(waitingBy.get(String(r.inspectorId)) ?? 0);

    const fees = table(f, 'fees');
    expect(total(fees, 'feeRials')).toBe(d.fees);
    expect(total(fees, 'paidRials')).toBe(d.paid);
    expect(d.paid).toBeGreaterThan(0);
    for (const r of fees.rows) {
      expect(r).toMatchObject({ month: '1405-09', monthFa: 'آذر ۱۴۰۵' });
      expect({ office: r.officeShareRials, municipality: r.municipalityShareRials }).toEqual(feeSplit(Number(r.paidRials), 30));
    }

    const network = table(f, 'desk_network');
    const offices = await t.db.selectFrom('offices').select(['district_id', 'status']).execute();
    for (const r of network.rows) {
      const mine = offices.filter((o) => o.district_id === r.districtId);
      expect(r).toMatchObject({ target: 8, active: mine.filter((o) => o.status === 'active').length, inactive: mine.filter((o) => o.status === 'inactive').length });
      expect(r.gap).toBe(Math.max(0, 8 - Number(r.active)));
    }
    expect(table(f, 'inquiries').rows.map((r) => r.type)).toEqual(['bank', 'notary_transfer', 'agency']);
  });

  it('filter by office and service, and a month with no work is all zeros', async () => {
    const office = await t.db.selectFrom('offices').select('id').where('gov_code', '=', '10837009').executeTakeFirstOrThrow();
    const f = await figures(admin, `${AZAR}&officeId=${office.id}&serviceCode=property_inspection`);
    expect(table(f, 'by_month').rows[0]).toMatchObject({ takenIn: 2, answered: 1, cancelled: 0 });
    expect(table(f, 'by_office').rows.map((r) => r.govCode)).toEqual(['10837009']);
    const empty = await figures(admin, 'from=2026-10-23&to=2026-11-21'); // Aban 1405
    expect(table(empty, 'by_month').rows).toEqual([{ month: '1405-08', monthFa: 'آبان ۱۴۰۵', takenIn: 0, answered: 0, cancelled: 0 }]);
    expect(table(empty, 'by_office').rows).toEqual([]);
  });

  it('default to the current Jalali month', async () => {
    expect((await figures(admin, '')).filters).toMatchObject({ from: '2026-11-22', to: '2026-12-21' });
  });

  it("show a district manager their own district only; another district or its desk is not found", async () => {
    const manager = await signIn(t.app, 'd3-approver');
    const f = await figures(manager);
    expect(f.filters.districtId).toBe(districtId.get(3));
    expect(table(f, 'by_district').rows.map((r) => r.districtId)).toEqual([districtId.get(3)]);
    expect(table(f, 'desk_network').rows.map((r) => r.districtId)).toEqual([districtId.get(3)]);
    expect(table(f, 'by_office').rows.map((r) => r.govCode)).toEqual(['10573449']);
    expect(table(f, 'by_month').rows[0]!.takenIn).toBe(4);
    for (const r of table(f, 'inspector_workload').rows) expect(r.districtFa).toBe('منطقه ۳');

    expect((await manager.get(`/api/dashboards/figures?districtId=${districtId.get(3)}`)).statusCode).toBe(200);
    expect((await manager.get(`/api/dashboards/figures?districtId=${districtId.get(5)}`)).statusCode).toBe(404);
    const office5 = await t.db.selectFrom('offices').select('id').where('gov_code', '=', '10837009').executeTakeFirstOrThrow();
    expect((await manager.get(`/api/dashboards/figures?officeId=${office5.id}`)).statusCode).toBe(404);
    expect((await manager.get(`/api/dashboards/export.csv?table=by_district&districtId=${districtId.get(5)}`)).statusCode).toBe(404);
    expect((await manager.get(`/api/dashboards/report.pdf?month=1405-09&districtId=${districtId.get(5)}`)).statusCode).toBe(404);

    const auditor = await signIn(t.app, 'auditor');
    expect(table(await figures(auditor, `${AZAR}&districtId=${districtId.get(5)}`), 'by_district').rows.map((r) => r.districtId)).toEqual([districtId.get(5)]);
    for (const who of ['o10573449-op1', 'd3-reviewer1', 'd3-followup1']) {
      expect((await (await signIn(t.app, who)).get('/api/dashboards/figures')).statusCode, who).toBe(403);
    }
    expect((await t.app.inject({ method: 'GET', url: '/api/dashboards/figures' })).statusCode).toBe(401);
  });

  it('refuse bad filters with 400 and field errors', async () => {
    const fieldsOf = async (query: string) => {
      const res = await admin.get(`/api/dashboards/figures?${query}`);
      expect(res.statusCode, query).toBe(400);
      return res.json().error.fields.map((e: { field: string; code: string }) => `${e.field}:${e.code}`);
    };
    expect(await fieldsOf('from=2026-12-10&to=2026-12-01')).toEqual(['to:before_from']);
    expect(await fieldsOf('from=2025-01-01&to=2026-12-01')).toEqual(['to:range_too_long']);
    expect((await fieldsOf('from=2026-13-01'))[0]).toMatch(/^from:/);
    expect(await fieldsOf('serviceCode=no_such_service')).toEqual(['serviceCode:not_found']);
    expect((await fieldsOf('districtId=3'))[0]).toMatch(/^districtId:/);
    expect((await admin.get(`/api/dashboards/figures?districtId=${'0'.repeat(8)}-0000-7000-8000-${'0'.repeat(12)}`)).statusCode).toBe(404);
    expect((await admin.get('/api/dashboards/export.csv?table=nope')).statusCode).toBe(400);
    expect((await admin.get('/api/dashboards/report.pdf?month=1405-13')).statusCode).toBe(400);
  });

  it('refuse dates and months outside the Jalali calendar we keep (1300-1500) with 400, not 500', async () => {
    const fieldsOf = async (url: string) => {
      const res = await admin.get(url);
      expect(res.statusCode, url).toBe(400);
      return res.json().error.fields.map((e: { field: string; code: string }) => `${e.field}:${e.code}`);
    };
    expect(await fieldsOf('/api/dashboards/figures?from=2199-12-31')).toEqual(['from:out_of_range']);
    // Past the years any date sent may be in (platform/validation.ts), the schema refuses it first.
    expect(await fieldsOf('/api/dashboards/figures?from=9999-12-31')).toEqual(['from:format']);
    expect(await fieldsOf('/api/dashboards/figures?to=1900-01-01')).toEqual(['to:out_of_range']);
    expect(await fieldsOf('/api/dashboards/export.csv?table=fees&from=1900-01-01&to=1900-01-31')).toEqual(['from:out_of_range', 'to:out_of_range']);
    for (const month of ['0000-01', '1299-12', '9999-12']) expect(await fieldsOf(`/api/dashboards/report.pdf?month=${month}`)).toEqual(['month:out_of_range']);
  });
});

/** The Persian file name of a Content-Disposition, as a browser reads its `filename*`. */
const utf8FileName = (header: string) => decodeURIComponent(/filename\*=UTF-8''(.+)$/.exec(header)![1]!);

describe('exports', () => {
  it('give a table as CSV: UTF-8 with BOM, Persian headers, ASCII digits, the same numbers', async () => {
    const f = await figures(admin);
    const res = await admin.get(`/api/dashboards/export.csv?table=by_district&${AZAR}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="miz-e-khedmat-by-district-2026-11-22-2026-12-21.csv"; filename*=UTF-8''${encodeURIComponent('میز خدمت - درخواست‌ها به تفکیک منطقه - ۱۴۰۵-۰۹-۰۱ تا ۱۴۰۵-۰۹-۳۰.csv')}`,
    );
    const raw = res.rawPayload;
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = raw.subarray(3).toString('utf8').trimEnd().split('\r\n');
    expect(lines[0]).toBe('منطقه,ثبت‌شده,پاسخ صادرشده,لغوشده,در جریان,میانه زمان پاسخ (روز),صدک 90 زمان پاسخ (روز)');
    expect(lines).toHaveLength(16);
    const d3 = table(f, 'by_district').rows.find((r) => r.districtId === districtId.get(3))!;
    expect(lines[3]).toBe(['منطقه 3', d3.takenIn, d3.answered, d3.cancelled, d3.open, d3.medianAnswerDays ?? '', d3.p90AnswerDays ?? ''].join(','));
    expect(raw.subarray(3).toString('utf8')).not.toMatch(/[۰-۹]/);
  });

  it('give a table as an .xlsx sheet (right to left, bold header) with the same numbers as the figures', async () => {
    const f = await figures(admin);
    for (const key of ['by_district', 'fees', 'turnaround_by_step']) {
      const res = await admin.get(`/api/dashboards/export.xlsx?table=${key}&${AZAR}`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      const tb = table(f, key);
      // Named in Persian, by the table's title and the Jalali range; an ASCII name for old clients.
      expect(res.headers['content-disposition']).toMatch(new RegExp(`^attachment; filename="miz-e-khedmat-${key.replace(/_/g, '-')}-2026-11-22-2026-12-21\\.xlsx"; filename\\*=UTF-8''[^'"\\s()*]+$`));
      expect(utf8FileName(res.headers['content-disposition'] as string)).toBe(`میز خدمت - ${tb.titleFa} - ۱۴۰۵-۰۹-۰۱ تا ۱۴۰۵-۰۹-۳۰.xlsx`);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const sheet = book.worksheets[0]!;
      expect(sheet.name).toBe([...tb.titleFa.replace(/[:\\/?*[\]]/g, ' ')].slice(0, 31).join('').trim());
      expect(sheet.name).toMatch(/^[\u0600-\u06ff\u200c ()،:]+$/);
      expect(sheet.views[0]).toMatchObject({ rightToLeft: true });
      expect(sheet.getRow(1).font?.bold).toBe(true);
      // A span of minutes is a number of minutes in the file, and its heading says so.
      expect(sheet.getRow(1).values).toEqual([undefined, ...tb.columns.map((c) => (c.kind === 'minutes' ? `${c.titleFa} (دقیقه)` : c.titleFa))]);
      expect(sheet.rowCount).toBe(tb.rows.length + 1);
      tb.rows.forEach((row, i) => {
        const cells = sheet.getRow(i + 2).values as unknown[];
        tb.columns.forEach((c, j) => {
          const v = cells[j + 1];
          expect(v ?? null, `${key} row ${i} ${c.key}`).toEqual(row[c.key] ?? null);
          if (c.kind !== 'text' && row[c.key] !== null) expect(typeof v).toBe('number');
        });
      });
    }
  });
});

describe('the monthly report', () => {
  it('is a Persian PDF naming the Jalali month, with the figures', async () => {
    const res = await admin.get('/api/dashboards/report.pdf?month=1405-09');
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toMatch(/^inline; filename="monthly-report-1405-09\.pdf"; filename\*=UTF-8''/);
    expect(utf8FileName(res.headers['content-disposition'] as string)).toBe('گزارش ماهانه میز خدمت - آذر ۱۴۰۵.pdf');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'report-'));
    try {
      const file = path.join(dir, 'r.pdf');
      fs.writeFileSync(file, res.rawPayload);
      const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
      expect(text).toContain('آذر');
      expect(text).toMatch(/گزارش ماهانه/);
      expect(text).toMatch(/۶/); // six cases taken in
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    const manager = await signIn(t.app, 'd3-approver');
    const own = await manager.get('/api/dashboards/report.pdf?month=1405-09');
    expect(own.statusCode).toBe(200);
    expect(own.headers['content-disposition']).toMatch(/^inline; filename="monthly-report-1405-09-district-3\.pdf"; /);
    expect(utf8FileName(own.headers['content-disposition'] as string)).toBe('گزارش ماهانه میز خدمت - آذر ۱۴۰۵ - منطقه ۳.pdf');
  }, 60_000);
});

describe('the month level (decision 0045)', () => {
  it('gives the same figures once the month is sealed, whole months read from the month rows alone; each month sealed once', async () => {
    const city = await t.db.selectFrom('cities').select('id').executeTakeFirstOrThrow();
    const ranges = [AZAR, `${AZAR}&districtId=${districtId.get(3)}`, `${AZAR}&serviceCode=property_inspection`, 'from=2026-11-15&to=2026-12-30', 'from=2026-11-29&to=2026-12-03'];
    const tablesOf = async (query: string) => (await figures(admin, query)).tables;
    const before = await Promise.all(ranges.map(tablesOf));
    expect(total(table({ tables: before[0]! }, 'by_month'), 'answered')).toBeGreaterThan(0);

    // Azar is not over on 21 Dec; on 23 Dec it is (its last day before yesterday). Two sealers at once seal it once.
    t.clock.set(tehran('2026-12-21', '23:00'));
    expect(await sealStepMonths(t.db, t.clock.now())).not.toContain(`${city.id}|1405-09`);
    t.clock.set(tehran('2026-12-23', '12:00'));
    const [a, b] = await Promise.all([sealStepMonths(t.db, t.clock.now()), sealStepMonths(t.db, t.clock.now())]);
    expect([...a, ...b].filter((m) => m === `${city.id}|1405-09`)).toHaveLength(1);
    expect(await sealStepMonths(t.db, t.clock.now())).toEqual([]);
    admin = await signIn(t.app, 'admin'); // the session of 7 Dec has lapsed
    const azarSteps = await t.db.selectFrom('rollup_steps_monthly').select(['step', 'steps', 'buckets']).where('month', '=', '1405-09').execute();
    expect(azarSteps.length).toBeGreaterThan(0);
    for (const r of azarSteps) expect(r.buckets.split(',').reduce((n, pair) => n + Number(pair.split(':')[1]), 0)).toBe(Number(r.steps));

    // With Azar's day rows taken away, the whole-month figures are unchanged: they come from the month rows.
    const stepDays = await t.db.selectFrom('rollup_steps').selectAll().where('day', '>=', '2026-11-22').where('day', '<=', '2026-12-21').execute();
    const caseDays = await t.db.selectFrom('rollup_cases').selectAll().where('day', '>=', '2026-11-22').where('day', '<=', '2026-12-21').execute();
    expect(stepDays.length).toBeGreaterThan(0);
    await t.db.deleteFrom('rollup_steps').where('day', '>=', '2026-11-22').where('day', '<=', '2026-12-21').execute();
    await t.db.deleteFrom('rollup_cases').where('day', '>=', '2026-11-22').where('day', '<=', '2026-12-21').execute();
    try {
      for (let i = 0; i < 3; i++) expect(await tablesOf(ranges[i]!)).toEqual(before[i]);
    } finally {
      await t.db.insertInto('rollup_steps').values(stepDays).execute();
      await t.db.insertInto('rollup_cases').values(caseDays).execute();
    }
    // Ranges with edges read Azar's month rows and the days around it; a range inside the month, its days.
    for (let i = 0; i < ranges.length; i++) expect(await tablesOf(ranges[i]!)).toEqual(before[i]);
 
    // Azar's visits come from its month row of each inspector (decision 0050): a changed row changes the figure.
    const visits = await t.db.selectFrom('rollup_visits_monthly').selectAll().where('month', '=', '1405-09').execute();
    expect(visits.reduce((n, r) => n + Number(r.visits), 0)).toBe(total(table({ tables: before[0]! }, 'inspector_workload'), 'visits'));
    const one = visits[0]!;
    const setVisits = (n: number) =>
      t.db.updateTable('rollup_visits_monthly').set({ visits: n }).where('city_id', '=', one.city_id).where('month', '=', one.month).where('inspector_id', '=', one.inspector_id).execute();
    await setVisits(Number(one.visits) + 7);
    try {
      const changed = table({ tables: await tablesOf(AZAR) }, 'inspector_workload').rows.find((r) => r.inspectorId === one.inspector_id)!;
      const was = table({ tables: before[0]! }, 'inspector_workload').rows.find((r) => r.inspectorId === one.inspector_id)!;
      expect(changed.visits).toBe(Number(was.visits) + 7);
    } finally {
      await setVisits(Number(one.visits));
    }
  });
});

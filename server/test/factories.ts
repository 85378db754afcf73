/** Test data through the API (cases) or read from the demo seed (property files, staff). */
import { expect } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Db } from '../db/database.js';
import { OPEN_VISIT_STATES } from '../../contracts/workflow.js';
import { signIn, type Client, type TestApp } from './app.js';

/**
 * Each inspector's cases waiting for a visit, counted from the cases themselves: what the kept
 * counts (inspector_open_visits, decision 0053) must agree with wherever they are shown.
 */
export async function casesWaitingForVisit(db: Db): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('requests')
    .select((eb) => ['assigned_inspector_id', eb.fn.countAll<number>().as('n')])
    .where('assigned_inspector_id', 'is not', null)
    .where('state', 'in', OPEN_VISIT_STATES)
    .groupBy('assigned_inspector_id')
    .execute();
  return new Map(rows.map((r) => [r.assigned_inspector_id!, Number(r.n)]));
}

/** A valid کد ملی from nine digits (the check digit computed); Isfahan prefixes (127–129) pass the prefix check. */
export function nationalCode(nine: string): string {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(nine[i]) * (10 - i);
  const r = sum % 11;
  return nine + String(r < 2 ? r : 11 - r);
}

export const INSPECTION_FORM = { visitReason: 'new_file' };
export const INSPECTION_DOCS = { ownership_deed: true, owner_national_card: true };

export interface SeededProperty {
  id: string;
  ownerId: string;
  ownerNationalCode: string;
}

/** The first demo property file of a district, with one of its owners. */
export async function districtProperty(db: Db, districtNumber: number): Promise<SeededProperty> {
  const row = await db
    .selectFrom('properties')
    .innerJoin('districts', 'districts.id', 'properties.district_id')
    .innerJoin('property_owners', 'property_owners.property_id', 'properties.id')
    .innerJoin('persons', 'persons.id', 'property_owners.person_id')
    .select(['properties.id', 'persons.id as ownerId', 'persons.national_code'])
    .where('districts.number', '=', districtNumber)
    .orderBy('properties.file_number')
    .executeTakeFirstOrThrow();
  return { id: row.id, ownerId: row.ownerId, ownerNationalCode: row.national_code };
}

/**
 * `n` copies of a case's row at its desk, each with its own id and tracking code, written straight
 * into the table (no timeline, audit or rollup rows): a desk with thousands of cases for the list.
 */
export async function copyCase(db: Db, caseId: string, n: number): Promise<void> {
  const row = await db.selectFrom('requests').selectAll().where('id', '=', caseId).executeTakeFirstOrThrow();
  let code = Number((await db.selectFrom('requests').select((eb) => eb.fn.max('tracking_code').as('m')).executeTakeFirstOrThrow()).m) + 1;
  const rows = Array.from({ length: n }, () => ({ ...row, id: uuidv7(), tracking_code: String(code++).padStart(10, '0') }));
  for (let i = 0; i < rows.length; i += 100) await db.insertInto('requests').values(rows.slice(i, i + 100)).execute();
}

/** The fee taken on the card reader at intake, as most cases are (an unpaid case waits for its inspector). */
export const PAID_AT_INTAKE = { paid: true, reference: '70012345' };
export const UNPAID = { paid: false };

/** Intake at the desk; the owner is the applicant; the fee paid unless told otherwise. */
export async function registerCase(
  client: Client,
  property: SeededProperty,
  serviceCode = 'property_inspection',
  form: object = INSPECTION_FORM,
  documents: object = INSPECTION_DOCS,
  payment: object = PAID_AT_INTAKE,
) {
  const res = await client.post('/api/requests', { propertyId: property.id, applicantPersonId: property.ownerId, serviceCode, form, documents, payment });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

/** A signed-in client for the inspector assigned to the case. */
export async function assignedInspector(t: TestApp, kase: { inspector: { id: string } | null }): Promise<Client> {
  const row = await t.db.selectFrom('staff').select('username').where('id', '=', kase.inspector!.id).executeTakeFirstOrThrow();
  return signIn(t.app, row.username);
}

/** The assigned inspector sets the visit (Monday 30 Azar 09:00-10:00) and files a clean report. */
export async function visitAndReport(t: TestApp, kase: { id: string; inspector: { id: string } | null; service: { inspectionChecklist: { code: string }[] } }, violations: object[] = []) {
  const inspector = await assignedInspector(t, kase);
  await act(inspector, kase.id, 'schedule-visit', { date: '2026-11-30', windowStart: '09:00', windowEnd: '10:00' });
  return act(inspector, kase.id, 'inspection-report', {
    findings: 'مطابق سند و پروانه',
    checklist: kase.service.inspectionChecklist.map((i) => ({ code: i.code, ok: true })),
    violations,
    gps: { lat: 32.65, lng: 51.67 },
    visitedAt: t.clock.now().toISOString(),
  });
}

/**
 * A complete inspection case, intake to hand-over, through the API as each role would do it;
 * afterwards the property has a recent inspection on file. Returns the delivered case.
 */
export async function completeInspectionCase(t: TestApp, op: Client, property: SeededProperty, districtNumber: number, violations: object[] = []) {
  const kase = await registerCase(op, property);
  const step = (client: Client, action: string, body: object) => act(client, kase.id, action, body);
  await visitAndReport(t, kase, violations);
  const reviewer = await signIn(t.app, `d${districtNumber}-reviewer1`);
  const approver = await signIn(t.app, `d${districtNumber}-approver`);
  await step(reviewer, 'recommend', { recommendation: 'approve', note: 'بدون تخلف' });
  await step(approver, 'approve', {});
  await step(approver, 'issue-response', {});
  return step(op, 'deliver', { receivedByName: 'مالک', receivedByNationalCode: property.ownerNationalCode });
}

/** Take a case action at the case's current version, as a person reloading the page would; expects success. */
export async function act(client: Client, caseId: string, action: string, body: object = {}) {
  const current = (await client.get(`/api/requests/${caseId}`)).json();
  const res = await client.post(`/api/requests/${caseId}/${action}`, { version: current.version, ...body });
  expect(res.statusCode, `${action}: ${res.body}`).toBe(200);
  return res.json();
}

/** A document uploaded to a case through the real route (multipart, as the browser sends it). */
export async function uploadDocument(app: FastifyInstance, client: Client, requestId: string, kind: string, fileName: string, bytes: Buffer): Promise<LightMyRequestResponse> {
  const boundary = '----miz' + Math.random().toString(16).slice(2);
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\n${kind}\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`;
  const payload = Buffer.concat([Buffer.from(head), bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]);
  return app.inject({ method: 'POST', url: `/api/requests/${requestId}/documents`, headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, cookie: client.cookie }, payload });
}

/** Inquiries from API clients in API tests: a client and its key registered by the city admin, a bank inquiry, a property with a postal code. */
import { expect } from 'vitest';
import type { Db } from '../db/database.js';
import type { Client, TestApp } from './app.js';
import { districtProperty } from './factories.js';

export async function newApiClient(admin: Client, body: object = {}) {
  const res = await admin.post('/api/api-clients', { kind: 'bank', nameFa: 'بانک ملت شعبه چهارباغ', officialCode: '1234', rateLimitPerMinute: 100, webhookEvents: [], ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

export async function newApiKey(admin: Client, clientId: string, scopes: string[], expiresAt = '2027-11-29T00:00:00.000Z') {
  const res = await admin.post(`/api/api-clients/${clientId}/keys`, { scopes, expiresAt });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().key as string;
}

/** POST /api/v1/inquiries with a key. */
export const askWith = (t: TestApp) => (key: string, body: object, headers: Record<string, string> = {}, remoteAddress = '127.0.0.1') =>
  t.app.inject({ method: 'POST', url: '/api/v1/inquiries', payload: body, remoteAddress, headers: { authorization: `Bearer ${key}`, ...headers } });

export const bankInquiry = (p: { postalCode: string; ownerNationalCode: string }) => ({
  type: 'bank', property: { postalCode: p.postalCode }, subjectNationalCode: p.ownerNationalCode, letterNumber: 'ب/۱۴۰۵/۷۷۱', purpose: 'mortgage',
});

/** A property of the district with its postal code (what a bank asks by). */
export async function propertyWithPostal(db: Db, districtNumber: number) {
  const p = await districtProperty(db, districtNumber);
  const row = await db.selectFrom('properties').select('postal_code').where('id', '=', p.id).executeTakeFirstOrThrow();
  return { ...p, postalCode: row.postal_code! };
}

/**
 * The property file number is stored and exchanged as ISFAHAN-0000041 and shown as اصفهان-۴۱
 * (docs/decisions/0017-persian-display.md): the case search finds a file's cases by either form,
 * in any digits.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { digitsEnToFa } from '@persian-tools/persian-tools';
import { createTestApp, signIn, usernameOf, type Client, type TestApp } from '../../test/app.js';
import { districtProperty, registerCase } from '../../test/factories.js';
import { fileNumberFa } from '../../../contracts/fileNumber.js';

let t: TestApp;
let op: Client;
let fileNumber: string;
let caseId: string;

beforeAll(async () => {
  t = await createTestApp();
  op = await signIn(t.app, await usernameOf(t.db, 'office_operator', { districtNumber: 3 }));
  const property = await districtProperty(t.db, 3);
  caseId = (await registerCase(op, property)).id;
  fileNumber = (await t.db.selectFrom('properties').select('file_number').where('id', '=', property.id).executeTakeFirstOrThrow()).file_number;
});
afterAll(() => t?.close());

describe('finding cases by file number', () => {
  it('takes the stored form and the Persian form alike, and keeps the stored value as it was', async () => {
    const seq = String(Number(fileNumber.split('-')[1]));
    const forms = [fileNumber, fileNumber.toLowerCase(), fileNumberFa(fileNumber), `اصفهان ${digitsEnToFa(seq)}`, `اصفهان-${seq}`, `ISFAHAN-${seq}`];
    for (const q of forms) {
      const res = await op.get(`/api/requests?q=${encodeURIComponent(q)}`);
      expect(res.statusCode, res.body).toBe(200);
      const items: { id: string; propertyFileNumber: string }[] = res.json().items;
      expect(items.map((i) => i.id), q).toContain(caseId);
      expect(new Set(items.map((i) => i.propertyFileNumber)), q).toEqual(new Set([fileNumber]));
    }
    expect(fileNumber).toMatch(/^ISFAHAN-\d{7}$/);
  });

  it('finds nothing for another city name', async () => {
    const res = await op.get(`/api/requests?q=${encodeURIComponent('شیراز-۳')}`);
    expect(res.json().items).toEqual([]);
  });
});

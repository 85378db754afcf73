/**
 * The case list's search by an identifier (requests.queries.ts, casesMatching): a postal code, a
 * registry plate, the applicant's national code or an owner's finds the file's cases through the
 * indexes, and never a case outside the clerk's scope.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, usernameOf, type Client, type TestApp } from '../../test/app.js';
import { districtProperty, registerCase, type SeededProperty } from '../../test/factories.js';

let t: TestApp;
let op: Client;
let otherDesk: Client;
let property: SeededProperty;
let caseId: string;
let file: { postal_code: string | null; plate_main: number | null; plate_sub: number | null; registry_section: number | null };

const found = async (client: Client, q: string) => {
  const res = await client.get(`/api/requests?pageSize=100&q=${encodeURIComponent(q)}`);
  expect(res.statusCode, res.body).toBe(200);
  const body = res.json<{ items: { id: string }[]; total: number }>();
  expect(body.total).toBe(body.items.length);
  return body.items.map((i) => i.id);
};

beforeAll(async () => {
  t = await createTestApp();
  op = await signIn(t.app, await usernameOf(t.db, 'office_operator', { districtNumber: 3 }));
  otherDesk = await signIn(t.app, await usernameOf(t.db, 'office_operator', { districtNumber: 5 }));
  property = await districtProperty(t.db, 3);
  caseId = (await registerCase(op, property)).id;
  file = await t.db
    .selectFrom('properties')
    .select(['postal_code', 'plate_main', 'plate_sub', 'registry_section'])
    .where('id', '=', property.id)
    .executeTakeFirstOrThrow();
});
afterAll(() => t?.close());

describe('finding cases by an identifier', () => {
  it("finds the file's cases by its postal code and by its registry plate", async () => {
    expect(file.postal_code).toMatch(/^\d{10}$/);
    expect(await found(op, file.postal_code!)).toContain(caseId);
    expect(await found(op, `${file.plate_main}/${file.plate_sub}`)).toContain(caseId);
    expect(await found(op, `${file.plate_main}/${file.plate_sub}/${file.registry_section}`)).toContain(caseId);
    expect(await found(op, `${file.plate_main}/${file.plate_sub}/${(file.registry_section ?? 0) + 1}`)).not.toContain(caseId);
  });

  it("finds it by the applicant's national code and by another owner's", async () => {
    expect(await found(op, property.ownerNationalCode)).toContain(caseId);
    const other = await t.db
      .selectFrom('persons')
      .select(['id', 'national_code'])
      .where('kind', '=', 'natural')
      .where('id', 'not in', t.db.selectFrom('property_owners').select('person_id').where('property_id', '=', property.id))
      .orderBy('national_code')
      .executeTakeFirstOrThrow();
    expect(await found(op, other.national_code)).not.toContain(caseId);
    await t.db.insertInto('property_owners').values({ property_id: property.id, person_id: other.id, share_milli_dang: 1000 }).execute();
    expect(await found(op, other.national_code)).toContain(caseId);
  });

  it("finds nothing of another desk's cases, whatever identifier is typed", async () => {
    for (const q of [file.postal_code!, `${file.plate_main}/${file.plate_sub}`, property.ownerNationalCode]) {
      expect(await found(otherDesk, q), q).not.toContain(caseId);
    }
  });
});

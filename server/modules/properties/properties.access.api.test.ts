/**
 * Property files across desks (docs/decisions/0016-property-file-access.md): any desk finds a file,
 * but sees its owners' identifiers in full and edits it only with an open request of its own on it,
 * or as the desk that opened it while no other desk's request is attached. Every path a desk can
 * reach is checked for the full values, in the raw response body.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, usernameOf, type Client, type TestApp } from '../../test/app.js';
import { nationalCode, registerCase } from '../../test/factories.js';

let t: TestApp;
let desk3: Client; // a desk in district 3: opens the files
let desk5: Client; // a desk in district 5: no business with them until it registers a request
let district: Map<number, string>;
let owners: { id: string; nationalCode: string; mobile: string | null }[];

const MASKED_CODE = /^\d{3}\*{4}\d{3}$/;
const MASKED_MOBILE = /^09\d{2}\*{4}\d{3}$/;

beforeAll(async () => {
  t = await createTestApp();
  desk3 = await signIn(t.app, await usernameOf(t.db, 'office_operator', { districtNumber: 3 }));
  desk5 = await signIn(t.app, await usernameOf(t.db, 'office_operator', { districtNumber: 5 }));
  const rows = await t.db.selectFrom('districts').select(['id', 'number']).execute();
  district = new Map(rows.map((d) => [d.number, d.id]));
  owners = [];
  for (const [nine, firstName, lastName, mobile] of [
    ['129500001', 'پروین', 'اعتصامی‌فر', '09131110001'],
    ['129500002', 'سهراب', 'کاشانی‌نژاد', '09131110002'],
  ] as const) {
    const res = await desk3.post('/api/persons', { kind: 'natural', nationalCode: nationalCode(nine), firstName, lastName, mobile });
    expect(res.statusCode, res.body).toBe(201);
    owners.push(res.json());
  }
});
afterAll(async () => t?.close());

let serial = 0;
async function openFile(as: Client = desk3) {
  serial++;
  const res = await as.post('/api/properties', {
    districtId: district.get(3),
    renovationCode: `3-${700 + serial}-9-0-0-0`,
    postalCode: `8175${String(serial).padStart(6, '0')}`,
    address: `اصفهان، خیابان دسترسی، کوچه ${serial}`,
    floors: 2,
    owners: [
      { personId: owners[0]!.id, shareDang: 4 },
      { personId: owners[1]!.id, shareDang: 2 },
    ],
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: string; version: number; address: string; postalCode: string }>();
}

/** Intake through the API, the first owner as applicant. */
const requestOn = (as: Client, fileId: string) => registerCase(as, { id: fileId, ownerId: owners[0]!.id, ownerNationalCode: owners[0]!.nationalCode });

/** No full national code or mobile of the owners anywhere in a response body. */
function expectNoFullIdentifiers(body: string) {
  for (const o of owners) {
    expect(body).not.toContain(o.nationalCode);
    expect(body).not.toContain(o.mobile!);
  }
}

const ownerCodes = (file: { owners: { person: { nationalCode: string } }[] }) => file.owners.map((o) => o.person.nationalCode);

async function updateAudits(fileId: string) {
  const rows = await t.db.selectFrom('audit_log').select(['details', 'actor_office_id']).where('action', '=', 'property.update').where('entity_id', '=', fileId).orderBy('seq').execute();
  return rows.map((r) => ({ ...JSON.parse(r.details!), office: r.actor_office_id }));
}

const officeOf = async (c: Client) =>
  (await t.db.selectFrom('staff').select('office_id').where('username', '=', c.username).executeTakeFirstOrThrow()).office_id;

describe('a desk with no request on a file', () => {
  let file: Awaited<ReturnType<typeof openFile>>;
  beforeAll(async () => {
    file = await openFile();
  });

  it('finds it and reads it, with the owners’ codes masked, on every path', async () => {
    const page = await desk5.get(`/api/properties/${file.id}`);
    expect(page.statusCode).toBe(200);
    expect(page.json().can).toEqual({ edit: false, seeIdentifiers: false, registerRequest: true });
    expect(ownerCodes(page.json())).toEqual([
      owners[0]!.nationalCode.slice(0, 3) + '****' + owners[0]!.nationalCode.slice(-3),
      owners[1]!.nationalCode.slice(0, 3) + '****' + owners[1]!.nationalCode.slice(-3),
    ]);
    expectNoFullIdentifiers(page.body);

    // Search by address, by the owner's full national code (finding is allowed), and the district list.
    for (const query of [`q=${encodeURIComponent(file.address)}`, `nationalCode=${owners[0]!.nationalCode}`, `postalCode=${file.postalCode}`, `districtId=${district.get(3)}&pageSize=200`]) {
      const res = await desk5.get(`/api/properties?${query}`);
      expect(res.statusCode).toBe(200);
      const found = res.json().items.find((p: { id: string }) => p.id === file.id);
      expect(found, query).toBeDefined();
      expect(found.can).toEqual({ edit: false, seeIdentifiers: false, registerRequest: true });
      expect(ownerCodes(found).every((c: string) => MASKED_CODE.test(c))).toBe(true);
      expectNoFullIdentifiers(res.body);
    }
  });

  it('sees the owners masked through /api/persons too, but for a code it typed itself', async () => {
    const one = await desk5.get(`/api/persons/${owners[0]!.id}`);
    expect(one.statusCode).toBe(200);
    expect(one.json()).toMatchObject({ nationalCode: expect.stringMatching(MASKED_CODE), mobile: expect.stringMatching(MASKED_MOBILE), can: { edit: false, seeIdentifiers: false } });
    expectNoFullIdentifiers(one.body);

    const byName = await desk5.get(`/api/persons?q=${encodeURIComponent('کاشانی نژاد')}`);
    expect(byName.json().items.map((p: { id: string }) => p.id)).toEqual([owners[1]!.id]);
    expectNoFullIdentifiers(byName.body);

    // The desk typed the code, so it gets it back (to confirm whom it found); the mobile stays masked.
    const byCode = await desk5.get(`/api/persons?nationalCode=${owners[0]!.nationalCode}`);
    expect(byCode.json().items).toEqual([expect.objectContaining({ id: owners[0]!.id, nationalCode: owners[0]!.nationalCode, mobile: '0913****001' })]);
  });

  it('may not edit the file or correct its owners: 403, nothing written', async () => {
    const auditBefore = await t.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const res = await desk5.patch(`/api/properties/${file.id}`, { version: file.version, floors: 9 });
    expect(res.statusCode).toBe(403);
    expect(res.json().error).toMatchObject({ code: 'FORBIDDEN', details: { reason: 'no_open_request' }, messageFa: expect.stringContaining('درخواست') });
    const person = await desk5.patch(`/api/persons/${owners[0]!.id}`, { mobile: '09139999999' });
    expect(person.statusCode).toBe(403);
    const row = await t.db.selectFrom('properties').select(['floors', 'version']).where('id', '=', file.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ floors: 2, version: 1 });
    expect((await t.db.selectFrom('persons').select('mobile').where('id', '=', owners[0]!.id).executeTakeFirstOrThrow()).mobile).toBe(owners[0]!.mobile);
    const auditAfter = await t.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(auditAfter.n)).toBe(Number(auditBefore.n));
  });

  it('is told other desks’ requests exist, how many, and not which', async () => {
    await requestOn(desk3, file.id);
    const page = (await desk5.get(`/api/properties/${file.id}`)).json();
    expect(page.requests).toEqual([]);
    expect(page.requestsNotShown).toEqual({ total: 1, open: 1 });
    const own = (await desk3.get(`/api/properties/${file.id}`)).json();
    expect(own.requests).toHaveLength(1);
    expect(own.requestsNotShown).toEqual({ total: 0, open: 0 });
  });
});

describe('a desk that registers a request on the file', () => {
  it('sees the identifiers in full and edits it while the request is open; the edit is audited before and after', async () => {
    const file = await openFile();
    const kase = await requestOn(desk5, file.id);

    const page = await desk5.get(`/api/properties/${file.id}`);
    expect(page.json().can).toEqual({ edit: true, seeIdentifiers: true, registerRequest: true });
    expect(ownerCodes(page.json())).toEqual([owners[0]!.nationalCode, owners[1]!.nationalCode]);
    expect((await desk5.get(`/api/persons/${owners[1]!.id}`)).json()).toMatchObject({ nationalCode: owners[1]!.nationalCode, mobile: owners[1]!.mobile });

    const res = await desk5.patch(`/api/properties/${file.id}`, {
      version: file.version, floors: 4, owners: [{ personId: owners[0]!.id, shareDang: 3 }, { personId: owners[1]!.id, shareDang: 3 }],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ version: 2, floors: 4, can: { edit: true, seeIdentifiers: true, registerRequest: true } });
    expect(await updateAudits(file.id)).toEqual([
      {
        changed: ['floors', 'owners'], version: 2, office: await officeOf(desk5),
        before: { floors: 2, owners: [{ personId: owners[0]!.id, shareDang: 4 }, { personId: owners[1]!.id, shareDang: 2 }] },
        after: { floors: 4, owners: [{ personId: owners[0]!.id, shareDang: 3 }, { personId: owners[1]!.id, shareDang: 3 }] },
      },
    ]);

    // Once its request is closed (here: handed over long ago), the desk is back to finding only.
    await t.db.updateTable('requests').set({ closed_at: t.clock.now().toISOString(), state: 'delivered' }).where('id', '=', kase.id).execute();
    const after = await desk5.get(`/api/properties/${file.id}`);
    expect(after.json().can).toEqual({ edit: false, seeIdentifiers: false, registerRequest: true });
    expectNoFullIdentifiers(after.body);
    expect((await desk5.patch(`/api/properties/${file.id}`, { version: 2, floors: 5 })).statusCode).toBe(403);
  });
});

describe('the desk that opened the file', () => {
  it('edits it while nothing else is attached, and not once another desk’s request is', async () => {
    const file = await openFile();
    expect((await desk3.get(`/api/properties/${file.id}`)).json().can).toEqual({ edit: true, seeIdentifiers: true, registerRequest: true });
    const first = await desk3.patch(`/api/properties/${file.id}`, { version: 1, address: 'اصفهان، خیابان دسترسی، کوچه اصلاح‌شده' });
    expect(first.statusCode, first.body).toBe(200);
    expect(await updateAudits(file.id)).toEqual([
      {
        changed: ['address'], version: 2, office: await officeOf(desk3),
        before: { address: file.address }, after: { address: 'اصفهان، خیابان دسترسی، کوچه اصلاح‌شده' },
      },
    ]);

    await requestOn(desk5, file.id);
    const page = await desk3.get(`/api/properties/${file.id}`);
    expect(page.json().can).toEqual({ edit: false, seeIdentifiers: false, registerRequest: true });
    expect(ownerCodes(page.json()).every((c: string) => MASKED_CODE.test(c))).toBe(true);
    expect((await desk3.patch(`/api/properties/${file.id}`, { version: 2, floors: 3 })).statusCode).toBe(403);

    // With a request of its own on the file, the opening desk edits again.
    await requestOn(desk3, file.id);
    expect((await desk3.patch(`/api/properties/${file.id}`, { version: 2, floors: 3 })).statusCode).toBe(200);
  });
});

describe('district staff and city roles', () => {
  it('keep what they had: full identifiers in their scope; the admin edits, the auditor and district only read', async () => {
    const file = await openFile();
    await requestOn(desk5, file.id); // the opening desk no longer has business with it
    const reviewer = await signIn(t.app, 'd3-reviewer1');
    const auditor = await signIn(t.app, 'auditor');
    const admin = await signIn(t.app, 'admin');
    for (const [who, can] of [
      [reviewer, { edit: false, seeIdentifiers: true, registerRequest: false }],
      [auditor, { edit: false, seeIdentifiers: true, registerRequest: false }],
      [admin, { edit: true, seeIdentifiers: true, registerRequest: false }],
    ] as const) {
      const page = (await who.get(`/api/properties/${file.id}`)).json();
      expect(page.can, who.username).toEqual(can);
      expect(ownerCodes(page)).toEqual([owners[0]!.nationalCode, owners[1]!.nationalCode]);
    }
    expect((await reviewer.get(`/api/persons/${owners[0]!.id}`)).json()).toMatchObject({ nationalCode: owners[0]!.nationalCode, mobile: owners[0]!.mobile });
    expect((await reviewer.patch(`/api/properties/${file.id}`, { version: 1, floors: 7 })).statusCode).toBe(403);
    const edited = await admin.patch(`/api/properties/${file.id}`, { version: 1, floors: 7 });
    expect(edited.statusCode).toBe(200);
    expect((await updateAudits(file.id)).map((a) => [a.before, a.after])).toEqual([[{ floors: 2 }, { floors: 7 }]]);
  });
});

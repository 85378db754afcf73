/**
 * The one access check (platform/access.ts) against the demo city: mixed ids in and out of reach
 * for each kind of scope, one query per call whatever the number of ids, and out of reach answered
 * exactly as a missing id (404 NOT_FOUND, nothing said about which or why).
 *
 * The world: three cases registered through the API. A and B at two desks of district 3 (A paid,
 * so it has its inspector; B unpaid, so none), C at a desk of district 5 (unpaid). The expected sets
 * are written out by hand from that story, never recomputed from scope.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KyselyPlugin } from 'kysely';
import type { Role } from '../../contracts/roles.js';
import { createTestApp, signIn, type TestApp } from '../test/app.js';
import { districtProperty, registerCase, UNPAID } from '../test/factories.js';
import type { Actor } from './actor.js';
import { inReach, requireInReach, type ReachKind } from './access.js';
import { AppError } from './errors.js';

let t: TestApp;
const ids = { A: '', B: '', C: '' };
const files = { d3: '', d5: '' };
const docs = { A: '', C: '' };
const MISSING = '01900000-0000-7000-8000-000000000000';
const actors = {} as Record<'deskA' | 'deskB' | 'deskC' | 'inspectorA' | 'reviewer3' | 'approver5' | 'followup3' | 'admin' | 'auditor', Actor>;

/** A staff member as the session would make them (auth.ts), read from the seed. */
async function actorOf(where: { username?: string; id?: string }): Promise<Actor> {
  let q = t.db.selectFrom('staff').select(['id', 'role', 'city_id', 'office_id', 'district_id', 'first_name', 'last_name']);
  q = where.username ? q.where('username', '=', where.username) : q.where('id', '=', where.id!);
  const s = await q.executeTakeFirstOrThrow();
  return { staffId: s.id, role: s.role as Role, cityId: s.city_id, officeId: s.office_id, districtId: s.district_id, name: `${s.first_name} ${s.last_name}`, ip: '127.0.0.1' };
}

/** The first active staff member of a role in a district (and, for desks, at an office other than `notOffice`). */
async function staffIn(role: Role, districtNumber: number, notOffice?: string): Promise<Actor> {
  let q = t.db
    .selectFrom('staff')
    .innerJoin('districts', 'districts.id', 'staff.district_id')
    .select('staff.username')
    .where('staff.role', '=', role)
    .where('districts.number', '=', districtNumber)
    .where('staff.active', '=', 1)
    .orderBy('staff.username');
  if (notOffice) q = q.where('staff.office_id', '!=', notOffice);
  return actorOf({ username: (await q.executeTakeFirstOrThrow()).username });
}

/** Counts the statements run through the executor it is plugged into. */
function counted() {
  let n = 0;
  const plugin: KyselyPlugin = {
    transformQuery: (args) => {
      n += 1;
      return args.node;
    },
    transformResult: async (args) => args.result,
  };
  return { db: t.db.withPlugin(plugin), count: () => n };
}

beforeAll(async () => {
  t = await createTestApp();
  actors.deskA = await staffIn('office_operator', 3);
  actors.deskB = await staffIn('office_operator', 3, actors.deskA.officeId!);
  actors.deskC = await staffIn('office_operator', 5);
  const [p3, p5] = [await districtProperty(t.db, 3), await districtProperty(t.db, 5)];
  files.d3 = p3.id;
  files.d5 = p5.id;
  const username = async (a: Actor) => (await t.db.selectFrom('staff').select('username').where('id', '=', a.staffId).executeTakeFirstOrThrow()).username;
  const [clientA, clientB, clientC] = [await signIn(t.app, await username(actors.deskA)), await signIn(t.app, await username(actors.deskB)), await signIn(t.app, await username(actors.deskC))];
  const a = await registerCase(clientA, p3);
  ids.A = a.id;
  ids.B = (await registerCase(clientB, p3, undefined, undefined, undefined, UNPAID)).id;
  ids.C = (await registerCase(clientC, p5, undefined, undefined, undefined, UNPAID)).id;
  actors.inspectorA = await actorOf({ id: a.inspector.id });
  actors.reviewer3 = await staffIn('district_reviewer', 3);
  actors.approver5 = await staffIn('district_approver', 5);
  actors.followup3 = await staffIn('followup_officer', 3);
  actors.admin = await actorOf({ username: 'admin' });
  actors.auditor = await actorOf({ username: 'auditor' });
  // One document on A and one on C, written directly: reach of a document is its case's.
  for (const [key, requestId] of [['A', ids.A], ['C', ids.C]] as const) {
    docs[key] = `0190000${key === 'A' ? '1' : '2'}-0000-7000-8000-000000000000`;
    await t.db
      .insertInto('documents')
      .values({ id: docs[key], request_id: requestId, kind: 'other', sha256: 'x'.repeat(64), size_bytes: 1, mime: 'application/pdf', original_name: 'x.pdf', thumbnail_sha256: null, uploaded_by: actors.deskA.staffId, uploaded_at: new Date().toISOString() })
      .execute();
  }
});

afterAll(async () => {
  await t?.close();
});

describe('inReach: which of these ids the actor reaches', () => {
  it('cases, by each kind of scope: the desk its office, the inspector their assignments, the district its district, the city everything', async () => {
    const asked = [ids.A, ids.B, ids.C, MISSING];
    const expected: [keyof typeof actors, string[]][] = [
      ['deskA', [ids.A]],
      ['deskB', [ids.B]],
      ['deskC', [ids.C]],
      ['inspectorA', [ids.A]],
      ['reviewer3', [ids.A, ids.B]],
      ['followup3', [ids.A, ids.B]],
      ['approver5', [ids.C]],
      ['admin', [ids.A, ids.B, ids.C]],
      ['auditor', [ids.A, ids.B, ids.C]],
    ];
    for (const [who, reached] of expected) {
      const { db, count } = counted();
      expect([...(await inReach(db, actors[who], 'case', asked))].sort(), who).toEqual([...reached].sort());
      expect(count(), who).toBe(1);
    }
  });

  it('property files: desks and the city find every file, a district its own, an inspector those of their assignments', async () => {
    const asked = [files.d3, files.d5, MISSING];
    const expected: [keyof typeof actors, string[]][] = [
      ['deskA', [files.d3, files.d5]],
      ['inspectorA', [files.d3]],
      ['reviewer3', [files.d3]],
      ['approver5', [files.d5]],
      ['admin', [files.d3, files.d5]],
    ];
    for (const [who, reached] of expected) expect([...(await inReach(t.db, actors[who], 'property', asked))].sort(), who).toEqual([...reached].sort());
  });

  it('documents go with their case', async () => {
    expect([...(await inReach(t.db, actors.deskA, 'document', [docs.A, docs.C, MISSING]))]).toEqual([docs.A]);
    expect([...(await inReach(t.db, actors.approver5, 'document', [docs.A, docs.C]))]).toEqual([docs.C]);
    expect([...(await inReach(t.db, actors.admin, 'document', [docs.A, docs.C]))].sort()).toEqual([docs.A, docs.C].sort());
  });

  it('letters by their serial: the district its own, the city every one, desks and inspectors none', async () => {
    const serialOf = { A: '', C: '' };
    for (const [key, requestId, district] of [['A', ids.A, 3], ['C', ids.C, 5]] as const) {
      serialOf[key] = `TEST${key}000000000`;
      const districtId = (await t.db.selectFrom('districts').select('id').where('number', '=', district).executeTakeFirstOrThrow()).id;
      await t.db
        .insertInto('letters')
        .values({
          id: `0190000${key === 'A' ? '3' : '4'}-0000-7000-8000-000000000000`, serial: serialOf[key], request_id: requestId, response_id: null, excavation_id: null,
          inquiry_id: null, kind: 'final_answer', letter_number: `T/${key}`, sha256: 'y'.repeat(64), size_bytes: 1, issued_at: new Date().toISOString(),
          created_at: new Date().toISOString(), revoked_at: null, revoked_by: null, revoke_reason: null, public_facts: null, city_id: actors.admin.cityId, district_id: districtId,
        })
        .execute();
    }
    const asked = [serialOf.A, serialOf.C, 'NOSUCHSERIAL'];
    const expected: [keyof typeof actors, string[]][] = [
      ['deskA', []],
      ['inspectorA', []],
      ['reviewer3', [serialOf.A]],
      ['approver5', [serialOf.C]],
      ['admin', [serialOf.A, serialOf.C]],
    ];
    for (const [who, reached] of expected) expect([...(await inReach(t.db, actors[who], 'letter', asked))].sort(), who).toEqual([...reached].sort());
  });

  it('asks once for many ids, repeats folded, and not at all for none', async () => {
    const many = [ids.A, ids.B, ids.C, ids.A, ...Array.from({ length: 300 }, (_, i) => `01900000-0000-7000-8000-${String(i).padStart(12, '0')}`)];
    const { db, count } = counted();
    expect([...(await inReach(db, actors.reviewer3, 'case', many))].sort()).toEqual([ids.A, ids.B].sort());
    expect(count()).toBe(1);
    const none = counted();
    expect((await inReach(none.db, actors.admin, 'case', [])).size).toBe(0);
    expect(none.count()).toBe(0);
  });

  it("answers within the caller's transaction: a change not yet committed counts", async () => {
    const moved = new Error('roll back');
    await expect(
      t.db.transaction().execute(async (trx) => {
        await trx.updateTable('requests').set({ office_id: actors.deskB.officeId! }).where('id', '=', ids.A).execute();
        expect([...(await inReach(trx, actors.deskB, 'case', [ids.A, ids.B]))].sort()).toEqual([ids.A, ids.B].sort());
        expect((await inReach(trx, actors.deskA, 'case', [ids.A])).size).toBe(0);
        throw moved;
      }),
    ).rejects.toBe(moved);
    expect([...(await inReach(t.db, actors.deskA, 'case', [ids.A]))]).toEqual([ids.A]);
  });
});

describe('requireInReach', () => {
  const refusal = async (who: Actor, kind: ReachKind, keys: string | string[]) => {
    const err = await requireInReach(t.db, who, kind, keys).then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    const e = err as AppError;
    return { code: e.code, status: e.statusCode, message: e.message, messageFa: e.messageFa, details: e.details ?? null };
  };

  it('passes when every id is in reach', async () => {
    await expect(requireInReach(t.db, actors.reviewer3, 'case', [ids.A, ids.B])).resolves.toBeUndefined();
    await expect(requireInReach(t.db, actors.deskA, 'case', ids.A)).resolves.toBeUndefined();
  });

  it('refuses out of reach exactly as it refuses what does not exist: one 404, no hint of which or why', async () => {
    const missing = await refusal(actors.deskA, 'case', MISSING);
    expect(missing).toEqual({ code: 'NOT_FOUND', status: 404, message: 'Not found', messageFa: 'مورد درخواستی پیدا نشد', details: null });
    expect(await refusal(actors.deskA, 'case', ids.B)).toEqual(missing);
    expect(await refusal(actors.deskA, 'case', [ids.A, ids.C])).toEqual(missing);
    expect(await refusal(actors.inspectorA, 'property', files.d5)).toEqual(missing);
  });

  it('over HTTP too: another office’s case answers as a case that never was, on every route that checks it', async () => {
    const desk = await signIn(t.app, (await t.db.selectFrom('staff').select('username').where('id', '=', actors.deskA.staffId).executeTakeFirstOrThrow()).username);
    for (const path of ['documents', 'letter/status', 'followups']) {
      const other = await desk.get(`/api/requests/${ids.B}/${path}`);
      const none = await desk.get(`/api/requests/${MISSING}/${path}`);
      expect([other.statusCode, none.statusCode], path).toEqual([404, 404]);
      expect(other.json(), path).toEqual(none.json());
      expect(other.body).not.toContain(ids.B);
    }
  });
});

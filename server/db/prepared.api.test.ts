/**
 * A prepared query (prepared.ts) runs the statement its builder would have compiled, with the
 * values of each call, on both databases; its shape keeps one statement per role's kind of scope;
 * and a list, which a prepared statement cannot hold, is refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../platform/actor.js';
import type { Role } from '../../contracts/roles.js';
import { createTestApp, signIn, usernameOf, type TestApp } from '../test/app.js';
import { districtProperty, registerCase } from '../test/factories.js';
import { requestsInScope } from '../platform/scope.js';
import type { Db } from './database.js';
import { sql } from 'kysely';
import { prepared } from './prepared.js';

let t: TestApp;
const cases: string[] = [];

/** A case in the actor's scope (the shape of the condition follows the role), as the services build such reads. */
const casePageQuery = (db: Db, actor: Actor, id: string) =>
  db.selectFrom('requests').select(['id', 'tracking_code', 'office_id', 'district_id', 'state']).where('id', '=', id).where(requestsInScope(actor));
/** A case's timeline, or its public lines only. */
const timelineQuery = (db: Db, id: string, publicOnly: boolean) => {
  let q = db.selectFrom('request_events').selectAll().where('request_id', '=', id);
  if (publicOnly) q = q.where('public', '=', 1);
  return q.orderBy('id');
};

async function actorOf(role: Role, districtNumber?: number): Promise<Actor> {
  const username = await usernameOf(t.db, role, districtNumber ? { districtNumber } : {});
  const s = await t.db.selectFrom('staff').select(['id', 'city_id', 'office_id', 'district_id']).where('username', '=', username).executeTakeFirstOrThrow();
  return { staffId: s.id, role, cityId: s.city_id, officeId: s.office_id, districtId: s.district_id, name: username, ip: '127.0.0.1' };
}

beforeAll(async () => {
  t = await createTestApp();
  const op = await signIn(t.app, await usernameOf(t.db, 'office_operator', { districtNumber: 3 }));
  const property = await districtProperty(t.db, 3);
  for (let i = 0; i < 2; i++) cases.push((await registerCase(op, property)).id);
});
afterAll(() => t?.close());

describe('a prepared query', () => {
  const page = prepared((db, v: { actor: Actor; id: string }) => casePageQuery(db, v.actor, v.id), ['actor.role']);
  const timeline = prepared((db, v: { id: string; publicOnly: boolean }) => timelineQuery(db, v.id, v.publicOnly), ['publicOnly']);

  it("is the builder's own statement with each call's values, and finds what the builder finds", async () => {
    const desk = await actorOf('office_operator', 3);
    const reviewer = await actorOf('district_reviewer', 3);
    const otherDesk = await actorOf('office_operator', 5);
    for (const actor of [desk, reviewer, otherDesk]) {
      for (const id of cases) {
        const direct = casePageQuery(t.db, actor, id).compile();
        const kept = page.compile(t.db, { actor, id });
        expect(kept.sql).toBe(direct.sql);
        expect(kept.parameters).toEqual(direct.parameters);
        expect(await page.executeTakeFirst(t.db, { actor, id })).toEqual(await casePageQuery(t.db, actor, id).executeTakeFirst());
      }
    }
    expect((await page.executeTakeFirst(t.db, { actor: desk, id: cases[0]! }))?.id).toBe(cases[0]);
    expect(await page.executeTakeFirst(t.db, { actor: otherDesk, id: cases[0]! })).toBeUndefined();
  });

  it('keeps one statement per shape: a district role and a desk read different scopes', async () => {
    const desk = await actorOf('office_operator', 3);
    const reviewer = await actorOf('district_reviewer', 3);
    expect(page.compile(t.db, { actor: desk, id: cases[0]! }).sql).toContain('"requests"."office_id"');
    expect(page.compile(t.db, { actor: reviewer, id: cases[0]! }).sql).toContain('"requests"."district_id"');
    const all = await timeline.execute(t.db, { id: cases[0]!, publicOnly: false });
    const open = await timeline.execute(t.db, { id: cases[0]!, publicOnly: true });
    expect(all.length).toBeGreaterThan(0);
    expect(open.every((e) => e.public === 1)).toBe(true);
    expect(all).toEqual(await timelineQuery(t.db, cases[0]!, false).execute());
    expect(open).toEqual(await timelineQuery(t.db, cases[0]!, true).execute());
  });

  it('keeps one statement per set of values there: a value left out leaves its part out, and is not a slot', async () => {
    const desk = await actorOf('office_operator', 3);
    // Optional parts, as the case list builds its filters: each only when its value is there.
    const filtered = (db: Db, v: { actor: Actor; state?: string; search?: { code?: string } }) => {
      let q = db.selectFrom('requests').select('id').where(requestsInScope(v.actor));
      if (v.state) q = q.where('state', '=', v.state);
      if (v.search) q = q.where('tracking_code', '=', v.search.code ?? '');
      return q.orderBy('id');
    };
    const list = prepared(filtered, ['actor.role']);
    const code = (await t.db.selectFrom('requests').select('tracking_code').where('id', '=', cases[0]!).executeTakeFirstOrThrow()).tracking_code;
    const calls = [
      { actor: desk },
      { actor: desk, state: 'submitted' },
      { actor: desk, state: undefined },
      { actor: desk, search: { code } },
      { actor: desk, search: {} },
      { actor: desk, state: 'no_such_state', search: { code } },
      { actor: desk },
    ];
    for (const values of calls) {
      const direct = filtered(t.db, values).compile();
      expect(list.compile(t.db, values).sql).toBe(direct.sql);
      expect(list.compile(t.db, values).parameters).toEqual(direct.parameters);
      expect(await list.execute(t.db, values)).toEqual(await filtered(t.db, values).execute());
    }
    expect((await list.execute(t.db, { actor: desk })).map((r) => r.id)).toEqual(expect.arrayContaining(cases));
    expect(await list.execute(t.db, { actor: desk, search: { code } })).toEqual([{ id: cases[0] }]);
    expect(await list.execute(t.db, { actor: desk, search: {} })).toEqual([]);
  });

  it('refuses a list', () => {
    const byIds = prepared((db, v: { ids: string[] }) => db.selectFrom('requests').select('id').where('id', 'in', v.ids));
    expect(() => byIds.compile(t.db, { ids: cases })).toThrow(/ids is a list/);
  });
});

describe('a statement the connection keeps (SQLite: prepared once; PostgreSQL: named, with its plan)', () => {
  it('answers with the new columns after its table changed under it', async () => {
    const probe = sql<Record<string, unknown>>`select * from statement_probe order by a`;
    await sql`create table statement_probe (a integer)`.execute(t.db);
    await sql`insert into statement_probe (a) values (1)`.execute(t.db);
    for (let i = 0; i < 3; i++) expect((await probe.execute(t.db)).rows).toEqual([{ a: 1 }]);
    await sql`alter table statement_probe add column b integer`.execute(t.db);
    await sql`insert into statement_probe (a, b) values (2, 20)`.execute(t.db);
    expect((await probe.execute(t.db)).rows).toEqual([{ a: 1, b: null }, { a: 2, b: 20 }]);
    await sql`drop table statement_probe`.execute(t.db);
  });
});

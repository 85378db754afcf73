/**
 * One access check (docs/decisions/0030-one-access-check.md): given an actor and ids of one kind,
 * which are in reach. Set-based, one SQL query per call whatever the number of ids (`id in (...)`
 * and the kind's scope condition from scope.ts), so a page of ids costs what one id costs.
 *
 * `requireInReach` answers anything out of reach as the one 404 (`NOT_FOUND`), the same answer as
 * an id that does not exist: whether a case of another office exists is not the caller's to learn.
 *
 * Both take the executor they run on (the app's database or a caller's transaction), so a service
 * can check reach inside the transaction it writes in.
 *
 * What this does not replace: a read that needs the row itself (the case page, an action's case,
 * a file, a person) applies the same scope.ts condition inside its own query, one query for both.
 * This is for the question "may this actor reach these ids" when nothing else of the row is needed.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { Actor } from './actor.js';
import { notFound } from './errors.js';
import { districtsInScope, excavationsInScope, lettersInScope, personsInScope, propertiesInScope, requestsInScope } from './scope.js';

/**
 * What can be reached, each by the key the API names it with: a case, property file, person,
 * document, excavation permit or district by its id, a letter by its serial (how letters are addressed).
 */
export type ReachKind = 'case' | 'property' | 'person' | 'document' | 'excavation' | 'letter' | 'district';

type Executor = Kysely<Database>;
type Probe = (db: Executor, actor: Actor, keys: readonly string[]) => Promise<{ key: string }[]>;

/** One query per kind: the keys asked for, narrowed by the kind's scope. */
const PROBES: Record<ReachKind, Probe> = {
  case: (db, actor, keys) => db.selectFrom('requests').select('requests.id as key').where('requests.id', 'in', keys).where(requestsInScope(actor)).execute(),
  property: (db, actor, keys) =>
    db.selectFrom('properties').select('properties.id as key').where('properties.id', 'in', keys).where(propertiesInScope(actor)).execute(),
  person: (db, actor, keys) => db.selectFrom('persons').select('persons.id as key').where('persons.id', 'in', keys).where(personsInScope(actor)).execute(),
  // A document is in reach exactly when its case is.
  document: (db, actor, keys) =>
    db
      .selectFrom('documents')
      .innerJoin('requests', 'requests.id', 'documents.request_id')
      .select('documents.id as key')
      .where('documents.id', 'in', keys)
      .where(requestsInScope(actor))
      .execute(),
  excavation: (db, actor, keys) =>
    db
      .selectFrom('excavation_permits')
      .select('excavation_permits.id as key')
      .where('excavation_permits.id', 'in', keys)
      .where(excavationsInScope(actor))
      .execute(),
  district: (db, actor, keys) => db.selectFrom('districts').select('districts.id as key').where('districts.id', 'in', keys).where(districtsInScope(actor)).execute(),
  letter: (db, actor, keys) => db.selectFrom('letters').select('letters.serial as key').where('letters.serial', 'in', keys).where(lettersInScope(actor)).execute(),
};

/** Of these keys of one kind, the ones the actor reaches (one query; none asked, none run). */
export async function inReach(db: Executor, actor: Actor, kind: ReachKind, keys: readonly string[]): Promise<Set<string>> {
  const unique = [...new Set(keys)];
  if (unique.length === 0) return new Set();
  const rows = await PROBES[kind](db, actor, unique);
  return new Set(rows.map((r) => r.key));
}

/** Every one of these keys in reach, or the one 404 (`NOT_FOUND`) — never which one missed. */
export async function requireInReach(db: Executor, actor: Actor, kind: ReachKind, keys: string | readonly string[]): Promise<void> {
  const asked = typeof keys === 'string' ? [keys] : keys;
  const reached = await inReach(db, actor, kind, asked);
  if (asked.some((key) => !reached.has(key))) throw notFound();
}

/**
 * What the bench sends: the inputs drawn from the prepared database (tracking codes, a busy desk
 * and its cases, properties a bank may ask about), the sign-ins and API keys made over HTTP, and
 * each scenario as a load spec with the bare route it is compared with and the targets.
 */
import { sql } from 'kysely';
import type { Role } from '../contracts/roles.js';
import type { Db } from '../server/db/database.js';
import { tehranDate } from '../server/platform/calendar.js';
import { loadHolidays } from '../server/modules/calendar/index.js';
import { openVisitDays } from '../server/modules/requests/index.js';
import { call, expectCall, signIn } from './http.js';
import type { Call, LoadSpec } from './load.js';

export type Bare = 'read' | 'insert';

export interface Scenario {
  key: string;
  /** The row's name, as in issue 14's table. */
  label: string;
  bare: Bare;
  connections: number;
  spec: LoadSpec;
  /** Issue 14's targets: share of the bare route's req/s (0..1) and p99 in ms; none for the bare routes. */
  target: { share: number; p99: number } | null;
  /** What must exist before the scenario runs (cases to act on), made over HTTP. */
  prepare?: () => Promise<void>;
  /** After each slice, once the server is idle: take back what the calls cut off at the slice's end held. */
  afterSlice?: () => Promise<void>;
}

/** A random element, for spreading the calls over many cases. */
const any = <T>(list: readonly T[]): T => list[Math.floor(Math.random() * list.length)]!;

export interface Inputs {
  tracked: { trackingCode: string; nationalCode: string }[];
  desk: { username: string; officeId: string; districtId: string };
  /** The city's administrator (registers the bank's API clients, reads the dashboards). */
  admin: string;
  reviewer: string;
  deskCaseIds: string[];
  deskNationalCodes: string[];
  intakeProperties: { propertyId: string; ownerId: string }[];
  bankProperties: { postalCode: string; nationalCode: string }[];
  visitDate: string;
}

/** Everything the scenarios read from the database, drawn before the server starts. */
export async function drawInputs(db: Db, now: Date): Promise<Inputs> {
  const tracked = await db
    .selectFrom('requests')
    .innerJoin('persons', 'persons.id', 'requests.applicant_person_id')
    .select(['requests.tracking_code as trackingCode', 'persons.national_code as nationalCode'])
    .orderBy(sql`random()`)
    .limit(2000)
    .execute();
  // The busiest desk: the one a city's load falls on first.
  const busiest = await db
    .selectFrom('requests')
    .select(['office_id', 'district_id', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy(['office_id', 'district_id'])
    .orderBy('n', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();
  /** The first active staff member of the role at that desk, district or city (by username). */
  const staffOf = (role: Role, column: 'office_id' | 'district_id' | 'city_id', id: string) =>
    db
      .selectFrom('staff')
      .select(['username', 'city_id'])
      .where(column, '=', id)
      .where('role', '=', role)
      .where('active', '=', 1)
      .orderBy('username')
      .executeTakeFirstOrThrow();
  const operator = await staffOf('office_operator', 'office_id', busiest.office_id);
  const reviewer = await staffOf('district_reviewer', 'district_id', busiest.district_id);
  const admin = await staffOf('city_admin', 'city_id', reviewer.city_id);
  const deskCases = await db
    .selectFrom('requests')
    .innerJoin('persons', 'persons.id', 'requests.applicant_person_id')
    .select(['requests.id', 'persons.national_code'])
    .where('requests.office_id', '=', busiest.office_id)
    .orderBy(sql`random()`)
    .limit(2000)
    .execute();
  const intakeProperties = await db
    .selectFrom('properties')
    .innerJoin('property_owners', 'property_owners.property_id', 'properties.id')
    .select(['properties.id as propertyId', 'property_owners.person_id as ownerId'])
    .where('properties.district_id', '=', busiest.district_id)
    .limit(200)
    .execute();
  // Files a bank gets its answer for at once: a visit within the year, nothing open on the file.
  const bankProperties = await db
    .selectFrom('properties')
    .innerJoin('property_owners', 'property_owners.property_id', 'properties.id')
    .innerJoin('persons', 'persons.id', 'property_owners.person_id')
    .select(['properties.postal_code as postalCode', 'persons.national_code as nationalCode'])
    .where('properties.postal_code', 'is not', null)
    .where((eb) =>
      eb.and([
        eb.exists(
          eb
            .selectFrom('inspections')
            .innerJoin('requests', 'requests.id', 'inspections.request_id')
            .select(eb.lit(1).as('one'))
            .whereRef('requests.property_id', '=', 'properties.id')
            .where('inspections.visited_at', '>', new Date(now.getTime() - 300 * 86_400_000).toISOString()),
        ),
        eb.not(
          eb.exists(
            eb
              .selectFrom('requests')
              .select(eb.lit(1).as('one'))
              .whereRef('requests.property_id', '=', 'properties.id')
              .where('requests.closed_at', 'is', null),
          ),
        ),
      ]),
    )
    .limit(300)
    .execute();
  const holidays = await loadHolidays(db, reviewer.city_id);
  return {
    tracked,
    desk: { username: operator.username, officeId: busiest.office_id, districtId: busiest.district_id },
    reviewer: reviewer.username,
    admin: admin.username,
    deskCaseIds: deskCases.map((c) => c.id),
    deskNationalCodes: [...new Set(deskCases.map((c) => c.national_code))],
    intakeProperties,
    bankProperties: bankProperties.map((p) => ({ postalCode: p.postalCode!, nationalCode: p.nationalCode })),
    // A working day a few days on, so every reschedule in the run is for a day still ahead.
    visitDate: openVisitDays(tehranDate(now), 10, holidays)[2]!,
  };
}

const bankInquiry = (p: { postalCode: string; nationalCode: string }) => ({
  type: 'bank', property: { postalCode: p.postalCode }, subjectNationalCode: p.nationalCode, letterNumber: 'ب/۱۴۰۵/۷۷۱', purpose: 'mortgage',
});

/**
 * One API client (a bank branch) per connection, each with the highest per-client rate the API
 * allows, so the bench measures the answer and not the limit; and the files they get an answer
 * for at once (tried once each; an inquiry that would open a case is not a file for this scenario).
 */
async function bankCallers(url: string, admin: Record<string, string>, inputs: Inputs, connections: number) {
  const keys: string[] = [];
  for (let i = 0; i < connections; i++) {
    const client = await expectCall(201, url, 'POST', '/api/api-clients', {
      headers: admin, body: { kind: 'bank', nameFa: `بانک آزمون بار ${i + 1}`, officialCode: `BENCH-${i + 1}`, rateLimitPerMinute: 6000, webhookEvents: [] },
    });
    const key = await expectCall(201, url, 'POST', `/api/api-clients/${client.json<{ id: string }>().id}/keys`, {
      headers: admin, body: { scopes: ['bank'], expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString() },
    });
    keys.push(key.json<{ key: string }>().key);
  }
  const instant: Inputs['bankProperties'] = [];
  for (const p of inputs.bankProperties) {
    if (instant.length >= 20) break;
    const answer = await call(url, 'POST', '/api/v1/inquiries', { headers: { authorization: `Bearer ${keys[0]}` }, body: bankInquiry(p) });
    if (answer.status === 200) instant.push(p);
  }
  if (!instant.length) throw new Error(`none of ${inputs.bankProperties.length} files drawn for the bank gets an instant answer`);
  return { keys, instant };
}

/** The scenarios in the order they run: reads beside the bare read, writes beside the bare insert. */
export async function buildScenarios(url: string, inputs: Inputs, connections: number): Promise<Scenario[]> {
  const desk = await signIn(url, inputs.desk.username);
  const reviewer = await signIn(url, inputs.reviewer);
  const admin = await signIn(url, inputs.admin);
  const bankConnections = 8;
  const bank = await bankCallers(url, admin, inputs, bankConnections);
  // Cases the intakes open with their inspector assigned; the transition reschedules their visits.
  const toSchedule: { id: string; version: number }[] = [];
  // Cases sent and not yet answered: a slice's end cuts their calls off, and the server may have written them.
  const scheduling = new Set<string>();
  const withTargets = (share: number, p99: number) => ({ share, p99 });
  const intakeCall = (): Call => {
    const p = any(inputs.intakeProperties);
    return {
      method: 'POST', path: '/api/requests', headers: desk,
      body: {
        propertyId: p.propertyId, applicantPersonId: p.ownerId, serviceCode: 'property_inspection', form: { visitReason: 'new_file' },
        documents: { ownership_deed: true, owner_national_card: true }, payment: { paid: true, reference: '70012345' },
      },
    };
  };
  const opened = (status: number, body: string) => {
    if (status !== 201) return;
    const c = JSON.parse(body) as { id: string; version: number; state: string };
    if (c.state === 'inspector_assigned') toSchedule.push({ id: c.id, version: c.version });
  };
  const spec = (next: LoadSpec['next'], answered?: LoadSpec['answered'], n = connections): LoadSpec => ({ connections: n, next, ...(answered ? { answered } : {}) });
  return [
    { key: 'publicTracking', label: 'public tracking', bare: 'read', connections, target: withTargets(0.5, 50), spec: spec(() => {
      const t = any(inputs.tracked);
      return { method: 'GET', path: `/api/public/requests/${t.trackingCode}?nationalCode=${t.nationalCode}` };
    }) },
    { key: 'deskSearch', label: 'desk search by national code', bare: 'read', connections, target: withTargets(0.5, 50), spec: spec(() => (
      { method: 'GET', path: `/api/requests?q=${any(inputs.deskNationalCodes)}&pageSize=20`, headers: desk }
    )) },
    { key: 'caseList', label: 'desk case list, first page', bare: 'read', connections, target: withTargets(0.25, 150), spec: spec(() => (
      { method: 'GET', path: '/api/requests?page=1&pageSize=20', headers: desk }
    )) },
    { key: 'casePage', label: 'case page', bare: 'read', connections, target: withTargets(0.25, 150), spec: spec(() => (
      { method: 'GET', path: `/api/requests/${any(inputs.deskCaseIds)}`, headers: desk }
    )) },
    { key: 'intake', label: 'intake', bare: 'insert', connections, target: withTargets(0.2, 150), spec: spec(intakeCall, opened) },
    { key: 'transition', label: 'one workflow transition (schedule the visit)', bare: 'insert', connections, target: withTargets(0.2, 150),
      // Twice as many cases as connections, so each call finds one not in flight.
      prepare: async () => {
        while (toSchedule.length < 2 * connections) {
          const c = intakeCall();
          const answer = await expectCall(201, url, c.method, c.path, { headers: c.headers!, body: c.body });
          opened(answer.status, answer.body);
        }
      },
      afterSlice: async () => {
        const cutOff = [...scheduling];
        scheduling.clear();
        // The server answered /healthz after them, but a write may still be committing: give it time.
        await new Promise((resolve) => setTimeout(resolve, 3000));
        for (const id of cutOff) {
          const answer = await expectCall(200, url, 'GET', `/api/requests/${id}`, { headers: reviewer });
          toSchedule.push({ id, version: answer.json<{ version: number }>().version });
        }
      },
      spec: spec(
      (slot) => {
        // None left (too many refused): a call that fails (a stale version), counted as such.
        const c = toSchedule.shift() ?? { id: inputs.deskCaseIds[0]!, version: 0 };
        slot.case = c;
        scheduling.add(c.id);
        return {
          method: 'POST', path: `/api/requests/${c.id}/schedule-visit`, headers: reviewer,
          body: { version: c.version, date: inputs.visitDate, windowStart: '09:00', windowEnd: '11:00' },
        };
      },
      (status, body, slot) => {
        // A case answered is rescheduled again later at its new version; one refused is set aside.
        const id = (slot.case as { id: string }).id;
        scheduling.delete(id);
        if (status === 200) toSchedule.push({ id, version: (JSON.parse(body) as { version: number }).version });
      },
    ) },
    { key: 'bankInquiry', label: `bank inquiry, instant answer (${bankConnections} connections)`, bare: 'insert', connections: bankConnections, target: withTargets(0.5, 150), spec: spec(
      // Spread over the banks, so no one client's rate limit is what is measured.
      () => ({ method: 'POST', path: '/api/v1/inquiries', headers: { authorization: `Bearer ${any(bank.keys)}` }, body: bankInquiry(any(bank.instant)) }),
      undefined,
      bankConnections,
    ) },
  ];
}

/** The bare route of a kind at a number of connections. */
export function bareSpec(bare: Bare, inputs: Inputs, connections: number): LoadSpec {
  if (bare === 'read') return { connections, next: () => ({ method: 'GET', path: `/api/bench/read/${any(inputs.tracked).trackingCode}` }) };
  return { connections, next: () => ({ method: 'POST', path: '/api/bench/insert', body: { note: 'bench' } }) };
}

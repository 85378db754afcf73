/**
 * Excavation permits (مجوز حفاری): a utility (water, gas, electricity, telecom) asks by API to dig a
 * street along a route for a period; the route is measured, the restoration fee charged at the
 * city's tariff, and other live permits in the same place at the same time are flagged (not
 * refused: the district decides, seeing them). The district approver approves or rejects; an
 * approval is printed as a permit letter and the client hears of the decision by webhook.
 */
import type { Ctx } from '../../platform/context.js';
import type { Actor } from '../../platform/actor.js';
import type { ExcavationPermitTable, StreetType } from '../../db/schema.js';
import { AppError, fieldError, invalid, notFound, type FieldError } from '../../platform/errors.js';
import { checkSameRequest, requestFingerprint } from '../../platform/idempotency.js';
import { appendAudit } from '../../platform/audit.js';
import { requireInReach } from '../../platform/access.js';
import { newId, newTrackingCode } from '../../platform/ids.js';
import { nextCounter } from '../../platform/counters.js';
import { tehranDate, toJalali } from '../../platform/calendar.js';
import { isUniqueViolation } from '../../db/sql.js';
import type { ApiCaller } from '../clients/index.js';
import { enqueueWebhook } from '../clients/index.js';
import { downloadPermitLetter, queuePermitLetter } from './excavations.letter.js';
import { footprintOf, footprintsMeet, measure, readRoute, restorationFee, type Route } from './excavations.geometry.js';
import { letterNumber, letterRegister } from '../letters/index.js';
import { checkPeriod, STREET_TYPE_FA, STREET_TYPES, trenchArea } from './excavations.rules.js';
import {
  decideOnce, districtByNumber, findClientPermit, findClientPermitByKey, findPermitInScope, insertPermit, overlapCandidates, overlapFacts,
  permitsNaming, searchPermits, setTariff, tariffOf, tariffsOf, type PermitFilter, type PermitRow,
} from './excavations.queries.js';

export interface ExcavationInput {
  route: { type: string };
  widthMeters: number;
  depthMeters: number;
  streetType: StreetType;
  startDate: string;
  endDate: string;
  purpose: string;
  contractorName: string;
  contractorMobile: string;
  districtNumber: number;
}

const json = <T>(s: string | null, fallback: T): T => (s === null ? fallback : (JSON.parse(s) as T));

// ---------------------------------------------------------------- the open API

export async function submitExcavation(ctx: Ctx, caller: ApiCaller, input: ExcavationInput, idempotencyKey: string | null) {
  const print = requestFingerprint(input);
  if (idempotencyKey) {
    const earlier = await findClientPermitByKey(ctx.db, caller.clientId, idempotencyKey);
    if (earlier) return replay(ctx, earlier, print);
  }
  const now = ctx.clock.now();
  const read = readRoute(input.route);
  const errors: FieldError[] = 'error' in read ? [read.error] : [];
  errors.push(...checkPeriod(input.startDate, input.endDate, tehranDate(now)));
  const district = await districtByNumber(ctx.db, caller.cityId, input.districtNumber);
  if (!district) errors.push(fieldError('districtNumber', 'unknown_district', 'There is no such district in this city', 'این منطقه در شهر وجود ندارد'));
  if ('error' in read || !district || errors.length) throw invalid(errors);
  const tariff = await tariffOf(ctx.db, caller.cityId, input.streetType);
  if (tariff === undefined) {
    throw new AppError('UNAVAILABLE', {
      message: `The city has no restoration tariff for ${input.streetType} streets yet`,
      messageFa: `تعرفه ترمیم حفاری برای «${STREET_TYPE_FA[input.streetType]}» هنوز تعیین نشده است`,
    });
  }

  const route = read.route;
  const { lengthMeters } = measure(route, input.widthMeters);
  const { shape, bbox } = footprintOf(route, input.widthMeters);
  const candidates = await overlapCandidates(ctx.db, caller.cityId, input, bbox);
  const overlaps = candidates.filter((c) => footprintsMeet(shape, footprintOf(JSON.parse(c.geometry) as Route, c.width_m).shape)).map((c) => c.id);

  const at = now.toISOString();
  const row: ExcavationPermitTable = {
    id: newId(), city_id: caller.cityId, client_id: caller.clientId, district_id: district.id, tracking_code: newTrackingCode(),
    geometry: JSON.stringify(route), min_lng: bbox.minLng, min_lat: bbox.minLat, max_lng: bbox.maxLng, max_lat: bbox.maxLat,
    length_m: lengthMeters, width_m: input.widthMeters, depth_m: input.depthMeters, street_type: input.streetType,
    start_date: input.startDate, end_date: input.endDate, purpose: input.purpose, contractor_name: input.contractorName,
    contractor_mobile: input.contractorMobile, tariff_rials_per_meter: tariff, fee_rials: restorationFee(lengthMeters, tariff),
    status: 'submitted', overlaps: JSON.stringify(overlaps), decided_by: null, decided_at: null, decision_note: null, conditions: null,
    letter_number: null, idempotency_key: idempotencyKey, fingerprint: print, created_at: at, updated_at: at, version: 1,
  };
  try {
    await ctx.db.transaction().execute(async (trx) => {
      await insertPermit(trx, row);
      await appendAudit(
        trx, null,
        { action: 'excavation.submit', entityType: 'excavation_permit', entityId: row.id, details: { clientId: caller.clientId, trackingCode: row.tracking_code, feeRials: row.fee_rials, overlaps }, cityId: caller.cityId },
        now,
      );
    });
  } catch (e) {
    // The same key sent twice at once: the first one stands.
    const first = idempotencyKey && isUniqueViolation(e) ? await findClientPermitByKey(ctx.db, caller.clientId, idempotencyKey) : undefined;
    if (first) return replay(ctx, first, print);
    throw e;
  }
  return presentForClient(ctx, (await findClientPermit(ctx.db, caller.clientId, row.id))!);
}

function replay(ctx: Ctx, earlier: PermitRow, print: string) {
  checkSameRequest(earlier.fingerprint, print);
  return presentForClient(ctx, earlier);
}

export async function getClientExcavation(ctx: Ctx, caller: ApiCaller, id: string) {
  const row = await findClientPermit(ctx.db, caller.clientId, id);
  if (!row) throw notFound();
  return presentForClient(ctx, row);
}

export async function downloadClientLetter(ctx: Ctx, caller: ApiCaller, id: string) {
  if (!(await findClientPermit(ctx.db, caller.clientId, id))) throw notFound();
  return downloadPermitLetter(ctx, null, id);
}

// ---------------------------------------------------------------- the district

export async function listExcavations(ctx: Ctx, actor: Actor, filter: PermitFilter) {
  const { rows, total } = await searchPermits(ctx.db, actor, filter);
  const overlaps = await overlapsOf(ctx, actor.cityId, rows);
  return { items: rows.map((r) => presentForStaff(r, overlaps.get(r.id)!)), total, page: filter.page, pageSize: filter.pageSize };
}

export async function getExcavation(ctx: Ctx, actor: Actor, id: string) {
  const row = await findPermitInScope(ctx.db, actor, id);
  if (!row) throw notFound();
  const overlaps = await overlapsOf(ctx, actor.cityId, [row]);
  return { ...presentForStaff(row, overlaps.get(row.id)!), route: JSON.parse(row.geometry) as Route };
}

export async function downloadStaffLetter(ctx: Ctx, actor: Actor, id: string) {
  await requireInReach(ctx.db, actor, 'excavation', id);
  return downloadPermitLetter(ctx, actor, id);
}

/**
 * The district approver's decision, on the version they saw. In the same transaction: the letter
 * number (on approval) with its letter queued, the audit row and the client's webhook; the letter
 * job prints it after the commit, never holding the permit's row.
 */
export async function decideExcavation(ctx: Ctx, actor: Actor, id: string, input: { version: number; decision: 'approve' | 'reject'; note: string; conditions?: string[] }) {
  const row = await findPermitInScope(ctx.db, actor, id);
  if (!row) throw notFound();
  if (row.status !== 'submitted') {
    throw new AppError('ILLEGAL_TRANSITION', { message: 'This permit has already been decided', messageFa: 'درباره این درخواست حفاری قبلاً تصمیم گرفته شده است', details: { status: row.status } });
  }
  const stale = () => new AppError('STALE_VERSION', { details: { currentVersion: row.version } });
  if (row.version !== input.version) throw stale();
  const now = ctx.clock.now();
  const approve = input.decision === 'approve';
  if (approve && row.end_date < tehranDate(now)) {
    throw new AppError('GUARD_FAILED', { message: "The permit's period is over", messageFa: 'مدت درخواست‌شده برای حفاری گذشته است؛ شرکت باید درخواست تازه بدهد' });
  }
  const status = approve ? ('approved' as const) : ('rejected' as const);
  const conditions = input.conditions ?? [];
  await ctx.db.transaction().execute(async (trx) => {
    const year = toJalali(tehranDate(now)).year;
    // A permit is a letter of the district like any answer: numbered in the same register.
    const number = approve ? letterNumber(year, row.district_number, await nextCounter(trx, letterRegister(row.district_id, year))) : null;
    const decided = await decideOnce(trx, id, input.version, {
      status, decided_by: actor.staffId, decided_at: now.toISOString(), decision_note: input.note, conditions: JSON.stringify(conditions), letter_number: number,
    });
    if (!decided) throw stale();
    // Printed by the letter job after the commit; the decision never waits on the printer.
    if (number) await queuePermitLetter(trx, id, now);
    await appendAudit(
      trx, actor,
      { action: `excavation.${input.decision}`, entityType: 'excavation_permit', entityId: id, details: { trackingCode: row.tracking_code, version: input.version + 1, letterNumber: number } },
      now,
    );
    await enqueueWebhook(
      trx, row.client_id, 'excavation.decided', `excavation.decided:${id}`,
      {
        excavationId: id, trackingCode: row.tracking_code, status, decidedAt: now.toISOString(), decisionNote: input.note, conditions, letterNumber: number,
        letterUrl: approve ? `/api/v1/excavations/${id}/letter` : null,
      },
      now,
    );
  });
  return getExcavation(ctx, actor, id);
}

// ---------------------------------------------------------------- tariffs

const presentTariff = (streetType: StreetType, row: { rials_per_meter: number; updated_at: string } | undefined) => ({
  streetType, streetTypeFa: STREET_TYPE_FA[streetType], rialsPerMeter: row?.rials_per_meter ?? null, updatedAt: row?.updated_at ?? null,
});

/** Every kind of street, set or not: an unset tariff is one the admin still has to fill in. */
export async function listTariffs(ctx: Ctx, actor: Actor) {
  const rows = new Map((await tariffsOf(ctx.db, actor.cityId)).map((r) => [r.street_type, r]));
  return { items: STREET_TYPES.map((t) => presentTariff(t, rows.get(t))) };
}

/** A new tariff applies to permits asked for from now on; those already asked for keep theirs. */
export async function putTariff(ctx: Ctx, actor: Actor, streetType: StreetType, rialsPerMeter: number) {
  const before = await tariffOf(ctx.db, actor.cityId, streetType);
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    await setTariff(trx, actor.cityId, streetType, rialsPerMeter, now.toISOString());
    await appendAudit(trx, actor, { action: 'excavation_tariff.set', entityType: 'excavation_tariff', entityId: streetType, details: { from: before ?? null, to: rialsPerMeter } }, now);
  });
  return presentTariff(streetType, { rials_per_meter: rialsPerMeter, updated_at: now.toISOString() });
}

// ---------------------------------------------------------------- presenting

type OverlapRow = Awaited<ReturnType<typeof overlapFacts>>[number];

function measured(row: PermitRow) {
  return {
    streetType: row.street_type, widthMeters: row.width_m, depthMeters: row.depth_m, lengthMeters: row.length_m,
    areaSquareMeters: trenchArea(row.length_m, row.width_m), feeRials: row.fee_rials, startDate: row.start_date, endDate: row.end_date,
    purpose: row.purpose, contractorName: row.contractor_name, contractorMobile: row.contractor_mobile, districtNumber: row.district_number,
    createdAt: row.created_at, decidedAt: row.decided_at, decisionNote: row.decision_note, conditions: json<string[]>(row.conditions, []),
  };
}

async function presentForClient(ctx: Ctx, row: PermitRow) {
  const ids = json<string[]>(row.overlaps, []);
  const facts = new Map((await overlapFacts(ctx.db, ids)).map((o) => [o.id, o]));
  return {
    id: row.id,
    trackingCode: row.tracking_code,
    status: row.status,
    ...measured(row),
    overlaps: ids.map((i) => facts.get(i)!).map((o) => ({ trackingCode: o.tracking_code, startDate: o.start_date, endDate: o.end_date })),
    letter: row.letter_number ? { number: row.letter_number, downloadUrl: `/api/v1/excavations/${row.id}/letter` } : null,
  };
}

/** Each permit's overlaps both ways: those it found when submitted, and later ones that found it. */
async function overlapsOf(ctx: Ctx, cityId: string, rows: PermitRow[]) {
  const found = new Map(rows.map((r) => [r.id, json<string[]>(r.overlaps, [])]));
  const later = await permitsNaming(ctx.db, cityId, rows.map((r) => r.id));
  for (const l of later) for (const id of json<string[]>(l.overlaps, [])) found.get(id)?.push(l.id);
  const earlier = await overlapFacts(ctx.db, [...new Set(rows.flatMap((r) => json<string[]>(r.overlaps, [])))]);
  const facts = new Map<string, OverlapRow>([...earlier, ...later].map((o) => [o.id, o]));
  return new Map(rows.map((r) => [r.id, [...new Set(found.get(r.id))].map((id) => presentOverlap(facts.get(id)!))]));
}

const presentOverlap = (o: OverlapRow) => ({
  id: o.id, trackingCode: o.tracking_code, startDate: o.start_date, endDate: o.end_date, status: o.status, districtNumber: o.district_number,
});

function presentForStaff(row: PermitRow, overlaps: ReturnType<typeof presentOverlap>[]) {
  return {
    id: row.id,
    trackingCode: row.tracking_code,
    status: row.status,
    version: row.version,
    client: { id: row.client_id, nameFa: row.client_name_fa },
    ...measured(row),
    tariffRialsPerMeter: row.tariff_rials_per_meter,
    overlaps,
    decidedBy: row.decided_by ? { id: row.decided_by, name: `${row.decider_first_name} ${row.decider_last_name}` } : null,
    letter: row.letter_number ? { number: row.letter_number, serial: row.letter_serial, downloadUrl: `/api/excavations/${row.id}/letter` } : null,
  };
}

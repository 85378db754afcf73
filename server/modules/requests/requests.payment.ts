/**
 * Fees (هزینه خدمت): the desk records the fee paid after intake, with the card reader's reference.
 * It claims the case's version like an action does, so the rollups' paid amount lands on the state
 * row the case is in at that moment; a case held at the desk for its fee goes to an inspector in
 * the same transaction, as it would have at intake (decisions/0020).
 */
import type { Ctx } from '../../platform/context.js';
import type { Actor } from '../../platform/actor.js';
import type { Static } from '../../platform/schemas.js';
import { fieldError, invalid, notFound } from '../../platform/errors.js';
import { inTransaction } from '../../db/sql.js';
import { availableActions, getWorkflow } from '../catalog/index.js';
import { loadHolidays } from '../calendar/index.js';
import { rollupPayment } from '../reports/index.js';
import { caseWrites, stale, timelineLine, writeCaseWrites } from './requests.engine.js';
import { assignAutomatically } from './requests.actions.js';
import { readWrittenCase } from './requests.read.js';
import { paymentReference } from './requests.rules.js';
import { paymentRefusal } from './requests.policy.js';
import { claimCaseVersion, findCaseInScope } from './requests.queries.js';
import { systemActor } from './requests.system.js';
import type { PaymentBody } from './requests.schemas.js';

/** ثبت پرداخت. */
export async function recordPayment(ctx: Ctx, actor: Actor, id: string, input: Static<typeof PaymentBody>) {
  const row = await findCaseInScope(ctx.db, actor, id);
  if (!row) throw notFound();
  const refusal = paymentRefusal(row);
  if (refusal) throw refusal;
  if (input.version !== undefined && input.version !== row.version) throw stale(row.version);
  const { ref, errors } = paymentReference(input.reference, 'reference');
  if (errors.length || !ref) {
    throw invalid(errors.length ? errors : [fieldError('reference', 'reference_required', 'The card reader reference is required', 'شماره پیگیری کارتخوان لازم است')]);
  }
  const now = ctx.clock.now();
  const paid = { fee_payment_ref: ref, fee_paid_at: now.toISOString(), version: row.version + 1, updated_at: now.toISOString() };
  // A case held at the desk for its fee goes to the inspector now, as it would have at intake.
  const assign = row.state === 'registered' && availableActions(getWorkflow(row.workflow_code), 'registered', actor.role).includes('assign_inspector');
  const [system, holidays] = assign ? await Promise.all([systemActor(ctx, actor), loadHolidays(ctx.db, row.city_id)]) : [null, null];
  await inTransaction(ctx.db, async (trx) => {
    if (!(await claimCaseVersion(trx, id, row.version, paid, { feeUnpaid: true }))) throw stale(null);
    const writes = caseWrites();
    rollupPayment(writes.rollups, row, row.state, Number(row.fee_rials));
    writes.timeline.push(paymentLine(actor, row, ref, now));
    writes.audit.push({ actor, entry: { action: 'request.payment', entityType: 'request', entityId: id, details: { reference: ref, feeRials: Number(row.fee_rials), version: paid.version } } });
    if (system && holidays) await assignAutomatically(trx, system, { ...row, ...paid }, now, holidays, writes);
    await writeCaseWrites(trx, writes, now);
  });
  return readWrittenCase(ctx, actor, id);
}

/** «ثبت پرداخت» on the case's internal timeline, with the card reader's reference. */
export function paymentLine(actor: Actor, c: { id: string; city_id: string; state: string; fee_rials: number }, reference: string, now: Date) {
  return timelineLine(
    actor,
    { requestId: c.id, cityId: c.city_id, action: 'record_payment', from: c.state, to: c.state, note: `شماره پیگیری: ${reference}`, isPublic: false, data: { reference, feeRials: Number(c.fee_rials) } },
    now,
  );
}

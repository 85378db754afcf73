/**
 * Intake by software (ثبت از طریق سامانه): a case opened on an API client's behalf, at the desk of
 * the property's district that offers the service and has the fewest open cases, by the city's
 * system account. Shared by the inquiry API and Open311; the desk's own intake is registerRequest.
 */
import type { Ctx } from '../../platform/context.js';
import type { Actor } from '../../platform/actor.js';
import type { Db } from '../../db/database.js';
import { AppError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import type { RequiredDocument } from '../catalog/services.data.js';
import { registerRequest } from './requests.service.js';

export interface ClientIntake {
  cityId: string;
  /** The calling organisation, named on the case's timeline as the one who registered it. */
  clientNameFa: string;
  property: { id: string; district_id: string };
  serviceCode: string;
  applicantPersonId: string;
  /** Values left undefined are dropped: the form has no such answer. */
  form: Record<string, unknown>;
  note: string;
}

/** The district's active desk offering the service with the fewest open cases: it answers in place of the municipality. */
function lightestDesk(db: Db, districtId: string, serviceCode: string) {
  return db
    .selectFrom('offices')
    .innerJoin('office_services', 'office_services.office_id', 'offices.id')
    .innerJoin('services', 'services.id', 'office_services.service_id')
    .leftJoin('requests', (j) => j.onRef('requests.office_id', '=', 'offices.id').on('requests.closed_at', 'is', null))
    .select(['offices.id'])
    .select((eb) => eb.fn.count<number>('requests.id').as('open'))
    .where('offices.district_id', '=', districtId)
    .where('offices.status', '=', 'active')
    .where('services.code', '=', serviceCode)
    .groupBy('offices.id')
    .orderBy('open')
    .orderBy('offices.id')
    .executeTakeFirst();
}

/** The city's own account for what the system does by itself: intake on a client's behalf, automatic follow-up; it cannot sign in. */
export async function ensureSystemStaff(ctx: Ctx, cityId: string): Promise<string> {
  const username = `system-${cityId.slice(-12)}`;
  const existing = await ctx.db.selectFrom('staff').select('id').where('username', '=', username).executeTakeFirst();
  if (existing) return existing.id;
  const now = ctx.clock.now().toISOString();
  await ctx.db
    .insertInto('staff')
    .values({ id: newId(), city_id: cityId, username, password_hash: '!', first_name: 'سامانه', last_name: 'میز خدمت (خودکار)', national_code: '0000000000', mobile: '00000000000', role: 'office_operator', office_id: null, district_id: null, specialty: null, active: 0, created_at: now, updated_at: now })
    .onConflict((oc) => oc.column('username').doNothing())
    .execute();
  return (await ctx.db.selectFrom('staff').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
}

/**
 * Open the case at the district's lightest desk; answers the case as registerRequest does. The
 * client's letter or form arrives with the call, so the required documents are ticked and the desk
 * confirms them from the file. No desk in the district offering the service is 503 UNAVAILABLE.
 */
export async function openCaseForClient(ctx: Ctx, input: ClientIntake) {
  const desk = await lightestDesk(ctx.db, input.property.district_id, input.serviceCode);
  if (!desk) {
    throw new AppError('UNAVAILABLE', { message: "No desk in the property's district offers this service", messageFa: 'در منطقه این ملک دفتری این خدمت را ارائه نمی‌کند' });
  }
  const service = await ctx.db
    .selectFrom('services')
    .select('required_documents')
    .where('city_id', '=', input.cityId)
    .where('code', '=', input.serviceCode)
    .executeTakeFirstOrThrow();
  const actor: Actor = {
    staffId: await ensureSystemStaff(ctx, input.cityId), role: 'office_operator', cityId: input.cityId, officeId: desk.id,
    districtId: input.property.district_id, name: input.clientNameFa, ip: 'api',
  };
  const documents = Object.fromEntries((JSON.parse(service.required_documents) as RequiredDocument[]).filter((d) => d.required).map((d) => [d.code, true]));
  return registerRequest(ctx, actor, {
    propertyId: input.property.id,
    applicantPersonId: input.applicantPersonId,
    serviceCode: input.serviceCode,
    form: Object.fromEntries(Object.entries(input.form).filter(([, v]) => v !== undefined)),
    documents,
    note: input.note,
  });
}

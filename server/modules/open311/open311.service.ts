/**
 * Open311 GeoReport v2 (درگاه Open311): the catalog as Open311 services, service requests sent by
 * registered API clients (opened as cases at a desk of the property's district), and the city's
 * cases as public service requests, with nothing personal in them.
 */
import { canonicalNationalCode, canonicalPostalCode, isNationalCode } from '../../../contracts/identifiers.js';
import { publicBaseUrl } from '../../platform/baseUrl.js';
import type { Ctx } from '../../platform/context.js';
import type { Static } from '../../platform/schemas.js';
import { AppError, fieldError, invalid, type FieldError } from '../../platform/errors.js';
import { appendAudit } from '../../platform/audit.js';
import { newId, isValidTrackingCode } from '../../platform/ids.js';
import { tehranDate } from '../../platform/calendar.js';
import { findService, listServices, validateForm } from '../catalog/index.js';
import type { FormField } from '../catalog/index.js';
import { findPropertyByIdentifiers, inquiryTypeOfService, organisationFields } from '../inquiries/index.js';
import { openCaseForClient } from '../requests/index.js';
import { inTransaction } from '../../db/sql.js';
import { requireScope, type ApiCaller } from '../clients/index.js';
import type { Lang } from './open311.format.js';
import { OPEN311_BASE, OPEN311_SPEC, W3C_DATETIME, type CommonQuery, type RequestBody, type RequestsQuery } from './open311.schemas.js';
import { presentDefinition, presentService, presentServiceRequest, serviceNotice, w3 } from './open311.present.js';
import * as q from './open311.queries.js';

/** The spec's default volume: "a span of 90 days or first 1000 requests returned, whichever is smallest". */
const MAX_REQUESTS = 1000;
const WINDOW_MS = 90 * 86_400_000;

type Common = Static<typeof CommonQuery>;
const DATETIME = new RegExp(W3C_DATETIME);

/**
 * jurisdiction_id names the city by its code, or by a domain that begins with it (isfahan.ir, as
 * Open311 clients are often set up); the spec lets an endpoint that serves one jurisdiction be
 * called without it. One that is sent must be a city's: a wrong one is never answered for another.
 */
async function jurisdiction(ctx: Ctx, jurisdictionId: string | undefined) {
  const cities = await q.listCities(ctx.db);
  if (!jurisdictionId) {
    if (cities.length === 1) return cities[0]!;
    throw new AppError('VALIDATION_FAILED', { message: 'jurisdiction_id was not provided', messageFa: 'jurisdiction_id (کد شهر) فرستاده نشده است' });
  }
  const asked = jurisdictionId.toLowerCase().split('.')[0];
  const city = cities.find((c) => c.code.toLowerCase() === asked);
  if (!city) throw new AppError('NOT_FOUND', { message: 'jurisdiction_id was not found', messageFa: 'شهری با این jurisdiction_id وجود ندارد' });
  return city;
}

async function activeService(ctx: Ctx, cityId: string, code: string) {
  const service = await findService(ctx.db, cityId, code);
  if (!service || service.active !== 1) {
    throw new AppError('NOT_FOUND', { message: `service_code ${code} was not found`, messageFa: `خدمتی با کد ${code} وجود ندارد` });
  }
  return service;
}

// ---------------------------------------------------------------- discovery and services

export async function discovery(ctx: Ctx, lang: Lang) {
  const base = publicBaseUrl(ctx);
  const changeset = w3((await q.catalogChangedAt(ctx.db)) ?? new Date(0).toISOString());
  const say = (en: string, fa: string) => (lang === 'en' ? en : fa);
  return {
    changeset,
    contact: say(`Miz-e Khedmat, the city's urban-planning service desks; documentation at ${base}/api/docs`, `میز خدمت شهرسازی شهرداری؛ مستندات در ${base}/api/docs`),
    key_service: say(
      "The city's system administrator issues API keys (api_key) with the open311 scope to registered organisations; ask the municipality's IT office.",
      'کلید دسترسی (api_key) با دامنه open311 را مدیر سامانه شهرداری به سازمان‌های ثبت‌شده می‌دهد؛ از واحد فناوری اطلاعات شهرداری درخواست کنید.',
    ),
    endpoints: [{ specification: OPEN311_SPEC, url: `${base}${OPEN311_BASE}`, changeset, type: 'production' as const, formats: ['text/xml', 'application/json'] }],
  };
}

export async function listOpen311Services(ctx: Ctx, query: Common, lang: Lang) {
  const city = await jurisdiction(ctx, query.jurisdiction_id);
  return (await listServices(ctx.db, city.id)).filter((s) => s.active === 1).map((s) => presentService(s, lang));
}

export async function getServiceDefinition(ctx: Ctx, code: string, query: Common, lang: Lang) {
  const city = await jurisdiction(ctx, query.jurisdiction_id);
  const service = await activeService(ctx, city.id, code);
  return presentDefinition(service, JSON.parse(service.form_fields) as FormField[], lang);
}

// ---------------------------------------------------------------- POST a service request

type RequestInput = Static<typeof RequestBody>;
type Answers = NonNullable<RequestInput['attribute']>;

/** Form posts send text; the form wants booleans as booleans, and a date-time is read as its Tehran date. */
function formValues(fields: FormField[], answers: Answers): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(answers).map(([name, value]): [string, unknown] => {
      const field = fields.find((f) => f.name === name);
      if (typeof value !== 'string' || !field) return [name, value];
      if (field.type === 'boolean') return [name, value === 'true' ? true : value === 'false' ? false : value];
      if (field.type === 'date' && DATETIME.test(value) && !Number.isNaN(Date.parse(value))) return [name, tehranDate(new Date(value))];
      return [name, value];
    }),
  );
}

/** Where the request is and who sent it, for the desk: the timeline note of the case, never published. */
function intakeNote(caller: ApiCaller, input: RequestInput): string {
  const contact = [[input.first_name, input.last_name].filter(Boolean).join(' '), input.phone, input.email].filter(Boolean).join('، ');
  return [
    `درخواست Open311 از ${caller.nameFa}`,
    input.description,
    contact && `تماس: ${contact}`,
    input.address_string && `نشانی اعلام‌شده: ${input.address_string}`,
    input.lat !== undefined && `مختصات اعلام‌شده: ${input.lat}, ${input.long}`,
    input.media_url && `پیوست: ${input.media_url}`,
  ]
    .filter(Boolean)
    .join('\n');
}

function shapeErrors(input: RequestInput, fields: FormField[]): { errors: FieldError[]; form: Record<string, unknown>; ids: { postalCode?: string; renovationCode?: string; nationalCode?: string } } {
  const errors: FieldError[] = [];
  if ((input.lat === undefined) !== (input.long === undefined)) {
    errors.push(fieldError(input.lat === undefined ? 'lat' : 'long', 'lat_long_pair', 'lat and long are sent together', 'lat و long با هم فرستاده می‌شوند'));
  } else if (input.lat === undefined && !input.address_string && !input.address_id) {
    errors.push(fieldError('lat', 'location_required', 'Send a location: lat and long, address_string or address_id', 'مکان را بفرستید: lat و long، address_string یا address_id'));
  }
  const { postal_code: postal, renovation_code: renovation, national_code: national, ...answers } = input.attribute ?? {};
  const single = (code: string, value: string | string[] | undefined) => {
    if (!Array.isArray(value)) return value;
    errors.push(fieldError(`attribute.${code}`, 'single_value', 'Send one value', 'یک مقدار بفرستید'));
    return undefined;
  };
  const asCode = (value: string | undefined, canonical: (raw: string) => string) => (value === undefined ? undefined : canonical(value));
  const ids = {
    postalCode: asCode(single('postal_code', postal), canonicalPostalCode),
    renovationCode: single('renovation_code', renovation) ?? input.address_id,
    nationalCode: asCode(single('national_code', national), canonicalNationalCode),
  };

  if (ids.postalCode !== undefined && !/^\d{10}$/.test(ids.postalCode)) {
    errors.push(fieldError('attribute.postal_code', 'invalid_postal_code', 'A postal code has 10 digits', 'کد پستی ده رقم دارد'));
  }
  if (ids.renovationCode !== undefined && !/^\d+(-\d+){2,6}$/.test(ids.renovationCode)) {
    errors.push(fieldError(renovation === undefined ? 'address_id' : 'attribute.renovation_code', 'invalid_renovation_code', 'A renovation code looks like 3-125-14-0-0-0', 'کد نوسازی به شکل 3-125-14-0-0-0 است'));
  }
  if (postal === undefined && renovation === undefined && input.address_id === undefined) {
    errors.push(fieldError('attribute.postal_code', 'property_required', 'Identify the property: attribute[postal_code], attribute[renovation_code] or address_id', 'ملک را مشخص کنید: کد پستی، کد نوسازی یا address_id'));
  }
  if (national === undefined) errors.push(fieldError('attribute.national_code', 'required', 'This field is required', 'این فیلد الزامی است'));
  else if (ids.nationalCode !== undefined && !isNationalCode(ids.nationalCode)) {
    errors.push(fieldError('attribute.national_code', 'invalid_national_code', 'Invalid national code', 'کد ملی معتبر نیست'));
  }

  let form: Record<string, unknown> = {};
  try {
    form = validateForm(fields, formValues(fields, answers));
  } catch (e) {
    if (e instanceof AppError && e.fields) errors.push(...e.fields);
    else throw e;
  }
  return { errors, form, ids };
}

/**
 * A service request from an API client with the open311 scope: the property file is found by its
 * identifiers, the applicant must be on record, and the case is opened at the district's lightest
 * desk. Bad input is 400 listing every problem, and nothing is written.
 */
export async function submitServiceRequest(ctx: Ctx, caller: ApiCaller, input: RequestInput, lang: Lang) {
  if (!caller.scopes.includes('open311')) {
    throw new AppError('FORBIDDEN', { message: 'This api_key is not allowed Open311 service requests (scope open311)', messageFa: 'این کلید دسترسی برای ثبت درخواست Open311 مجاز نیست' });
  }
  const service = await activeService(ctx, caller.cityId, input.service_code);
  // An inquiry (a bank's, a notary's, an agency's) is the asking organisation's own: its key must
  // carry that inquiry's scope as well, and the form names the organisation from its client record.
  const inquiryType = inquiryTypeOfService(service.code);
  let attribute = input.attribute;
  if (inquiryType) {
    requireScope(caller, inquiryType);
    const city = await ctx.db.selectFrom('cities').select('name_fa').where('id', '=', caller.cityId).executeTakeFirstOrThrow();
    attribute = { ...attribute, ...organisationFields(inquiryType, { ...caller, cityNameFa: city.name_fa }) };
  }
  const shape = shapeErrors({ ...input, attribute }, JSON.parse(service.form_fields) as FormField[]);
  if (shape.errors.length) throw invalid(shape.errors);

  const [property, applicant] = await Promise.all([
    findPropertyByIdentifiers(ctx.db, caller.cityId, { postalCode: shape.ids.postalCode, renovationCode: shape.ids.renovationCode }),
    q.findApplicant(ctx.db, shape.ids.nationalCode!),
  ]);
  const missing: FieldError[] = [];
  if (!property) {
    missing.push(fieldError(shape.ids.postalCode ? 'attribute.postal_code' : 'attribute.renovation_code', 'unknown_property', 'No property file matches; the owner opens one at a service desk', 'پرونده ملکی با این مشخصات نیست؛ مالک باید در دفتر پیشخوان پرونده تشکیل دهد'));
  }
  if (!applicant) {
    missing.push(fieldError('attribute.national_code', 'unknown_applicant', 'The applicant is not on record; they register once at a service desk', 'متقاضی در سامانه ثبت نشده است؛ یک بار در دفتر پیشخوان ثبت شود'));
  }
  if (missing.length) throw invalid(missing);

  const token = newId();
  const now = ctx.clock.now();
  // The case and its Open311 record commit together (decisions/0021): no case without its token.
  const kase = await inTransaction(ctx.db, async (trx) => {
    const opened = await openCaseForClient({ ...ctx, db: trx }, {
      cityId: caller.cityId,
      clientNameFa: caller.nameFa,
      property: property!,
      serviceCode: service.code,
      applicantPersonId: applicant!.id,
      form: shape.form,
      note: intakeNote(caller, input),
    });
    await q.insertOpen311Request(trx, { request_id: opened.id, token, client_id: caller.clientId, description: input.description ?? null, media_url: input.media_url ?? null, created_at: now.toISOString() });
    await appendAudit(trx, null, { action: 'open311.request', entityType: 'request', entityId: opened.id, details: { clientId: caller.clientId, trackingCode: opened.trackingCode, token }, cityId: caller.cityId }, now);
    return opened;
  });
  return [{ service_request_id: kase.trackingCode, token, service_notice: serviceNotice(kase.office, lang, true), account_id: null }];
}

// ---------------------------------------------------------------- public reads

function badDate(message: string, messageFa: string): AppError {
  return new AppError('VALIDATION_FAILED', { message, messageFa });
}

/** The requested_datetime window: 90 days at most, the last 90 days when neither end is given. */
function dateWindow(start: string | undefined, end: string | undefined, now: Date): { from: string; to: string } {
  const parse = (name: string, v: string | undefined) => {
    if (v === undefined) return undefined;
    const t = Date.parse(v);
    if (Number.isNaN(t)) throw badDate(`${name} is not a valid date-time`, `${name} تاریخ و زمان معتبری نیست`);
    return t;
  };
  const s = parse('start_date', start);
  const e = parse('end_date', end);
  const to = e ?? (s !== undefined ? s + WINDOW_MS : now.getTime());
  const from = s ?? to - WINDOW_MS;
  if (to < from) throw badDate('end_date is before start_date', 'end_date پیش از start_date است');
  if (to - from > WINDOW_MS) throw badDate('start_date to end_date may not span more than 90 days', 'بازه start_date تا end_date نباید بیش از ۹۰ روز باشد');
  return { from: new Date(from).toISOString(), to: new Date(to).toISOString() };
}

export async function listServiceRequests(ctx: Ctx, query: Static<typeof RequestsQuery>, lang: Lang) {
  const city = await jurisdiction(ctx, query.jurisdiction_id);
  // service_request_id "overrides all other arguments".
  const filter: q.ServiceRequestFilter = query.service_request_id
    ? { trackingCodes: [...new Set(query.service_request_id.split(','))], limit: MAX_REQUESTS }
    : {
        ...dateWindow(query.start_date, query.end_date, ctx.clock.now()),
        serviceCodes: query.service_code?.split(','),
        closed: query.status === 'open' ? false : query.status === 'closed' ? true : undefined,
        limit: MAX_REQUESTS,
      };
  return (await q.findServiceRequests(ctx.db, city.id, filter)).map((r) => presentServiceRequest(r, lang));
}

export async function getServiceRequest(ctx: Ctx, id: string, query: Common, lang: Lang) {
  const city = await jurisdiction(ctx, query.jurisdiction_id);
  const rows = isValidTrackingCode(id) ? await q.findServiceRequests(ctx.db, city.id, { trackingCodes: [id], limit: 1 }) : [];
  if (rows.length === 0) throw new AppError('NOT_FOUND', { message: `service_request_id ${id} was not found`, messageFa: `درخواستی با شناسه ${id} وجود ندارد` });
  return rows.map((r) => presentServiceRequest(r, lang));
}

export async function resolveToken(ctx: Ctx, token: string, query: Common) {
  const city = await jurisdiction(ctx, query.jurisdiction_id);
  const row = await q.findTokenRequest(ctx.db, city.id, token);
  if (!row) throw new AppError('NOT_FOUND', { message: `token ${token} was not found`, messageFa: `توکن ${token} وجود ندارد` });
  return [{ service_request_id: row.tracking_code, token: row.token }];
}

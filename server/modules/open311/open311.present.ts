/** Our catalog and cases in Open311's words: the one place that knows both vocabularies. */
import { digitsEnToFa } from '@persian-tools/persian-tools';
import { STATE_LABELS_EN, STATE_LABELS_FA, type RequestState } from '../../../contracts/workflow.js';
import type { ServiceTable } from '../../db/schema.js';
import type { FormField, FormFieldType, ServiceDefinition } from '../catalog/index.js';
import type { Static } from '../../platform/schemas.js';
import type { Lang } from './open311.format.js';
import type { ServiceRequestRow } from './open311.queries.js';
import type { Attribute, AttributeDatatype, Service, ServiceRequest } from './open311.schemas.js';

const say = (lang: Lang, en: string, fa: string) => (lang === 'en' ? en : fa);
const faDigits = (n: number) => digitsEnToFa(String(n));

/** w3 format as the spec writes it: 2026-11-29T05:30:00Z (no milliseconds). */
export function w3(iso: string): string {
  return iso.replace(/\.\d{3}Z$/, 'Z');
}

const CATEGORY: Record<ServiceDefinition['category'], { en: string; fa: string }> = {
  inspection: { en: 'inspection', fa: 'بازدید' },
  inquiry: { en: 'inquiry', fa: 'استعلام' },
  permit: { en: 'permit', fa: 'مجوز' },
  certificate: { en: 'certificate', fa: 'گواهی' },
};

/**
 * Every service needs at least the property and the applicant, so metadata is always true. The
 * id (tracking code) is known at once, but a token is returned too, so the type is batch: clients
 * that follow tokens and clients that read service_request_id both find the case.
 */
export function presentService(s: ServiceTable, lang: Lang): Static<typeof Service> {
  const category = CATEGORY[s.category as ServiceDefinition['category']] ?? { en: s.category, fa: s.category };
  return {
    service_code: s.code,
    service_name: say(lang, s.name_en, s.name_fa),
    description: say(lang, s.description_en, s.description_fa),
    metadata: true,
    type: 'batch',
    keywords: [say(lang, s.name_fa, s.name_en), category.fa, category.en].join(', '),
    group: s.category,
  };
}

// A Record, so that a new field type in services.data.ts fails to compile until it is mapped here.
const DATATYPE: Record<FormFieldType, AttributeDatatype> = {
  text: 'string', textarea: 'text', integer: 'number', number: 'number', date: 'datetime', select: 'singlevaluelist',
  boolean: 'singlevaluelist', national_code: 'string', mobile: 'string',
};

function range(f: FormField, lang: Lang): string {
  if (f.min !== undefined && f.max !== undefined) return say(lang, `, ${f.min} to ${f.max}`, ` از ${faDigits(f.min)} تا ${faDigits(f.max)}`);
  if (f.min !== undefined) return say(lang, `, at least ${f.min}`, `، دست‌کم ${faDigits(f.min)}`);
  if (f.max !== undefined) return say(lang, `, at most ${f.max}`, `، حداکثر ${faDigits(f.max)}`);
  return '';
}

function datatypeDescription(f: FormField, lang: Lang): string | null {
  switch (f.type) {
    case 'text':
    case 'textarea':
      return f.maxLength ? say(lang, `At most ${f.maxLength} characters`, `حداکثر ${faDigits(f.maxLength)} نویسه`) : null;
    case 'integer':
      return say(lang, 'A whole number', 'عدد صحیح') + range(f, lang);
    case 'number':
      return say(lang, 'A number', 'عدد') + range(f, lang);
    case 'date':
      return say(lang, 'A date, YYYY-MM-DD (a date-time is taken as its Tehran date)', 'تاریخ میلادی به شکل YYYY-MM-DD (تاریخ و زمان، به تاریخ تهران خوانده می‌شود)');
    case 'select':
      return null;
    case 'boolean':
      return say(lang, 'true or false', 'true (بله) یا false (خیر)');
    case 'national_code':
      return say(lang, 'A 10-digit national code', 'کد ملی ده‌رقمی');
    case 'mobile':
      return say(lang, 'A mobile number like 09131234567', 'شماره همراه مانند 09131234567');
  }
}

type AttributeBody = Omit<Static<typeof Attribute>, 'order'>;

function formAttribute(f: FormField, lang: Lang): AttributeBody {
  const values =
    f.type === 'select'
      ? (f.options ?? []).map((o) => ({ key: o.value, name: say(lang, o.labelEn, o.labelFa) }))
      : f.type === 'boolean'
        ? [{ key: 'true', name: say(lang, 'Yes', 'بله') }, { key: 'false', name: say(lang, 'No', 'خیر') }]
        : undefined;
  return {
    variable: true,
    code: f.name,
    datatype: DATATYPE[f.type],
    required: f.required,
    datatype_description: datatypeDescription(f, lang),
    description: lang === 'en' ? f.labelEn : f.helpFa ? `${f.labelFa}؛ ${f.helpFa}` : f.labelFa,
    ...(values ? { values } : {}),
  };
}

/** What every case needs beyond the service's own form: which property file, and who applies. */
function identifierAttributes(lang: Lang): AttributeBody[] {
  const identifier = (code: string, required: boolean, en: [string, string], fa: [string, string]): AttributeBody => ({
    variable: true, code, datatype: 'string', required, datatype_description: say(lang, en[1], fa[1]), description: say(lang, en[0], fa[0]),
  });
  return [
    identifier(
      'postal_code', false,
      ["The property's postal code", '10 digits; give postal_code or renovation_code (or address_id)'],
      ['کد پستی ملک', 'ده رقم؛ کد پستی یا کد نوسازی (یا address_id) لازم است'],
    ),
    identifier(
      'renovation_code', false,
      ["The property's renovation code (کد نوسازی); the same as address_id", 'Like 3-125-14-0-0-0'],
      ['کد نوسازی ملک؛ همان address_id', 'مانند 3-125-14-0-0-0'],
    ),
    identifier(
      'national_code', true,
      ["The applicant's national code", '10 digits; the applicant must be on record: an owner of the property or a person registered at a service desk'],
      ['کد ملی متقاضی', 'ده رقم؛ متقاضی باید در سامانه ثبت شده باشد: مالک ملک یا شخصی که در میز خدمت ثبت شده است'],
    ),
  ];
}

/** The identifiers first, then the service's form, numbered from 1 as the spec's order asks. */
export function presentDefinition(s: ServiceTable, fields: FormField[], lang: Lang) {
  const attributes = [...identifierAttributes(lang), ...fields.map((f) => formAttribute(f, lang))];
  return {
    service_code: s.code,
    attributes: attributes.map(({ values, ...a }, i): Static<typeof Attribute> => ({
      variable: a.variable, code: a.code, datatype: a.datatype, required: a.required, datatype_description: a.datatype_description,
      order: i + 1, description: a.description, ...(values ? { values } : {}),
    })),
  };
}

/** Where the case is followed up: the desk is public, its staff are not named. */
export function serviceNotice(office: { nameFa: string; phone: string }, lang: Lang, justRegistered: boolean): string {
  const desk = say(lang, `Followed up at the service desk «${office.nameFa}» (phone ${office.phone})`, `پیگیری در «${office.nameFa}» (تلفن ${office.phone})`);
  return justRegistered ? desk + say(lang, '; bring the original documents there.', '؛ اصل مدارک لازم را به این دفتر ارائه کنید.') : desk;
}

/**
 * Where a bank, notary or agency inquiry is about tells a stranger who is borrowing or selling;
 * these cases are listed without their location.
 */
const LOCATION_WITHHELD = new Set<string>(['inquiry']);

export function presentServiceRequest(r: ServiceRequestRow, lang: Lang): Static<typeof ServiceRequest> {
  const state = r.state as RequestState;
  const located = !LOCATION_WITHHELD.has(r.category);
  return {
    service_request_id: r.tracking_code,
    status: r.closed_at ? 'closed' : 'open',
    status_notes: say(lang, STATE_LABELS_EN[state], STATE_LABELS_FA[state]) ?? null,
    service_name: say(lang, r.service_name_en, r.service_name_fa),
    service_code: r.service_code,
    description: r.description,
    agency_responsible: say(lang, `${r.city_name_en} Municipality, ${r.district_name_en}`, `شهرداری ${r.district_name_fa} ${r.city_name_fa}`),
    service_notice: serviceNotice({ nameFa: r.office_name_fa, phone: r.office_phone }, lang, false),
    requested_datetime: w3(r.created_at),
    updated_datetime: w3(r.closed_at ?? r.updated_at),
    expected_datetime: r.closed_at || !r.step_due_at ? null : w3(r.step_due_at),
    address: located ? r.address : null,
    address_id: located ? r.renovation_code : null,
    zipcode: located ? r.postal_code : null,
    lat: located ? r.lat : null,
    long: located ? r.lng : null,
    media_url: r.media_url,
  };
}

/**
 * The Open311 edge of the app: form-encoded bodies, the spec's "optional" rule, the resource's
 * format (JSON or XML, from its extension), the caller's language, and the spec's error list in
 * place of the app's one error shape. Everything here is scoped to the Open311 plugin.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { XMLBuilder } from 'fast-xml-parser';
import { toAppError, unreadableUrl } from '../../platform/http.js';
import { fieldError, invalid, type AppError } from '../../platform/errors.js';

export type Format = 'json' | 'xml';
export type Lang = 'fa' | 'en';

const XML_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>\n';
const xml = new XMLBuilder({ format: true, indentBy: '  ' });

/** The element of each item of a list, as the spec names them: <services><service>, <service_requests><request>... */
const ITEM_ELEMENT: Record<string, string> = {
  services: 'service',
  service_requests: 'request',
  attributes: 'attribute',
  values: 'value',
  errors: 'error',
  endpoints: 'endpoint',
  formats: 'format',
};

/** The Spark convention (wiki.open311.org/JSON_and_XML_Conversion): a JSON array is an element holding one child per item. */
function xmlNode(name: string, value: unknown): unknown {
  if (Array.isArray(value)) {
    const item = ITEM_ELEMENT[name];
    if (!item) throw new Error(`Open311: no XML element is defined for the items of ${name}`);
    return { [item]: value.map((v) => xmlNode(item, v)) };
  }
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, xmlNode(k, v)]));
  }
  // A control character cannot be written in XML 1.0 at all, escaped or not.
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  return typeof value === 'string' ? value.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '') : value;
}

/** The XML form of a JSON answer; null becomes an empty element, as in the spec's <account_id/>. */
export function toXml(root: string, body: unknown): string {
  return XML_DECLARATION + String(xml.build({ [root]: xmlNode(root, body) }));
}

/** Send a document in the format the caller asked for; `root` is its XML root element. */
export function send(reply: FastifyReply, format: Format, root: string, body: unknown) {
  if (format === 'xml') return reply.type('text/xml; charset=utf-8').send(toXml(root, body));
  return reply.type('application/json; charset=utf-8').send(body);
}

/** XML is the spec's required format, so a request whose format cannot be read is answered in XML. */
export function formatOf(request: FastifyRequest): Format {
  return /\.json$/.test(request.url.split('?')[0]!) ? 'json' : 'xml';
}

export function languageOf(request: FastifyRequest): Lang {
  const fromParams = [request.query, request.body].map((p) => (p && typeof p === 'object' ? (p as Record<string, unknown>).locale : undefined)).find((v) => typeof v === 'string');
  const tag = fromParams ?? request.headers['accept-language'] ?? '';
  return /^\s*en\b|^\s*en[-_]/i.test(tag) ? 'en' : 'fa';
}

/** Keys that would reach an object's prototype further on; JSON bodies are refused for them too. */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * application/x-www-form-urlencoded, with the spec's attribute[code]=value and
 * attribute[code][]=value (several values). A key such as __proto__ is refused (400).
 */
export function parseForm(text: string): Record<string, unknown> {
  const fields = new Map<string, string | string[]>();
  const attributes = new Map<string, string | string[]>();
  const add = (into: Map<string, string | string[]>, key: string, value: string, many: boolean) => {
    const before = into.get(key);
    if (before === undefined) into.set(key, many ? [value] : value);
    else into.set(key, [...(Array.isArray(before) ? before : [before]), value]);
  };
  for (const [key, value] of new URLSearchParams(text)) {
    const attribute = /^attribute\[([^\]]+)\](\[\])?$/.exec(key);
    if (PROTOTYPE_KEYS.has(attribute ? attribute[1]! : key)) {
      throw invalid([fieldError(key, 'forbidden_key', 'This parameter name is not allowed', 'این نام پارامتر مجاز نیست')]);
    }
    if (attribute) add(attributes, attribute[1]!, value, attribute[2] !== undefined);
    else add(fields, key, value, false);
  }
  const body: Record<string, unknown> = Object.fromEntries(fields);
  if (attributes.size > 0) body.attribute = Object.fromEntries(attributes);
  return body;
}

/**
 * The spec: "a null parameter should be treated as equivalent to a non-declared parameter", so an
 * empty value is dropped. A '+' of a zone offset that arrived unescaped reads as a space; it is put back.
 */
function tidyParams(params: unknown): unknown {
  if (!params || typeof params !== 'object' || Array.isArray(params)) return params;
  const entries = Object.entries(params).filter(([, v]) => v !== '');
  return Object.fromEntries(
    entries.map(([k, v]) => [k, (k === 'start_date' || k === 'end_date') && typeof v === 'string' ? v.replace(/ (\d{2}:\d{2})$/, '+$1') : v]),
  );
}

/**
 * The spec's statuses: 403 for a missing or bad api_key (our 401 too), 404 for what does not exist,
 * 400 for anything else that cannot be fulfilled (a stale or refused request, no desk to take it).
 * 429 keeps its Retry-After, and our own failure stays a 500.
 */
function specStatus(e: AppError): number {
  if (e.statusCode === 401 || e.statusCode === 403) return 403;
  if (e.statusCode === 404 || e.statusCode === 429 || e.statusCode === 500) return e.statusCode;
  return 400;
}

/** A field as the caller named it: form.visitReason and attribute.visitReason are attribute[visitReason]. */
function specField(field: string): string {
  const attribute = /^(?:form|attribute)\.(.+)$/.exec(field);
  return attribute ? `attribute[${attribute[1]}]` : field;
}

export function specErrors(e: AppError, lang: Lang): { status: number; errors: { code: number; description: string }[] } {
  const status = specStatus(e);
  const say = (en: string, fa: string) => (lang === 'en' ? en : fa);
  const errors = e.fields?.length
    ? e.fields.map((f) => ({ code: status, description: `${specField(f.field)}: ${say(f.message, f.messageFa)}` }))
    : [{ code: status, description: say(e.message, e.messageFa) }];
  return { status, errors };
}

/** Whether a request was sent to the Open311 endpoint (its refusals then follow the spec, in XML or JSON). */
export const isOpen311Url = (url: string) => url.startsWith('/open311/');

/** Fastify's own refusal of an Open311 address (one that cannot be decoded, %ZZ), as the spec's errors. */
export function open311FrameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const { status, errors } = specErrors(unreadableUrl(error), languageOf(request));
  void send(reply.status(status), formatOf(request), 'errors', errors);
}

export function registerOpen311Edge(app: FastifyInstance): void {
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
    try {
      done(null, parseForm(body as string));
    } catch (e) {
      done(e as Error, undefined);
    }
  });
  app.addHook('preValidation', async (request) => {
    request.query = tidyParams(request.query);
    request.body = tidyParams(request.body);
  });
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const appError = toAppError(error);
    if (appError.code === 'INTERNAL') request.log.error({ err: error }, 'unhandled error');
    else request.log.info({ code: appError.code, fields: appError.fields?.map((f) => f.field) }, 'request refused');
    const { status, errors } = specErrors(appError, languageOf(request));
    return send(reply.status(status), formatOf(request), 'errors', errors);
  });
}

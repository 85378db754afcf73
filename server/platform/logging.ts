/**
 * The server's JSON log (pino, through Fastify): one line per event, each request's lines sharing
 * its request id (`reqId`, also sent back as `X-Request-Id`). Nothing personal in clear: no national
 * codes, mobiles, one-time codes, passwords, cookies or keys.
 *
 * Where such things could enter a log line, and what stops them:
 * - the request URL: query values are dropped (`/api/public/requests/…?nationalCode=_`: a national
 *   code, an Open311 `api_key`) and long digit runs in the path masked; the route pattern is logged beside it;
 * - headers: only method, URL, route and address are logged, never headers;
 * - error objects (a database error's detail may quote a row): their text is masked the same way;
 * - structured fields a future log call may add: pino redaction of the personal keys below.
 * Bodies are never logged. The test (`logging.api.test.ts`) runs a broad flow and greps the log.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyRequest, FastifyServerOptions } from 'fastify';
import type { DestinationStream } from 'pino';
import type { Config } from '../config.js';

/** Keys whose values are never written, wherever they appear in a logged object. */
const PERSONAL_KEYS = ['nationalCode', 'nationalId', 'mobile', 'phone', 'otp', 'password', 'newPassword', 'token', 'apiKey', 'api_key'];
export const REDACT_PATHS = PERSONAL_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`]);

/** Five digits or more (Persian and Arabic digits too): national codes, mobiles, one-time codes, tracking codes. */
const DIGIT_RUN = /[0-9\u06F0-\u06F9\u0660-\u0669]{5,}/g;

export function maskDigits(text: string): string {
  return text.replace(DIGIT_RUN, '***');
}

/** The path with digit runs masked and the query's values dropped (its keys kept, to tell calls apart). */
export function loggedUrl(url: string): string {
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  let decoded = path;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    // A malformed escape: mask the raw path.
  }
  const keys = q < 0 ? [] : [...new URLSearchParams(url.slice(q + 1)).keys()];
  return maskDigits(decoded) + (keys.length > 0 ? `?${keys.map((k) => `${maskDigits(k)}=_`).join('&')}` : '');
}

function serializeRequest(request: FastifyRequest) {
  return { method: request.method, url: loggedUrl(request.url), route: request.routeOptions?.url ?? null, remoteAddress: request.ip };
}

/** An error's own text masked; pino's standard shape (type, message, stack, code). */
function serializeError(err: Error & { code?: unknown; statusCode?: unknown }) {
  return {
    type: err.constructor?.name ?? 'Error',
    message: maskDigits(String(err.message)),
    stack: maskDigits(err.stack ?? ''),
    ...(typeof err.code === 'string' ? { code: err.code } : {}),
    ...(typeof err.statusCode === 'number' ? { statusCode: err.statusCode } : {}),
  };
}

/** A request id from the proxy (`X-Request-Id`) if it looks like one, otherwise a new UUID. */
function requestId(request: { headers: Record<string, string | string[] | undefined> }): string {
  const given = request.headers['x-request-id'];
  return typeof given === 'string' && /^[\w.:-]{8,64}$/.test(given) ? given : randomUUID();
}

/** Fastify's logger options for this config; `stream` is where lines go (standard output if not given). */
export function loggerOptions(config: Config, stream?: DestinationStream): Pick<FastifyServerOptions, 'logger' | 'genReqId'> {
  if (config.logLevel === 'silent') return { logger: false };
  return {
    genReqId: requestId,
    logger: {
      level: config.logLevel,
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      serializers: { req: serializeRequest, err: serializeError },
      ...(stream ? { stream } : {}),
    },
  };
}

/** Every answer names its request id, so a user's report leads to the log lines. */
export function registerRequestIds(app: FastifyInstance): void {
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
}

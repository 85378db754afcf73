/**
 * The HTTP edge shared by every module: input normalisation before validation, and the one
 * error shape for every failure (AppError, schema errors, Fastify's own 4xx, and the rest as 500).
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, fieldError, invalid } from './errors.js';
import { isNumberOutOfRange, rangeViolation } from '../db/sql.js';
import { normalizeInput } from './normalize.js';
import { parseJsonBody, unsafeValues } from './input-guard.js';
import { fieldErrorsFromSchema } from './validation.js';

function send(reply: FastifyReply, err: AppError) {
  const retryAfter = err.details?.retryAfterSeconds;
  if (typeof retryAfter === 'number') reply.header('retry-after', String(retryAfter));
  return reply.status(err.statusCode).send({
    error: {
      code: err.code,
      message: err.message,
      messageFa: err.messageFa,
      ...(err.fields ? { fields: err.fields } : {}),
      ...(err.details ? { details: err.details } : {}),
    },
  });
}

export function toAppError(error: FastifyError | AppError | Error): AppError {
  if (error instanceof AppError) return error;
  const fe = error as FastifyError;
  if (fe.validation) return new AppError('VALIDATION_FAILED', { fields: fieldErrorsFromSchema(fe.validation) });
  if (fe.statusCode === 429) return new AppError('RATE_LIMITED');
  // The database's own range constraints (decision 0022): a number no route should have let through.
  const range = rangeViolation(error);
  if (range) {
    const field = range.column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
    return invalid([fieldError(field, 'out_of_range', `${field} is outside the range allowed`, 'مقدار واردشده خارج از محدوده مجاز است')]);
  }
  if (isNumberOutOfRange(error)) return invalid([fieldError('(body)', 'out_of_range', 'A number is too large to store', 'عدد واردشده بیش از حد بزرگ است')]);
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
    // Malformed JSON, wrong content type, body too large: the client's input, said plainly.
    return new AppError('VALIDATION_FAILED', {
      message: fe.message,
      messageFa: 'درخواست ارسالی قابل خواندن نیست',
      fields: [{ field: '(body)', code: fe.code ?? 'bad_request', message: fe.message, messageFa: 'درخواست ارسالی قابل خواندن نیست' }],
    });
  }
  return new AppError('INTERNAL');
}

/**
 * Fastify's own refusals before any route runs (`frameworkErrors`: a path that cannot be decoded,
 * %ZZ), in the one error shape like every other.
 */
export function frameworkErrors(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  void send(reply, unreadableUrl(error));
}

/** The refusal of an address that cannot be read, for the error shape of whichever API it was sent to. */
export function unreadableUrl(error: FastifyError): AppError {
  const message = 'The address of the request cannot be read';
  return new AppError('VALIDATION_FAILED', { message, messageFa: 'نشانی درخواست خوانا نیست', fields: [fieldError('(url)', error.code ?? 'bad_url', message, 'نشانی درخواست خوانا نیست')] });
}

export function registerHttpEdge(app: FastifyInstance): void {
  // Our own JSON parser: depth bounded before parsing (input-guard.ts), the same prototype checks.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    try {
      done(null, parseJsonBody(body as string));
    } catch (err) {
      done(err as Error, undefined);
    }
  });

  app.addHook('preValidation', async (request: FastifyRequest) => {
    if (request.body && typeof request.body === 'object') request.body = normalizeInput(request.body);
    if (request.query && typeof request.query === 'object') request.query = normalizeInput(request.query);
    if (request.params && typeof request.params === 'object') request.params = normalizeInput(request.params);
  });
  // After the schema has coerced the input: nothing non-finite or with a NUL reaches a service.
  app.addHook('preHandler', async (request: FastifyRequest) => {
    const fields = [...unsafeValues(request.body, ''), ...unsafeValues(request.query, ''), ...unsafeValues(request.params, '')];
    if (fields.length > 0) throw new AppError('VALIDATION_FAILED', { fields });
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const appError = toAppError(error);
    if (appError.code === 'INTERNAL') request.log.error({ err: error }, 'unhandled error');
    else request.log.info({ code: appError.code, fields: appError.fields?.map((f) => f.field) }, 'request refused');
    return send(reply, appError);
  });

  app.setNotFoundHandler((_request, reply) => send(reply, new AppError('NOT_FOUND')));
}

/**
 * A Content-Disposition naming the file in Persian (RFC 6266 `filename*`, RFC 5987 UTF-8
 * percent-encoding) with an ASCII `filename` for clients that read only that one.
 */
export function contentDisposition(type: 'attachment' | 'inline', fileName: string, asciiFileName: string): string {
  // encodeURIComponent leaves ' ( ) * as they are; RFC 5987's attr-char does not allow them.
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${type}; filename="${asciiFileName.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encoded}`;
}

/**
 * The typed API client: openapi-fetch over the types `npm run gen:api` writes from the server's
 * OpenAPI document, so a route's path, parameters and answer are checked at compile time.
 */
import createClient from 'openapi-fetch';
import type { components, paths } from './schema';

export type ApiErrorBody = components['schemas']['ErrorResponse']['error'];

/** A refusal in the API's one error shape; thrown so queries and forms treat it as an error. */
export class ApiError extends Error {
  readonly status: number;
  readonly body: ApiErrorBody;

  constructor(status: number, body: ApiErrorBody) {
    super(body.message);
    this.name = 'ApiError';
    this.status = status;
    this.body = body;
  }
}

// Same origin in production and behind the dev server's proxy: the session cookie goes along.
export const api = createClient<paths>({ credentials: 'same-origin' });

function isErrorResponse(value: unknown): value is { error: ApiErrorBody } {
  const error = (value as { error?: { code?: unknown } } | null)?.error;
  return typeof error?.code === 'string';
}

/** The data of a successful call; anything else thrown as an ApiError. */
export async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (response.ok) return data as T;
  // A proxy's HTML error page has no messageFa; the UI then says so in its own words.
  throw new ApiError(response.status, isErrorResponse(error) ? error.error : { code: `HTTP_${response.status}`, message: response.statusText, messageFa: '' });
}

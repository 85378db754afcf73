/**
 * Every error the API can answer with. Services throw `AppError(code)`; one handler turns it into
 * the one error shape `{ error: { code, message, messageFa, fields?, details? } }`; the web client
 * translates codes into Persian.
 */
export const ERROR_STATUS = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  DUPLICATE_PROPERTY: 409,
  DUPLICATE_PERSON: 409,
  CONFLICT: 409,
  STALE_VERSION: 409,
  ILLEGAL_TRANSITION: 409,
  GUARD_FAILED: 409,
  NO_INSPECTOR_AVAILABLE: 409,
  SERVICE_DISABLED: 409,
  PLAN_REFUSED: 409,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
} as const;
export type ErrorCode = keyof typeof ERROR_STATUS;

/** A problem with one input field: `field` is a dotted path such as `owners.1.shareDang`. */
export interface FieldError {
  field: string;
  code: string;
  message: string;
  messageFa: string;
}

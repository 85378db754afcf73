import { ERROR_STATUS, type ErrorCode, type FieldError } from '../../contracts/errors.js';

export type { ErrorCode, FieldError };

const DEFAULT_MESSAGES: Record<ErrorCode, { en: string; fa: string }> = {
  VALIDATION_FAILED: { en: 'Some fields are not valid', fa: 'برخی از اطلاعات واردشده درست نیست' },
  UNAUTHENTICATED: { en: 'Sign in first', fa: 'ابتدا وارد سامانه شوید' },
  INVALID_CREDENTIALS: { en: 'Wrong username or password', fa: 'نام کاربری یا گذرواژه نادرست است' },
  FORBIDDEN: { en: 'You may not do this', fa: 'شما اجازه این کار را ندارید' },
  NOT_FOUND: { en: 'Not found', fa: 'مورد درخواستی پیدا نشد' },
  DUPLICATE_PROPERTY: { en: 'A file for this property already exists', fa: 'برای این ملک قبلاً پرونده تشکیل شده است' },
  DUPLICATE_PERSON: { en: 'This person is already registered', fa: 'این شخص قبلاً ثبت شده است' },
  CONFLICT: { en: 'This conflicts with existing data', fa: 'این درخواست با اطلاعات موجود تعارض دارد' },
  STALE_VERSION: {
    en: 'The case was changed by someone else; reload and try again',
    fa: 'پرونده در این فاصله توسط شخص دیگری تغییر کرده است؛ صفحه را تازه کنید و دوباره تلاش کنید',
  },
  ILLEGAL_TRANSITION: { en: 'This action is not allowed now', fa: 'این اقدام در وضعیت فعلی پرونده مجاز نیست' },
  GUARD_FAILED: { en: 'A precondition of this action is not met', fa: 'پیش‌نیاز این اقدام فراهم نیست' },
  NO_INSPECTOR_AVAILABLE: {
    en: 'No inspector with the required specialty is available in this district',
    fa: 'مامور بازدید با تخصص لازم در این منطقه در دسترس نیست',
  },
  PLAN_REFUSED: { en: 'The day plan cannot take this change', fa: 'برنامه بازدید روز این تغییر را نمی‌پذیرد' },
  SERVICE_DISABLED: { en: 'This service is not enabled for this office', fa: 'این خدمت برای این دفتر فعال نیست' },
  RATE_LIMITED: { en: 'Too many requests; try again later', fa: 'تعداد درخواست‌ها زیاد است؛ کمی بعد دوباره تلاش کنید' },
  INTERNAL: { en: 'Something went wrong on our side', fa: 'خطایی در سامانه رخ داد؛ لطفاً دوباره تلاش کنید' },
  UNAVAILABLE: { en: 'The service is unavailable', fa: 'سامانه در دسترس نیست' },
};

/** The one error type. Services throw it with a code; the HTTP layer maps the code to a status. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly statusCode: number;
  readonly messageFa: string;
  readonly fields?: FieldError[];
  readonly details?: Record<string, unknown>;

  constructor(
    code: ErrorCode,
    opts: { message?: string; messageFa?: string; fields?: FieldError[]; details?: Record<string, unknown> } = {},
  ) {
    super(opts.message ?? DEFAULT_MESSAGES[code].en);
    this.name = 'AppError';
    this.code = code;
    this.statusCode = ERROR_STATUS[code];
    this.messageFa = opts.messageFa ?? DEFAULT_MESSAGES[code].fa;
    this.fields = opts.fields;
    this.details = opts.details;
  }
}

/** Shorthand for a 400 with field errors. */
export function invalid(fields: FieldError[]): AppError {
  return new AppError('VALIDATION_FAILED', { fields });
}

export function fieldError(field: string, code: string, message: string, messageFa: string): FieldError {
  return { field, code, message, messageFa };
}

export function notFound(): AppError {
  return new AppError('NOT_FOUND');
}

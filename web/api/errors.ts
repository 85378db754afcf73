/** What to tell the person about a failed call: the server's Persian message, field by field. */
import { t } from '../i18n';
import { ApiError } from './client';

export interface ErrorMessages {
  message: string;
  fields: { field: string; message: string }[];
}

export function errorMessages(error: unknown): ErrorMessages {
  if (error instanceof ApiError) {
    return {
      message: error.body.messageFa || t.common.unknownError,
      fields: (error.body.fields ?? []).map((f) => ({ field: f.field, message: f.messageFa })),
    };
  }
  // fetch rejects with a TypeError when the server cannot be reached at all.
  if (error instanceof TypeError) return { message: t.common.networkError, fields: [] };
  return { message: t.common.unknownError, fields: [] };
}

/** The server's message for one input, to show under that input. */
export function fieldMessage(error: unknown, field: string): string | undefined {
  return errorMessages(error).fields.find((f) => f.field === field)?.message;
}

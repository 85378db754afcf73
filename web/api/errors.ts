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

/**
 * The server's message for one input, to show under that input. `fieldOf` gives the form's name
 * for a field the server names otherwise (the report's `gps.lat` goes under its `gps`); null for
 * one the form has no input for, left to the error alert.
 */
export function fieldMessage(error: unknown, field: string, fieldOf?: (serverField: string) => string | null): string | undefined {
  return errorMessages(error).fields.find((f) => (fieldOf ? fieldOf(f.field) : f.field) === field)?.message;
}

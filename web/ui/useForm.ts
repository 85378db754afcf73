import { useState } from 'react';
import { fieldMessage } from '../api/errors';
import { focusFirstError } from './firstError';

/** A field's name, or a part of one as the server names it (`slaDays.district_review`). */
export type Field<T> = (keyof T & string) | `${keyof T & string}.${string}`;
/**
 * What a form's check finds, by the name of the field it is about; `X` names the problems that
 * belong to no one field (the property file's «one identifier at least», over three inputs).
 */
export type Problems<T, X extends string = never> = Partial<Record<Field<T> | X, string>>;

export interface FormOptions {
  /**
   * The form's name for a field the server names otherwise (`applicantPersonId` is the intake's
   * `applicant`, the report's `gps.lat` its `gps`); null for one the form has no input for.
   */
  fieldOf?: (serverField: string) => string | null;
}

/** What `useForm` hands a form, for a component that draws the fields of a form held above it. */
export type Form<T extends object, X extends string = never> = ReturnType<typeof useForm<T, X>>;

/**
 * A form's values with our own cheap checks, shown once a field has been left or the form sent,
 * and otherwise the server's message for that field (its `fields[].field` is the input's name,
 * or becomes one through `options.fieldOf`).
 */
export function useForm<T extends object, X extends string = never>(initial: T, check: (values: T) => Problems<T, X>, options: FormOptions = {}) {
  const [values, setValues] = useState(initial);
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  // Worked out when first asked for in a render, not at this call: the check may read what the
  // render finds out after it (the intake's chosen service, fetched for the code in these values).
  let found: Problems<T, X> | undefined;
  const problems = () => (found ??= check(values));
  const error = (field: Field<T> | X, serverError: unknown): string | undefined =>
    ((submitted || touched.has(field)) && problems()[field]) || fieldMessage(serverError, field, options.fieldOf);
  const touch = (field: Field<T> | X) => setTouched((t) => new Set(t).add(field));
  return {
    values,
    set<K extends keyof T>(field: K, value: T[K]) {
      setValues((v) => ({ ...v, [field]: value }));
    },
    /**
     * A change made from the values as they are (a row of a list, the position the phone reports
     * later). The same function at every render, so a field may keep it in an effect's deps.
     */
    update: setValues as (change: (values: T) => T) => void,
    touch,
    error,
    /** Value, change, leave and message of a text input, to spread into a TextInput or Textarea. */
    text(field: { [K in keyof T]: T[K] extends string ? K : never }[keyof T] & string, serverError: unknown) {
      return {
        value: values[field] as string,
        onChange: (e: { currentTarget: { value: string } }) => {
          // Read now: React clears currentTarget once the event is handled, before the updater runs.
          const value = e.currentTarget.value;
          setValues((v) => ({ ...v, [field]: value }));
        },
        onBlur: () => touch(field),
        error: error(field, serverError),
      };
    },
    /** The same for a code or number typed into a DigitsInput (Persian digits shown, ASCII kept). */
    digits(field: { [K in keyof T]: T[K] extends string ? K : never }[keyof T] & string, serverError: unknown) {
      return {
        value: values[field] as string,
        onChange: (value: string) => setValues((v) => ({ ...v, [field]: value })),
        onBlur: () => touch(field),
        error: error(field, serverError),
      };
    },
    /**
     * Value, change, leave and message of a Select over a field that may be left unchosen (null),
     * to spread into it. The Select's options are the field's own values (roles, district ids), so
     * the one chosen is stored as it is.
     */
    select<K extends { [F in keyof T]: T[F] extends string | null ? F : never }[keyof T] & string>(field: K, serverError: unknown) {
      return {
        value: values[field] as string | null,
        onChange: (value: string | null) => setValues((v) => ({ ...v, [field]: value })),
        onBlur: () => touch(field),
        error: error(field, serverError),
      };
    },
    /** Nothing checked yet, with the first values (or those given): after a save that leaves the form on screen, or «start again». */
    reset(to: T = initial) {
      setValues(to);
      setTouched(new Set());
      setSubmitted(false);
    },
    /** Sent and held back by our own checks: for a summary by the send button. */
    get incomplete(): boolean {
      return submitted && Object.keys(problems()).length > 0;
    },
    /**
     * Call on submit: marks every field as checked; true when nothing is wrong. Given the form, a
     * failed check also scrolls to its first problem and focuses it.
     */
    validate(form?: Element | null): boolean {
      setSubmitted(true);
      // Checked again now, not as last drawn: a check may read the clock (a visit time not yet come).
      const ok = Object.keys(check(values)).length === 0;
      if (!ok) focusFirstError(form);
      return ok;
    },
  };
}

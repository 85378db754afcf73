import { useState } from 'react';
import { fieldMessage } from '../api/errors';
import { focusFirstError } from './firstError';

/** A field's name, or a part of one as the server names it (`slaDays.district_review`). */
export type Field<T> = (keyof T & string) | `${keyof T & string}.${string}`;
export type Problems<T> = Partial<Record<Field<T>, string>>;

/**
 * A form's values with our own cheap checks, shown once a field has been left or the form sent,
 * and otherwise the server's message for that field (its `fields[].field` is the input's name).
 */
export function useForm<T extends object>(initial: T, check: (values: T) => Problems<T>) {
  const [values, setValues] = useState(initial);
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const problems = check(values);
  const error = (field: Field<T>, serverError: unknown): string | undefined =>
    ((submitted || touched.has(field)) && problems[field]) || fieldMessage(serverError, field);
  const touch = (field: Field<T>) => setTouched((t) => new Set(t).add(field));
  return {
    values,
    set<K extends keyof T>(field: K, value: T[K]) {
      setValues((v) => ({ ...v, [field]: value }));
    },
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
    /**
     * Call on submit: marks every field as checked; true when nothing is wrong. Given the form, a
     * failed check also scrolls to its first problem and focuses it.
     */
    validate(form?: Element | null): boolean {
      setSubmitted(true);
      const ok = Object.keys(problems).length === 0;
      if (!ok) focusFirstError(form);
      return ok;
    },
  };
}

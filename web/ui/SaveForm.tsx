import { useRef, type FormEvent, type ReactNode } from 'react';
import { Button, Group, Stack } from '@mantine/core';
import { t } from '../i18n';
import { ErrorAlert } from './ErrorAlert';
import { useFocusOnServerError } from './firstError';

interface SaveFormProps {
  /** The form's own checks (useForm): nothing is sent while they fail. */
  form: { validate(form?: Element | null): boolean };
  /** The save call (a mutation): its error shows above the fields, its progress on the button. */
  save: { mutate(): void; isPending: boolean; isError: boolean; error: unknown };
  submitLabel: string;
  /** Where there is a way back without saving (a dialog), the Cancel button beside the submit. */
  onCancel?: () => void;
  /** The fields. */
  children: ReactNode;
}

/**
 * A form that saves one thing, as every dialog of the app lays it out: the server's error on top
 * (with each field's problem), the fields, then Cancel and the submit button at the end of the line.
 */
export function SaveForm({ form, save, submitLabel, onCancel, children }: SaveFormProps) {
  const ref = useRef<HTMLFormElement>(null);
  useFocusOnServerError(ref, save.error);
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (form.validate(e.currentTarget)) save.mutate();
  };
  return (
    <form ref={ref} onSubmit={submit} noValidate>
      <Stack>
        {save.isError && <ErrorAlert error={save.error} />}
        {children}
        <Group justify="flex-end">
          {onCancel && (
            <Button variant="default" onClick={onCancel}>
              {t.ui.cancel}
            </Button>
          )}
          <Button type="submit" loading={save.isPending}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

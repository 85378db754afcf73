import { useId, type InputHTMLAttributes } from 'react';

interface CodeFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'value' | 'onChange'> {
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** Under the input: what to type (a tracking code's ten digits, a serial's twelve characters). */
  hint: string;
  /** Said in the hint's place, and the input marked invalid, when what was typed is not a code. */
  error?: string;
}

/**
 * A labelled box for a code copied from paper (tracking code, national code, letter serial) on the
 * light public pages; codes read left to right inside the Persian page.
 */
export function CodeField({ label, value, onChange, hint, error, ...input }: CodeFieldProps) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        dir="ltr"
        autoComplete="off"
        {...input}
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-hint`}
        onChange={(e) => onChange(e.currentTarget.value)}
      />
      <small id={`${id}-hint`} className={error ? 'error' : undefined}>
        {error ?? hint}
      </small>
    </div>
  );
}

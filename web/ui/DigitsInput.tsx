import { TextInput, type TextInputProps } from '@mantine/core';
import { faDigits, toAsciiDigits } from '../i18n';

interface DigitsInputProps extends Omit<TextInputProps, 'value' | 'onChange'> {
  /** What the API takes: ASCII digits, a point for decimals. */
  value: string;
  onChange: (value: string) => void;
}

/**
 * A text input for codes and numbers that shows Persian digits whatever keyboard the clerk types
 * on, and hands back ASCII digits (and `.` for the Persian decimal separator ٫) as the API takes
 * them. Each character maps to one character, so the text keeps its length as it is rewritten.
 */
export function DigitsInput({ value, onChange, ...props }: DigitsInputProps) {
  return (
    <TextInput
      dir="ltr"
      autoComplete="off"
      inputMode="numeric"
      {...props}
      value={faDigits(value).replace(/\./g, '٫')}
      onChange={(e) => onChange(toAsciiDigits(e.currentTarget.value).replace(/٫/g, '.'))}
    />
  );
}

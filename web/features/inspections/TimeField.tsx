import { TextInput } from '@mantine/core';
import { faDigits, t } from '../../i18n';
import classes from './inspections.module.css';
import { typedTime } from './visits.model';

interface TimeFieldProps {
  label: string;
  /** `HH:MM` (24-hour, ASCII digits), as the API takes it; what is typed so far while typing. */
  value: string;
  onChange: (value: string) => void;
  error?: string;
}

/**
 * A time of day in Persian digits on the 24-hour clock, as the municipality writes it. Not
 * `<input type="time">`: that draws the browser's own locale (Latin digits, AM/PM) whatever the page.
 */
export function TimeField({ label, value, onChange, error }: TimeFieldProps) {
  return (
    <TextInput
      label={label}
      value={faDigits(value)}
      onChange={(e) => onChange(typedTime(e.currentTarget.value))}
      inputMode="numeric"
      autoComplete="off"
      placeholder={t.inspections.schedule.timePlaceholder}
      error={error}
      classNames={{ input: classes.touch }}
    />
  );
}

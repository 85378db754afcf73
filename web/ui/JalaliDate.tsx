import { formatJalaliDate, formatJalaliDateTime } from '../i18n';

/** A date on the Solar Hijri calendar; the machine-readable value stays in `dateTime`. */
export function JalaliDate({ value, withTime = false }: { value: string; withTime?: boolean }) {
  return <time dateTime={value}>{withTime ? formatJalaliDateTime(value) : formatJalaliDate(value)}</time>;
}

import { formatNumber } from '../i18n';

/** A quantity with Persian digits and thousands separators. */
export function FaNumber({ value }: { value: number }) {
  return <span>{formatNumber(value)}</span>;
}

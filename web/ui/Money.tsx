import { formatMoney } from '../i18n';

/** An amount in rials, as the API stores fees. */
export function Money({ rials }: { rials: number }) {
  return <span>{formatMoney(rials)}</span>;
}

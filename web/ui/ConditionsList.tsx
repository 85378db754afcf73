import { List } from '@mantine/core';
import { faDigits } from '../i18n';

/** The conditions an approval holds on (شرایط), one per line, in Persian digits: the staff case page and the citizen's page. */
export function ConditionsList({ items }: { items: string[] }) {
  if (items.length === 0) return null;
  return (
    <List size="sm">
      {items.map((x) => (
        <List.Item key={x}>{faDigits(x)}</List.Item>
      ))}
    </List>
  );
}

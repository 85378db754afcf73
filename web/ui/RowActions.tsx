import { Button, Group } from '@mantine/core';

export interface RowAction {
  label: string;
  onClick: () => void;
}

/**
 * A table row's buttons, grouped under the row's name ("actions for <desk>") so a screen reader
 * tells one row's «ویرایش» from the next.
 */
export function RowActions({ label, actions }: { label: string; actions: RowAction[] }) {
  return (
    <Group gap="xs" wrap="nowrap" role="group" aria-label={label}>
      {actions.map((action) => (
        <Button key={action.label} size="compact-sm" variant="default" onClick={action.onClick}>
          {action.label}
        </Button>
      ))}
    </Group>
  );
}

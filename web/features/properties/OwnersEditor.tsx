import { useState } from 'react';
import { ActionIcon, Button, Group, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { fieldMessage } from '../../api/errors';
import { DigitsInput } from '../../ui/DigitsInput';
import { Section } from '../../ui/Section';
import { faDigits, formatNumber, t } from '../../i18n';
import type { OwnerDraft } from './propertyForm';
import { PersonPicker } from './PersonPicker';
import { equalShares, sharesTotal } from './shares';

const o = t.properties.owners;

interface OwnersEditorProps {
  owners: OwnerDraft[];
  onChange: (owners: OwnerDraft[]) => void;
  /** Our own problem with the list (shares not adding up), shown once the form was sent. */
  problem?: string;
  /** The last save's error: its `owners.<i>.shareDang` and `owners` messages go beside the rows. */
  serverError: unknown;
}

/** مالکان: who owns the property and how many dang each, with the running total under the list. */
export function OwnersEditor({ owners, onChange, problem, serverError }: OwnersEditorProps) {
  const [notice, setNotice] = useState<string | null>(null);
  const total = sharesTotal(owners.map((x) => x.shareDang));
  const setShare = (i: number, shareDang: string) => onChange(owners.map((x, j) => (j === i ? { ...x, shareDang } : x)));
  const listProblem = problem ?? fieldMessage(serverError, 'owners');

  return (
    <Section id="owners-title" title={o.title}>
      {owners.length === 0 ? (
        <Text c="dimmed" mb="sm">
          {o.empty}
        </Text>
      ) : (
        // On a phone the national code goes under the name, so a row fits the card with its × in sight.
        <Table.ScrollContainer minWidth={0} mb="sm">
          <Table verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t.properties.page.name}</Table.Th>
                <Table.Th visibleFrom="sm">{t.properties.page.nationalCode}</Table.Th>
                <Table.Th>{o.share}</Table.Th>
                <Table.Th>
                  <VisuallyHidden>{t.ui.actions}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {owners.map((owner, i) => {
                const rowError = fieldMessage(serverError, `owners.${i}.personId`);
                return (
                  <Table.Tr key={owner.person.id} data-testid="owner-row">
                    <Table.Td>
                      {owner.person.displayName}
                      <Text size="xs" c="dimmed" hiddenFrom="sm">
                        <bdi dir="ltr">{faDigits(owner.person.nationalCode)}</bdi>
                      </Text>
                      {rowError && (
                        <Text c="red.8" size="xs">
                          {rowError}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td dir="ltr" ta="end" visibleFrom="sm">
                      {faDigits(owner.person.nationalCode)}
                    </Table.Td>
                    <Table.Td>
                      <DigitsInput
                        aria-label={o.shareOf(owner.person.displayName)}
                        value={owner.shareDang}
                        onChange={(value) => setShare(i, value)}
                        inputMode="decimal"
                        w={76}
                        error={fieldMessage(serverError, `owners.${i}.shareDang`)}
                      />
                    </Table.Td>
                    <Table.Td>
                      <ActionIcon variant="subtle" color="red.8" aria-label={o.remove(owner.person.displayName)} onClick={() => onChange(owners.filter((_, j) => j !== i))}>
                        ×
                      </ActionIcon>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Group justify="space-between" mb="md" wrap="wrap">
        <div aria-live="polite">
          <Text fw={600} data-testid="shares-total" c={total.complete ? 'teal.9' : undefined}>
            {o.total(formatNumber(total.total))}
          </Text>
          <Text size="sm" c={total.complete ? 'teal.9' : 'orange.9'}>
            {total.complete ? o.complete : total.remaining > 0 ? o.remaining(formatNumber(total.remaining)) : o.over(formatNumber(-total.remaining))}
          </Text>
          {listProblem && (
            <Text c="red.8" size="sm" role="alert">
              {listProblem}
            </Text>
          )}
        </div>
        {owners.length > 1 && (
          <Button variant="default" size="xs" onClick={() => onChange(owners.map((x, i) => ({ ...x, shareDang: String(equalShares(owners.length)[i]) })))}>
            {o.splitEqually}
          </Button>
        )}
      </Group>
      <Stack gap="xs">
        <Title order={3} size="h5">
          {o.addTitle}
        </Title>
        <PersonPicker
          label={t.properties.person.nationalCode}
          onPicked={(person) => {
            if (owners.some((x) => x.person.id === person.id)) return setNotice(o.alreadyListed);
            setNotice(null);
            const remaining = Math.max(0, sharesTotal(owners.map((x) => x.shareDang)).remaining);
            onChange([...owners, { person, shareDang: remaining > 0 ? String(remaining) : '' }]);
          }}
        />
        {notice && (
          <Text size="sm" c="orange.9" role="status">
            {notice}
          </Text>
        )}
      </Stack>
    </Section>
  );
}

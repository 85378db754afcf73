import { Alert, Badge, Button, Group, Loader, Text } from '@mantine/core';
import { faDigits, formatNumber, t } from '../../i18n';
import { Facts } from '../../ui/Facts';
import { JalaliDate } from '../../ui/JalaliDate';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useLetterStatus } from './requests.queries';

const l = t.requests.letter;

/** A letter's serial as printed on it: read aloud in groups (ABCD-EFGH-JKMN), kept left to right inside Persian text. */
export function SerialCode({ serial }: { serial: string }) {
  return (
    <bdi dir="ltr" style={{ fontFamily: 'monospace', letterSpacing: '0.05em' }}>
      {serial.replace(/-/g, '').match(/.{1,4}/g)!.join('-')}
    </bdi>
  );
}

/**
 * نامه پاسخ: after «صدور پاسخ نهایی», the letter the desk prints and hands over. While the letter job
 * prints it the panel says so and asks again; then its number, date, serial and validity, the
 * print button (each copy is audited by the server) and the public verification page.
 */
export function CaseLetter({ caseId }: { caseId: string }) {
  const status = useLetterStatus(caseId);
  if (status.isPending) return <Loader size="sm" aria-label={l.preparing} />;
  if (status.isError) return <ErrorAlert error={status.error} />;
  const s = status.data;
  const printed = s.status === 'printed';
  return (
    <div data-testid="case-letter" data-status={s.status} data-serial={s.serial ?? ''}>
      {s.status === 'pending' && (
        <Group gap="xs" mb="sm" role="status">
          <Loader size="xs" />
          <Text size="sm">{l.preparing}</Text>
        </Group>
      )}
      {s.status === 'failed' && (
        <Alert color="orange" mb="sm">
          {l.failed}
        </Alert>
      )}
      <Facts
        items={[
          { label: l.letterNumber, value: <bdi dir="ltr">{faDigits(s.letterNumber)}</bdi> },
          { label: l.issuedAt, value: <JalaliDate value={s.issuedAt} /> },
          { label: l.serial, value: s.serial && <SerialCode serial={s.serial} /> },
          {
            label: l.validity,
            value: printed && (
              <Group gap={6}>
                <Badge color={s.revoked ? 'red' : 'teal'} variant="light">
                  {s.revoked ? l.revoked : l.valid}
                </Badge>
                {s.revoked && s.revokeReasonFa && <Text size="sm">{l.revokedReason(faDigits(s.revokeReasonFa))}</Text>}
              </Group>
            ),
          },
          { label: l.prints, value: printed && (s.prints > 0 ? l.printsCount(formatNumber(s.prints)) : l.noPrints) },
        ]}
      />
      <Group mt="sm" gap="sm" data-print="hide">
        {s.status !== 'pending' && (
          // A new tab with the A4 PDF, to print from the browser; the server audits every copy.
          <Button component="a" href={s.printUrl} target="_blank" rel="noopener" onClick={() => window.setTimeout(() => void status.refetch(), 1500)}>
            {l.print}
          </Button>
        )}
        {printed && s.verifyPath && (
          <Button component="a" href={s.verifyPath} target="_blank" rel="noopener" variant="default">
            {l.verify}
          </Button>
        )}
      </Group>
    </div>
  );
}

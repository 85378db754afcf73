import type { FormEvent } from 'react';
import { Badge, Button, Group, Stack, Text } from '@mantine/core';
import { fieldMessage } from '../../api/errors';
import { useForm } from '../../ui/useForm';
import { faDigits, t } from '../../i18n';
import { DigitsInput } from '../../ui/DigitsInput';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { JalaliDate } from '../../ui/JalaliDate';
import { Money } from '../../ui/Money';
import { useRecordPayment, type Case } from './requests.queries';

const cs = t.requests.case;

/** هزینه خدمت: the amount, paid or not, and for the desk a small «ثبت پرداخت» form while unpaid. */
export function FeePayment({ c, canRecord }: { c: Case; canRecord: boolean }) {
  // Nothing to check before sending: the button waits for a reference, the server judges it.
  const form = useForm({ reference: '' }, () => ({}));
  const reference = form.values.reference;
  const record = useRecordPayment(c);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (reference.trim()) record.mutate(reference.trim(), { onSuccess: () => form.reset() });
  };

  return (
    <Stack gap={4} align="flex-start" data-testid="case-fee" data-paid={c.fee.paid}>
      <Group gap="xs" wrap="wrap">
        <Money rials={c.fee.rials} />
        <Badge size="sm" variant="light" color={c.fee.paid ? 'teal' : 'orange'} style={{ textTransform: 'none' }}>
          {c.fee.paid ? cs.feePaid : cs.feeUnpaid}
        </Badge>
      </Group>
      {c.fee.paid && c.fee.reference && <Text size="sm">{cs.feeReference(faDigits(c.fee.reference))}</Text>}
      {!c.fee.paid && c.fee.rials > 0 && c.state === 'registered' && (
        <Text size="sm" fw={500} data-testid="fee-hold">
          {cs.feeHold}
        </Text>
      )}
      {c.fee.paid && c.fee.paidAt && (
        <Text size="sm" c="dimmed">
          {`${cs.feePaidAt}: `}
          <JalaliDate value={c.fee.paidAt} withTime />
        </Text>
      )}
      {!c.fee.paid && canRecord && (
        <form onSubmit={submit} data-print="hide">
          <Group align="flex-end" gap="xs">
            <DigitsInput
              size="xs"
              label={cs.paymentReference}
              maxLength={40}
              inputMode="text"
              {...form.digits('reference', record.error)}
              data-testid="payment-reference"
            />
            <Button type="submit" size="xs" variant="light" loading={record.isPending} disabled={!reference.trim()}>
              {cs.recordPayment}
            </Button>
          </Group>
          {record.isError && !fieldMessage(record.error, 'reference') && <ErrorAlert error={record.error} />}
        </form>
      )}
    </Stack>
  );
}

import { useCallback, useState, type Ref } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { Alert, Button, Group, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { fileNumberFa, faDigits, formatJalaliDate, formatJalaliDateTime, formatMoney, formatNumber, t } from '../../i18n';
import { Facts } from '../../ui/Facts';
import { LoadingState } from '../../ui/LoadingState';
import { PageTitle } from '../../ui/PageTitle';
import { PrintButton } from '../../ui/PrintButton';
import { useCase, type Case } from './requests.queries';
import { CaseLoadError } from './CaseLoadError';
import classes from './receipt.module.css';

const r = t.requests.receipt;
const f = t.requests.fields;
type Layout = 'a5' | 'thermal';
const MM_PER_PX = 25.4 / 96;

/**
 * The printed page. A thermal roll has no fixed length, but `size: 80mm auto` is not valid CSS
 * (Chromium ignores it and prints on Letter), so the roll's page is as long as the receipt.
 */
function pageSize(layout: Layout, receiptHeightPx: number): string {
  if (layout === 'a5') return '@page { size: A5; margin: 10mm; }';
  return `@page { size: 80mm ${Math.ceil(receiptHeightPx * MM_PER_PX) + 16}mm; margin: 4mm; }`;
}

/** A callback ref and the element's height, followed as its content (the due date, the QR code) arrives. */
function useHeight() {
  const [height, setHeight] = useState(0);
  const ref = useCallback((node: HTMLElement | null) => {
    if (!node) return;
    const observer = new ResizeObserver(([entry]) => setHeight(entry!.contentRect.height));
    observer.observe(node);
    return () => observer.disconnect();
  }, []);
  return [ref, height] as const;
}

/** /requests/:id/receipt — رسید: what the citizen takes home, on A5 or an 80 mm thermal roll. */
export function ReceiptPage() {
  const { id = '' } = useParams();
  const location = useLocation();
  const failedUploads = (location.state as { failedUploads?: number } | null)?.failedUploads ?? 0;
  const [layout, setLayout] = useState<Layout>('a5');
  const [receiptRef, receiptHeight] = useHeight();
  const found = useCase(id);
  if (found.isPending) return <LoadingState />;
  if (found.isError) return <CaseLoadError error={found.error} />;
  const c = found.data;

  return (
    <>
      <style>{pageSize(layout, receiptHeight)}</style>
      <div data-print="hide">
        <PageTitle title={r.title} description={faDigits(c.trackingCode)} />
        {failedUploads > 0 && (
          <Alert color="orange" mb="md" role="alert">
            {t.requests.intake.uploadFailed(formatNumber(failedUploads))}
          </Alert>
        )}
        <Group mb="md" align="flex-end" wrap="wrap">
          <SegmentedControl
            aria-label={r.layout}
            value={layout}
            onChange={(v) => setLayout(v)}
            data={[
              { value: 'a5', label: r.a5 },
              { value: 'thermal', label: r.thermal },
            ]}
          />
          <PrintButton>{r.print}</PrintButton>
          <Button component={Link} to={`/requests/${c.id}`} variant="default">
            {r.openCase}
          </Button>
          <Button component={Link} to={`/requests/new?propertyId=${c.property.id}`} variant="subtle">
            {r.newRequest}
          </Button>
        </Group>
      </div>
      <Receipt c={c} layout={layout} ref={receiptRef} />
    </>
  );
}

function Receipt({ c, layout, ref }: { c: Case; layout: Layout; ref: Ref<HTMLElement> }) {
  const trackUrl = `${window.location.origin}/track?code=${c.trackingCode}`;
  // The QR encoder is loaded with the receipt, not with every page of the app.
  const qr = useQuery({
    queryKey: ['qr', trackUrl],
    queryFn: async () => (await import('qrcode')).toString(trackUrl, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }),
    staleTime: Infinity,
  });

  return (
    <article ref={ref} className={classes.receipt} data-layout={layout} data-testid="receipt" aria-labelledby="receipt-heading">
      <div className={classes.header}>
        <Text fw={700}>{c.office.nameFa}</Text>
        <Text size="sm">{`${f.officePhone}: ${faDigits(c.office.phone)}`}</Text>
        <Title order={2} size="h5" mt={4} id="receipt-heading">
          {r.heading}
        </Title>
      </div>
      <Text ta="center" size="sm">
        {f.trackingCode}
      </Text>
      <p className={classes.code} data-testid="receipt-tracking-code">
        {faDigits(c.trackingCode)}
      </p>
      <Stack gap="sm">
        <Facts
          labelWidth={layout === 'thermal' ? '6rem' : '9rem'}
          items={[
            { label: f.service, value: c.service.nameFa },
            // Paid later at the desk is possible: the receipt says which, never "paid" by default.
            {
              label: f.fee,
              value: `${formatMoney(c.fee.rials)} — ${c.fee.paid ? r.feePaidWith(faDigits(c.fee.reference ?? '')) : t.requests.case.feeUnpaid}`,
            },
            { label: r.registeredAt, value: formatJalaliDateTime(c.createdAt) },
            // The case's own due time (working days, holidays, the server's clock): the same date the case page shows.
            { label: r.expectedAnswer, value: c.dueAt ? <span data-testid="receipt-due">{formatJalaliDate(c.dueAt)}</span> : null },
            { label: f.applicant, value: `${c.applicant.displayName} — ${faDigits(c.applicant.nationalCode)}` },
            { label: f.fileNumber, value: <bdi>{fileNumberFa(c.property.fileNumber)}</bdi> },
            { label: f.address, value: faDigits(c.property.address) },
          ]}
        />
        {qr.data && <img className={classes.qr} src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(qr.data)}`} alt={r.qrAlt} />}
        <Text size="xs" ta="center">
          {r.trackHint}
        </Text>
        <Text size="xs" className={classes.url}>
          {`${window.location.origin}/track`}
        </Text>
        <Text size="xs" ta="center" fw={600}>
          {r.keep}
        </Text>
      </Stack>
    </article>
  );
}

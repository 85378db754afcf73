import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { Anchor, Badge, Button, Group, Image, List, Paper, SimpleGrid, Stack, Text, Timeline, Title } from '@mantine/core';
import { ROLE_TITLES_FA, type Role } from '../../../contracts/roles';
import { fileNumberFa, faDigits, formatJalaliDate, formatNumber, t } from '../../i18n';
import { Facts } from '../../ui/Facts';
import { JalaliDate } from '../../ui/JalaliDate';
import { LoadingState } from '../../ui/LoadingState';
import { PageTitle } from '../../ui/PageTitle';
import { PrintButton } from '../../ui/PrintButton';
import { Section } from '../../ui/Section';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { coordinate, mapUrl, propertyFacts } from '../properties/PropertyPage';
import { documentUrl, useCase, useDocuments, useService, type Case, type CaseDocument, type ServiceDetail } from './requests.queries';
import { approvalConditions, daysAndHours, measurementFacts } from './caseView';
import { CaseActions } from './CaseActions';
import { CaseLetter, SerialCode } from './CaseLetter';
import { CaseSla, MaybeSla, StateBadge, UnpaidBadge } from './CaseBadges';
import { FeePayment } from './FeePayment';
import { CaseLoadError } from './CaseLoadError';
import { UploadDocumentForm } from './DocumentUploads';
import { ConditionsList } from '../../ui/ConditionsList';

const cs = t.requests.case;
const f = t.requests.fields;
const CLOSED = ['delivered', 'cancelled'];

/** «۳ روز و ۵ ساعت»: a zero part left out. */
function waited(seconds: number): string {
  const { days, hours } = daysAndHours(seconds);
  const parts = [days > 0 && cs.durationDays(formatNumber(days)), hours > 0 && cs.durationHours(formatNumber(hours))].filter((x): x is string => Boolean(x));
  return parts.length > 0 ? parts.join(cs.durationAnd) : cs.lessThanAnHour;
}

/** /requests/:id — صفحه پرونده: everything about one case, and what the reader may do with it now. */
export function CasePage() {
  const { id = '' } = useParams();
  const found = useCase(id);
  const service = useService(found.data?.service.code);
  if (found.isPending) return <LoadingState />;
  if (found.isError) return <CaseLoadError error={found.error} />;
  const c = found.data;

  return (
    <>
      <PageTitle title={cs.title(faDigits(c.trackingCode))} description={c.service.nameFa} />
      <Group mb="md" gap="md" wrap="wrap" data-testid="case-header">
        <StateBadge state={c.state} />
        <UnpaidBadge unpaid={c.fee.rials > 0 && !c.fee.paid && !CLOSED.includes(c.state)} />
        {/* Each clock beside its own due time: the step's and the whole case's badges can read the same. */}
        {(c.stepDueAt || c.slaState) && (
          <Group gap={6} wrap="wrap" data-testid="step-due">
            {c.stepDueAt && (
              <Text size="sm">
                {`${f.dueAt}: `}
                <JalaliDate value={c.stepDueAt} withTime />
              </Text>
            )}
            <MaybeSla state={c.slaState} />
          </Group>
        )}
        {((c.dueAt && !CLOSED.includes(c.state)) || c.sla) && (
          <Group gap={6} wrap="wrap" data-testid="case-due">
            {c.dueAt && !CLOSED.includes(c.state) && (
              <Text size="sm">
                {`${f.caseDueAt}: `}
                <JalaliDate value={c.dueAt} withTime />
              </Text>
            )}
            <CaseSla sla={c.sla} />
          </Group>
        )}
        {c.pausedSeconds > 0 && (
          <Text size="sm" c="dimmed" data-testid="case-paused">
            {`${f.pausedTime}: ${waited(c.pausedSeconds)}`}
          </Text>
        )}
      </Group>
      <Group mb="md" gap="sm" data-print="hide">
        {c.can.fileInspectionReport && (
          <Button component={Link} to={`/visits/${c.id}/report`}>
            {cs.fileReport}
          </Button>
        )}
        <PrintButton variant="default">{cs.printSummary}</PrintButton>
        <Button component={Link} to={`/requests/${c.id}/receipt`} variant="default">
          {cs.receipt}
        </Button>
      </Group>

      <CaseActions c={c} service={service.data} />

      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
        <Section id="property-title" title={cs.property}>
          <Facts
            items={[
              { label: f.fileNumber, value: <Anchor component={Link} to={`/properties/${c.property.id}`}><bdi>{fileNumberFa(c.property.fileNumber)}</bdi></Anchor> },
              { label: f.district, value: c.district.nameFa },
              ...propertyFacts(c.property),
              { label: f.office, value: `${c.office.nameFa} — ${faDigits(c.office.phone)}` },
            ]}
          />
        </Section>
        <Stack gap="md">
          <Section id="applicant-title" title={cs.applicant}>
            <Facts
              items={[
                { label: f.applicant, value: c.applicant.displayName },
                { label: f.nationalCode, value: faDigits(c.applicant.nationalCode) },
                { label: f.mobile, value: c.applicant.mobile && faDigits(c.applicant.mobile) },
                { label: f.registeredAt, value: <JalaliDate value={c.createdAt} withTime /> },
                { label: f.fee, value: <FeePayment c={c} canRecord={c.can.recordPayment} /> },
              ]}
            />
          </Section>
          <Section id="form-title" title={cs.form}>
            <FormValues c={c} service={service.data} />
          </Section>
        </Stack>
        <Section id="documents-title" title={cs.documents}>
          <Documents c={c} service={service.data} canUpload={c.can.uploadDocument} />
        </Section>
        <Section id="inspection-title" title={cs.inspection}>
          <Inspection c={c} service={service.data} />
        </Section>
        <Section id="decision-title" title={cs.decision}>
          <Decision c={c} />
        </Section>
        {(c.response || c.cancelReason) && (
          <Section id="response-title" title={c.response ? cs.response : cs.cancelledTitle}>
            <Response c={c} />
          </Section>
        )}
        {c.response && (
          <Section id="letter-title" title={t.requests.letter.title}>
            <CaseLetter caseId={c.id} />
          </Section>
        )}
      </SimpleGrid>

      <Paper withBorder p="md" mt="md" component="section" aria-labelledby="timeline-title">
        <Title order={2} size="h4" id="timeline-title" mb="md">
          {cs.timeline}
        </Title>
        <CaseTimeline c={c} />
      </Paper>
    </>
  );
}

function FormValues({ c, service }: { c: Case; service: ServiceDetail | undefined }) {
  const entries = Object.entries(c.form);
  if (entries.length === 0) return <Text c="dimmed">{cs.noForm}</Text>;
  const show = (name: string, value: unknown): ReactNode => {
    const field = service?.formFields.find((x) => x.name === name);
    if (typeof value === 'boolean') return value ? t.ui.yes : t.ui.no;
    if (typeof value === 'number') return formatNumber(value);
    if (field?.type === 'select') return field.options?.find((o) => o.value === value)?.labelFa ?? String(value);
    if (field?.type === 'date') return <JalaliDate value={String(value)} />;
    return faDigits(String(value));
  };
  return <Facts items={entries.map(([name, value]) => ({ label: service?.formFields.find((x) => x.name === name)?.labelFa ?? name, value: show(name, value) }))} />;
}

function Documents({ c, service, canUpload }: { c: Case; service: ServiceDetail | undefined; canUpload: boolean }) {
  const docs = useDocuments(c.id);
  const files = (docs.data?.items ?? []).filter((d) => d.kind !== 'inspection_photo');
  return (
    <Stack gap="sm">
      <Text fw={600} size="sm">
        {cs.checklist}
      </Text>
      <List spacing={4} size="sm" listStyleType="none">
        {(service?.requiredDocuments ?? []).map((d) => (
          <List.Item key={d.code}>
            <Group gap="xs" wrap="nowrap">
              <Badge size="sm" variant="light" style={{ flexShrink: 0 }} color={c.documents[d.code] ? 'teal' : d.required ? 'red' : 'gray'}>
                {c.documents[d.code] ? cs.presented : cs.notPresented}
              </Badge>
              <span>{d.titleFa}</span>
            </Group>
          </List.Item>
        ))}
      </List>
      <Text fw={600} size="sm" mt="xs">
        {cs.uploaded}
      </Text>
      {docs.isError && <ErrorAlert error={docs.error} />}
      {docs.data && files.length === 0 && <Text c="dimmed" size="sm">{cs.noUploads}</Text>}
      <DocumentGrid docs={files} />
      {canUpload && (
        <div data-print="hide">
          <Text fw={600} size="sm" mt="xs" mb={4}>
            {cs.addDocument}
          </Text>
          <UploadDocumentForm requestId={c.id} />
        </div>
      )}
    </Stack>
  );
}

function DocumentGrid({ docs }: { docs: CaseDocument[] }) {
  if (docs.length === 0) return null;
  return (
    <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="sm">
      {docs.map((d) => (
        <Anchor key={d.id} href={documentUrl(d.id)} target="_blank" rel="noreferrer" aria-label={cs.download(`${d.kindTitleFa} ${d.originalName}`)} size="sm">
          {d.hasThumbnail ? (
            <Image src={documentUrl(d.id, true)} alt={cs.thumbnailOf(d.originalName)} h={96} fit="cover" radius="sm" />
          ) : (
            <Paper withBorder h={96} p="xs">
              <Text size="xs" dir="ltr" style={{ wordBreak: 'break-all' }}>
                {d.originalName}
              </Text>
            </Paper>
          )}
          <Text size="xs">{d.kindTitleFa}</Text>
        </Anchor>
      ))}
    </SimpleGrid>
  );
}

function Inspection({ c, service }: { c: Case; service: ServiceDetail | undefined }) {
  const docs = useDocuments(c.id);
  if (!c.inspector) return <Text c="dimmed">{cs.noInspector}</Text>;
  const i = c.inspection;
  const report = i?.report;
  const checkLabel = (code: string) => c.service.inspectionChecklist.find((x) => x.code === code)?.labelFa ?? code;
  return (
    <Stack gap="sm">
      <Facts
        items={[
          { label: cs.inspector, value: `${c.inspector.name} — ${faDigits(c.inspector.mobile)}` },
          { label: cs.assignedAt, value: i && <JalaliDate value={i.assignedAt} withTime /> },
          {
            label: cs.schedule,
            value: i?.scheduledDate
              ? i.windowStart && i.windowEnd
                ? cs.scheduleValue(formatJalaliDate(i.scheduledDate), faDigits(i.windowStart), faDigits(i.windowEnd))
                : formatJalaliDate(i.scheduledDate)
              : cs.notScheduled,
          },
        ]}
      />
      <Text fw={600} size="sm">
        {cs.report}
      </Text>
      {!report ? (
        <Text c="dimmed" size="sm">
          {cs.noReport}
        </Text>
      ) : (
        <Stack gap="xs">
          <Facts
            items={[
              { label: cs.visitedAt, value: <JalaliDate value={report.visitedAt} withTime /> },
              { label: cs.findings, value: faDigits(report.findings) },
              {
                label: cs.gps,
                value: report.gps && (
                  <Anchor href={mapUrl(report.gps.lat, report.gps.lng)} target="_blank" rel="noreferrer">
                    <bdi dir="ltr">{`${coordinate(report.gps.lat)}، ${coordinate(report.gps.lng)}`}</bdi>
                    {report.gps.accuracyM !== null && ` (${cs.gpsAccuracy(formatNumber(report.gps.accuracyM))})`}
                  </Anchor>
                ),
              },
              ...measurementFacts(report.measurements, service?.formFields),
            ]}
          />
          {report.checklist.length > 0 && (
            <>
              <Text fw={600} size="sm">
                {cs.checklistAnswers}
              </Text>
              <List spacing={4} size="sm" listStyleType="none">
                {report.checklist.map((item) => (
                  <List.Item key={item.code}>
                    <Group gap="xs" wrap="nowrap" align="flex-start">
                      <Badge size="sm" variant="light" style={{ flexShrink: 0 }} color={item.ok ? 'teal' : 'red'}>
                        {item.ok ? cs.ok : cs.notOk}
                      </Badge>
                      <span>
                        {checkLabel(item.code)}
                        {item.note && ` — ${faDigits(item.note)}`}
                      </span>
                    </Group>
                  </List.Item>
                ))}
              </List>
            </>
          )}
          {report.violations.length > 0 && (
            <>
              <Text fw={600} size="sm">
                {cs.violations}
              </Text>
              <List spacing={4} size="sm">
                {report.violations.map((v, n) => (
                  <List.Item key={n}>
                    <Badge size="sm" variant="light" style={{ flexShrink: 0 }} color={v.severity === 'major' ? 'red' : 'orange'} me="xs">
                      {v.severity === 'major' ? cs.major : cs.minor}
                    </Badge>
                    {faDigits(v.descriptionFa)}
                  </List.Item>
                ))}
              </List>
            </>
          )}
          {(docs.data?.items ?? []).some((d) => d.kind === 'inspection_photo') && (
            <>
              <Text fw={600} size="sm">
                {cs.photos}
              </Text>
              <DocumentGrid docs={docs.data!.items.filter((d) => d.kind === 'inspection_photo')} />
            </>
          )}
        </Stack>
      )}
    </Stack>
  );
}

const verdict = (v: string | null) => (v === 'approve' || v === 'approved' ? cs.approve : v === 'reject' || v === 'rejected' ? cs.reject : v);

function Decision({ c }: { c: Case }) {
  if (!c.recommendation && !c.decision) return <Text c="dimmed">{cs.noDecision}</Text>;
  const conditions = approvalConditions(c);
  return (
    <Facts
      items={[
        { label: cs.recommendation, value: c.recommendation && faDigits([verdict(c.recommendation), c.recommendationNote].filter(Boolean).join(' — ')) },
        { label: cs.decisionLabel, value: c.decision && faDigits([verdict(c.decision), c.decisionNote].filter(Boolean).join(' — ')) },
        { label: cs.approvalConditions, value: conditions.length > 0 && <ConditionsList items={conditions} /> },
      ]}
    />
  );
}

function Response({ c }: { c: Case }) {
  const r = c.response;
  return (
    <Facts
      items={[
        { label: cs.cancelled, value: c.cancelReason && faDigits(c.cancelReason) },
        ...(r
          ? [
              { label: cs.letterNumber, value: <bdi dir="ltr">{faDigits(r.letterNumber)}</bdi> },
              { label: cs.issuedAt, value: <JalaliDate value={r.issuedAt} /> },
              { label: cs.decisionLabel, value: verdict(r.decision) },
              { label: cs.responseText, value: <Text style={{ whiteSpace: 'pre-line' }}>{faDigits(r.text)}</Text> },
              { label: cs.conditions, value: r.conditions.length > 0 && <ConditionsList items={r.conditions} /> },
              { label: cs.validUntil, value: r.validUntil && <JalaliDate value={r.validUntil} /> },
              { label: cs.deliveredTo, value: r.deliveredToName ?? cs.notDelivered },
              { label: cs.deliveredAt, value: r.deliveredAt && <JalaliDate value={r.deliveredAt} withTime /> },
              { label: t.requests.letter.deliveredSerial, value: r.deliveredLetterSerial && <SerialCode serial={r.deliveredLetterSerial} /> },
            ]
          : []),
      ]}
    />
  );
}

function CaseTimeline({ c }: { c: Case }) {
  return (
    <Timeline active={c.timeline.length - 1} bulletSize={14} lineWidth={2} data-testid="case-timeline">
      {c.timeline.map((e) => (
        <Timeline.Item key={e.id} title={e.labelFa}>
          <Text size="sm">{e.actor.role === 'system' ? e.actor.name || cs.system : cs.by(e.actor.name || cs.system, ROLE_TITLES_FA[e.actor.role as Role] ?? e.actor.role)}</Text>
          <Text size="xs" c="dimmed">
            <JalaliDate value={e.at} withTime />
          </Text>
          {e.note && (
            <Text size="sm" mt={4} style={{ whiteSpace: 'pre-line' }}>
              {faDigits(e.note)}
            </Text>
          )}
          {typeof e.data?.letterSerial === 'string' && (
            <Text size="sm" mt={4}>
              {`${t.requests.letter.serial}: `}
              <SerialCode serial={e.data.letterSerial} />
            </Text>
          )}
        </Timeline.Item>
      ))}
    </Timeline>
  );
}

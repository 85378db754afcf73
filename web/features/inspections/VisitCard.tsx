import { useId } from 'react';
import { Link } from 'react-router';
import { Anchor, Badge, Button, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { fileNumberFa, faDigits, t } from '../../i18n';
import { JalaliDate } from '../../ui/JalaliDate';
import type { OutboxItem } from './outbox';
import { OutboxBadge } from './OutboxStatus';
import { ScheduleVisitModal } from './ScheduleVisitModal';
import classes from './inspections.module.css';
import { mapLinks, telUrl, visitActions, windowLabel, type Visit } from './visits.model';

interface VisitCardProps {
  visit: Visit;
  /** On the «همه» tab the day matters as much as the window. */
  showDate: boolean;
  /** The report of this visit, if it waits on the phone to be sent. */
  queued?: OutboxItem;
}

/** One visit, laid out for a phone held in one hand: when, where, whom to call, what to do. */
export function VisitCard({ visit, showDate, queued }: VisitCardProps) {
  const m = t.inspections.card;
  const titleId = useId();
  const [scheduling, { open, close }] = useDisclosure(false);
  const slot = windowLabel(visit);
  const map = mapLinks(visit);
  const tel = telUrl(visit.applicantMobile);
  const actions = visitActions(visit.can);

  return (
    <Card withBorder padding="md" component="article" aria-labelledby={titleId} data-testid="visit-card">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Stack gap={2}>
            {slot ? (
              <Text fw={700} size="lg">
                {slot}
              </Text>
            ) : (
              <Badge color="gray" variant="light" size="lg">
                {m.notScheduled}
              </Badge>
            )}
            {showDate && visit.scheduledDate && (
              <Text size="sm" c="dimmed">
                <JalaliDate value={visit.scheduledDate} />
              </Text>
            )}
          </Stack>
          {queued && <OutboxBadge item={queued} />}
        </Group>

        <Title order={2} size="h4" id={titleId}>
          {visit.serviceNameFa}
        </Title>
        <Text>{faDigits(visit.address)}</Text>
        <Group gap="lg">
          <Text size="sm">
            {m.fileNumber}:{' '}
            <Text span fw={600}>
              {fileNumberFa(visit.fileNumber)}
            </Text>
          </Text>
          <Text size="sm">
            {m.trackingCode}:{' '}
            <Text span fw={600} dir="ltr">
              {faDigits(visit.trackingCode)}
            </Text>
          </Text>
        </Group>

        <Text size="sm">
          {m.applicant}: <Text span fw={600}>{visit.applicantName}</Text>
        </Text>
        {tel ? (
          <Button component="a" href={tel} variant="light" size="md" className={classes.touch} fullWidth>
            {m.call(visit.applicantName)}&nbsp;
            <span dir="ltr">{faDigits(visit.applicantMobile ?? '')}</span>
          </Button>
        ) : (
          <Text size="sm" c="dimmed">
            {m.noPhone}
          </Text>
        )}

        {map ? (
          <>
            <Button component="a" href={map.app} variant="light" size="md" className={classes.touch} fullWidth>
              {m.openMap}
            </Button>
            <Group gap="md" justify="center">
              <Text size="sm">{m.mapWebLinks}</Text>
              <Anchor href={map.osm} target="_blank" rel="noreferrer" size="sm" py={6}>
                {m.osm}
              </Anchor>
              <Anchor href={map.neshan} target="_blank" rel="noreferrer" size="sm" py={6}>
                {m.neshan}
              </Anchor>
            </Group>
          </>
        ) : (
          <Text size="sm" c="dimmed">
            {m.noLocation}
          </Text>
        )}

        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
          <Button component={Link} to={`/requests/${visit.requestId}`} variant="default" size="md" className={classes.touch}>
            {m.openCase}
          </Button>
          {actions.includes('report') && (
            <Button component={Link} to={`/visits/${visit.requestId}/report`} size="md" className={classes.touch}>
              {queued ? m.pendingReport : m.fileReport}
            </Button>
          )}
          {actions.includes('schedule') && !queued && (
            <Button onClick={open} size="md" className={classes.touch} variant={actions.includes('report') ? 'subtle' : 'filled'}>
              {actions.includes('report') ? m.reschedule : m.schedule}
            </Button>
          )}
        </SimpleGrid>
      </Stack>
      {scheduling && <ScheduleVisitModal visit={visit} onClose={close} />}
    </Card>
  );
}

import { Link } from 'react-router';
import { Badge, Button, Card, Group, Progress, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { faDigits, t } from '../../i18n';
import { progressPercent, type DayStop } from '../planning/planning.model';
import { useMyDay } from './inspections.queries';
import classes from './inspections.module.css';
import { telUrl } from './visits.model';

/**
 * روز من: today's planned round on the phone, stop after stop in the plan's order with the times,
 * the owner's phone, the way there and the report. Shown only when a plan gives the inspector stops.
 */
export function MyDaySection() {
  const m = t.inspections.day;
  const day = useMyDay();
  if (!day.data || day.data.stops.length === 0) return null;
  const { stops, progress, shift } = day.data;
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="my-day-title" data-testid="my-day">
      <Stack gap="sm">
        <Group justify="space-between" align="baseline">
          <Title order={2} size="h3" id="my-day-title">
            {m.title}
          </Title>
          <Text fw={700} data-testid="my-day-progress">
            {m.progress(faDigits(progress.done), faDigits(progress.total))}
          </Text>
        </Group>
        <Progress value={progressPercent(progress)} size="lg" aria-label={m.progressLabel} />
        {shift && (
          <Text size="sm" c="dimmed">
            {m.shift(faDigits(shift.start), faDigits(shift.end))}
          </Text>
        )}
        <Stack component="ol" gap="sm" p={0} m={0} style={{ listStyle: 'none' }}>
          {stops.map((s, i) => (
            <li key={s.requestId}>
              <DayStopCard stop={s} index={i} />
            </li>
          ))}
        </Stack>
      </Stack>
    </Card>
  );
}

function DayStopCard({ stop, index }: { stop: DayStop; index: number }) {
  const m = t.inspections.day;
  const c = t.inspections.card;
  const tel = telUrl(stop.applicantMobile);
  return (
    <Card withBorder padding="sm" component="article" data-testid="day-stop" data-tracking-code={stop.trackingCode} bg={stop.done ? 'green.0' : undefined}>
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Text fw={700} size="lg">
            {m.time(faDigits(stop.start), faDigits(stop.end))}
          </Text>
          {stop.done ? (
            <Badge color="green">{m.done}</Badge>
          ) : (
            stop.appointment && (
              <Badge color="yellow" variant="light">
                {m.promised}
              </Badge>
            )
          )}
        </Group>
        <Text fw={600}>{m.stopTitle(faDigits(index + 1), stop.serviceNameFa)}</Text>
        <Text size="sm">{faDigits(stop.address)}</Text>
        <Text size="sm" c="dimmed">
          {m.arrive(faDigits(stop.arrive))} — {c.trackingCode}: <bdi>{faDigits(stop.trackingCode)}</bdi>
        </Text>
        {tel ? (
          <Button component="a" href={tel} variant="light" size="md" className={classes.touch} fullWidth>
            {c.call(stop.applicantName)}&nbsp;
            <span dir="ltr">{faDigits(stop.applicantMobile ?? '')}</span>
          </Button>
        ) : (
          <Text size="sm" c="dimmed">
            {c.noPhone}
          </Text>
        )}
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
          {stop.routeUrl ? (
            <Button component="a" href={stop.routeUrl} target="_blank" rel="noreferrer" variant="default" size="md" className={classes.touch}>
              {m.route}
            </Button>
          ) : null}
          {stop.geoUrl ? (
            <Button component="a" href={stop.geoUrl} variant="default" size="md" className={classes.touch}>
              {m.map}
            </Button>
          ) : (
            <Text size="sm" c="dimmed">
              {c.noLocation}
            </Text>
          )}
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
          <Button component={Link} to={`/requests/${stop.requestId}`} variant="subtle" size="md" className={classes.touch}>
            {c.openCase}
          </Button>
          {!stop.done && (
            <Button component={Link} to={`/visits/${stop.requestId}/report`} size="md" className={classes.touch}>
              {c.fileReport}
            </Button>
          )}
        </SimpleGrid>
      </Stack>
    </Card>
  );
}

import { useState, type DragEvent, type KeyboardEvent } from 'react';
import { Badge, Box, Button, Card, Group, List, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import { SPECIALTY_TITLES_FA, type Specialty } from '../../../contracts/roles';
import { faDigits, formatNumber, t } from '../../i18n';
import {
  appointmentLabel, clockFa, dropPosition, fractionAlong, hourTicks, movable, placeOf, segmentsOf, stopLabel, type Route, type Scale,
} from './planning.model';
import { StopActions, type VisitActions } from './StopActions';
import classes from './planning.module.css';

/** What the board hands a route for dragging: the visit being dragged, and what to do when it is dropped here. */
export interface DragState {
  dragging: string | null;
  setDragging: (requestId: string | null) => void;
  /** Null when nothing may be dropped (no plan, no right to change it). */
  onDrop: ((requestId: string, inspectorId: string, position: number) => void) | null;
}

interface RouteDayProps {
  route: Route;
  color: string;
  scale: Scale;
  actions: VisitActions;
  drag: DragState;
  /** A phone: the day as an ordered list instead of a timeline. */
  compact: boolean;
}

/** One inspector's day on the board: a timeline on a wide screen, an ordered list on a phone. */
export function RouteDay({ route, color, scale, actions, drag, compact }: RouteDayProps) {
  const m = t.planning;
  const headingId = `route-${route.inspectorId}`;
  return (
    <Card withBorder padding="sm" component="section" aria-labelledby={headingId} data-testid="route" data-inspector={route.name}>
      <Group justify="space-between" mb="xs" wrap="wrap" gap="xs">
        <Group gap="xs">
          <Box className={classes.swatch} bg={color} aria-hidden />
          <Title order={3} size="h5" id={headingId}>
            {route.name}
          </Title>
          <Badge variant="light" color="gray">
            {faDigits(route.districtNumber)}
          </Badge>
          {route.specialty && (
            <Text size="xs" c="dimmed">
              {SPECIALTY_TITLES_FA[route.specialty as Specialty] ?? route.specialty}
            </Text>
          )}
        </Group>
        <Text size="sm" c="dimmed">
          {m.routeLine(formatNumber(route.stops.length), formatNumber(route.cap), clockFa(route.returnAt))}
        </Text>
      </Group>
      {compact ? <RouteList route={route} actions={actions} /> : <Timeline route={route} color={color} scale={scale} actions={actions} drag={drag} />}
    </Card>
  );
}

function Timeline({ route, color, scale, actions, drag }: Omit<RouteDayProps, 'compact'>) {
  const m = t.planning;
  const [over, setOver] = useState(false);
  const segments = segmentsOf(scale, route);
  const canDrop = drag.onDrop !== null && drag.dragging !== null;

  const onDragOver = (e: DragEvent<HTMLDivElement>) => {
    if (!canDrop) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'move';
    setOver(true);
  };
  const onDrop = (e: DragEvent<HTMLDivElement>) => {
    setOver(false);
    const requestId = e.dataTransfer.getData('text/plain') || drag.dragging;
    if (!requestId || !drag.onDrop) return;
    e.preventDefault();
    const rect = e.currentTarget.getBoundingClientRect();
    const rtl = getComputedStyle(e.currentTarget).direction === 'rtl';
    drag.onDrop(requestId, route.inspectorId, dropPosition(scale, route.stops, fractionAlong(rect, e.clientX, rtl), requestId));
    drag.setDragging(null);
  };

  return (
    <Stack gap={2}>
      <div className={classes.ticks} aria-hidden>
        {hourTicks(scale).map((tick) => (
          <span key={tick.label} className={classes.tick} style={{ insetInlineStart: `${tick.offset}%` }}>
            {clockFa(tick.label)}
          </span>
        ))}
      </div>
      <div
        className={classes.track}
        data-over={over}
        data-testid="route-track"
        role="group"
        aria-label={m.timeline(route.name)}
        onDragOver={onDragOver}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
      >
        {segments
          .filter((s) => s.kind !== 'visit')
          .map((s) => (
            <span key={`${s.kind}-${s.index}`} className={s.kind === 'travel' ? classes.travel : classes.wait} style={{ insetInlineStart: `${s.offset}%`, inlineSize: `${s.size}%` }} aria-hidden />
          ))}
        {route.stops.map((s) => {
          if (!s.appointment) return null;
          const w = placeOf(scale, s.appointment.windowStart, s.appointment.windowEnd);
          return <span key={`w-${s.requestId}`} className={classes.window} style={{ insetInlineStart: `${w.offset}%`, inlineSize: `${w.size}%` }} aria-hidden />;
        })}
        {route.stops.map((s, i) => {
          const place = placeOf(scale, s.start, s.end);
          const canMove = drag.onDrop !== null && movable(s);
          return (
            <StopActions
                key={s.requestId}
                visit={s}
                actions={actions}
                target={
                  <UnstyledButton
                    // A div, not a button: Chromium starts no drag from a <button>.
                    component="div"
                    role="button"
                    tabIndex={0}
                    onKeyDown={(e: KeyboardEvent<HTMLDivElement>) => {
                      if (e.key === 'Enter' || e.key === ' ') {
                        e.preventDefault();
                        e.currentTarget.click();
                      }
                    }}
                    className={classes.stop}
                    bg={color}
                    style={{ insetInlineStart: `${place.offset}%`, inlineSize: `${place.size}%` }}
                    data-testid="stop"
                    data-tracking-code={s.trackingCode}
                    data-done={s.done}
                    data-stale={s.stale}
                    data-dragging={drag.dragging === s.requestId}
                    aria-label={stopLabel(s, i)}
                    title={stopLabel(s, i)}
                    draggable={canMove}
                    onDragStart={(e) => {
                      e.dataTransfer.setData('text/plain', s.requestId);
                      e.dataTransfer.effectAllowed = 'move';
                      // After the drag has begun: Chromium ends a drag whose source changes in its own dragstart.
                      setTimeout(() => drag.setDragging(s.requestId), 0);
                    }}
                    onDragEnd={() => drag.setDragging(null)}
                  >
                    {faDigits(i + 1)}
                  </UnstyledButton>
                }
              />
          );
        })}
        {route.stops.length === 0 && (
          <Text size="sm" c="dimmed" p="xs">
            {canDrop ? m.dropHere : m.emptyRoute}
          </Text>
        )}
      </div>
    </Stack>
  );
}

/** The phone's way: stops in order with their times, each with the same menu. */
function RouteList({ route, actions }: { route: Route; actions: VisitActions }) {
  const m = t.planning;
  if (route.stops.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {m.emptyRoute}
      </Text>
    );
  }
  return (
    <List type="ordered" spacing="xs" listStyleType="none" p={0} m={0}>
      {route.stops.map((s, i) => (
        <List.Item key={s.requestId} data-testid="stop" data-tracking-code={s.trackingCode}>
          <Group justify="space-between" wrap="nowrap" align="flex-start">
            <Stack gap={0}>
              <Text fw={700} size="sm">
                {faDigits(i + 1)}. {m.stop.time(clockFa(s.start), clockFa(s.end))}
                {s.done && ` — ${m.stop.done}`}
                {s.stale && ` — ${m.stop.stale}`}
              </Text>
              <Text size="sm">
                <bdi>{faDigits(s.trackingCode)}</bdi> — {s.serviceNameFa}
              </Text>
              <Text size="xs" c="dimmed">
                {faDigits(s.address)}
              </Text>
              {appointmentLabel(s) && (
                <Text size="xs" fw={600}>
                  {m.stop.promised(appointmentLabel(s)!)}
                </Text>
              )}
            </Stack>
            <StopActions
              visit={s}
              actions={actions}
              target={
                <Button size="compact-sm" variant="light" className={classes.touch} aria-label={m.stop.actions(faDigits(s.trackingCode))}>
                  …
                </Button>
              }
            />
          </Group>
        </List.Item>
      ))}
    </List>
  );
}

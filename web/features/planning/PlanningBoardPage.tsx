import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { Alert, Badge, Box, Button, Card, Group, Loader, MultiSelect, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useMe } from '../../app/auth';
import { faDigits, formatJalaliDate, formatJalaliDateTime, formatNumber, t } from '../../i18n';
import { EmptyState } from '../../ui/EmptyState';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { JalaliDatePicker } from '../../ui/JalaliDatePicker';
import { LoadingState } from '../../ui/LoadingState';
import { PageTitle } from '../../ui/PageTitle';
import { useDistricts } from '../admin/admin.queries';
import { CityMap } from '../maps/CityMap';
import { useVisitDayList, useVisitDays } from '../inspections/inspections.queries';
import { AppointmentModal } from './AppointmentModal';
import { LeaveModal } from './LeaveModal';
import { MoveVisitModal } from './MoveVisitModal';
import { appointmentLabel, dayMap, leaveKindText, movable, nextWorkingDay, reasonText, routeColor, scaleOf, type BoardVisit, type DayPlan } from './planning.model';
import { useDayPlan, useMoveVisit, usePlanDay, type DayKey } from './planning.queries';
import { RouteDay, type DragState } from './RouteDay';
import { StopActions, type VisitActions } from './StopActions';
import classes from './planning.module.css';

const m = t.planning;

/** برنامه‌ریزی بازدید: the district's board for a day: each inspector's route, the visits left out and why, who is off. */
export function PlanningBoardPage() {
  const me = useMe();
  const canWrite = me.permissions.includes('planning.write');
  const cityWide = me.district === null;
  const [params, setParams] = useSearchParams();
  const days = useVisitDayList();
  const isWorkingDay = useVisitDays();
  const date = params.get('date') ?? (days.data ? nextWorkingDay(days.data.days, days.data.from) : null);
  const districtIds = cityWide ? (params.get('districts') ?? '').split(',').filter(Boolean) : [];
  const dayKey: DayKey | null = date && (!cityWide || districtIds.length > 0) ? { date, districtIds } : null;
  const show = (next: { date?: string | null; districts?: string[] }) => {
    const d = next.date === undefined ? date : next.date;
    const ds = next.districts ?? districtIds;
    setParams({ ...(d ? { date: d } : {}), ...(ds.length ? { districts: ds.join(',') } : {}) });
  };

  const day = useDayPlan(dayKey);
  const plan = usePlanDay(dayKey);
  const move = useMoveVisit(dayKey);
  const [dragging, setDragging] = useState<string | null>(null);
  const [moving, setMoving] = useState<BoardVisit | null>(null);
  const [appointing, setAppointing] = useState<BoardVisit | null>(null);
  const [leaveOpen, setLeaveOpen] = useState(false);
  const wide = useMediaQuery('(min-width: 48em)', true, { getInitialValueInEffect: false });

  const hasPlan = Boolean(day.data?.plan);
  const actions: VisitActions = {
    onMove: canWrite && hasPlan ? setMoving : null,
    onAppointment: canWrite ? setAppointing : null,
  };
  const drag: DragState = {
    dragging,
    setDragging,
    onDrop:
      canWrite && day.data?.plan
        ? (requestId, inspectorId, position) => {
            const p = day.data.plan!;
            move.reset();
            move.mutate({ planId: p.id, planVersion: p.version, requestId, inspectorId, position });
          }
        : null,
  };

  return (
    <Stack gap="md">
      <PageTitle title={m.title} description={m.description} />
      <Group align="flex-end" wrap="wrap">
        <Box miw={200}>
          <JalaliDatePicker label={m.date} value={date} onChange={(d) => show({ date: d })} isAllowed={isWorkingDay} />
        </Box>
        {cityWide && <DistrictPicker value={districtIds} onChange={(ds) => show({ districts: ds })} />}
        {canWrite && dayKey && day.data?.shift && (
          <Button
            onClick={() => {
              move.reset();
              plan.mutate();
            }}
            loading={plan.isPending}
            className={classes.touch}
            data-testid="plan-button"
          >
            {day.data.plan ? m.replan : m.plan}
          </Button>
        )}
        {canWrite && (
          <Button variant="default" onClick={() => setLeaveOpen(true)} className={classes.touch}>
            {m.leave.open}
          </Button>
        )}
      </Group>
      {plan.isPending && (
        <Alert color="blue" icon={<Loader size="sm" />} role="status">
          {m.planning}
        </Alert>
      )}
      {plan.isError && <ErrorAlert error={plan.error} />}
      {move.isError && (
        <div data-testid="move-error">
          <ErrorAlert error={move.error} />
        </div>
      )}
      {!dayKey ? (
        cityWide && days.data ? <EmptyState title={m.chooseDistricts} description={m.districtsHint} /> : <LoadingState />
      ) : day.isPending ? (
        <LoadingState />
      ) : day.isError ? (
        <ErrorAlert error={day.error} />
      ) : (
        <Board day={day.data} actions={actions} drag={drag} compact={!wide} />
      )}
      {moving && day.data && dayKey && <MoveVisitModal day={day.data} dayKey={dayKey} visit={moving} onClose={() => setMoving(null)} />}
      {appointing && <AppointmentModal visit={appointing} onClose={() => setAppointing(null)} />}
      {leaveOpen && <LeaveModal onClose={() => setLeaveOpen(false)} />}
    </Stack>
  );
}

function DistrictPicker({ value, onChange }: { value: string[]; onChange: (ids: string[]) => void }) {
  const districts = useDistricts();
  return (
    <MultiSelect
      label={m.districts}
      description={m.districtsHint}
      data={(districts.data?.items ?? []).map((d) => ({ value: d.id, label: d.nameFa }))}
      value={value}
      onChange={onChange}
      searchable
      clearable
      miw={260}
      maw={520}
      comboboxProps={{ withinPortal: true }}
    />
  );
}

function Board({ day, actions, drag, compact }: { day: DayPlan; actions: VisitActions; drag: DragState; compact: boolean }) {
  if (!day.shift) return <EmptyState title={m.noShift} description="" />;
  const scale = scaleOf(day.shift);
  return (
    <Stack gap="lg" data-testid="board">
      <Totals day={day} />
      {!day.plan && <Alert color="gray">{m.noPlan}</Alert>}
      <section aria-labelledby="routes-title">
        <Group justify="space-between" mb="xs">
          <Title order={2} size="h4" id="routes-title">
            {m.routes}
          </Title>
          {!compact && <Legend />}
        </Group>
        <Stack gap="sm">
          {day.routes.map((r, i) => (
            <RouteDay key={r.inspectorId} route={r} color={routeColor(i)} scale={scale} actions={actions} drag={drag} compact={compact} />
          ))}
        </Stack>
      </section>
      <DayMap day={day} compact={compact} />
      {day.unassigned.length > 0 && (
        <VisitPile title={m.unassigned} hint={m.unassignedHint} testId="unassigned" visits={day.unassigned} actions={actions} drag={drag} />
      )}
      {day.notPlanned.length > 0 && (
        <VisitPile title={m.notPlanned} hint={m.notPlannedHint} testId="not-planned" visits={day.notPlanned} actions={actions} drag={drag} />
      )}
      <section aria-labelledby="off-title">
        <Title order={2} size="h4" id="off-title" mb="xs">
          {m.inspectorsOff}
        </Title>
        {day.inspectorsOff.length === 0 ? (
          <Text size="sm" c="dimmed">
            {m.noneOff}
          </Text>
        ) : (
          <Group gap="xs">
            {day.inspectorsOff.map((o) => (
              <Badge key={o.inspectorId} variant="light" color="gray" size="lg">
                {o.name} — {leaveKindText(o.kind)}
              </Badge>
            ))}
          </Group>
        )}
      </section>
    </Stack>
  );
}

/** نقشه روز: the routes in each inspector's colour, the stops numbered; drawn on a plain grid when no tiles come. */
function DayMap({ day, compact }: { day: DayPlan; compact: boolean }) {
  const { points, routes } = dayMap(day);
  if (points.length === 0) return null;
  return (
    <section aria-labelledby="day-map-title" data-testid="day-map">
      <Title order={2} size="h4" id="day-map-title" mb="xs">
        {m.map}
      </Title>
      <CityMap label={m.mapLabel} points={points} routes={routes} height={compact ? 300 : 440} />
    </section>
  );
}

function Totals({ day }: { day: DayPlan }) {
  const k = m.totals;
  const items = [
    [k.visits, day.totals.visits],
    [k.planned, day.totals.planned],
    [k.unassigned, day.totals.unassigned],
    [k.done, day.totals.done],
    [k.inspectors, day.totals.inspectors],
  ] as const;
  return (
    <Stack gap="xs">
      <SimpleGrid cols={{ base: 2, sm: 5 }} data-testid="totals">
        {items.map(([label, value]) => (
          <Card withBorder key={label} padding="xs">
            <Text size="sm">{label}</Text>
            <Text fw={700} fz="xl">
              {formatNumber(value)}
            </Text>
          </Card>
        ))}
      </SimpleGrid>
      {day.plan && (
        <Text size="sm" c="dimmed">
          {m.plannedBy(day.plan.plannedBy, formatJalaliDateTime(day.plan.plannedAt))} — {m.version(faDigits(day.plan.version))} — {m.travel(formatNumber(day.plan.travelMinutes))}
        </Text>
      )}
    </Stack>
  );
}

function Legend() {
  const l = m.legend;
  return (
    <Group gap="md" aria-hidden>
      {[
        [classes.swatchVisit, l.visit],
        [classes.swatchTravel, l.travel],
        [classes.swatchWait, l.wait],
        [classes.swatchWindow, l.window],
        [classes.swatchDone, l.done],
        [classes.swatchStale, l.stale],
      ].map(([cls, label]) => (
        <Text key={label} size="xs">
          <span className={cls} />
          {label}
        </Text>
      ))}
    </Group>
  );
}

/** Visits outside the routes (left out with a reason, or added since): each draggable onto a route, with the same menu. */
function VisitPile({ title, hint, testId, visits, actions, drag }: { title: string; hint: string; testId: string; visits: BoardVisit[]; actions: VisitActions; drag: DragState }) {
  return (
    <section aria-labelledby={`${testId}-title`} data-testid={testId}>
      <Title order={2} size="h4" id={`${testId}-title`}>
        {title}
      </Title>
      <Text size="sm" c="dimmed" mb="xs">
        {hint}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
        {visits.map((v) => (
          <Card
            key={v.requestId}
            withBorder
            padding="xs"
            className={drag.onDrop && movable(v) ? classes.chip : undefined}
            draggable={drag.onDrop !== null && movable(v)}
            onDragStart={(e) => {
              e.dataTransfer.setData('text/plain', v.requestId);
              e.dataTransfer.effectAllowed = 'move';
              setTimeout(() => drag.setDragging(v.requestId), 0);
            }}
            onDragEnd={() => drag.setDragging(null)}
            data-testid="pile-visit"
            data-tracking-code={v.trackingCode}
          >
            <Group justify="space-between" wrap="nowrap" align="flex-start">
              <Stack gap={2}>
                <Text size="sm" fw={600}>
                  <bdi>{faDigits(v.trackingCode)}</bdi> — {v.serviceNameFa}
                </Text>
                <Text size="xs">{faDigits(v.address)}</Text>
                {'reason' in v && (
                  <Text size="sm" c="red.8" data-testid="reason">
                    {reasonText(v.reason)}
                  </Text>
                )}
                {appointmentLabel(v) && <Text size="xs">{m.stop.promised(appointmentLabel(v)!)}</Text>}
                {v.proposedDate && <Text size="xs">{m.proposed(formatJalaliDate(v.proposedDate))}</Text>}
              </Stack>
              <StopActions
                visit={v}
                actions={actions}
                target={
                  <Button size="compact-sm" variant="light" className={classes.touch} aria-label={m.stop.actions(faDigits(v.trackingCode))}>
                    …
                  </Button>
                }
              />
            </Group>
          </Card>
        ))}
      </SimpleGrid>
    </section>
  );
}

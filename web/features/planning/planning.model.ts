/**
 * The planning board's pure parts (برنامه‌ریزی بازدید، issue 13): a day's plan as GET
 * /api/planning/day answers it, each inspector's day laid on a timeline (where each stop, each
 * drive and each promised window falls, as a share of the working day), where a dropped visit
 * lands in a route, the planner's reasons in Persian, and the leave form's checks.
 */
import type { paths } from '../../api/schema';
import { faDigits, t } from '../../i18n';
import type { Problems } from '../../ui/useForm';
import { mapColour, type MapPoint, type MapRoute } from '../../ui/map.model';

export type DayPlan = paths['/api/planning/day']['get']['responses'][200]['content']['application/json'];
export type Route = DayPlan['routes'][number];
export type Stop = Route['stops'][number];
export type UnassignedVisit = DayPlan['unassigned'][number];
export type WaitingVisit = DayPlan['notPlanned'][number];
/** Any visit the board shows: on a route, left out, or added since the plan. */
export type BoardVisit = Stop | UnassignedVisit | WaitingVisit;
export type Reason = UnassignedVisit['reason'];
export type MyDay = paths['/api/inspections/day']['get']['responses'][200]['content']['application/json'];
export type DayStop = MyDay['stops'][number];
export type Progress = paths['/api/planning/progress']['get']['responses'][200]['content']['application/json'];

/** The working day the timeline spans when the answer names none (Saturday to Wednesday). */
export const DEFAULT_SHIFT = { start: '07:30', end: '14:30' } as const;

/** Minutes since midnight of an `HH:MM` clock time. */
export function minutesOf(clock: string): number {
  const m = /^(\d{1,2}):(\d{2})$/.exec(clock);
  if (!m) throw new Error(`not a clock time: ${clock}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/** An `HH:MM` time as a Persian reader reads it: ۰۸:۳۰. */
export const clockFa = (clock: string) => faDigits(clock);

export interface Scale {
  start: number;
  end: number;
}

export function scaleOf(shift: { start: string; end: string } | null): Scale {
  const s = shift ?? DEFAULT_SHIFT;
  return { start: minutesOf(s.start), end: minutesOf(s.end) };
}

/** Where a span of the day lies on the timeline, as percentages of its length from the day's start (clipped to the day). */
export function placeOf(scale: Scale, from: string, to: string): { offset: number; size: number } {
  const length = scale.end - scale.start;
  const clip = (m: number) => Math.min(Math.max(m, scale.start), scale.end);
  const a = clip(minutesOf(from));
  const b = Math.max(a, clip(minutesOf(to)));
  return { offset: round(((a - scale.start) / length) * 100), size: round(((b - a) / length) * 100) };
}

const round = (n: number) => Math.round(n * 100) / 100;

export type SegmentKind = 'travel' | 'wait' | 'visit';
export interface Segment {
  kind: SegmentKind;
  from: string;
  to: string;
  offset: number;
  size: number;
  /** The stop's index, for a visit (and the drive and the wait before it). */
  index: number;
}

/**
 * An inspector's day as segments: the drive to each stop (from the base or the last stop), the wait
 * for its window to open, and the visit itself; then the drive back to base.
 */
export function segmentsOf(scale: Scale, route: Pick<Route, 'shiftStart' | 'returnAt' | 'stops'>): Segment[] {
  const out: Segment[] = [];
  let at = route.shiftStart;
  const push = (kind: SegmentKind, from: string, to: string, index: number) => {
    if (minutesOf(to) > minutesOf(from)) out.push({ kind, from, to, index, ...placeOf(scale, from, to) });
  };
  route.stops.forEach((s, i) => {
    push('travel', at, s.arrive, i);
    push('wait', s.arrive, s.start, i);
    out.push({ kind: 'visit', from: s.start, to: s.end, index: i, ...placeOf(scale, s.start, s.end) });
    at = s.end;
  });
  if (route.stops.length > 0) push('travel', at, route.returnAt, route.stops.length);
  return out;
}

/** Ticks every hour on the hour inside the day (۰۸:۰۰ … ۱۴:۰۰). */
export function hourTicks(scale: Scale): { label: string; offset: number }[] {
  const ticks = [];
  for (let m = Math.ceil(scale.start / 60) * 60; m <= scale.end; m += 60) {
    const label = `${String(m / 60).padStart(2, '0')}:00`;
    ticks.push({ label, offset: placeOf(scale, label, label).offset });
  }
  return ticks;
}

/**
 * The place in a route a visit dropped at `fraction` of the day (0 = the day's start) takes: before
 * the first stop whose middle is later. The visit's own stop, when it is moved within its route,
 * does not count.
 */
export function dropPosition(scale: Scale, stops: readonly Pick<Stop, 'requestId' | 'start' | 'end'>[], fraction: number, moving: string): number {
  const at = scale.start + Math.min(Math.max(fraction, 0), 1) * (scale.end - scale.start);
  const others = stops.filter((s) => s.requestId !== moving);
  const after = others.findIndex((s) => (minutesOf(s.start) + minutesOf(s.end)) / 2 > at);
  return after === -1 ? others.length : after;
}

/**
 * Where along a timeline a pointer is, 0 at the day's start: the day starts on the inline-start
 * side, the right in Persian.
 */
export function fractionAlong(rect: { left: number; width: number }, clientX: number, rtl: boolean): number {
  if (rect.width <= 0) return 0;
  const fromLeft = (clientX - rect.left) / rect.width;
  return Math.min(Math.max(rtl ? 1 - fromLeft : fromLeft, 0), 1);
}

/** The places a visit may be moved to in a route: 0 … n (n = after the last), the visit's own stop left out. */
export function positionChoices(route: Pick<Route, 'stops'>, moving: string): { value: number; label: string }[] {
  const others = route.stops.filter((s) => s.requestId !== moving);
  const m = t.planning.move;
  return [
    ...others.map((s, i) => ({ value: i, label: m.before(faDigits(i + 1), clockFa(s.start), faDigits(s.trackingCode)) })),
    { value: others.length, label: others.length === 0 ? m.only : m.last },
  ];
}

/** Why the planner left a visit out, as a sentence the district reads. */
export function reasonText(reason: Reason): string {
  return t.planning.reasons[reason];
}

/** The planner's reasons, for the legend and the tests. */
export const REASONS: readonly Reason[] = ['no-location', 'unknown-vehicle', 'no-vehicle-with-skill', 'outside-coverage', 'over-capacity', 'window-unreachable', 'no-room'];

/** The day after `from` among the working days (the board's default: tomorrow's round is planned today). */
export function nextWorkingDay(days: readonly string[], from: string): string | null {
  return days.find((d) => d > from) ?? null;
}

/** The promised window of a visit, if the owner has one: ساعت ۰۹:۰۰ تا ۱۰:۰۰. */
export function appointmentLabel(v: Pick<BoardVisit, 'appointment'>): string | null {
  return v.appointment ? t.planning.window(clockFa(v.appointment.windowStart), clockFa(v.appointment.windowEnd)) : null;
}

/** What a stop's block says to a screen reader and in its tooltip. */
export function stopLabel(s: Stop, index: number): string {
  const m = t.planning.stop;
  const parts = [m.number(faDigits(index + 1)), m.time(clockFa(s.start), clockFa(s.end)), faDigits(s.trackingCode), s.serviceNameFa, faDigits(s.address)];
  const promised = appointmentLabel(s);
  if (promised) parts.push(m.promised(promised));
  if (s.done) parts.push(m.done);
  if (s.stale) parts.push(m.stale);
  return parts.join('، ');
}

/** A visit waiting for its owner to be given a time (the board offers «تعیین نوبت»). */
export const needsAppointment = (v: BoardVisit) => v.appointment === null && !('done' in v && (v.done || v.stale));

/** May the visit be moved by hand: waiting, not done, not gone from the plan. */
export const movable = (v: BoardVisit) => !('done' in v) || (!v.done && !v.stale);

/** The inspector's colour on the board and on the map of the day (one per route, in the routes' order). */
export const routeColor = (index: number) => mapColour(index);

/** Grey: a visit on no route (left out, or added since the plan). */
export const UNPLANNED_COLOUR = '#495057';

/**
 * The map of the day: each inspector's route as a line from their start point through the stops
 * and back, in their colour; each stop numbered in its route; the visits on no route in grey.
 * A visit with no location is not drawn (the board lists it).
 */
export function dayMap(day: Pick<DayPlan, 'routes' | 'unassigned' | 'notPlanned'>): { points: MapPoint[]; routes: MapRoute[] } {
  const located = <T extends { lat: number | null; lng: number | null }>(v: T): v is T & { lat: number; lng: number } => v.lat !== null && v.lng !== null;
  const points: MapPoint[] = [];
  const routes: MapRoute[] = [];
  day.routes.forEach((r, i) => {
    const colour = routeColor(i);
    const stops = r.stops.filter((s) => !s.stale).filter(located);
    stops.forEach((s) => points.push({ id: s.requestId, lat: s.lat, lng: s.lng, colour, order: r.stops.indexOf(s) + 1, label: `${r.name}: ${stopLabel(s, r.stops.indexOf(s))}` }));
    if (stops.length > 0) {
      const base = [r.base.lat, r.base.lng] as const;
      routes.push({ id: r.inspectorId, colour, label: r.name, path: [base, ...stops.map((s) => [s.lat, s.lng] as const), base] });
    }
  });
  for (const v of [...day.unassigned, ...day.notPlanned].filter(located)) {
    points.push({ id: v.requestId, lat: v.lat, lng: v.lng, colour: UNPLANNED_COLOUR, label: `${faDigits(v.trackingCode)}، ${faDigits(v.address)}` });
  }
  return { points, routes };
}

/** Share of the day's visits done, 0…100. */
export const progressPercent = (p: { done: number; total: number }) => (p.total === 0 ? 0 : Math.round((p.done / p.total) * 100));

// ---------------------------------------------------------------- leave

export type LeaveKind = 'leave' | 'sick' | 'training';
export const LEAVE_KINDS: readonly LeaveKind[] = ['leave', 'sick', 'training'];

export interface LeaveForm {
  inspectorId: string | null;
  from: string | null;
  to: string | null;
  kind: LeaveKind;
  note: string;
}

export function leaveErrors(v: LeaveForm): Problems<LeaveForm> {
  const m = t.planning.leave;
  const out: Problems<LeaveForm> = {};
  if (!v.inspectorId) out.inspectorId = m.inspectorRequired;
  if (!v.from) out.from = m.dateRequired;
  if (!v.to) out.to = m.dateRequired;
  else if (v.from && v.to < v.from) out.to = m.toBeforeFrom;
  return out;
}

export function leaveBody(v: LeaveForm) {
  return { inspectorId: v.inspectorId!, from: v.from!, to: v.to!, kind: v.kind, ...(v.note.trim() ? { note: v.note.trim() } : {}) };
}

export const leaveKindText = (kind: string) => t.planning.leave.kinds[kind as LeaveKind] ?? kind;

// ---------------------------------------------------------------- the move and the appointment forms

export interface MoveForm {
  inspectorId: string | null;
  position: string | null;
}

export function moveErrors(v: MoveForm): Problems<MoveForm> {
  const out: Problems<MoveForm> = {};
  if (!v.inspectorId) out.inspectorId = t.planning.move.inspectorRequired;
  if (v.position === null) out.position = t.planning.move.positionRequired;
  return out;
}

export interface AppointmentForm {
  /** Null: the day the server offers (the owner's proposed day, else the earliest allowed). */
  date: string | null;
  /** `HH:MM-HH:MM` of the chosen window. */
  window: string | null;
}

export function appointmentErrors(v: AppointmentForm): Problems<AppointmentForm> {
  return v.window ? {} : { window: t.planning.appointment.windowRequired };
}

export const windowKey = (w: { windowStart: string; windowEnd: string }) => `${w.windowStart}-${w.windowEnd}`;

export function splitWindow(key: string): { windowStart: string; windowEnd: string } {
  const [windowStart, windowEnd] = key.split('-') as [string, string];
  return { windowStart, windowEnd };
}

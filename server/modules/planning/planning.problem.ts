/**
 * The day's planning problem (برنامه‌ریزی بازدیدهای روز), pure: from the inspectors on duty and the
 * visits waiting, the routing problem the solver takes (platform/routing, decision 0034), and back
 * from its solution to the plan people read. No database, no clock, no HTTP.
 *
 * Times are seconds from Tehran midnight of the plan's day.
 */
import { dayWeight, type Holidays } from '../../platform/calendar.js';
import type { RoutingJob, RoutingProblem, RoutingVehicle, UnassignedReason } from '../../platform/routing/index.js';

export interface LatLng {
  lat: number;
  lng: number;
}

/** The working day's hours: 07:30 to 14:30, and to 11:30 on a half day (Thursday). */
export const SHIFT_START = 7.5 * 3600;
const FULL_DAY_END = 14.5 * 3600;
const HALF_DAY_END = 11.5 * 3600;
/** The length of an appointment window offered to an owner. */
const SLOT_SECONDS = 2 * 3600;

export interface Shift {
  start: number;
  end: number;
}

/** The inspectors' working hours on a day, or null on a Friday or an official holiday. */
export function shiftOf(date: string, holidays: Holidays): Shift | null {
  const weight = dayWeight(date, holidays);
  if (weight === 0) return null;
  return { start: SHIFT_START, end: weight === 1 ? FULL_DAY_END : HALF_DAY_END };
}

/** The appointment windows of a day: two hours each from the start of the shift, the last one cut at its end. */
export function appointmentSlots(shift: Shift): Shift[] {
  const slots: Shift[] = [];
  for (let start = shift.start; start < shift.end; start += SLOT_SECONDS) slots.push({ start, end: Math.min(shift.end, start + SLOT_SECONDS) });
  return slots;
}

/** `HH:MM` of seconds from midnight (the API's and the inspection row's form). */
export function clockTime(seconds: number): string {
  const minutes = Math.round(seconds / 60);
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** Seconds from midnight of `HH:MM`. */
export function secondsOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return h * 3600 + m * 60;
}

/** An inspector on duty that day (مامور بازدید). */
export interface PlanInspector {
  id: string;
  districtId: string;
  specialty: string | null;
  /** Other districts they may cover. */
  covers: readonly string[];
  /** Daily cap on visits. */
  cap: number;
  /** Where the day starts and ends (the district office or home). */
  base: LatLng;
}

/** A visit waiting to be made (بازدید). */
export interface PlanVisit {
  requestId: string;
  districtId: string;
  specialty: string | null;
  /** Expected time on site. */
  minutes: number;
  location: LatLng | null;
  /** A confirmed appointment's window (hard); null = any time of the shift. */
  window: Shift | null;
  /** A confirmed appointment keeps its inspector while that inspector is on duty. */
  pinnedTo: string | null;
}

/** Why a visit is not in the plan: the solver's reasons, and ours (no location; the case changed while the plan was being applied). */
export type PlanReason = UnassignedReason | 'no-location' | 'changed-meanwhile';

export interface DayProblem {
  problem: RoutingProblem;
  /** The points of the problem's locations, by index (for the travel matrix). */
  points: LatLng[];
  /** Visits left out before solving (no location). */
  unplaceable: { requestId: string; reason: PlanReason }[];
}

/** The routing problem of a day; `travel` is filled by the caller from `points` (haversine or a routing server). */
export function buildDayProblem(shift: Shift, inspectors: readonly PlanInspector[], visits: readonly PlanVisit[]): DayProblem {
  const points: LatLng[] = [];
  const indexOf = new Map<string, number>();
  const locate = (p: LatLng) => {
    const key = `${p.lat},${p.lng}`;
    let i = indexOf.get(key);
    if (i === undefined) {
      i = points.push(p) - 1;
      indexOf.set(key, i);
    }
    return i;
  };
  const onDuty = new Set(inspectors.map((i) => i.id));
  const vehicles: RoutingVehicle[] = inspectors.map((i) => {
    const base = locate(i.base);
    return {
      id: i.id, start: base, end: base, shiftStart: shift.start, shiftEnd: shift.end, maxJobs: i.cap,
      ...(i.specialty ? { skills: [i.specialty] } : {}), areas: [i.districtId, ...i.covers],
    };
  });
  const jobs: RoutingJob[] = [];
  const unplaceable: DayProblem['unplaceable'] = [];
  for (const v of visits) {
    if (!v.location) {
      unplaceable.push({ requestId: v.requestId, reason: 'no-location' });
      continue;
    }
    const window = v.window ?? shift;
    jobs.push({
      id: v.requestId, location: locate(v.location), service: v.minutes * 60, ready: window.start, due: window.end, area: v.districtId,
      ...(v.specialty ? { skill: v.specialty } : {}), ...(v.pinnedTo && onDuty.has(v.pinnedTo) ? { vehicle: v.pinnedTo } : {}),
    });
  }
  return { problem: { size: points.length, travel: new Float64Array(0), vehicles, jobs }, points, unplaceable };
}

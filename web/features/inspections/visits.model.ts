/** The visit list's view model: pure functions over what GET /api/inspections/mine returns. */
import type { paths } from '../../api/schema';
import { faDigits, t, toAsciiDigits } from '../../i18n';

export type Visit = paths['/api/inspections/mine']['get']['responses'][200]['content']['application/json']['items'][number];
export type VisitFilter = 'today' | 'all';

const tehranDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tehran', year: 'numeric', month: '2-digit', day: '2-digit' });
const tehranClock = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Tehran', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** The calendar day in Isfahan (`YYYY-MM-DD`), whatever zone the phone is set to. */
export function tehranToday(now: Date = new Date()): string {
  return tehranDay.format(now);
}

/** The time of day in Isfahan, `HH:MM`. */
export function tehranTime(now: Date = new Date()): string {
  return tehranClock.format(now);
}

/** The query for a tab: «امروز» asks for today only, «همه» for every open visit. */
export function visitsQuery(filter: VisitFilter, page: number, pageSize: number, now: Date = new Date()) {
  return { page, pageSize, ...(filter === 'today' ? { date: tehranToday(now) } : {}) };
}

/** «ساعت ۰۸:۰۰ تا ۱۰:۰۰», or null for a visit not yet scheduled. */
export function windowLabel(visit: Pick<Visit, 'windowStart' | 'windowEnd'>): string | null {
  if (!visit.windowStart || !visit.windowEnd) return null;
  return t.inspections.card.window(faDigits(visit.windowStart), faDigits(visit.windowEnd));
}

export interface MapLinks {
  /** The phone's own map app (geo: URI, RFC 5870). */
  app: string;
  osm: string;
  neshan: string;
}

/** Where the property is, for the map app and, where geo: opens nothing (a desktop), on the web. */
export function mapLinks(visit: Pick<Visit, 'lat' | 'lng' | 'mapUrl'>): MapLinks | null {
  if (visit.lat === null || visit.lng === null) return null;
  const { lat, lng } = visit;
  return {
    app: visit.mapUrl ?? `geo:${lat},${lng}`,
    osm: `https://www.openstreetmap.org/?mlat=${lat}&mlon=${lng}#map=18/${lat}/${lng}`,
    neshan: `https://neshan.org/maps/@${lat},${lng},17z`,
  };
}

/** A `tel:` link that every dialler reads: digits only, Persian digits turned to ASCII. */
export function telUrl(mobile: string | null): string | null {
  if (!mobile) return null;
  const digits = toAsciiDigits(mobile).replace(/[^0-9+]/g, '');
  return digits ? `tel:${digits}` : null;
}

export type VisitAction = 'schedule' | 'report';

/** What the inspector can do next, as the server says (`can`): the report first, then (re)setting the time. */
export function visitActions(can: Visit['can']): VisitAction[] {
  return [...(can.fileInspectionReport ? (['report'] as const) : []), ...(can.scheduleVisit ? (['schedule'] as const) : [])];
}

/**
 * What a time field holds as it is typed: ASCII digits, the colon put in after the hour, so a
 * numeric keypad with no colon types «۱۰۳۰» and gets 10:30; «۹:۳۰» typed with a colon is 09:30.
 */
export function typedTime(input: string): string {
  const ascii = toAsciiDigits(input);
  if (ascii.includes(':')) {
    const [hour = '', minute = ''] = ascii.split(':').map((part) => part.replace(/\D/g, '').slice(0, 2));
    return hour.length === 1 && minute.length === 2 ? `0${hour}:${minute}` : `${hour}:${minute}`;
  }
  const digits = ascii.replace(/\D/g, '').slice(0, 4);
  return digits.length > 2 ? `${digits.slice(0, 2)}:${digits.slice(2)}` : digits;
}

const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$/;

export function isClockTime(value: string): boolean {
  return CLOCK.test(value);
}

export type ScheduleField = 'date' | 'windowStart' | 'windowEnd';

/** What the schedule form can tell before asking the server (which also refuses past days and holidays). */
export function scheduleErrors(form: { date: string | null; windowStart: string; windowEnd: string }): Partial<Record<ScheduleField, string>> {
  const m = t.inspections.schedule;
  const errors: Partial<Record<ScheduleField, string>> = {};
  if (!form.date) errors.date = m.dateRequired;
  for (const field of ['windowStart', 'windowEnd'] as const) {
    if (!form[field]) errors[field] = m.timeRequired;
    else if (!isClockTime(form[field])) errors[field] = m.timeFormat;
  }
  if (!errors.windowStart && !errors.windowEnd && form.windowEnd <= form.windowStart) errors.windowEnd = m.windowOrder;
  return errors;
}

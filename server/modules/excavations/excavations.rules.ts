/** The small rules of an excavation permit (مجوز حفاری): kinds of street, measures kept, the permitted period. */
import type { StreetType } from '../../db/schema.js';
import { fieldError, type FieldError } from '../../platform/errors.js';

export const STREET_TYPES = ['main', 'secondary', 'local', 'alley', 'sidewalk'] as const satisfies readonly StreetType[];

export const STREET_TYPE_FA: Record<StreetType, string> = {
  main: 'خیابان اصلی',
  secondary: 'خیابان فرعی',
  local: 'معبر محلی',
  alley: 'کوچه',
  sidewalk: 'پیاده‌رو',
};

/** Metres (and square metres) are kept to the centimetre. */
export const centimetres = (m: number) => Math.round(m * 100) / 100;

/** A trench's area is its length times its width, whatever the route's shape. */
export const trenchArea = (lengthMeters: number, widthMeters: number) => centimetres(lengthMeters * widthMeters);

/** The longest period one permit may cover; a longer work is asked for again. */
export const MAX_PERIOD_DAYS = 180;

const DAY_MS = 86_400_000;
const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);

/** Dates are Tehran calendar days (YYYY-MM-DD): from today on, the end not before the start, at most 180 days apart. */
export function checkPeriod(startDate: string, endDate: string, today: string): FieldError[] {
  const errors: FieldError[] = [];
  if (startDate < today) errors.push(fieldError('startDate', 'in_past', 'The start date is in the past', 'تاریخ شروع حفاری گذشته است'));
  if (endDate < startDate) {
    errors.push(fieldError('endDate', 'before_start', 'The end date is before the start date', 'تاریخ پایان حفاری نباید پیش از تاریخ شروع باشد'));
  } else if (daysBetween(startDate, endDate) > MAX_PERIOD_DAYS) {
    errors.push(fieldError('endDate', 'too_long', `At most ${MAX_PERIOD_DAYS} days after the start date`, 'تاریخ پایان حداکثر ۱۸۰ روز پس از تاریخ شروع می‌تواند باشد'));
  }
  return errors;
}

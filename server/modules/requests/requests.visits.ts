/**
 * Which days a visit may be set for (تعیین زمان بازدید): today or later on Tehran's calendar, and a
 * working day (not a Friday, not an official holiday: the calendar's dayWeight). One rule for the
 * schedule action's check and for the days the date pickers offer (inspections, citizen).
 */
import { dayWeight } from '../../platform/calendar.js';

export type VisitDayProblem = 'in_past' | 'not_working_day';

export function visitDayProblem(date: string, today: string, holidays: ReadonlySet<string>): VisitDayProblem | null {
  if (date < today) return 'in_past';
  if (dayWeight(date, holidays) === 0) return 'not_working_day';
  return null;
}

/** The days from `today` on, `span` calendar days ahead, a visit may be set for. */
export function openVisitDays(today: string, span: number, holidays: ReadonlySet<string>): string[] {
  const days: string[] = [];
  const start = new Date(`${today}T12:00:00Z`);
  for (let i = 0; i < span; i++) {
    const date = new Date(start.getTime() + i * 86_400_000).toISOString().slice(0, 10);
    if (visitDayProblem(date, today, holidays) === null) days.push(date);
  }
  return days;
}

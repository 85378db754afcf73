/**
 * The visit report form's view model: the draft as the inspector types it (kept on the phone),
 * its checks, and the body POST /api/requests/:id/inspection-report takes. Pure functions.
 */
import type { paths } from '../../api/schema';
import { t, toAsciiDigits } from '../../i18n';
import type { Problems } from '../../ui/useForm';
import { isClockTime, tehranTime, tehranToday } from './visits.model';

export type Case = paths['/api/requests/{id}']['get']['responses'][200]['content']['application/json'];
export type ChecklistItem = Case['service']['inspectionChecklist'][number];
export type ReportBody = paths['/api/requests/{id}/inspection-report']['post']['requestBody']['content']['application/json'];

/** The measurements the form asks for; the API takes any name, these are the ones the district reads. */
export const MEASUREMENTS = ['landArea', 'builtArea', 'frontage', 'floors', 'units', 'height'] as const;
export type MeasurementKey = (typeof MEASUREMENTS)[number];

export type Severity = 'minor' | 'major';

export interface DraftPhoto {
  id: string;
  name: string;
  blob: Blob;
}

export interface DraftGps {
  lat: number;
  lng: number;
  accuracyM: number | null;
  /** `property`: the phone gave no position and the inspector chose the file's location instead. */
  source: 'device' | 'property';
}

/** Everything typed so far. Numbers stay as typed (Persian digits too) until the body is made. */
export interface ReportDraft {
  /** One answer per checklist item, in the service's order; `ok` null until answered. */
  checklist: { code: string; ok: boolean | null; note: string }[];
  measurements: Record<MeasurementKey, string>;
  violations: { key: string; descriptionFa: string; severity: Severity }[];
  findings: string;
  photos: DraftPhoto[];
  gps: DraftGps | null;
  /** Tehran calendar day (`YYYY-MM-DD`) and time (`HH:MM`) of the visit. */
  visitDate: string;
  visitTime: string;
}

/** The visit time is one check over two inputs (day and time), named as the server names it. */
export type ReportProblem = 'visitedAt';
/** Field name → Persian message: the client's own checks, under the names the server uses. */
export type ReportProblems = Problems<ReportDraft, ReportProblem>;

/** A key for a photo or a violation row. Not crypto.randomUUID: that needs a secure context. */
export const newLocalId = () => `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;

const blankMeasurements = () => Object.fromEntries(MEASUREMENTS.map((k) => [k, ''])) as Record<MeasurementKey, string>;

/** A new report: nothing answered, the visit time now. */
export function emptyDraft(items: readonly ChecklistItem[], now: Date = new Date(), assignedAt?: string): ReportDraft {
  // The server takes a visit after the assignment and not in the future: a phone whose clock runs
  // behind the server's would otherwise offer a time before the assignment.
  const earliest = assignedAt ? new Date(Date.parse(assignedAt) + 60_000) : null;
  const at = earliest && earliest > now ? earliest : now;
  return {
    checklist: items.map((i) => ({ code: i.code, ok: null, note: '' })),
    measurements: blankMeasurements(),
    violations: [],
    findings: '',
    photos: [],
    gps: null,
    visitDate: tehranToday(at),
    visitTime: tehranTime(at),
  };
}

/** A saved draft lined up with the service's checklist as it is now (answers kept by code). */
export function alignDraft(draft: ReportDraft, items: readonly ChecklistItem[]): ReportDraft {
  const answers = new Map(draft.checklist.map((a) => [a.code, a]));
  return {
    ...draft,
    measurements: { ...blankMeasurements(), ...draft.measurements },
    checklist: items.map((i) => answers.get(i.code) ?? { code: i.code, ok: null, note: '' }),
  };
}

/** A typed number: Persian or Latin digits, Persian (٫) or Latin decimal point; null if not one. */
export function parseMeasurement(value: string): number | null {
  const text = toAsciiDigits(value.trim()).replace('٫', '.');
  if (!/^\d+(\.\d+)?$/.test(text)) return null;
  const n = Number(text);
  return n <= 1_000_000 ? n : null;
}

/** Iran keeps +03:30 all year (no daylight saving since 2022), so a Tehran wall time is one instant. */
export function visitedAtIso(date: string, time: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !isClockTime(time)) return null;
  return new Date(`${date}T${time}:00+03:30`).toISOString();
}

/** The server accepts a visit time up to five minutes ahead (clock drift); the form says so first. */
const FUTURE_SLACK_MS = 5 * 60_000;

/** What the form can tell before sending; the server checks again (and the visit-time range). */
export function validateDraft(draft: ReportDraft, now: Date = new Date()): ReportProblems {
  const m = t.inspections.report;
  const errors: ReportProblems = {};
  draft.checklist.forEach((a, n) => {
    if (a.ok === null) errors[`checklist.${n}.ok`] = m.answerRequired;
  });
  for (const key of MEASUREMENTS) {
    if (draft.measurements[key].trim() && parseMeasurement(draft.measurements[key]) === null) errors[`measurements.${key}`] = m.notANumber;
  }
  draft.violations.forEach((v, n) => {
    if (v.descriptionFa.trim().length < 3) errors[`violations.${n}.descriptionFa`] = m.descriptionTooShort;
  });
  if (draft.findings.trim().length < 3) errors.findings = m.findingsRequired;
  if (!draft.gps) errors.gps = m.gpsRequired;
  const visitedAt = visitedAtIso(draft.visitDate, draft.visitTime);
  if (!visitedAt) errors.visitedAt = m.visitedAtRequired;
  else if (Date.parse(visitedAt) > now.getTime() + FUTURE_SLACK_MS) errors.visitedAt = m.visitedAtFuture;
  return errors;
}

/** The API's body, from a draft that passed validateDraft. */
export function toReportBody(draft: ReportDraft, version: number): ReportBody {
  if (!draft.gps) throw new Error('toReportBody: no position');
  const measurements: Record<string, number> = {};
  for (const key of MEASUREMENTS) {
    const n = parseMeasurement(draft.measurements[key]);
    if (n !== null) measurements[key] = n;
  }
  const { lat, lng, accuracyM } = draft.gps;
  return {
    version,
    findings: draft.findings.trim(),
    measurements,
    checklist: draft.checklist.map((a) => ({ code: a.code, ok: a.ok === true, ...(a.note.trim() ? { note: a.note.trim() } : {}) })),
    violations: draft.violations.map((v) => ({ descriptionFa: v.descriptionFa.trim(), severity: v.severity })),
    gps: { lat, lng, ...(accuracyM === null ? {} : { accuracyM }) },
    visitedAt: visitedAtIso(draft.visitDate, draft.visitTime)!,
  };
}

/**
 * Where a field the server refuses goes on the form: `checklist.2.note` and `findings` as they
 * are (answers go in the checklist's order), `gps.lat` on the position, an unknown checklist code
 * on the checklist as a whole. Null for fields the form has no place for: the error alert only.
 */
export function reportFieldOf(field: string): string | null {
  if (field === 'findings' || field === 'visitedAt' || field === 'checklist') return field;
  if (field === 'gps' || field.startsWith('gps.')) return 'gps';
  if (/^measurements\.\w+$/.test(field)) return field;
  if (/^checklist\.\d+\.(ok|note)$/.test(field)) return field;
  if (/^checklist\.\d+\.code$/.test(field)) return 'checklist';
  if (/^violations\.\d+\.(descriptionFa|severity)$/.test(field)) return field;
  return null;
}

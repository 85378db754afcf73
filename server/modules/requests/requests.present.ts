/** Rows to API shapes: the one place that knows both. */
import { ACTION_LABELS_EN, ACTION_LABELS_FA, STATE_LABELS_EN, STATE_LABELS_FA, type RequestState, type TimelineAction } from '../../../contracts/workflow.js';
import type { RequestEventTable } from '../../db/schema.js';
import type { ChecklistItem } from '../catalog/index.js';
import type { CaseClocks } from './requests.read.js';
import type { caseAccess } from './requests.policy.js';
import type { CaseDetails as Details, CaseRow } from './requests.queries.js';
import { AUTO_ASSIGN_NAME_FA } from './requests.system.js';

const json = <T>(s: string | null): T | null => (s === null ? null : (JSON.parse(s) as T));

export function personName(p: { first_name: string | null; last_name: string | null; company_name: string | null }): string {
  return p.company_name ?? `${p.first_name ?? ''} ${p.last_name ?? ''}`.trim();
}

/** A timeline line's words, in Persian and English, by its action. */
export function timelineLabels(action: string): { labelFa: string; labelEn: string } {
  return { labelFa: ACTION_LABELS_FA[action as TimelineAction] ?? action, labelEn: ACTION_LABELS_EN[action as TimelineAction] ?? action };
}

export function presentTimelineEvent(e: RequestEventTable) {
  return {
    id: e.id,
    action: e.action,
    ...timelineLabels(e.action),
    fromState: e.from_state,
    toState: e.to_state,
    // What the system did by itself (the assignment at intake) is the system's, not the role of the clerk whose step set it off.
    actor: { id: e.actor_staff_id, name: e.actor_name, role: e.actor_name === AUTO_ASSIGN_NAME_FA ? 'system' : e.actor_role },
    note: e.note,
    public: e.public === 1,
    data: json<Record<string, unknown>>(e.data),
    at: e.created_at,
  };
}

export function presentCase(row: CaseRow, d: Details, access: ReturnType<typeof caseAccess>, clocks: CaseClocks) {
  const state = row.state as RequestState;
  return {
    id: row.id,
    trackingCode: row.tracking_code,
    service: {
      code: row.service_code, nameFa: row.service_name_fa, nameEn: row.service_name_en, workflowCode: row.workflow_code,
      inspectionChecklist: json<ChecklistItem[]>(row.inspection_checklist) ?? [],
    },
    state,
    stateLabelFa: STATE_LABELS_FA[state],
    stateLabelEn: STATE_LABELS_EN[state],
    version: row.version,
    office: { id: d.office.id, govCode: d.office.gov_code, nameFa: d.office.name_fa, phone: d.office.phone },
    district: { id: d.district.id, number: d.district.number, nameFa: d.district.name_fa },
    property: {
      id: d.property.id, fileNumber: d.property.file_number, address: d.property.address, postalCode: d.property.postal_code,
      renovationCode: d.property.renovation_code,
      plate: d.property.plate_main === null ? null : { main: d.property.plate_main, sub: d.property.plate_sub, registrySection: d.property.registry_section },
      lat: d.property.lat, lng: d.property.lng, landArea: d.property.land_area, landUse: d.property.land_use, floors: d.property.floors, units: d.property.units,
    },
    applicant: { id: d.applicant.id, kind: d.applicant.kind, nationalCode: d.applicant.national_code, displayName: personName(d.applicant), mobile: d.applicant.mobile },
    form: json<Record<string, unknown>>(row.form) ?? {},
    documents: json<Record<string, boolean>>(row.documents) ?? {},
    feeRials: row.fee_rials,
    fee: { rials: Number(row.fee_rials), paid: row.fee_paid_at !== null, reference: row.fee_payment_ref, paidAt: row.fee_paid_at },
    inspector: d.inspector ? { id: d.inspector.id, name: `${d.inspector.first_name} ${d.inspector.last_name}`, specialty: d.inspector.specialty, mobile: d.inspector.mobile } : null,
    inspection: d.inspection
      ? {
          id: d.inspection.id,
          assignedAt: d.inspection.assigned_at,
          scheduledDate: d.inspection.scheduled_date,
          windowStart: d.inspection.window_start,
          windowEnd: d.inspection.window_end,
          report: d.inspection.submitted_at
            ? {
                findings: d.inspection.findings ?? '',
                measurements: json<Record<string, number>>(d.inspection.measurements) ?? {},
                checklist: json<{ code: string; ok: boolean; note?: string }[]>(d.inspection.checklist) ?? [],
                violations: json<{ descriptionFa: string; severity: string; code?: string }[]>(d.inspection.violations) ?? [],
                gps: d.inspection.gps_lat === null ? null : { lat: d.inspection.gps_lat, lng: d.inspection.gps_lng!, accuracyM: d.inspection.gps_accuracy_m },
                visitedAt: d.inspection.visited_at!,
                submittedAt: d.inspection.submitted_at,
              }
            : null,
        }
      : null,
    recommendation: row.recommendation,
    recommendationNote: row.recommendation_note,
    decision: row.decision,
    decisionNote: row.decision_note,
    response: d.response
      ? {
          letterNumber: d.response.letter_number, issuedAt: d.response.issued_at, decision: d.response.decision, text: d.response.text,
          conditions: json<string[]>(d.response.conditions) ?? [], validUntil: d.response.valid_until, deliveredAt: d.response.delivered_at,
          deliveredToName: d.response.delivered_to_name,
          deliveredLetterSerial: d.response.delivered_letter_serial,
          letter: d.letter
            ? { serial: d.letter.serial, sha256: d.letter.sha256, revoked: d.letter.revoked_at !== null, downloadUrl: `/api/requests/${row.id}/letter` }
            : null,
        }
      : null,
    stepStartedAt: row.step_started_at,
    stepDueAt: row.step_due_at,
    slaState: clocks.step,
    dueAt: row.due_at,
    sla: clocks.overall,
    pausedSeconds: Number(row.paused_seconds),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    closedAt: row.closed_at,
    cancelReason: row.cancel_reason,
    availableActions: access.actions,
    can: access.can,
    timeline: d.timeline.map(presentTimelineEvent),
  };
}

export function presentCaseListItem(r: {
  id: string; tracking_code: string; service_code: string; state: string; version: number; step_started_at: string; step_due_at: string | null;
  created_at: string; updated_at: string; closed_at: string | null; service_name_fa: string; file_number: string; address: string;
  first_name: string | null; last_name: string | null; company_name: string | null; national_code: string; office_name_fa: string; district_number: number;
  due_at: string | null; paused_seconds: number; fee_paid_at: string | null;
  inspector_first_name: string | null; inspector_last_name: string | null;
}, clocks: CaseClocks) {
  const state = r.state as RequestState;
  return {
    id: r.id, trackingCode: r.tracking_code, serviceCode: r.service_code, serviceNameFa: r.service_name_fa, state,
    stateLabelFa: STATE_LABELS_FA[state], version: r.version, stepDueAt: r.step_due_at, slaState: clocks.step,
    dueAt: r.due_at, sla: clocks.overall, pausedSeconds: Number(r.paused_seconds), feePaid: r.fee_paid_at !== null, createdAt: r.created_at, updatedAt: r.updated_at,
    closedAt: r.closed_at, propertyFileNumber: r.file_number, propertyAddress: r.address, applicantName: personName(r),
    applicantNationalCode: r.national_code, officeNameFa: r.office_name_fa, districtNumber: r.district_number,
    inspectorName: r.inspector_first_name === null ? null : `${r.inspector_first_name} ${r.inspector_last_name}`,
  };
}

import type { Role } from './roles.js';

/**
 * Case states shared by every workflow. A workflow uses the subset it needs.
 * Persian labels are what the citizen and the clerk read on screen and on the public tracking page.
 */
export const REQUEST_STATES = [
  'registered', // ثبت شده در دفتر
  'inspector_assigned', // ارجاع به مامور بازدید
  'visit_scheduled', // زمان بازدید تعیین شد
  'district_review', // در حال بررسی در منطقه
  'awaiting_decision', // در انتظار تصمیم منطقه
  'returned_to_office', // بازگشت برای اصلاح
  'approved', // تایید شد
  'rejected', // رد شد
  'response_issued', // پاسخ صادر شد، آماده تحویل
  'delivered', // تحویل به مالک
  'cancelled', // لغو شد
] as const;
export type RequestState = (typeof REQUEST_STATES)[number];

/** States in which a case is its inspector's open visit (assigned, not yet visited): the load the automatic assignment balances. */
export const OPEN_VISIT_STATES: readonly RequestState[] = ['inspector_assigned', 'visit_scheduled'];

export const STATE_LABELS_FA: Record<RequestState, string> = {
  registered: 'ثبت شده در دفتر پیشخوان',
  inspector_assigned: 'ارجاع به مامور بازدید',
  visit_scheduled: 'زمان بازدید تعیین شد',
  district_review: 'در حال بررسی در شهرداری منطقه',
  awaiting_decision: 'در انتظار تصمیم شهرداری منطقه',
  returned_to_office: 'بازگشت به دفتر برای اصلاح',
  approved: 'تایید شد',
  rejected: 'رد شد',
  response_issued: 'پاسخ صادر شد؛ آماده تحویل در دفتر',
  delivered: 'پاسخ به مالک تحویل شد',
  cancelled: 'لغو شد',
};

export const STATE_LABELS_EN: Record<RequestState, string> = {
  registered: 'Registered at the office',
  inspector_assigned: 'Inspector assigned',
  visit_scheduled: 'Visit scheduled',
  district_review: 'Under review at the district',
  awaiting_decision: 'Awaiting the district decision',
  returned_to_office: 'Returned to the office for correction',
  approved: 'Approved',
  rejected: 'Rejected',
  response_issued: 'Answer issued, ready for pickup',
  delivered: 'Answer delivered to the owner',
  cancelled: 'Cancelled',
};

/** Every action a person can take on a case. Each has its own API route and request schema. */
export const REQUEST_ACTIONS = [
  'assign_inspector', // ارجاع به مامور بازدید
  'schedule_visit', // تعیین زمان بازدید
  'file_inspection_report', // ثبت گزارش بازدید
  'send_to_district', // ارسال به منطقه (خدمات بدون بازدید)
  'recommend', // نظر کارشناس منطقه
  'approve', // تایید
  'reject', // رد
  'return_for_correction', // بازگشت برای اصلاح
  'resubmit', // ارسال مجدد پس از اصلاح
  'issue_response', // صدور پاسخ نهایی
  'deliver', // تحویل پاسخ به مالک
  'cancel', // لغو
] as const;
export type RequestAction = (typeof REQUEST_ACTIONS)[number];

/** Each action's name in the case answer's `can` (camelCase, as the API's fields are): the server sets them, the case page reads them. */
export const ACTION_CAN_KEY = {
  assign_inspector: 'assignInspector',
  schedule_visit: 'scheduleVisit',
  file_inspection_report: 'fileInspectionReport',
  send_to_district: 'sendToDistrict',
  recommend: 'recommend',
  approve: 'approve',
  reject: 'reject',
  return_for_correction: 'returnForCorrection',
  resubmit: 'resubmit',
  issue_response: 'issueResponse',
  deliver: 'deliver',
  cancel: 'cancel',
} as const satisfies Record<RequestAction, string>;

/** Conditions checked against the case before an action is allowed. */
export const GUARDS = [
  'has_inspector', // an inspector is assigned
  'has_inspection_report', // the inspector's report is filed
  'has_recommendation', // the district reviewer has recommended
  'documents_complete', // every required document on the checklist is ticked
  'has_decision', // approved or rejected
  'fee_paid', // the service fee is paid at the desk (or the service is free): no inspector is sent before
] as const;
export type Guard = (typeof GUARDS)[number];

export interface Transition {
  action: RequestAction;
  from: readonly RequestState[];
  to: RequestState;
  roles: readonly Role[];
  guards?: readonly Guard[];
  /** Shown on the public timeline (citizen tracking page). */
  public: boolean;
}

export interface WorkflowDefinition {
  code: string;
  titleFa: string;
  initial: RequestState;
  terminal: readonly RequestState[];
  /** States in which the case waits on the citizen / office (SLA clock paused). */
  waitingOnApplicant: readonly RequestState[];
  transitions: readonly Transition[];
}

/** Timeline lines written by the follow-up module's automatic escalation (internal, never public). */
export const ESCALATION_ACTIONS = ['escalation.remind', 'escalation.escalate', 'escalation.reassign'] as const;
/** ثبت پرداخت: the desk's fee recorded on the case (at intake or later); internal, with the card reader's reference. */
export type TimelineAction = RequestAction | 'register' | 'followup_note' | 'record_payment' | (typeof ESCALATION_ACTIONS)[number];

/** Timeline wording for each step, as the clerk and the citizen read it. `register` is intake; `followup_note` is a chase (internal). */
export const ACTION_LABELS_FA: Record<TimelineAction, string> = {
  register: 'ثبت درخواست در دفتر پیشخوان',
  followup_note: 'پیگیری مسئول پیگیری منطقه',
  record_payment: 'ثبت پرداخت',
  'escalation.remind': 'یادآوری خودکار تأخیر به مسئول مرحله',
  'escalation.escalate': 'ارجاع خودکار تأخیر به مدیر',
  'escalation.reassign': 'ارجاع مجدد خودکار به مامور بازدید دیگر',
  assign_inspector: 'ارجاع به مامور بازدید',
  schedule_visit: 'تعیین زمان بازدید',
  file_inspection_report: 'ثبت گزارش بازدید',
  send_to_district: 'ارسال به شهرداری منطقه',
  recommend: 'اظهار نظر کارشناس منطقه',
  approve: 'تایید شهرداری منطقه',
  reject: 'رد درخواست توسط شهرداری منطقه',
  return_for_correction: 'بازگشت به دفتر برای اصلاح',
  resubmit: 'ارسال مجدد پس از اصلاح',
  issue_response: 'صدور پاسخ نهایی',
  deliver: 'تحویل پاسخ به مالک',
  cancel: 'لغو درخواست',
};

export const ACTION_LABELS_EN: Record<TimelineAction, string> = {
  register: 'Request registered at the office',
  followup_note: 'Chased by the district follow-up officer',
  record_payment: 'Fee payment recorded',
  'escalation.remind': 'Automatic reminder to the step holder (late)',
  'escalation.escalate': 'Automatically escalated to the manager (late)',
  'escalation.reassign': 'Automatically reassigned to another inspector',
  assign_inspector: 'Inspector assigned',
  schedule_visit: 'Visit scheduled',
  file_inspection_report: 'Inspection report filed',
  send_to_district: 'Sent to the district municipality',
  recommend: 'District reviewer recommended',
  approve: 'Approved by the district',
  reject: 'Rejected by the district',
  return_for_correction: 'Returned to the office for correction',
  resubmit: 'Resubmitted after correction',
  issue_response: 'Final answer issued',
  deliver: 'Answer handed to the owner',
  cancel: 'Request cancelled',
};

/**
 * The intake form (فرم ثبت درخواست) as plain data: what the clerk has filled in, the checks made
 * before sending, and the request as POST /api/requests takes it. The service's own fields are
 * checked by serviceForm.ts; this adds the rest of the page around them.
 */
import { t } from '../../i18n';
import type { Person } from '../properties/properties.queries';
import type { Problems } from '../../ui/useForm';
import type { PendingUpload } from './DocumentUploads';
import type { IntakeBody, PendingFile, ServiceDetail } from './requests.queries';
import { emptyValues, formPayload, formProblems, type FormValues } from './serviceForm';

/** What of the chosen service the form needs: its own fields and the documents it asks for. */
export type IntakeService = Pick<ServiceDetail, 'code' | 'formFields' | 'requiredDocuments'>;

/** The applicant choice for someone who is not an owner, picked by national code. */
export const OTHER_APPLICANT = 'other';

export interface IntakeValues {
  serviceCode: string | null;
  /** The service's own fields as typed, by name; a field not yet touched is missing. */
  form: FormValues;
  /** Required documents handed over, by code. */
  documents: Record<string, boolean>;
  /** An owner's person id, or OTHER_APPLICANT for `otherPerson`. */
  applicant: string;
  otherPerson: Person | null;
  uploads: PendingUpload[];
  note: string;
  /** Paid on the card reader at the desk, with the reader's reference. */
  paid: boolean;
  reference: string;
}

/** A new request for a property: no service yet, the first owner as the applicant. */
export function emptyIntake(firstOwnerId: string | undefined): IntakeValues {
  return { serviceCode: null, form: {}, documents: {}, applicant: firstOwnerId ?? OTHER_APPLICANT, otherPerson: null, uploads: [], note: '', paid: false, reference: '' };
}

/** The server's names for the fields this form keeps under its own (the rest are the same). */
const SERVER_NAMES: Record<string, string> = { applicantPersonId: 'applicant', 'payment.paid': 'paid', 'payment.reference': 'reference' };
export const intakeFieldOf = (serverField: string): string => SERVER_NAMES[serverField] ?? serverField;

/** The person the request is made for, once one is chosen. */
export const applicantIdOf = (v: IntakeValues): string | undefined => (v.applicant === OTHER_APPLICANT ? v.otherPerson?.id : v.applicant);

/** The service's fields with every one present (empty, a yes/no as "no"), as the inputs show them. */
export const serviceValues = (v: IntakeValues, service: IntakeService | undefined): FormValues => ({ ...emptyValues(service?.formFields ?? []), ...v.form });

/**
 * What is wrong before sending, under the names the server would use for it: the service's
 * fields as `form.<name>`, a document not ticked as `documents.<code>`. `service` is the chosen
 * service once loaded.
 */
export function intakeProblems(v: IntakeValues, service: IntakeService | undefined): Problems<IntakeValues> {
  const m = t.requests.validation;
  const problems: Problems<IntakeValues> = {};
  if (!v.serviceCode) problems.serviceCode = m.chooseService;
  if (service) {
    for (const [name, problem] of Object.entries(formProblems(service.formFields, serviceValues(v, service)))) problems[`form.${name}`] = problem;
    for (const d of service.requiredDocuments) if (d.required && !v.documents[d.code]) problems[`documents.${d.code}`] = m.documentsMissing;
  }
  if (!applicantIdOf(v)) problems.applicant = m.chooseApplicant;
  if (v.paid && v.reference.trim() === '') problems.reference = t.requests.intake.paymentReferenceRequired;
  return problems;
}

/** The request and its files, from a form that passed intakeProblems with the service loaded. */
export function intakeRequest(propertyId: string, v: IntakeValues, service: IntakeService): { body: IntakeBody; files: PendingFile[] } {
  const note = v.note.trim();
  const reference = v.reference.trim();
  return {
    body: {
      propertyId,
      applicantPersonId: applicantIdOf(v)!,
      serviceCode: service.code,
      form: formPayload(service.formFields, serviceValues(v, service)),
      documents: v.documents,
      ...(note ? { note } : {}),
      // A reference typed without «پرداخت شد» is sent as is: the server asks which one is meant.
      payment: reference ? { paid: v.paid, reference } : { paid: v.paid },
    },
    files: v.uploads.flatMap((u) => (u.kind && u.file ? [{ kind: u.kind, file: u.file }] : [])),
  };
}

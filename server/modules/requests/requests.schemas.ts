import { Type } from 'typebox';
import { REQUEST_ACTIONS, REQUEST_STATES } from '../../../contracts/workflow.js';
import { SPECIALTIES } from '../../../contracts/roles.js';
import { Id, IsoDate, Nullable, NullableTimestamp, PageQuery, Page, Text, Timestamp, NationalCode, Version as VersionOf } from '../../platform/schemas.js';

const State = Type.Enum(REQUEST_STATES);
const SlaStateSchema = Type.Enum(['on_time', 'at_risk', 'overdue'] as const, {
  description: 'SLA state of the current step; null when closed, untimed or waiting on the citizen (then sla is paused)',
});
const CaseSlaSchema = Type.Enum(['on_time', 'at_risk', 'overdue', 'paused'] as const, {
  description: "The whole case's clock (intake to hand-over, due at dueAt); 'paused' while waiting on the citizen; null when closed or untimed",
});
const PaymentReference = Type.String({ minLength: 1, maxLength: 40, description: "The office card reader's reference (شماره پیگیری); Persian digits accepted" });
const Version = VersionOf('The case version the caller saw (optimistic concurrency)');
const Note = Text(2000);
const Reasons = Type.Array(Text(1000, 3), { minItems: 1, maxItems: 20 });
const Clock = Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$', description: 'HH:MM, Tehran time' });

export const IntakeBody = Type.Object(
  {
    propertyId: Id,
    applicantPersonId: Id,
    serviceCode: Type.String({ minLength: 1, maxLength: 60 }),
    form: Type.Record(Type.String(), Type.Unknown(), { default: {} }),
    documents: Type.Record(Type.String(), Type.Boolean(), { default: {}, description: 'Required-documents checklist: code -> presented' }),
    note: Type.Optional(Note),
    payment: Type.Optional(
      Type.Object(
        { reference: Type.Optional(PaymentReference), paid: Type.Boolean({ description: 'true: the fee was paid at the desk (needs the reference)' }) },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

export const PaymentBody = Type.Object(
  { version: Type.Optional(Version), reference: PaymentReference },
  { additionalProperties: false },
);

export const VersionBody = Type.Object({ version: Version, note: Type.Optional(Note) }, { additionalProperties: false });
export const AssignBody = Type.Object(
  { version: Version, inspectorId: Type.Optional(Id), note: Type.Optional(Note) },
  { additionalProperties: false },
);
export const ScheduleBody = Type.Object(
  { version: Version, date: IsoDate, windowStart: Clock, windowEnd: Clock, note: Type.Optional(Note) },
  { additionalProperties: false },
);
export const ReportBody = Type.Object(
  {
    version: Version,
    findings: Text(4000, 3),
    measurements: Type.Record(Type.String({ maxLength: 40 }), Type.Number({ minimum: 0, maximum: 1_000_000 }), { default: {} }),
    checklist: Type.Array(
      Type.Object({ code: Text(60, 1), ok: Type.Boolean(), note: Type.Optional(Text(500)) }, { additionalProperties: false }),
      { maxItems: 50, default: [] },
    ),
    violations: Type.Array(
      Type.Object(
        { descriptionFa: Text(1000, 3), severity: Type.Union([Type.Literal('minor'), Type.Literal('major')]), code: Type.Optional(Text(40)) },
        { additionalProperties: false },
      ),
      { maxItems: 50, default: [] },
    ),
    gps: Type.Object(
      { lat: Type.Number({ minimum: -90, maximum: 90 }), lng: Type.Number({ minimum: -180, maximum: 180 }), accuracyM: Type.Optional(Type.Number({ minimum: 0, maximum: 100_000 })) },
      { additionalProperties: false },
    ),
    visitedAt: Timestamp,
  },
  { additionalProperties: false },
);
export const RecommendBody = Type.Object(
  { version: Version, recommendation: Type.Union([Type.Literal('approve'), Type.Literal('reject')]), note: Text(2000, 3) },
  { additionalProperties: false },
);
export const ApproveBody = Type.Object(
  { version: Version, note: Type.Optional(Note), conditions: Type.Optional(Type.Array(Text(1000, 2), { maxItems: 20 })) },
  { additionalProperties: false },
);
export const ReasonsBody = Type.Object({ version: Version, reasons: Reasons }, { additionalProperties: false });
export const ResubmitBody = Type.Object(
  {
    version: Version,
    documents: Type.Optional(Type.Record(Type.String(), Type.Boolean())),
    form: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
    note: Type.Optional(Note),
  },
  { additionalProperties: false },
);
export const IssueBody = Type.Object(
  { version: Version, text: Type.Optional(Text(4000, 3)), conditions: Type.Optional(Type.Array(Text(1000, 2), { maxItems: 20 })), validUntil: Type.Optional(IsoDate) },
  { additionalProperties: false },
);
export const DeliverBody = Type.Object(
  { version: Version, receivedByName: Text(120, 3), receivedByNationalCode: NationalCode, note: Type.Optional(Note) },
  { additionalProperties: false },
);
export const CancelBody = Type.Object({ version: Version, reason: Text(1000, 3) }, { additionalProperties: false });

export const TimelineEvent = Type.Object({
  id: Id,
  action: Type.String(),
  labelFa: Type.String(),
  labelEn: Type.String(),
  fromState: Nullable(Type.String()),
  toState: Type.String(),
  actor: Type.Object({ id: Nullable(Type.String()), name: Type.String(), role: Type.String({ description: 'the role that acted, or system for what the system did by itself (the assignment at intake)' }) }),
  note: Nullable(Type.String()),
  public: Type.Boolean(),
  data: Nullable(Type.Record(Type.String(), Type.Unknown())),
  at: Timestamp,
});

const Plate = Nullable(Type.Object({ main: Type.Integer(), sub: Nullable(Type.Integer()), registrySection: Nullable(Type.Integer()) }));

const Can = (description: string) => Type.Boolean({ description });

/**
 * What the caller may do with the case now (docs/decisions/0030-one-access-check.md): each workflow
 * action legal from the case's state for the caller's role (its guards, such as a paid fee or
 * complete documents, are checked when the action is sent), the fee's recording and adding papers.
 * The web shows exactly these and never re-derives them.
 */
export const CaseCan = Type.Object(
  {
    assignInspector: Can('POST assign-inspector'),
    scheduleVisit: Can('POST schedule-visit'),
    fileInspectionReport: Can('POST inspection-report'),
    sendToDistrict: Can('POST send-to-district'),
    recommend: Can('POST recommend'),
    approve: Can('POST approve'),
    reject: Can('POST reject'),
    returnForCorrection: Can('POST return'),
    resubmit: Can('POST resubmit'),
    issueResponse: Can('POST issue-response'),
    deliver: Can('POST deliver'),
    cancel: Can('POST cancel'),
    recordPayment: Can('POST payment: the desk records the fee while it is unpaid and the case not cancelled'),
    uploadDocument: Can('POST documents: a paper of any kind while the case is open (inspectors add their photos with the report)'),
  },
  { description: 'What the caller may do with this case now; computed on the server from the role, the workflow and the case' },
);

export const Case = Type.Object({
  id: Id,
  trackingCode: Type.String(),
  service: Type.Object({
    code: Type.String(), nameFa: Type.String(), nameEn: Type.String(), workflowCode: Type.String(),
    inspectionChecklist: Type.Array(Type.Object({ code: Type.String(), labelFa: Type.String(), labelEn: Type.String() })),
  }),
  state: State,
  stateLabelFa: Type.String(),
  stateLabelEn: Type.String(),
  version: Type.Integer(),
  office: Type.Object({ id: Id, govCode: Type.String(), nameFa: Type.String(), phone: Type.String() }),
  district: Type.Object({ id: Id, number: Type.Integer(), nameFa: Type.String() }),
  property: Type.Object({
    id: Id, fileNumber: Type.String(), address: Type.String(), postalCode: Nullable(Type.String()), renovationCode: Nullable(Type.String()),
    plate: Plate, lat: Nullable(Type.Number()), lng: Nullable(Type.Number()), landArea: Nullable(Type.Number()), landUse: Nullable(Type.String()),
    floors: Nullable(Type.Integer()), units: Nullable(Type.Integer()),
  }),
  applicant: Type.Object({ id: Id, kind: Type.String(), nationalCode: Type.String(), displayName: Type.String(), mobile: Nullable(Type.String()) }),
  form: Type.Record(Type.String(), Type.Unknown()),
  documents: Type.Record(Type.String(), Type.Boolean()),
  feeRials: Type.Integer(),
  fee: Type.Object(
    { rials: Type.Integer(), paid: Type.Boolean(), reference: Nullable(Type.String()), paidAt: NullableTimestamp },
    { description: 'The service fee taken at the desk (هزینه خدمت) and its card reader reference once paid' },
  ),
  inspector: Nullable(Type.Object({ id: Id, name: Type.String(), specialty: Nullable(Type.String()), mobile: Type.String() })),
  inspection: Nullable(
    Type.Object({
      id: Id,
      assignedAt: Timestamp,
      scheduledDate: Nullable(Type.String()),
      windowStart: Nullable(Type.String()),
      windowEnd: Nullable(Type.String()),
      report: Nullable(
        Type.Object({
          findings: Type.String(),
          measurements: Type.Record(Type.String(), Type.Number()),
          checklist: Type.Array(Type.Object({ code: Type.String(), ok: Type.Boolean(), note: Type.Optional(Type.String()) })),
          violations: Type.Array(Type.Object({ descriptionFa: Type.String(), severity: Type.String(), code: Type.Optional(Type.String()) })),
          gps: Nullable(Type.Object({ lat: Type.Number(), lng: Type.Number(), accuracyM: Nullable(Type.Number()) })),
          visitedAt: Timestamp,
          submittedAt: Timestamp,
        }),
      ),
    }),
  ),
  recommendation: Nullable(Type.String()),
  recommendationNote: Nullable(Type.String()),
  decision: Nullable(Type.String()),
  decisionNote: Nullable(Type.String()),
  response: Nullable(
    Type.Object({
      letterNumber: Type.String(), issuedAt: Timestamp, decision: Type.String(), text: Type.String(), conditions: Type.Array(Type.String()),
      validUntil: Nullable(Type.String()), deliveredAt: NullableTimestamp, deliveredToName: Nullable(Type.String()),
      deliveredLetterSerial: Nullable(Type.String({ description: 'The serial of the letter handed over' })),
      letter: Nullable(
        Type.Object(
          { serial: Type.String(), sha256: Type.String(), revoked: Type.Boolean(), downloadUrl: Type.String() },
          { description: 'The answer letter (PDF); null until it is printed (GET downloadUrl prints it if the first attempt failed)' },
        ),
      ),
    }),
  ),
  stepStartedAt: Timestamp,
  stepDueAt: NullableTimestamp,
  slaState: Nullable(SlaStateSchema),
  dueAt: NullableTimestamp,
  sla: Nullable(CaseSlaSchema),
  pausedSeconds: Type.Integer({ description: 'Wall-clock seconds spent returned to the office for correction (clock paused)' }),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  closedAt: NullableTimestamp,
  cancelReason: Nullable(Type.String()),
  availableActions: Type.Array(Type.Enum(REQUEST_ACTIONS), { description: 'The workflow actions of `can` as a list' }),
  can: CaseCan,
  timeline: Type.Array(TimelineEvent),
});

export const CaseListItem = Type.Object({
  id: Id, trackingCode: Type.String(), serviceCode: Type.String(), serviceNameFa: Type.String(), state: State, stateLabelFa: Type.String(),
  version: Type.Integer(), stepDueAt: NullableTimestamp, slaState: Nullable(SlaStateSchema),
  dueAt: NullableTimestamp, sla: Nullable(CaseSlaSchema), pausedSeconds: Type.Integer(), feePaid: Type.Boolean(), createdAt: Timestamp, updatedAt: Timestamp, closedAt: NullableTimestamp,
  propertyFileNumber: Type.String(), propertyAddress: Type.String(), applicantName: Type.String(), applicantNationalCode: Type.String(),
  officeNameFa: Type.String(), districtNumber: Type.Integer(),
  inspectorName: Nullable(Type.String({ description: 'the assigned inspector (مامور بازدید), if any' })),
});

export const CaseListQuery = PageQuery(['createdAt', 'updatedAt', 'stepDueAt', 'trackingCode'] as const, {
  state: Type.Optional(State),
  serviceCode: Type.Optional(Type.String({ maxLength: 60 })),
  officeId: Type.Optional(Id),
  districtId: Type.Optional(Id),
  q: Type.Optional(Type.String({
    minLength: 1,
    maxLength: 100,
    description: 'tracking code, national code (applicant or owner; 8-9 digits padded), postal code, registry plate main/sub[/section], file number (ISFAHAN-0000041 or its Persian form اصفهان-۴۱), or words of a name or an address; any digits, spaces and dashes ignored in codes',
  })),
  overdue: Type.Optional(Type.Boolean()),
});
/** A page of cases; `total` stops at 1,000 (LIST_COUNT_CAP), and `totalCapped` then says there are more. */
export const CaseList = Type.Object({
  ...Page(CaseListItem).properties,
  totalCapped: Type.Boolean({ description: 'true when the matches were counted only up to 1,000 and there are more: total is then 1,000' }),
});

/** One inspector who may take the case (مامور بازدید واجد شرایط), as the reassign list shows them. */
export const EligibleInspector = Type.Object({
  id: Id,
  firstName: Type.String(),
  lastName: Type.String(),
  specialty: Type.Enum(SPECIALTIES),
  district: Type.Object({ id: Id, number: Type.Integer(), nameFa: Type.String() }),
  openAssignments: Type.Integer({ description: 'open visits: cases assigned and not yet visited' }),
  current: Type.Boolean({ description: 'holds the case now; cannot be chosen again' }),
});
export const EligibleInspectorList = Type.Object({
  items: Type.Array(EligibleInspector, { description: 'active inspectors with the specialty who cover the district, lightest load first' }),
});

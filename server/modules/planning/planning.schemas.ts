import { Type } from 'typebox';
import { Id, IsoDate, Nullable, Text, Version } from '../../platform/schemas.js';

const ClockTime = Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$', description: 'HH:MM, Tehran time' });

const DistrictIds = Type.Array(Id, { minItems: 1, maxItems: 30, uniqueItems: true, description: 'the districts planned together (sharing their inspectors); a district role may name only its own' });

export const DayQuery = Type.Object(
  {
    date: IsoDate,
    districtIds: Type.Optional(Type.String({ description: 'comma-separated district ids; a district role gets its own district when absent' })),
  },
  { additionalProperties: false },
);

export const PlanBody = Type.Object(
  {
    date: IsoDate,
    districtIds: Type.Optional(DistrictIds),
    seed: Type.Optional(Type.Integer({ minimum: 1, maximum: 2 ** 31 - 1, description: 'the same seed and the same data give the same plan' })),
  },
  { additionalProperties: false },
);

export const MoveBody = Type.Object(
  {
    planVersion: Version("The day plan's version the caller saw"),
    requestId: Id,
    inspectorId: Id,
    position: Type.Integer({ minimum: 0, maximum: 100, description: "the visit's place in the inspector's route, 0 = first" }),
  },
  { additionalProperties: false },
);

export const PlanParams = Type.Object({ planId: Id }, { additionalProperties: false });

/** Why a visit is not in the plan, in the planner's words (the web says each in Persian). */
export const PlanReason = Type.Union(
  ['no-location', 'changed-meanwhile', 'unknown-vehicle', 'no-vehicle-with-skill', 'outside-coverage', 'over-capacity', 'window-unreachable', 'no-room'].map((r) => Type.Literal(r)),
);

const Point = Type.Object({ lat: Type.Number(), lng: Type.Number() });

const VisitFacts = {
  requestId: Id,
  trackingCode: Type.String(),
  serviceNameFa: Type.String(),
  districtId: Id,
  districtNumber: Type.Integer(),
  address: Type.String(),
  lat: Nullable(Type.Number()),
  lng: Nullable(Type.Number()),
  minutes: Type.Integer({ description: 'expected time on site' }),
  specialty: Nullable(Type.String()),
  /** A confirmed appointment (the owner was told): its window is kept by every plan. */
  appointment: Nullable(Type.Object({ date: IsoDate, windowStart: ClockTime, windowEnd: ClockTime })),
  /** The date the owner proposed from the portal, if any. */
  proposedDate: Nullable(IsoDate),
  applicantName: Type.String(),
  applicantMobile: Nullable(Type.String()),
  state: Type.String(),
  version: Type.Integer(),
};

export const Stop = Type.Object({
  ...VisitFacts,
  arrive: ClockTime,
  start: ClockTime,
  end: ClockTime,
  /** The report is filed (the visit is done). */
  done: Type.Boolean(),
  /** The case left the plan's reach since it was planned (cancelled, reassigned by hand, moved to another day). */
  stale: Type.Boolean(),
});

export const Route = Type.Object({
  inspectorId: Id,
  name: Type.String(),
  specialty: Nullable(Type.String()),
  districtId: Id,
  districtNumber: Type.Integer(),
  cap: Type.Integer(),
  base: Point,
  shiftStart: ClockTime,
  shiftEnd: ClockTime,
  /** Back at base. */
  returnAt: ClockTime,
  travelMinutes: Type.Number(),
  stops: Type.Array(Stop),
});

export const DayPlan = Type.Object({
  date: IsoDate,
  districtIds: Type.Array(Id),
  /** Null on a Friday or holiday: nobody works, nothing is planned. */
  shift: Nullable(Type.Object({ start: ClockTime, end: ClockTime })),
  plan: Nullable(
    Type.Object({
      id: Id,
      version: Type.Integer(),
      seed: Type.Integer(),
      plannedAt: Type.String({ format: 'date-time' }),
      plannedBy: Type.String(),
      travelMinutes: Type.Number(),
    }),
  ),
  routes: Type.Array(Route),
  unassigned: Type.Array(Type.Object({ ...VisitFacts, reason: PlanReason })),
  /** Visits waiting for the day that the plan does not hold (added since it was made): re-plan to place them. */
  notPlanned: Type.Array(Type.Object(VisitFacts)),
  inspectorsOff: Type.Array(Type.Object({ inspectorId: Id, name: Type.String(), kind: Type.String(), note: Nullable(Type.String()) })),
  totals: Type.Object({ visits: Type.Integer(), planned: Type.Integer(), unassigned: Type.Integer(), done: Type.Integer(), inspectors: Type.Integer() }),
});

export const WindowsQuery = Type.Object({ date: Type.Optional(IsoDate) }, { additionalProperties: false });

export const Windows = Type.Object({
  date: IsoDate,
  windows: Type.Array(
    Type.Object({
      windowStart: ClockTime,
      windowEnd: ClockTime,
      /** The planner can keep this window with the inspectors on duty and the visits already promised. */
      available: Type.Boolean(),
    }),
  ),
});

export const ConfirmBody = Type.Object(
  { version: Version("The case version the caller saw"), date: IsoDate, windowStart: ClockTime, windowEnd: ClockTime },
  { additionalProperties: false },
);

export const LeaveBody = Type.Object(
  {
    inspectorId: Id,
    from: IsoDate,
    to: IsoDate,
    kind: Type.Union([Type.Literal('leave'), Type.Literal('sick'), Type.Literal('training')]),
    note: Type.Optional(Text(500)),
  },
  { additionalProperties: false },
);

export const Leave = Type.Object({
  id: Id,
  inspectorId: Id,
  inspectorName: Type.String(),
  from: IsoDate,
  to: IsoDate,
  kind: Type.String(),
  note: Nullable(Type.String()),
});

export const LeaveQuery = Type.Object({ districtId: Type.Optional(Id), from: Type.Optional(IsoDate) }, { additionalProperties: false });
export const LeaveList = Type.Object({
  items: Type.Array(Leave),
  /** Plans re-made because of this change (the days it touches that had a plan). */
  replanned: Type.Optional(Type.Array(IsoDate)),
});

export const InspectorQuery = Type.Object({ districtId: Type.Optional(Id) }, { additionalProperties: false });
export const InspectorSettings = Type.Object({
  id: Id,
  name: Type.String(),
  specialty: Nullable(Type.String()),
  districtId: Id,
  districtNumber: Type.Integer(),
  coversDistrictIds: Type.Array(Id),
  dailyCap: Type.Integer(),
  startsFrom: Type.Union([Type.Literal('office'), Type.Literal('home')]),
  home: Nullable(Point),
});
export const InspectorList = Type.Object({ items: Type.Array(InspectorSettings) });
export const InspectorPatch = Type.Object(
  {
    coversDistrictIds: Type.Optional(Type.Array(Id, { maxItems: 30, uniqueItems: true })),
    dailyCap: Type.Optional(Type.Integer({ minimum: 1, maximum: 40 })),
    startsFrom: Type.Optional(Type.Union([Type.Literal('office'), Type.Literal('home')])),
    home: Type.Optional(Nullable(Type.Object({ lat: Type.Number({ minimum: 24, maximum: 40 }), lng: Type.Number({ minimum: 44, maximum: 64 }) }, { additionalProperties: false }))),
  },
  { additionalProperties: false },
);

/** The inspector's own day on the phone: the plan's order and times, then any visit of theirs the plan does not hold. */
export const MyDay = Type.Object({
  date: IsoDate,
  shift: Nullable(Type.Object({ start: ClockTime, end: ClockTime })),
  base: Nullable(Point),
  stops: Type.Array(Type.Object({ ...Stop.properties, routeUrl: Type.String({ description: 'directions from the previous stop (OpenStreetMap)' }), geoUrl: Nullable(Type.String()) })),
  progress: Type.Object({ done: Type.Integer(), total: Type.Integer() }),
});
export const MyDayQuery = Type.Object({ date: Type.Optional(IsoDate) }, { additionalProperties: false });

/** The follow-up officer's view: per inspector, what was planned for the day and what is done. */
export const Progress = Type.Object({
  date: IsoDate,
  items: Type.Array(
    Type.Object({
      inspectorId: Id,
      name: Type.String(),
      districtNumber: Type.Integer(),
      planned: Type.Integer(),
      done: Type.Integer(),
      /** Planned visits whose planned end has passed with no report. */
      late: Type.Integer(),
      nextStop: Nullable(Type.Object({ trackingCode: Type.String(), start: ClockTime, address: Type.String() })),
    }),
  ),
});
export const ProgressQuery = Type.Object({ date: IsoDate, districtId: Type.Optional(Id) }, { additionalProperties: false });

export const Confirmed = Type.Object({
  requestId: Id,
  state: Type.String(),
  version: Type.Integer(),
  appointment: Type.Object({ date: IsoDate, windowStart: ClockTime, windowEnd: ClockTime }),
});

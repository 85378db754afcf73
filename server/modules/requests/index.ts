/**
 * The requests module's face to the rest of the server (decision 0031): its routes; intake of a
 * case for an API client (inquiries, Open311); what follow-up needs to act on a late case; the
 * timeline as the public and citizens see it; the answer letter; the days a visit may be set for;
 * the inspectors' open visits counted again after a bulk load.
 */
export { requestsRoutes } from './requests.routes.js';
export { requestLetterRoutes } from './requests.letter.routes.js';
export { lightestDeskQuery, openCaseForClient } from './requests.intake.js';
export { addTimeline } from './requests.engine.js';
export { assignInspector, inspectorsForCase, scheduleVisit } from './requests.actions.js';
export { ensureSystemStaff } from './requests.system.js';
export { activeInspectorsByLoad, caseForStepQuery, caseListQueries, casePageQuery, intakeFactsQuery, listTimeline, rebuildOpenVisits, timelineQuery } from './requests.queries.js';
export { personName, presentTimelineEvent, timelineLabels } from './requests.present.js';
export { answerLetterFile, answerLetterRecord, answerLetterState, downloadCitizenLetter } from './requests.letter.js';
export { openVisitDays } from './requests.visits.js';
export { caseAccess, type CaseAccess } from './requests.policy.js';

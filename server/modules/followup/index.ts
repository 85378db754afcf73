/** The follow-up module's face to the rest of the server (decision 0031): its routes, and the escalation and digest runs main.ts schedules. */
export { followupRoutes } from './followup.routes.js';
export { runEscalations, sendDailyDigests } from './followup.escalation.js';

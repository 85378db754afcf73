/**
 * The notifications module's face to the rest of the server (decision 0031): its routes, the
 * outbox worker main.ts runs, the SMS provider the config names (the interface is platform/sms.ts),
 * and the messages' wording; the due rows' query for the plan check.
 */
export { notificationsRoutes } from './notifications.routes.js';
export { deliverDue, dueOutboxQuery } from './notifications.worker.js';
export { logFileProvider, smsProviderFrom } from './sms.js';
export { renderSms } from './notifications.templates.js';

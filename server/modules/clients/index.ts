/**
 * The clients module's face to the rest of the server (decision 0031): its routes (the admin's and
 * the client's own), the open API's key check for other modules' API routes, and webhooks
 * (queued by the domains, delivered by main.ts's poller).
 */
export { clientsApiRoutes, clientsRoutes } from './clients.routes.js';
export { apiKeyQuery, callerForKey, callerOf, clientRateLimit, registerApiAudit, registerApiAuth, requireScope, type ApiCaller } from './clients.auth.js';
export { deliverWebhooks, enqueueWebhook } from './clients.webhooks.js';

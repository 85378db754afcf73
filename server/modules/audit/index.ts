/** The audit module's face to the rest of the server (decision 0031): its routes, and the diff every admin edit records. */
export { auditRoutes } from './audit.routes.js';
export { auditChanges } from './audit.service.js';

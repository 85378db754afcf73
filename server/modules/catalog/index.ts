/**
 * The catalog's face to the rest of the server (decision 0031): its routes, the services (data),
 * the workflows (transition tables) and the form check.
 */
export { catalogRoutes } from './catalog.routes.js';
export { validateCatalog } from './catalog.service.js';
export { findService, listServices } from './catalog.queries.js';
export { SERVICES, type ChecklistItem, type FormField, type FormFieldType, type RequiredDocument, type ServiceDefinition } from './services.data.js';
export { OPEN_STATES, TERMINAL_STATES, WORKFLOWS, availableActions, checkTransition, getWorkflow, type CaseFacts } from './workflows.js';
export { validateForm } from './form.js';

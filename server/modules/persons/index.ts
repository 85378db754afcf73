/**
 * The persons module's face to the rest of the server (decision 0031): its routes, a person's name
 * as shown, persons in the caller's scope, and the hook a module registers to follow renames.
 */
export { personsRoutes } from './persons.routes.js';
export { PersonSummary } from './persons.schemas.js';
export { displayName, type NameFields } from './persons.names.js';
export { findPersonsInScope, type Paging } from './persons.queries.js';
export { whenPersonRenamed } from './persons.service.js';

/** The inspections module's face to the rest of the server (decision 0031): its routes, and the visit list's queries for the plan check. */
export { inspectionsRoutes } from './inspections.routes.js';
export { myVisitsQueries } from './inspections.queries.js';

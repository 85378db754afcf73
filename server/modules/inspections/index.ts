/** The inspections module's face to the rest of the server (decision 0031): its routes. */
export { inspectionsRoutes } from './inspections.routes.js';

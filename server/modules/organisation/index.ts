/** The organisation module's face to the rest of the server (decision 0031): its routes, and an office by id. */
export { organisationRoutes } from './organisation.routes.js';
export { findOffice } from './organisation.queries.js';

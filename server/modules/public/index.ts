/** The public tracking module's face to the rest of the server (decision 0031): its routes, and its lookup's query for the plan check. */
export { publicRoutes } from './public.routes.js';
export { trackedRequestQuery } from './public.queries.js';

/** The documents module's face to the rest of the server (decision 0031): its routes, and who may add papers to a case in which state (the case page shows it). */
export { documentsRoutes } from './documents.routes.js';
export { addsPapers } from './documents.rules.js';

/** The documents module's face to the rest of the server (decision 0031): its routes. */
export { documentsRoutes } from './documents.routes.js';

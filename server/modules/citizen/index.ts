/** The citizen module's face to the rest of the server (decision 0031): its routes. */
export { citizenRoutes } from './citizen.routes.js';

/** The planning module's face (decision 0031): its routes. */
export { planningRoutes } from './planning.routes.js';

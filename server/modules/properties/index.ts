/** The properties module's face to the rest of the server (decision 0031): its routes. */
export { propertiesRoutes } from './properties.routes.js';

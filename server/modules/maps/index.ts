/** The maps module's face to the rest of the server (decision 0031): the map settings route (issue 13). */
export { mapsRoutes } from './maps.routes.js';

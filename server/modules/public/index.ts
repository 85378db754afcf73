/** The public tracking module's face to the rest of the server (decision 0031): its routes. */
export { publicRoutes } from './public.routes.js';

/** The Open311 module's face to the rest of the server (decision 0031): its routes. */
export { open311Routes } from './open311.routes.js';

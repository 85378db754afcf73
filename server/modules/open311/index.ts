/** The Open311 module's face to the rest of the server (decision 0031): its routes, and its refusals of addresses no route can read. */
export { open311Routes } from './open311.routes.js';
export { isOpen311Url, open311FrameworkErrors } from './open311.format.js';

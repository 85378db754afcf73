/** The auth module's face to the rest of the server (decision 0031): its routes, and the password rules staff accounts share. */
export { authRoutes } from './auth.routes.js';
export { hashPassword } from './auth.service.js';
export { passwordProblem } from './auth.password.js';

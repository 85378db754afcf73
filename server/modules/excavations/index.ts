/** The excavations module's face to the rest of the server (decision 0031): its routes, and its letter's record (migration 0050). */
export { excavationsRoutes } from './excavations.routes.js';
export { permitLetterRecord } from './excavations.letter.js';

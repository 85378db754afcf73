/** The planning module's face (decision 0031): its routes, and the reminder the day before a visit (main.ts polls it). */
export { planningRoutes } from './planning.routes.js';
export { remindAppointments } from './planning.reminders.js';

/** The calendar module's face to the rest of the server (decision 0031): its routes, a city's holidays, the yearly lists. */
export { calendarRoutes } from './calendar.routes.js';
export { loadHolidays } from './calendar.service.js';
export { holidayCalendarQuery } from './calendar.queries.js';
export { remindHolidayLists, writeYearList } from './calendar.lists.js';

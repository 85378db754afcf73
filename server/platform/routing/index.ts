/** The routing solver's face (decision 0034): the problem's types, the solver, the independent check, travel times. */
export type * from './routing.types.js';
export { solve } from './routing.solver.js';
export { checkSolution, replayRoute, type ReplayedRoute, type Violation } from './routing.check.js';
export { haversineTravel, osrmTravel, travelFromConfig, TravelTimeError, type TravelTimes } from './routing.travel.js';

/**
 * The rollups' face to the rest of the server (decision 0031): the write path requests calls in the
 * transaction of each change, the rebuild, and the percentile the dashboards read.
 */
export {
  DESK_STEPS, addDeskStep, addHistogram, addHistograms, addSteps, countInquiries, countVisits, emptyDeskSteps, emptyHistogram, sealDeskMonths, histogramText, percentileOf, rebuildRollups, rollupChanges, rollupIntake, rollupPayment, rollupTransition, sealCounts, sealStepMonths, writeRollups, type DeskSteps, type Histogram, type RollupChanges,
} from './rollups.js';
